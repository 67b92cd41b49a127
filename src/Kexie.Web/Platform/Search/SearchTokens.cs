using System.Globalization;
using System.Net;
using System.Text;

namespace Kexie.Web.Platform.Search;

/// <summary>
/// Chinese-capable full-text search tokens that work the same on PostgreSQL
/// (<c>to_tsvector('simple', …)</c> + GIN) and SQLite FTS5 (default <c>unicode61</c> tokenizer).
/// </summary>
/// <remarks>
/// <para><b>Normalisation</b> (<see cref="Normalize"/>): lone surrogates → U+FFFD, Unicode NFKC
/// (full-width Latin/digits/punctuation → half-width, ideographic space → space, compatibility
/// ideographs → unified ones), then <see cref="string.ToLowerInvariant"/>. Traditional characters are
/// <b>not</b> converted to simplified: 電池 and 电池 are different text.</para>
/// <para><b>Word characters</b>: every code point whose category is a letter (L*), a mark (M*) or a
/// number (N*) – this covers Han ideographs of all extensions, 〇 (U+3007, a letter number), 々, Latin,
/// digits, kana, Hangul, Cyrillic… Everything else (whitespace, punctuation such as <c>/ - . · ，。</c>,
/// symbols, emoji) separates <i>runs</i> of word characters. Fields never run into each other.</para>
/// <para><b>Index tokens</b> (<see cref="ForIndex"/>): for every run, each pair of adjacent code points as an
/// overlapping bigram, and the run's last code point as a unigram – regardless of script, so "ai芯片" yields the bigrams
/// ai, i芯, 芯片 and the unigram 片. Every code point of a run is thereby either the first of a bigram or the run's last:
/// a one-character query finds it as "a bigram starting with it, or its unigram". Unigrams for every code point would
/// double the tokens (half of a person's ≈ 107 were unigrams) and with them the GIN index's build and the import's COPY.
/// Tokens are distinct.</para>
/// <para><b>Token encoding</b>: a kind letter followed by each code point written as exactly four
/// base-36 digits (<c>0-9a-z</c>; 36⁴ &gt; U+10FFFF): unigram <c>u</c>+4 characters (中 = U+4E2D →
/// <c>u0ffx</c>), bigram <c>b</c>+8 characters. A token is therefore a lower-case ASCII
/// letter-then-alphanumeric word that PostgreSQL's default parser keeps as one <c>asciiword</c>/<c>numword</c>
/// lexeme (the <c>simple</c> configuration neither stems nor drops it) and that FTS5 <c>unicode61</c>
/// keeps as one token. No stemming, stop words or case issues can touch it.</para>
/// <para><b>Queries</b> (<see cref="Parse"/>): the input is normalised and split on whitespace into
/// terms; a term is split at separator characters into runs; a run of one code point requires its
/// unigram <i>or any bigram that starts with it</i> (<see cref="SearchQuery"/> writes that as a prefix match), a longer
/// run requires all of its bigrams. Every text whose normalised form contains the
/// term as a substring contains all of these tokens, so an index lookup has recall 1.0 compared with a
/// <c>LIKE '%term%'</c> scan over normalised text. The result can be a superset (e.g. 电池电 vs
/// 池电池, or "gb/t" needing only "gb" and "t"); <see cref="SearchQuery.IsExact"/> tells when it is not
/// and <see cref="SearchQuery.Matches"/> is the post-filter.</para>
/// </remarks>
public static class SearchTokens
{
    /// <summary>Terms beyond this count are ignored by <see cref="Parse"/>.</summary>
    public const int MaxTerms = 16;

    /// <summary>A long term contributes at most this many tokens (the rest is left to the post-filter).</summary>
    public const int MaxTokensPerTerm = 32;

