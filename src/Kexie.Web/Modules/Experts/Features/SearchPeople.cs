using Kexie.Web.Modules.Experts.Data;
using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations.Features;
using Kexie.Web.Platform.Search;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Experts.Features;

/// <summary>Filters of the registry and pool lists (pages, API, export).</summary>
public sealed record PeopleQuery(string? Q = null, string? Discipline = null, string? Title = null, string? Region = null,
    Availability? Availability = null, PoolStatus? Pool = null, PersonStatus? Status = null, bool ExpertsOnly = false,
    string? Sort = null, int Page = 1, int PageSize = 20);

/// <summary>A list row: masked personal data, highlighted fields (HTML-safe) when searching.</summary>
public sealed record PersonRow(Guid Id, string Name, string Employer, string? Title, string? DisciplineCode, string? RegionCode,
    string? PhoneMasked, string? IdNumberMasked, PersonStatus Status, PoolStatus PoolStatus, Availability Availability, string? Keywords, int Version,
    string NameHtml, string EmployerHtml, string? KeywordsHtml, string? BioSnippetHtml, int Score);

/// <summary>
/// One search over name, employer, expertise codes, keywords, bio and honours. The index lookup runs in the database
/// (PostgreSQL: GIN over the stored <c>search_vector</c> = <c>strip(to_tsvector('simple', search_tokens))</c>; SQLite: the FTS5 table kept by triggers), inside
/// the data scope (the query filter applies to the composed SQL). Ranking: exact name, then name prefix, then name
/// contains, then other fields (<see cref="SearchTokens.Score"/>); ties newest first (time-ordered ids). Hit counts stop at
/// <see cref="Paging.CountCap"/> ("1,000+"); only the page rows are loaded and highlighted, without the token text.
/// </summary>
public sealed class SearchPeople(AppDbContext db, CurrentUser user, IDbContextFactoryAccessor dbs)
{
    /// <summary>Above this many index hits a non-exact query (rare: repeated characters, separators) is post-filtered on the first ones only.</summary>
    public const int PostFilterCap = 5000;

