namespace Kexie.Web.Platform.Search;

/// <summary>
/// A parsed user search (see <see cref="SearchTokens.Parse"/>): the normalised terms, all of which
/// must occur, and for each term the index tokens every matching document is guaranteed to contain.
/// </summary>
/// <remarks>
/// Typical use: <c>WHERE search_tokens_tsv @@ to_tsquery('simple', @q)</c> with
/// <see cref="ToPostgresTsQuery()"/>, or <c>WHERE t MATCH @q</c> with <see cref="ToFts5Match"/>; then,
/// unless <see cref="IsExact"/>, keep only the rows for which <see cref="Matches"/> is true.
/// Check <see cref="IsEmpty"/> first: an empty query has no token expression.
/// </remarks>
public sealed class SearchQuery
{
    internal SearchQuery(IReadOnlyList<string> terms, IReadOnlyList<IReadOnlyList<string>> termTokens, bool isExact)
    {
        Terms = terms;
        TermTokens = termTokens;
        Tokens = termTokens.SelectMany(t => t).Distinct(StringComparer.Ordinal).ToArray();
        IsExact = isExact;
    }

    /// <summary>The query with no terms (blank input or only punctuation).</summary>
    public static SearchQuery Empty { get; } = new([], [], isExact: true);

    /// <summary>Normalised terms (NFKC, lower case), in input order, without duplicates. Use them for highlighting and post-filtering.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>For each entry of <see cref="Terms"/>, the tokens a document containing that term must have (never empty).</summary>
    public IReadOnlyList<IReadOnlyList<string>> TermTokens { get; }

    /// <summary>
    /// All distinct tokens of all terms; a matching document contains every one of them – a unigram meaning the unigram itself
    /// or a bigram that starts with its code point (<see cref="SearchTokens.BigramPrefix"/>).
    /// </summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>True when there is nothing to search for.</summary>
    public bool IsEmpty => Terms.Count == 0;

    /// <summary>
    /// True when the token match is equivalent to the substring match (every term is one or two word
    /// characters), so no post-filter is needed; false when the index may return extra rows.
    /// </summary>
    public bool IsExact { get; }

    /// <summary>
    /// The expression for <c>to_tsquery('simple', …)</c>: tokens joined with <c>&amp;</c>, a unigram as
    /// <c>(b0ffx:* | u0ffx)</c> (<see cref="SearchTokens.BigramPrefix"/>). Tokens are <c>[a-z0-9]</c> only, so nothing
    /// needs escaping; pass it as a parameter all the same. Empty string when <see cref="IsEmpty"/>.
    /// </summary>
    public string ToPostgresTsQuery() => ToPostgresTsQuery(Tokens);

    /// <summary>The <c>to_tsquery</c> expression requiring every one of <paramref name="tokens"/> (see <see cref="ToPostgresTsQuery()"/>).</summary>
    public static string ToPostgresTsQuery(IEnumerable<string> tokens) =>
        string.Join(" & ", tokens.Select(t => SearchTokens.BigramPrefix(t) is { } prefix ? $"({prefix}:* | {t})" : t));

    /// <summary>
    /// The expression for SQLite FTS5 <c>MATCH</c>: each token double-quoted, joined with <c>AND</c>, a unigram as
    /// <c>("b0ffx"* OR "u0ffx")</c> (<see cref="SearchTokens.BigramPrefix"/>). Empty string when <see cref="IsEmpty"/>.
    /// </summary>
    public string ToFts5Match() =>
        string.Join(" AND ", Tokens.Select(t => SearchTokens.BigramPrefix(t) is { } prefix ? $"(\"{prefix}\"* OR \"{t}\")" : "\"" + t + "\""));

    /// <summary>
    /// The exact post-filter: true when every term occurs (ordinal, after <see cref="SearchTokens.Normalize"/>)
    /// in at least one of <paramref name="fields"/> – the same fields that were passed to
    /// <see cref="SearchTokens.ForIndex"/>. An empty query matches nothing.
    /// </summary>
    public bool Matches(params string?[] fields)
    {
        if (IsEmpty)
        {
            return false;
        }

        var normalised = (fields ?? []).Select(SearchTokens.Normalize).ToArray();
        return Terms.All(term => normalised.Any(f => f.Contains(term, StringComparison.Ordinal)));
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(' ', Terms);
}
