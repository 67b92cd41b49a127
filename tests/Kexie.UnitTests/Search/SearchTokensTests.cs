using System.Text;
using System.Text.RegularExpressions;
using Kexie.Web.Platform.Search;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Search;

public class SearchTokensTests
{
    private static HashSet<string> IndexSet(params string?[] fields) =>
        SearchTokens.ForIndex(fields).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// What the database does: the document matches when it holds every query token – a unigram as itself or as the prefix of
    /// a bigram (<c>b0ffx:* | u0ffx</c>).
    /// </summary>
    private static bool IndexMatches(SearchQuery query, params string?[] fields) => !query.IsEmpty && Holds(IndexSet(fields), query);

    private static bool Holds(HashSet<string> index, SearchQuery query) =>
        query.Tokens.All(t => index.Contains(t) || (SearchTokens.BigramPrefix(t) is { } prefix && index.Any(i => i.StartsWith(prefix, StringComparison.Ordinal))));

    [Fact]
    public void Normalize_folds_full_width_and_latin_case_but_not_traditional_characters()
    {
        SearchTokens.Normalize("ＡＩ芯片").ShouldBe("ai芯片");
        SearchTokens.Normalize("ＧＢ／Ｔ　７７１４").ShouldBe("gb/t 7714");
        SearchTokens.Normalize("電池").ShouldBe("電池");
        SearchTokens.Normalize(null).ShouldBe(string.Empty);
    }