    public async Task<PagedResult<PersonRow>> HandleAsync(PeopleQuery q, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.View);
        return await RunAsync(db, q, () => dbs.CreateFor(db.Actor), ct);
    }

    /// <summary>
    /// True when <see cref="Matching"/> returns exactly the rows whose fields contain every term (no post-filter needed):
    /// one- and two-character terms everywhere; every query on PostgreSQL, where the substring rule runs in SQL.
    /// </summary>
    internal static bool IsExactOn(AppDbContext db, SearchQuery search) => search.IsExact || db.Provider == DatabaseProvider.Postgres;

    /// <summary>
    /// PostgreSQL: the searched fields joined by line feeds (a term never contains whitespace), for the substring rule of
    /// <see cref="SearchQuery.Matches"/> in SQL. The raw text is tried first (cheap, and nearly every token hit passes it);
    /// only otherwise the NFKC + lower-case form (PostgreSQL's <c>normalize</c> and <c>lower</c>, as <see cref="SearchTokens.Normalize"/>).
    /// </summary>
    private const string PostgresFields =
        "name || E'\\n' || employer || E'\\n' || coalesce(keywords, '') || E'\\n' || coalesce(bio, '') || E'\\n' || replace(coalesce(expertise_codes, ''), ',', ' ') || E'\\n' || coalesce(honours, '')";

    /// <summary>
    /// The index-backed base query for a parsed search (no scope bypass: the global filter composes with it). See
    /// <see cref="IsExactOn"/> for when the caller must still post-filter with <see cref="SearchQuery.Matches"/>.
    /// </summary>
    internal static IQueryable<Person> Matching(AppDbContext db, SearchQuery search)
    {
        if (search.IsEmpty) return db.People();
        if (db.Provider == DatabaseProvider.Postgres) return MatchingPostgres(db, search, null);
        var match = search.ToFts5Match();
        return db.People().FromSql($"SELECT * FROM exp_people WHERE rowid IN (SELECT rowid FROM exp_people_fts WHERE exp_people_fts MATCH {match})");
    }

    /// <summary>
    /// PostgreSQL: the token match (GIN over <c>search_vector</c>, migration ExpertsSearchVector), the substring rule in SQL for
    /// longer terms, and optionally one more condition (<paramref name="extra"/>, its parameter as <c>{0}</c>).
    /// </summary>
    private static IQueryable<Person> MatchingPostgres(AppDbContext db, SearchQuery search, string? extra, object? extraArg = null)
    {
        var args = new List<object>();
        var where = new System.Text.StringBuilder(PostgresWhere(search, args));
        if (extra is not null)
        {
            where.Append(" AND ").Append(extra.Replace("{0}", "{" + args.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}", StringComparison.Ordinal));
            args.Add(extraArg!);
        }
        var sql = "SELECT * FROM exp_people WHERE " + where; // values are parameters ({n}); the text is fixed
        return db.People().FromSqlRaw(sql, args.ToArray());
    }

    /// <param name="search">The parsed query.</param>
    /// <param name="args">The statement's parameters so far; this condition's are appended.</param>
    /// <param name="windowed">
    /// For a window of the newest ids (<see cref="MatchingPostgresWindow"/>): when the substring rule runs in SQL anyway (the
    /// query is not exact), only the first token of each term goes to the index. The bigrams of one term occur together, but
    /// the planner multiplies their frequencies, estimates a handful of rows for all of them and then reads every token hit
    /// from the heap instead of intersecting with the id range (水稻育种 on 100,000 people: 6.3 ms against 2.1 ms).
    /// </param>
    private static string PostgresWhere(SearchQuery search, List<object> args, bool windowed = false)
    {
        var sql = new System.Text.StringBuilder("search_vector @@ to_tsquery('simple', {" + args.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "})");
        args.Add(windowed && !search.IsExact
            ? SearchQuery.ToPostgresTsQuery(search.TermTokens.Select(t => t[0]).Distinct(StringComparer.Ordinal))
            : search.ToPostgresTsQuery());
        if (!search.IsExact)
        {
            // Longer terms: the tokens may over-match, so the substring rule runs on the token hits in SQL.
            foreach (var term in search.Terms)
            {
                sql.Append(System.Globalization.CultureInfo.InvariantCulture,
                    $" AND (strpos({PostgresFields}, {{{args.Count}}}) > 0 OR strpos(lower(normalize({PostgresFields}, NFKC)), {{{args.Count}}}) > 0)");
                args.Add(term);
            }
        }
        return sql.ToString();
    }

    /// <summary>
    /// PostgreSQL: the hits among the records with an id at or above <paramref name="from"/> (the newest ones). The ids are
    /// collected first (an InitPlan: BitmapAnd of the token index and the primary key; the bound is a literal so the planner
    /// sees how narrow it is), the outer query then reads only those rows – so an ORDER BY id DESC LIMIT on top can never turn
    /// into a backward primary-key scan that matches the token vector row by row.
    /// </summary>
    private static IQueryable<Person> MatchingPostgresWindow(AppDbContext db, SearchQuery search, Guid from)
    {
        var args = new List<object>();
        var where = PostgresWhere(search, args, windowed: true);
        var bound = from.ToString("D", System.Globalization.CultureInfo.InvariantCulture); // hex digits and dashes only
        var sql = $"SELECT * FROM exp_people WHERE id = ANY(ARRAY(SELECT id FROM exp_people WHERE {where} AND id >= '{bound}'::uuid))";
        return db.People().FromSqlRaw(sql, args.ToArray());
    }

    /// <summary>
    /// The expression for <c>name_vector @@ to_tsquery('simple', …)</c> (<c>name_vector</c> = <c>strip(exp_name_tokens(name))</c>,
    /// migrations ExpertsNameTokens and ExpertsNameVector): the tokens
    /// every raw name containing <paramref name="term"/> holds – its unigram when it is one character, else all its bigrams;
    /// every character counts (the function does not split at separators), so this is a superset of <c>strpos(name, term) &gt; 0</c>.
    /// </summary>
    internal static string NameTsQuery(string term)
    {
        var runes = term.EnumerateRunes().ToList();
        if (runes.Count == 1) return SearchTokens.Unigram(runes[0]);
        return string.Join(" & ", Enumerable.Range(0, runes.Count - 1).Select(i => SearchTokens.Bigram(runes[i], runes[i + 1])).Distinct(StringComparer.Ordinal));
    }

    /// <summary>
    /// First id window of the bounded ranking (the newest this many records); widened ×8 while it holds too few hits.
    /// Settable for tests only (a small window on a small database).
    /// </summary>
    internal static int FirstWindow { get; set; } = 4000;

    internal static IQueryable<Person> Filter(IQueryable<Person> query, PeopleQuery q)
    {
        if (q.Discipline.Clean() is { } d) query = query.Where(p => p.DisciplineCode == d || (p.ExpertiseCodes != null && ("," + p.ExpertiseCodes + ",").Contains("," + d + ",")));
        if (q.Title.Clean() is { } t) query = query.Where(p => p.Title == t);
        if (q.Region.Clean() is { } r) query = query.Where(p => p.RegionCode != null && p.RegionCode.StartsWith(r));
        if (q.Availability is { } a) query = query.Where(p => p.Availability == a);
        if (q.Pool is { } pool) query = query.Where(p => p.PoolStatus == pool);
        else if (q.ExpertsOnly) query = query.Where(p => p.PoolStatus != PoolStatus.None);
        if (q.Status is { } s) query = query.Where(p => p.Status == s);
        else query = query.Where(p => p.Status != PersonStatus.Merged);
        return query;
    }

    /// <param name="db">The request's context.</param>
    /// <param name="q">The filters.</param>
    /// <param name="countContext">
    /// PostgreSQL, relevance order: a second context for the same user, on which the capped hit count runs while the page is
    /// read on <paramref name="db"/> (two connections, so the server works on both at once: the count and the page are the
    /// two halves of a search's time). Otherwise the count runs first, on <paramref name="db"/>.
    /// </param>
    /// <param name="ct">Cancellation.</param>
    internal static async Task<PagedResult<PersonRow>> RunAsync(AppDbContext db, PeopleQuery q, Func<AppDbContext> countContext, CancellationToken ct)
    {
        var page = Math.Max(1, q.Page);
        var size = Math.Clamp(q.PageSize, 1, 200);
        var search = SearchTokens.Parse(q.Q);
        var query = Filter(Matching(db, search).AsNoTracking(), q);

        if (search.IsEmpty)
        {
            var (total, capped) = await query.CountUpToAsync(ct: ct);
            query = q.Sort switch
            {
                "employer" => query.OrderBy(p => p.Employer).ThenBy(p => p.Name),
                "created" => query.OrderByDescending(p => p.CreatedAt),
                "updated" => query.OrderByDescending(p => p.UpdatedAt),
                _ => query.OrderBy(p => p.Name).ThenBy(p => p.Id),
            };
            var rows = await Project(query.Skip((page - 1) * size).Take(size)).ToListAsync(ct);
            return new PagedResult<PersonRow>(rows.Select(p => Row(p, search)).ToList(), total, page, size, capped);
        }

        // Rank in SQL by the name tiers of SearchTokens.Score (exact name, name starts with / contains the first term, shorter
        // name), ties newest first by the time-ordered id (v7) – only id and name are read for the ordering, so neither the
        // token text nor (SQLite) the overflow pages behind it are touched; the page is then ordered by the full score.
        var whole = string.Concat(search.Terms);
        var first = search.Terms[0];
        var relevance = q.Sort is null or "" or "relevance";
        var ranked = q.Sort switch
        {
            "employer" => query.OrderBy(p => p.Employer).ThenBy(p => p.Name).ThenByDescending(p => p.Id),
            "created" => query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
            _ => RankByName(query, whole, first).ThenByDescending(p => p.Id),
        };

        List<ListFields> pageRows;
        int count;
        bool lowerBound;
        if (IsExactOn(db, search))
        {
            // The token match is the substring match: count up to the cap, take the page of the ranking.
            var bounded = relevance && db.Provider == DatabaseProvider.Postgres;
            var countDb = bounded ? countContext() : null;
            Task<(int Count, bool IsLowerBound)>? counting = null;
            try
            {
                counting = countDb is null ? Task.FromResult(await query.CountUpToAsync(ct: ct))
                    : Filter(Matching(countDb, search).AsNoTracking(), q).CountUpToAsync(ct: ct);
                pageRows = bounded
                    ? await BoundedPageAsync(db, search, q, first, whole, page, size, counting, ct)
                    : await Project(ranked.Skip((page - 1) * size).Take(size)).ToListAsync(ct);
                (count, lowerBound) = await counting;
            }
            finally
            {
                if (countDb is not null)
                {
                    // Never leave the count running on a context being disposed (the page failed or was cancelled).
                    if (counting is not null)
                    {
                        await Task.WhenAny(counting);
                        _ = counting.Exception; // observed: the page's own exception is the one that propagates
                    }
                    await countDb.DisposeAsync();
                }
            }
        }
        else
        {
            // The tokens may over-match (rare: repeated characters, separators): post-filter the ranked candidates in order,
            // reading only as many as the page and the capped count need (all of them, up to PostFilterCap, when many are false hits).
            var needed = Math.Max(page * size, Paging.CountCap + 1);
            var matched = new List<ListFields>();
            foreach (var limit in new[] { needed + 200, PostFilterCap })
            {
                var candidates = await Project(ranked.Take(limit)).ToListAsync(ct);
                matched = candidates.Where(p => search.Matches(p.Name, p.Employer, p.Keywords, p.Bio, p.ExpertiseCodes?.Replace(',', ' '), p.Honours)).ToList();
                if (candidates.Count < limit || matched.Count >= needed) break;
            }
            count = Math.Min(matched.Count, Paging.CountCap);
            lowerBound = matched.Count > Paging.CountCap;
            pageRows = matched.Skip((page - 1) * size).Take(size).ToList();
        }
        var list = pageRows.Select(p => Row(p, search)).ToList();
        if (relevance) list = list.OrderByDescending(r => r.Score).ThenBy(r => r.Score >= 100 ? r.Name.Length : 0).ToList(); // stable: ties keep the SQL order
        return new PagedResult<PersonRow>(list, count, page, size, lowerBound);
    }

    /// <summary>
    /// The ranking: hits whose name contains the first term come first (exact name, name starts with it, contains it; shorter
    /// name first), then every other hit; ties newest first (time-ordered ids). The same order on both databases.
    /// </summary>
    private static IOrderedQueryable<Person> RankByName(IQueryable<Person> query, string whole, string first) =>
        query.OrderByDescending(p => p.Name == whole).ThenByDescending(p => p.Name.StartsWith(first)).ThenByDescending(p => p.Name.Contains(first))
            .ThenBy(p => p.Name.Contains(first) ? p.Name.Length : 0);

    /// <summary>
    /// PostgreSQL, relevance order: the page of <see cref="RankByName"/> without visiting every hit. The name tier comes from
    /// the name-token index (few rows); the other hits are newest first, so when there are many (the count reached the cap)
    /// they are read in a window of the newest ids – a BitmapAnd of the token index and the primary key – widened until it
    /// holds the page, else (or when it would cover everything) without a window. Filters and data scope apply in SQL as usual.
    /// While the count is still running (<paramref name="counting"/>, on a second connection) the first window is tried anyway:
    /// cheap when the hits turn out to be few, and the common case for short terms.
    /// </summary>
    private static async Task<List<ListFields>> BoundedPageAsync(AppDbContext db, SearchQuery search, PeopleQuery q, string first, string whole, int page, int size,
        Task<(int Count, bool IsLowerBound)> counting, CancellationToken ct)
    {
        var start = (page - 1) * size;
        var end = page * size;
        var nameTier = Filter(MatchingPostgres(db, search, "name_vector @@ to_tsquery('simple', {0})", NameTsQuery(first)).AsNoTracking(), q)
            .Where(p => p.Name.Contains(first));
        var named = await Project(RankByName(nameTier, whole, first).ThenByDescending(p => p.Id).Take(end)).ToListAsync(ct);
        var rows = named.Skip(start).ToList();
        if (named.Count >= end) return rows;

        var skip = Math.Max(0, start - named.Count);
        var take = end - Math.Max(start, named.Count);
        var firstWindow = FirstWindow * Math.Max(1, end / 20);
        for (var window = firstWindow; ; window *= 8)
        {
            Guid? from = null;
            var many = (window == firstWindow && !counting.IsCompleted) || (await counting).IsLowerBound;
            if (many && window < 1_000_000) from = await WindowBoundAsync(db, window, ct);
            var others = from is { } boundary ? MatchingPostgresWindow(db, search, boundary) : MatchingPostgres(db, search, null);
            var found = await Project(Filter(others.AsNoTracking(), q).Where(p => !p.Name.Contains(first)).OrderByDescending(p => p.Id).Skip(skip).Take(take)).ToListAsync(ct);
            if (from is null || found.Count == take)
            {
                rows.AddRange(found);
                return rows;
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string?, int), (Guid? Bound, long Expires)> WindowBounds = new();

    /// <summary>
    /// The id below the newest <paramref name="window"/> records, remembered for a minute per database: newer records only
    /// widen the window a little (ids are time-ordered), and a window that holds too few hits is widened anyway.
    /// </summary>
    private static async Task<Guid?> WindowBoundAsync(AppDbContext db, int window, CancellationToken ct)
    {
        var key = (db.Database.GetConnectionString(), window);
        var now = Environment.TickCount64;
        if (WindowBounds.TryGetValue(key, out var hit) && hit.Expires > now) return hit.Bound;
        var bound = await db.AllPeople().OrderByDescending(p => p.Id).Select(p => (Guid?)p.Id).Skip(window).FirstOrDefaultAsync(ct);
        WindowBounds[key] = (bound, now + 60_000);
        return bound;
    }

    /// <summary>The columns a list row needs (never the token text).</summary>
    internal sealed record ListFields(Guid Id, string Name, string Employer, string? Title, string? DisciplineCode, string? RegionCode,
        string? PhoneMasked, string? IdNumberMasked, PersonStatus Status, PoolStatus PoolStatus, Availability Availability, string? Keywords, int Version,
        string? Bio, string? ExpertiseCodes, string? Honours);

    internal static IQueryable<ListFields> Project(IQueryable<Person> query) =>
        query.Select(p => new ListFields(p.Id, p.Name, p.Employer, p.Title, p.DisciplineCode, p.RegionCode, p.PhoneMasked, p.IdNumberMasked, p.Status,
            p.PoolStatus, p.Availability, p.Keywords, p.Version, p.Bio, p.ExpertiseCodes, p.Honours));

    internal static PersonRow Row(ListFields p, SearchQuery search)
    {
        var terms = search.Terms;
        return new PersonRow(p.Id, p.Name, p.Employer, p.Title, p.DisciplineCode, p.RegionCode, p.PhoneMasked, p.IdNumberMasked, p.Status, p.PoolStatus,
            p.Availability, p.Keywords, p.Version,
            SearchTokens.Highlight(p.Name, terms), SearchTokens.Highlight(p.Employer, terms),
            p.Keywords is null ? null : SearchTokens.Highlight(p.Keywords, terms),
            search.IsEmpty || p.Bio is null ? null : Snippet(p.Bio, terms),
            search.IsEmpty ? 0 : SearchTokens.Score(search, p.Name, p.Employer, p.Keywords, p.Bio, p.ExpertiseCodes, p.Honours));
    }

    private static string? Snippet(string bio, IReadOnlyList<string> terms)
    {
        var spans = SearchTokens.FindHighlights(bio, terms);
        if (spans.Count == 0) return null;
        var start = Math.Max(0, spans[0].Start - 20);
        var end = Math.Min(bio.Length, spans[0].Start + spans[0].Length + 40);
        while (start > 0 && char.IsLowSurrogate(bio[start])) start--;
        while (end < bio.Length && char.IsLowSurrogate(bio[end])) end++;
        return (start > 0 ? "…" : "") + SearchTokens.Highlight(bio[start..end], terms) + (end < bio.Length ? "…" : "");
    }
}
