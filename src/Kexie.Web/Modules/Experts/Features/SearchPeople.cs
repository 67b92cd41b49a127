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
/// (PostgreSQL: GIN over <c>to_tsvector('simple', search_tokens)</c>; SQLite: the FTS5 table kept by triggers), inside
/// the data scope (the query filter applies to the composed SQL). Ranking: exact name, then name prefix, then name
/// contains, then other fields (<see cref="SearchTokens.Score"/>); ties newest first.
/// </summary>
public sealed class SearchPeople(AppDbContext db, CurrentUser user)
{
    /// <summary>Above this many index hits a non-exact query (rare: repeated characters, separators) is post-filtered on the first ones only.</summary>
    public const int PostFilterCap = 5000;

    public async Task<PagedResult<PersonRow>> HandleAsync(PeopleQuery q, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.View);
        return await RunAsync(db, q, ct);
    }

    /// <summary>The index-backed base query for a parsed search (no scope bypass: the global filter composes with it).</summary>
    internal static IQueryable<Person> Matching(AppDbContext db, SearchQuery search)
    {
        if (search.IsEmpty) return db.People();
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var tsq = search.ToPostgresTsQuery();
            return db.People().FromSql($"SELECT * FROM exp_people WHERE to_tsvector('simple', search_tokens) @@ to_tsquery('simple', {tsq})");
        }
        var match = search.ToFts5Match();
        return db.People().FromSql($"SELECT * FROM exp_people WHERE rowid IN (SELECT rowid FROM exp_people_fts WHERE exp_people_fts MATCH {match})");
    }

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

    internal static async Task<PagedResult<PersonRow>> RunAsync(AppDbContext db, PeopleQuery q, CancellationToken ct)
    {
        var page = Math.Max(1, q.Page);
        var size = Math.Clamp(q.PageSize, 1, 200);
        var search = SearchTokens.Parse(q.Q);
        var query = Filter(Matching(db, search).AsNoTracking(), q);

        if (search.IsEmpty)
        {
            var total = await query.CountAsync(ct);
            query = q.Sort switch
            {
                "employer" => query.OrderBy(p => p.Employer).ThenBy(p => p.Name),
                "created" => query.OrderByDescending(p => p.CreatedAt),
                "updated" => query.OrderByDescending(p => p.UpdatedAt),
                _ => query.OrderBy(p => p.Name).ThenBy(p => p.Id),
            };
            var rows = await query.Skip((page - 1) * size).Take(size).ToListAsync(ct);
            return new PagedResult<PersonRow>(rows.Select(p => Row(p, search)).ToList(), total, page, size);
        }

        if (search.IsExact)
        {
            var total = await query.CountAsync(ct);
            // Rank in SQL by the name tiers of SearchTokens.Score, then order the page by the full score.
            var whole = string.Concat(search.Terms);
            var first = search.Terms[0];
            var ranked = q.Sort switch
            {
                "employer" => query.OrderBy(p => p.Employer).ThenBy(p => p.Name),
                "created" => query.OrderByDescending(p => p.CreatedAt),
                _ => query.OrderByDescending(p => p.Name == whole).ThenByDescending(p => p.Name.StartsWith(first)).ThenByDescending(p => p.Name.Contains(first))
                    .ThenBy(p => p.Name.Length).ThenByDescending(p => p.CreatedAt).ThenBy(p => p.Id),
            };
            var rows = await ranked.Skip((page - 1) * size).Take(size).ToListAsync(ct);
            var list = rows.Select(p => Row(p, search)).ToList();
            if (q.Sort is null or "" or "relevance") list = list.OrderByDescending(r => r.Score).ThenBy(r => r.Name.Length).ToList();
            return new PagedResult<PersonRow>(list, total, page, size);
        }

        // Not exact (the tokens may over-match): post-filter with SearchQuery.Matches, then rank in memory.
        var candidates = await query.OrderByDescending(p => p.CreatedAt).Take(PostFilterCap).ToListAsync(ct);
        var matched = candidates.Where(p => search.Matches(p.Name, p.Employer, p.Keywords, p.Bio, p.ExpertiseCodes?.Replace(',', ' '), p.Honours))
            .Select(p => Row(p, search)).OrderByDescending(r => r.Score).ThenBy(r => r.Name.Length).ToList();
        return new PagedResult<PersonRow>(matched.Skip((page - 1) * size).Take(size).ToList(), matched.Count, page, size);
    }

    internal static PersonRow Row(Person p, SearchQuery search)
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