    [Fact]
    public void Normalize_never_throws_on_lone_surrogates()
    {
        SearchTokens.Normalize("电\uD800池").ShouldBe("电\uFFFD池");
        SearchTokens.Normalize("\uDC00").ShouldBe("\uFFFD");
        SearchTokens.ForIndex("电\uD800池").ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Index_tokens_come_distinct_and_in_byte_order()
    {
        var tokens = SearchTokens.ForIndex("水稻育种 abc 育种水稻 ㄅ𠀀z9", "水稻").Split(' ');
        tokens.ShouldBe(tokens.Order(StringComparer.Ordinal).Distinct().ToArray());
        tokens.First().ShouldStartWith("b");
        tokens.Last().ShouldStartWith("u");
    }

    [Fact]
    public void Tokens_are_lower_case_ascii_alphanumeric_words_separated_by_single_spaces()
    {
        var index = SearchTokens.ForIndex("中国科协 AI芯片 GB/T 7714-2015，Ｃ９１９大飞机〇𠀀", "第二字段 5G");

        Regex.IsMatch(index, "^[a-z0-9]+( [a-z0-9]+)*$").ShouldBeTrue(index);
        index.Split(' ').ShouldAllBe(t => Regex.IsMatch(t, "^(u[0-9a-z]{4}|b[0-9a-z]{8})$"));
        index.Split(' ').Length.ShouldBe(index.Split(' ').Distinct().Count());
    }

    [Fact]
    public void The_highlighters_fast_path_agrees_with_Normalize_for_every_character_it_takes()
    {
        var taken = 0;
        for (var c = 1; c <= 0xFFFF; c++)
        {
            if (char.IsSurrogate((char)c)) continue;
            var stable = SearchTokens.StableChar((char)c);
            if (stable == '\0') continue;
            taken++;
            SearchTokens.Normalize(((char)c).ToString()).ShouldBe(stable.ToString(), $"U+{c:X4}");
        }

        taken.ShouldBe(127 + (0x9FFF - 0x4E00 + 1));
        SearchTokens.Highlight("ＡＩ芯片，Ab电池", ["ai", "b电"]).ShouldBe("<mark>ＡＩ</mark>芯片，A<mark>b电</mark>池");
    }

    [Fact]
    public void Unigram_encodes_the_code_point_in_four_base36_digits()
    {
        // 中 = U+4E2D = 20013 = 15·36² + 15·36 + 33
        SearchTokens.Unigram(new Rune('中')).ShouldBe("u0ffx");
        SearchTokens.Unigram(new Rune('a')).ShouldBe("u002p");
        SearchTokens.Unigram(new Rune(0x10FFFF)).ShouldBe("unvnj");
        SearchTokens.Bigram(new Rune('a'), new Rune('中')).ShouldBe("b002p0ffx");
    }

    [Fact]
    public void Index_has_every_overlapping_bigram_of_a_run_and_the_unigram_of_its_last_character()
    {
        IndexSet("电池组").ShouldBe(new[]
        {
            SearchTokens.Bigram(new Rune('电'), new Rune('池')),
            SearchTokens.Bigram(new Rune('池'), new Rune('组')),
            SearchTokens.Unigram(new Rune('组')),
        }, ignoreOrder: true);
        IndexSet("电", "a芯").ShouldBe(new[]
        {
            SearchTokens.Unigram(new Rune('电')),
            SearchTokens.Bigram(new Rune('a'), new Rune('芯')),
            SearchTokens.Unigram(new Rune('芯')),
        }, ignoreOrder: true);
    }

    [Fact]
    public void A_one_character_query_matches_its_unigram_or_a_bigram_starting_with_it()
    {
        var dian = SearchTokens.Unigram(new Rune('电'));
        SearchTokens.BigramPrefix(dian).ShouldBe("b" + dian[1..]);
        SearchTokens.BigramPrefix(SearchTokens.Bigram(new Rune('电'), new Rune('池'))).ShouldBeNull();

        IndexMatches(SearchTokens.Parse("电"), "电池").ShouldBeTrue(); // first of a run: only its bigram holds it
        IndexMatches(SearchTokens.Parse("池"), "电池").ShouldBeTrue(); // last of a run: its unigram
        IndexMatches(SearchTokens.Parse("组"), "电池").ShouldBeFalse();
        IndexMatches(SearchTokens.Parse("池"), "池塘", "电").ShouldBeTrue();

        var query = SearchTokens.Parse("电 gb/t");
        var gb = SearchTokens.Bigram(new Rune('g'), new Rune('b'));
        var t = SearchTokens.Unigram(new Rune('t'));
        query.ToPostgresTsQuery().ShouldBe($"(b{dian[1..]}:* | {dian}) & {gb} & (b{t[1..]}:* | {t})");
        query.ToFts5Match().ShouldBe($"(\"b{dian[1..]}\"* OR \"{dian}\") AND \"{gb}\" AND (\"b{t[1..]}\"* OR \"{t}\")");
    }

    [Fact]
    public void Separators_and_field_boundaries_do_not_form_bigrams()
    {
        IndexSet("电，池").ShouldNotContain(SearchTokens.Bigram(new Rune('电'), new Rune('池')));
        IndexSet("电 池").ShouldNotContain(SearchTokens.Bigram(new Rune('电'), new Rune('池')));
        IndexSet("电", "池").ShouldNotContain(SearchTokens.Bigram(new Rune('电'), new Rune('池')));
        SearchTokens.ForIndex(null, "", "  ，。").ShouldBe(string.Empty);
    }

    [Theory]
    [InlineData("农业", "市农业农村局组织开展现代农业技术培训")]
    [InlineData("育种", "我市专家在水稻育种领域取得重要进展")]
    [InlineData("电池", "钠离子电池产业化研讨会在高新区召开")]
    [InlineData("钠离子电池", "关于钠离子电池关键材料的研究报告")]
    [InlineData("农", "现代农业")]
    [InlineData("5G", "推进5G基站建设")]
    [InlineData("AI芯片", "国产AI芯片发展论坛")]
    [InlineData("ai芯片", "国产ＡＩ芯片发展论坛")]
    [InlineData("C919", "国产大飞机C919首次商业飞行")]
    [InlineData("c9", "国产大飞机C919首次商业飞行")]
    [InlineData("919首", "国产大飞机C919首次商业飞行")]
    [InlineData("GB/T", "参考文献格式遵循GB/T 7714-2015")]
    [InlineData("7714-2015", "参考文献格式遵循GB/T 7714-2015")]
    [InlineData("〇", "二〇二四年")]
    [InlineData("𠀀", "罕见字𠀀测试")]
    [InlineData("农业 培训", "市农业农村局组织开展现代农业技术培训")]
    public void Substring_queries_inside_longer_text_are_found(string query, string text)
    {
        var parsed = SearchTokens.Parse(query);

        parsed.IsEmpty.ShouldBeFalse();
        IndexMatches(parsed, text).ShouldBeTrue();
        parsed.Matches(text).ShouldBeTrue();
    }

    [Theory]
    [InlineData("農業", "现代农业技术")]
    [InlineData("电池", "電池")]
    [InlineData("育种", "培育新品种")]
    [InlineData("5G", "G5")]
    public void Unrelated_text_is_not_found(string query, string text) =>
        IndexMatches(SearchTokens.Parse(query), text).ShouldBeFalse();

    [Fact]
    public void Traditional_and_simplified_are_different()
    {
        SearchTokens.Parse("電池").Tokens.ShouldNotBe(SearchTokens.Parse("电池").Tokens);
        IndexMatches(SearchTokens.Parse("電池"), "电池").ShouldBeFalse();
        IndexMatches(SearchTokens.Parse("電池"), "電池").ShouldBeTrue();
    }

    [Fact]
    public void Full_width_and_upper_case_latin_equal_lower_case_half_width()
    {
        SearchTokens.Parse("ＡＩ").Tokens.ShouldBe(SearchTokens.Parse("ai").Tokens);
        SearchTokens.Parse("ＡＩ").Terms.ShouldBe(new[] { "ai" });
        SearchTokens.ForIndex("ＡＩ芯片").ShouldBe(SearchTokens.ForIndex("Ai芯片"));
        IndexMatches(SearchTokens.Parse("ai"), "ＡＩ").ShouldBeTrue();
    }

    [Fact]
    public void Parse_uses_the_unigram_for_one_character_and_bigrams_for_longer_runs()
    {
        SearchTokens.Parse("电").Tokens.ShouldBe(new[] { SearchTokens.Unigram(new Rune('电')) });
        SearchTokens.Parse("电池组").Tokens.ShouldBe(new[]
        {
            SearchTokens.Bigram(new Rune('电'), new Rune('池')),
            SearchTokens.Bigram(new Rune('池'), new Rune('组')),
        });
        SearchTokens.Parse("AI芯片").Tokens.ShouldBe(new[]
        {
            SearchTokens.Bigram(new Rune('a'), new Rune('i')),
            SearchTokens.Bigram(new Rune('i'), new Rune('芯')),
            SearchTokens.Bigram(new Rune('芯'), new Rune('片')),
        });
        SearchTokens.Parse("GB/T").Tokens.ShouldBe(new[]
        {
            SearchTokens.Bigram(new Rune('g'), new Rune('b')),
            SearchTokens.Unigram(new Rune('t')),
        });
    }

    [Fact]
    public void Parse_splits_on_any_whitespace_and_drops_duplicates_and_punctuation_only_terms()
    {
        var query = SearchTokens.Parse("  农业\u3000育种\t农业 ， / 电池 ");

        query.Terms.ShouldBe(new[] { "农业", "育种", "电池" });
        query.TermTokens.Count.ShouldBe(3);
        query.ToString().ShouldBe("农业 育种 电池");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \u3000 ")]
    [InlineData("，。/ - !")]
    public void Blank_or_punctuation_only_input_is_empty(string? input)
    {
        var query = SearchTokens.Parse(input);

        query.IsEmpty.ShouldBeTrue();
        query.Tokens.ShouldBeEmpty();
        query.ToPostgresTsQuery().ShouldBe(string.Empty);
        query.ToFts5Match().ShouldBe(string.Empty);
        query.Matches("任何内容").ShouldBeFalse();
    }

    [Fact]
    public void Database_query_strings_and_all_tokens_together()
    {
        var query = SearchTokens.Parse("农业 5G");
        var nong = SearchTokens.Bigram(new Rune('农'), new Rune('业'));
        var fiveG = SearchTokens.Bigram(new Rune('5'), new Rune('g'));

        query.ToPostgresTsQuery().ShouldBe($"{nong} & {fiveG}");
        query.ToFts5Match().ShouldBe($"\"{nong}\" AND \"{fiveG}\"");
    }

    [Theory]
    [InlineData("电", true)]
    [InlineData("电池", true)]
    [InlineData("5g", true)]
    [InlineData("电池 农业", true)]
    [InlineData("电池组", false)]
    [InlineData("gb/t", false)]
    [InlineData("c++", false)]
    public void IsExact_only_when_tokens_are_equivalent_to_the_substring(string input, bool exact) =>
        SearchTokens.Parse(input).IsExact.ShouldBe(exact);

    [Fact]
    public void Superset_rows_are_removed_by_the_post_filter()
    {
        var query = SearchTokens.Parse("电池电");

        IndexMatches(query, "电池，池电").ShouldBeTrue(); // the index over-matches …
        query.Matches("电池，池电").ShouldBeFalse(); // … and the post-filter removes it
    }

    [Fact]
    public void Terms_and_tokens_are_capped()
    {
        var many = string.Join(' ', Enumerable.Range(0, 40).Select(i => "词" + i));
        SearchTokens.Parse(many).Terms.Count.ShouldBe(SearchTokens.MaxTerms);

        var longTerm = new string(Enumerable.Range(0, 100).Select(i => (char)('一' + i)).ToArray());
        SearchTokens.Parse(longTerm).Tokens.Count.ShouldBe(SearchTokens.MaxTokensPerTerm);
    }

    [Fact]
    public void Matches_accepts_terms_spread_over_fields_but_not_across_a_field_boundary()
    {
        var query = SearchTokens.Parse("农业 育种");

        query.Matches("农业专家", "研究方向：水稻育种").ShouldBeTrue();
        query.Matches("农业专家", null).ShouldBeFalse();
        SearchTokens.Parse("家研").Matches("农业专家", "研究方向").ShouldBeFalse();
        IndexMatches(SearchTokens.Parse("家研"), "农业专家", "研究方向").ShouldBeFalse();
    }

    /// <summary>
    /// Property: whenever the normalised field contains the normalised query (a <c>LIKE '%q%'</c> hit),
    /// every token of <c>Parse(q)</c> is among <c>ForIndex(field)</c> – recall 1.0. And when the query is
    /// exact, the converse holds too.
    /// </summary>
    [Fact]
    public void Property_index_lookup_never_misses_a_substring_match()
    {
        const string alphabet = "中国科协农业育种电池钠离子芯片技术研究院会员专家学术大飞机电" + "aAbBcCgGtT0159ＡＧ５" + " /-，·";
        var random = new Random(20240611);
        var hits = 0;
        var exactChecks = 0;
        for (var iteration = 0; iteration < 4000; iteration++)
        {
            var field = RandomString(random, alphabet, random.Next(0, 25));
            var normalisedField = SearchTokens.Normalize(field);
            var index = IndexSet(field);

            for (var q = 0; q < 4; q++)
            {
                var length = random.Next(1, 7);
                string query;
                if (random.Next(3) > 0 && normalisedField.Length >= length)
                {
                    // A real substring of the normalised text (so it is a LIKE hit by construction).
                    var start = random.Next(0, normalisedField.Length - length + 1);
                    query = normalisedField.Substring(start, length);
                    if (random.Next(2) == 0)
                    {
                        query = query.ToUpperInvariant();
                    }
                }
                else
                {
                    query = RandomString(random, alphabet, length);
                }

                var parsed = SearchTokens.Parse(query);
                var normalisedQuery = SearchTokens.Normalize(query);
                var likeHit = normalisedField.Contains(normalisedQuery, StringComparison.Ordinal);
                var tokenHit = Holds(index, parsed);

                if (likeHit)
                {
                    hits++;
                    tokenHit.ShouldBeTrue($"false negative: field «{field}» query «{query}»");
                    if (!parsed.IsEmpty)
                    {
                        parsed.Matches(field).ShouldBeTrue($"post-filter rejects «{query}» in «{field}»");
                    }
                }

                if (parsed.IsExact && !parsed.IsEmpty && tokenHit)
                {
                    exactChecks++;
                    parsed.Matches(field).ShouldBeTrue($"exact query «{query}» over-matched «{field}»");
                }
            }
        }

        hits.ShouldBeGreaterThan(5000);
        exactChecks.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void Highlight_wraps_matches_in_mark_and_encodes_everything_else()
    {
        var html = SearchTokens.Highlight("<b>国产ＡＩ芯片</b> & ai", ["ai", "芯片"]);

        html.ShouldBe("&lt;b&gt;国产<mark>ＡＩ芯片</mark>&lt;/b&gt; &amp; <mark>ai</mark>");
    }

    [Fact]
    public void Highlight_encodes_markup_inside_matches_and_without_terms()
    {
        SearchTokens.Highlight("a<b", ["a<b"]).ShouldBe("<mark>a&lt;b</mark>");
        SearchTokens.Highlight("<script>", []).ShouldBe("&lt;script&gt;");
        SearchTokens.Highlight(null, ["x"]).ShouldBe(string.Empty);
    }

    [Fact]
    public void FindHighlights_returns_merged_spans_in_original_coordinates()
    {
        var text = "钠离子电池与锂电池，ＡＩ";

        var spans = SearchTokens.FindHighlights(text, ["电池", "离子电", "ai"]);

        spans.ShouldBe(new[]
        {
            new HighlightSpan(1, 4), // 离子电池 (overlapping matches merged)
            new HighlightSpan(7, 2), // 电池
            new HighlightSpan(10, 2), // ＡＩ
        });
    }

    [Fact]
    public void FindHighlights_handles_expanding_normalisation_and_surrogate_pairs()
    {
        // ㍿ (one char) normalises to 株式会社 (four); 𠀀 is a surrogate pair.
        SearchTokens.FindHighlights("A㍿B", ["式会"]).ShouldBe(new[] { new HighlightSpan(1, 1) });
        SearchTokens.FindHighlights("字𠀀字", ["𠀀"]).ShouldBe(new[] { new HighlightSpan(1, 2) });
        SearchTokens.FindHighlights("电池", []).ShouldBeEmpty();
    }

    [Fact]
    public void Score_ranks_exact_name_over_prefix_over_contains_over_other_fields()
    {
        var query = SearchTokens.Parse("电池");

        var exact = SearchTokens.Score(query, "电池");
        var prefix = SearchTokens.Score(query, "电池研究所");
        var contains = SearchTokens.Score(query, "钠离子电池研究所");
        var other = SearchTokens.Score(query, "新能源研究所", "主要方向：钠离子电池");
        var none = SearchTokens.Score(query, "新能源研究所", "光伏");

        exact.ShouldBeGreaterThan(prefix);
        prefix.ShouldBeGreaterThan(contains);
        contains.ShouldBeGreaterThan(other);
        other.ShouldBeGreaterThan(none);
        none.ShouldBe(0);
    }

    [Fact]
    public void Score_tiers_dominate_all_lower_tiers_combined()
    {
        var terms = string.Join(' ', Enumerable.Range(0, SearchTokens.MaxTerms).Select(i => "词" + (char)('a' + i)));
        var query = SearchTokens.Parse(terms);
        var allContained = "前" + string.Concat(query.Terms);

        // One name prefix beats every term contained in the name; one name hit beats every term in other fields.
        SearchTokens.Score(SearchTokens.Parse("电池"), "电池研究").ShouldBeGreaterThan(SearchTokens.Score(query, allContained));
        SearchTokens.Score(SearchTokens.Parse("电池"), "钠电池").ShouldBeGreaterThan(SearchTokens.Score(query, "无关", allContained));
        SearchTokens.Score(SearchTokens.Parse("ＡＩ 芯片"), "ai芯片").ShouldBeGreaterThanOrEqualTo(1_000_000);
        SearchTokens.Score(SearchQuery.Empty, "电池").ShouldBe(0);
    }

    private static string RandomString(Random random, string alphabet, int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }
}