    internal const char UnigramKind = 'u';
    internal const char BigramKind = 'b';
    private const string Base36 = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>
    /// The normalisation applied to indexed text, queries, highlighting and post-filtering:
    /// NFKC then lower-case (invariant). Null-safe; never throws on malformed UTF-16.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        return ReplaceLoneSurrogates(text).Normalize(NormalizationForm.FormKC).ToLowerInvariant();
    }

    /// <summary>
    /// Builds the space-separated token string to store in the searchable column
    /// (PostgreSQL: <c>to_tsvector('simple', column)</c>; SQLite: an FTS5 column). Null or empty fields
    /// are skipped. Tokens never span two fields.
    /// </summary>
    public static string ForIndex(params string?[] fields)
    {
        var seen = new HashSet<long>();
        var run = new List<int>();
        foreach (var field in fields ?? [])
        {
            foreach (var r in Normalize(field).EnumerateRunes())
            {
                if (IsWordRune(r))
                {
                    run.Add(r.Value);
                    continue;
                }

                CollectRun(run, seen);
            }

            CollectRun(run, seen);
        }

        // In the tokens' byte order (every bigram "b…" before every unigram "u…"; fixed-width base-36 digits sort as their
        // numbers), so PostgreSQL's tsvector needs no sorting of them (the import sends them as they are).
        var keys = new long[seen.Count];
        seen.CopyTo(keys);
        Array.Sort(keys);
        var output = new StringBuilder(keys.Length * 10);
        Span<char> token = stackalloc char[9];
        foreach (var key in keys)
        {
            if (output.Length > 0)
            {
                output.Append(' ');
            }

            output.Append(token[..WriteToken(key, token)]);
        }

        return output.ToString();
    }

    // A token as a number, ordered as the tokens' text: a bigram is (first << 21) | second (code points fit in 21 bits), a
    // unigram UnigramKey + its code point.
    private const long UnigramKey = 1L << 42;

    private static long BigramKey(int first, int second) => ((long)first << 21) | (long)second;

    /// <summary>Writes the token of <paramref name="key"/> (9 characters at most); returns its length.</summary>
    private static int WriteToken(long key, Span<char> destination)
    {
        if (key >= UnigramKey)
        {
            destination[0] = UnigramKind;
            WriteCodePoint((int)(key - UnigramKey), destination[1..5]);
            return 5;
        }

        destination[0] = BigramKind;
        WriteCodePoint((int)(key >> 21), destination[1..5]);
        WriteCodePoint((int)(key & 0x1FFFFF), destination[5..9]);
        return 9;
    }

    /// <summary>
    /// Parses what a user typed into a <see cref="SearchQuery"/>: whitespace-separated terms, all of
    /// which must occur. Terms without any word character (e.g. "/" or "，") and repeated terms are dropped;
    /// at most <see cref="MaxTerms"/> terms are kept.
    /// </summary>
    public static SearchQuery Parse(string? userInput)
    {
        var normalised = Normalize(userInput);
        var terms = new List<string>();
        var termTokens = new List<IReadOnlyList<string>>();
        var exact = true;
        foreach (var term in normalised.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (terms.Count == MaxTerms)
            {
                break;
            }

            if (terms.Contains(term, StringComparer.Ordinal))
            {
                continue;
            }

            var tokens = TokensForTerm(term, out var termExact);
            if (tokens.Count == 0)
            {
                continue;
            }

            terms.Add(term);
            termTokens.Add(tokens);
            exact &= termExact;
        }

        return terms.Count == 0 ? SearchQuery.Empty : new SearchQuery(terms, termTokens, exact);
    }

    /// <summary>
    /// Finds the occurrences of <paramref name="terms"/> in <paramref name="text"/>, comparing normalised
    /// forms (so case- and width-insensitive), and returns merged, ordered spans in the coordinates of the
    /// original <paramref name="text"/> (UTF-16 indices, never splitting a grapheme cluster).
    /// </summary>
    public static IReadOnlyList<HighlightSpan> FindHighlights(string? text, IReadOnlyList<string> terms)
    {
        if (string.IsNullOrEmpty(text) || terms is null || terms.Count == 0)
        {
            return [];
        }

        // Normalise cluster by cluster so every normalised char maps back to an original cluster.
        var clusterStarts = new List<int>();
        var normalisedToCluster = new List<int>();
        var normalised = new StringBuilder(text.Length);
        for (var start = 0; start < text.Length;)
        {
            var length = StringInfo.GetNextTextElementLength(text.AsSpan(start));
            clusterStarts.Add(start);
            if (length == 1 && StableChar(text[start]) is var stable and not '\0')
            {
                // Most characters of Chinese text: no call into the normaliser (≈ 1 µs each, 20 rows × 4 fields per page).
                normalised.Append(stable);
                normalisedToCluster.Add(clusterStarts.Count - 1);
                start++;
                continue;
            }

            var piece = Normalize(text.Substring(start, length));
            normalised.Append(piece);
            for (var i = 0; i < piece.Length; i++)
            {
                normalisedToCluster.Add(clusterStarts.Count - 1);
            }

            start += length;
        }

        clusterStarts.Add(text.Length);
        var haystack = normalised.ToString();
        var marked = new bool[clusterStarts.Count - 1];
        var any = false;
        foreach (var rawTerm in terms)
        {
            foreach (var term in Normalize(rawTerm).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                for (var at = haystack.IndexOf(term, StringComparison.Ordinal);
                     at >= 0;
                     at = at + 1 < haystack.Length ? haystack.IndexOf(term, at + 1, StringComparison.Ordinal) : -1)
                {
                    for (var i = at; i < at + term.Length; i++)
                    {
                        marked[normalisedToCluster[i]] = true;
                    }

                    any = true;
                }
            }
        }

        if (!any)
        {
            return [];
        }

        var spans = new List<HighlightSpan>();
        for (var c = 0; c < marked.Length; c++)
        {
            if (!marked[c])
            {
                continue;
            }

            var first = c;
            while (c + 1 < marked.Length && marked[c + 1])
            {
                c++;
            }

            spans.Add(new HighlightSpan(clusterStarts[first], clusterStarts[c + 1] - clusterStarts[first]));
        }

        return spans;
    }

    /// <summary>
    /// What <see cref="Normalize"/> makes of a lone character that NFKC leaves as it is and that lower-casing maps to one
    /// character – ASCII (A–Z lower-cased) and the CJK Unified Ideographs block (no compatibility forms, no case) — else
    /// <c>'\0'</c> (take the general path).
    /// </summary>
    internal static char StableChar(char c) => c switch
    {
        >= 'A' and <= 'Z' => (char)(c + ('a' - 'A')),
        > '\0' and < (char)0x80 => c,
        >= '\u4E00' and <= '\u9FFF' => c,
        _ => '\0',
    };

    /// <summary>
    /// Returns <paramref name="text"/> HTML-encoded, with every occurrence of the terms wrapped in
    /// <c>&lt;mark&gt;…&lt;/mark&gt;</c>. The result is safe to emit unencoded (e.g. as a Razor
    /// <c>MarkupString</c>); null gives an empty string.
    /// </summary>
    public static string Highlight(string? text, IReadOnlyList<string> terms)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var spans = FindHighlights(text, terms);
        var html = new StringBuilder(text.Length + (spans.Count * 13));
        var position = 0;
        foreach (var span in spans)
        {
            html.Append(WebUtility.HtmlEncode(text[position..span.Start]))
                .Append("<mark>")
                .Append(WebUtility.HtmlEncode(text.Substring(span.Start, span.Length)))
                .Append("</mark>");
            position = span.Start + span.Length;
        }

        return html.Append(WebUtility.HtmlEncode(text[position..])).ToString();
    }

    /// <summary>
    /// Relevance score for ordering search hits (higher first), computed on normalised text:
    /// <list type="bullet">
    /// <item>1,000,000 when the whole name equals the whole query (whitespace ignored);</item>
    /// <item>plus, for each term, 10,000 if the name starts with it, otherwise 100 if the name contains
    /// it, otherwise 1 if any of <paramref name="otherFields"/> contains it.</item>
    /// </list>
    /// With at most <see cref="MaxTerms"/> terms every tier outweighs all lower tiers together, so an
    /// exact name match ≫ name prefix ≫ name contains ≫ other fields. Ties are left to the caller
    /// (e.g. shorter name first, then newest).
    /// </summary>
    public static int Score(SearchQuery query, string? name, params string?[] otherFields)
    {
        if (query is null || query.IsEmpty)
        {
            return 0;
        }

        var normalisedName = Normalize(name);
        var others = (otherFields ?? []).Select(Normalize).ToArray();
        var score = 0;
        if (RemoveWhitespace(normalisedName) == string.Concat(query.Terms))
        {
            score += 1_000_000;
        }

        foreach (var term in query.Terms)
        {
            if (normalisedName.StartsWith(term, StringComparison.Ordinal))
            {
                score += 10_000;
            }
            else if (normalisedName.Contains(term, StringComparison.Ordinal))
            {
                score += 100;
            }
            else if (others.Any(o => o.Contains(term, StringComparison.Ordinal)))
            {
                score += 1;
            }
        }

        return score;
    }

    /// <summary>
    /// True when the code point takes part in tokens (letters, marks and numbers, which include all Han
    /// ideographs and 〇); false for separators.
    /// </summary>
    public static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) <= UnicodeCategory.OtherNumber;

    /// <summary>
    /// The unigram token of one code point, e.g. 中 → <c>u0ffx</c>. The index holds it only where the code point ends a run;
    /// in a query it stands for "the code point occurs" (<see cref="BigramPrefix"/>).
    /// </summary>
    public static string Unigram(Rune rune) => Token(UnigramKey + rune.Value);

    /// <summary>
    /// For a unigram token (<c>u0ffx</c>), the prefix every bigram starting with that code point has (<c>b0ffx</c>); null for
    /// a bigram. A text holds the code point exactly when its index holds the unigram or a bigram with this prefix.
    /// </summary>
    public static string? BigramPrefix(string token) =>
        token.Length == 5 && token[0] == UnigramKind ? BigramKind + token[1..] : null;

    /// <summary>The bigram token of two adjacent code points.</summary>
    public static string Bigram(Rune first, Rune second) => Bigram(first.Value, second.Value);

    private static string Bigram(int first, int second) => Token(BigramKey(first, second));

    private static string Token(long key)
    {
        Span<char> buffer = stackalloc char[9];
        return new string(buffer[..WriteToken(key, buffer)]);
    }

    private static void WriteCodePoint(int value, Span<char> destination)
    {
        for (var i = 3; i >= 0; i--)
        {
            destination[i] = Base36[value % 36];
            value /= 36;
        }
    }

    // Tokens are collected as numbers (UnigramKey, BigramKey), deduplicated and sorted as such, and written straight into the
    // output: no string per token (an import tokenises 100,000 people).
    private static void CollectRun(List<int> run, HashSet<long> seen)
    {
        if (run.Count == 0)
        {
            return;
        }

        for (var i = 0; i + 1 < run.Count; i++)
        {
            seen.Add(BigramKey(run[i], run[i + 1]));
        }

        seen.Add(UnigramKey + run[^1]);
        run.Clear();
    }

    private static List<string> TokensForTerm(string term, out bool exact)
    {
        var tokens = new List<string>();
        var runs = 0;
        var longestRun = 0;
        var hasSeparator = false;
        var run = new List<int>();

        void Flush()
        {
            if (run.Count == 0)
            {
                return;
            }

            runs++;
            longestRun = Math.Max(longestRun, run.Count);
            if (run.Count == 1)
            {
                tokens.Add(Unigram(new Rune(run[0])));
            }
            else
            {
                for (var i = 0; i + 1 < run.Count; i++)
                {
                    tokens.Add(Bigram(run[i], run[i + 1]));
                }
            }

            run.Clear();
        }

        foreach (var r in term.EnumerateRunes())
        {
            if (IsWordRune(r))
            {
                run.Add(r.Value);
            }
            else
            {
                hasSeparator = true;
                Flush();
            }
        }

        Flush();
        var distinct = tokens.Distinct(StringComparer.Ordinal).Take(MaxTokensPerTerm).ToList();

        // One unigram or one bigram is equivalent to the substring; anything longer is a superset.
        exact = runs == 1 && !hasSeparator && longestRun <= 2;
        return distinct;
    }

    private static string RemoveWhitespace(string value)
    {
        if (!value.Any(char.IsWhiteSpace))
        {
            return value;
        }

        return string.Concat(value.Where(c => !char.IsWhiteSpace(c)));
    }

    private static string ReplaceLoneSurrogates(string text)
    {
        StringBuilder? fixedText = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var valid = !char.IsSurrogate(c)
                || (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]));
            if (valid && char.IsHighSurrogate(c))
            {
                fixedText?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (valid)
            {
                fixedText?.Append(c);
                continue;
            }

            fixedText ??= new StringBuilder(text.Length).Append(text, 0, i);
            fixedText.Append('\uFFFD');
        }

        return fixedText?.ToString() ?? text;
    }
}

/// <summary>A highlighted range of the original text (UTF-16 start index and length).</summary>
public readonly record struct HighlightSpan(int Start, int Length);
