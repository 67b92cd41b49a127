using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Platform.Organisations.Features;

public sealed record OrganisationListRequest(string? Q = null, OrganisationType? Type = null, string? Region = null, Guid? ParentId = null,
    bool IncludeInactive = false, string? Sort = null, int Page = 1, int PageSize = 20);

public sealed record OrganisationRow(Guid Id, string Name, OrganisationType Type, string TypeName, string RegionCode, string? RegionName,
    Guid? ParentId, string? ParentName, bool IsActive, int Depth);

/// <summary>
/// A page of rows. <see cref="Total"/> is exact up to <see cref="Paging.CountCap"/>; beyond it the list says
/// "1,000+" (<see cref="TotalIsLowerBound"/>) rather than count every row in scope on every page view.
/// </summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize, bool TotalIsLowerBound = false)
{
    public int Pages => PageSize <= 0 ? 1 : Math.Max(1, (Total + PageSize - 1) / PageSize) + (TotalIsLowerBound ? 1 : 0);
}

public static class Paging
{
    /// <summary>Lists count at most this many rows; exports and reports are exact.</summary>
    public const int CountCap = 1000;

    /// <summary>Counts up to <paramref name="cap"/> rows (one more tells that there are more).</summary>
    public static async Task<(int Count, bool IsLowerBound)> CountUpToAsync<T>(this IQueryable<T> q, int cap = CountCap, CancellationToken ct = default)
    {
        var n = await q.Take(cap + 1).CountAsync(ct);
        return n > cap ? (cap, true) : (n, false);
    }

    /// <summary>Page <paramref name="page"/> (from 1) of <paramref name="size"/> rows. On PostgreSQL the limit and offset
    /// reach the SQL as literals (ScopeLiterals), so a scoped page's prepared plan is reused.</summary>
    public static IQueryable<T> PageOf<T>(this IQueryable<T> q, int page, int size) => q.Skip((Math.Max(page, 1) - 1) * size).Take(size);
}

/// <summary>The scoped organisation list (filters, paging, sorting). The data scope comes from the query filter.</summary>
public sealed class ListOrganisations(AppDbContext db, CurrentUser user)
{
    public const int MaxPageSize = 200;

    public async Task<PagedResult<OrganisationRow>> HandleAsync(OrganisationListRequest r, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.OrganisationsView);
        var page = Math.Max(1, r.Page);
        var size = Math.Clamp(r.PageSize, 1, MaxPageSize);
        var q = Filter(r);
        var ordered = r.Sort switch
        {
            "name_desc" => q.OrderByDescending(o => o.Name).ThenBy(o => o.Id),
            "type" => q.OrderBy(o => o.Type).ThenBy(o => o.Name).ThenBy(o => o.Id),
            "region" => q.OrderBy(o => o.RegionCode).ThenBy(o => o.Name).ThenBy(o => o.Id),
            "created" => q.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id),
            "tree" => q.OrderBy(o => o.Depth).ThenBy(o => o.SortOrder).ThenBy(o => o.Name).ThenBy(o => o.Id),
            _ => q.OrderBy(o => o.Name).ThenBy(o => o.Id),
        };
        // One statement: the page, its region and parent names, and the capped count as an uncorrelated subquery
        // (evaluated once). On PostgreSQL it has no parameter left (ScopeLiterals, PageOf), so its prepared plan is
        // reused. The parent join carries the data-scope filter like everything else: a parent above the caller's
        // scope comes back without a name and is looked up on its own (only the scope root's own row has one).
        var counted = (IsWholeScope(r) ? ScopeClosure(r.IncludeInactive).Select(c => c.DescendantId) : q.Select(o => o.Id)).Take(Paging.CountCap + 1);
        var rows = await (from o in ordered.PageOf(page, size)
                          join g in db.Regions on o.RegionCode equals g.Code into regions
                          from g in regions.DefaultIfEmpty()
                          join p in db.Organisations on o.ParentId equals p.Id into parents
                          from p in parents.DefaultIfEmpty()
                          select new
                          {
                              Row = new OrganisationRow(o.Id, o.Name, o.Type, "", o.RegionCode, g == null ? null : g.Name, o.ParentId, p == null ? null : p.Name, o.IsActive, o.Depth),
                              Total = counted.Count(),
                          }).ToListAsync(ct);
        var n = rows.Count > 0 ? rows[0].Total : await counted.CountAsync(ct);
        var (total, capped) = n > Paging.CountCap ? (Paging.CountCap, true) : (n, false);
        var items = rows.Select(x => x.Row).ToList();
        var missing = items.Where(i => i.ParentId is not null && i.ParentName is null).Select(i => i.ParentId).ToList();
        var names = missing.Count == 0 ? [] : await ParentNamesAsync(db, missing, ct);
        return new PagedResult<OrganisationRow>(items.Select(i => Named(i) with { ParentName = i.ParentName ?? (i.ParentId is { } p ? names.GetValueOrDefault(p) : null) }).ToList(),
            total, page, size, capped);
    }

    private static bool IsWholeScope(OrganisationListRequest r) =>
        string.IsNullOrWhiteSpace(r.Q) && r.Type is null && string.IsNullOrWhiteSpace(r.Region) && r.ParentId is null;

    /// <summary>
    /// The caller's organisations as closure rows (one per organisation: the scope's root and distance, exactly as
    /// the data-scope filter reads them), so that counting a whole scope reads one index range instead of probing
    /// every organisation (the capped count was most of a list page's database time).
    /// </summary>
    private IQueryable<OrganisationClosure> ScopeClosure(bool includeInactive)
    {
        // Named so that ScopeLiterals writes them into the SQL like the filter's own values.
        var (scopeRootId, scopeMaxDistance) = (db.ScopeRootId, db.ScopeMaxDistance);
        var q = db.OrganisationClosures.AsNoTracking().Where(c => c.AncestorId == scopeRootId && c.Distance <= scopeMaxDistance);
        return includeInactive ? q : q.Where(c => !c.DescendantInactive);
    }

    internal IQueryable<Organisation> Filter(OrganisationListRequest r)
    {
        var q = db.Organisations.AsNoTracking();
        if (!r.IncludeInactive) q = q.Where(o => o.IsActive);
        if (r.Type is { } t) q = q.Where(o => o.Type == t);
        if (r.ParentId is { } p) q = q.Where(o => o.ParentId == p);
        if (r.Region.Clean() is { } region) q = q.Where(o => o.RegionCode.StartsWith(region));
        if (r.Q.Clean() is { } kw) q = q.Where(o => o.Name.Contains(kw) || (o.ShortName != null && o.ShortName.Contains(kw)));
        return q;
    }

    /// <summary>
    /// Names of parents, which may sit above the caller's scope. A separate query on purpose:
    /// IgnoreQueryFilters anywhere in a LINQ query switches the filter off for the whole query.
    /// </summary>
    internal static async Task<Dictionary<Guid, string>> ParentNamesAsync(AppDbContext db, IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var list = ids.OfType<Guid>().Distinct().ToList();
        if (list.Count == 0) return [];
        return await db.Organisations.IgnoreQueryFilters([AppDbContext.DataScopeFilter]).AsNoTracking()
            .Where(o => list.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    internal static OrganisationRow Named(OrganisationRow r) => r with { TypeName = r.Type.Zh() };
}

public sealed record OrganisationDetail(Guid Id, string Name, string? ShortName, OrganisationType Type, string TypeName, string RegionCode, string? RegionName,
    Guid? ParentId, string? ParentName, IReadOnlyList<OrganisationRef> Path, string? CreditCode, string? ContactPerson, string? ContactPhoneMasked,
    string? Address, DateOnly? EstablishedOn, bool? HasPartyOrganisation, int? MemberCount, int SortOrder, bool IsActive, DateTime? DeactivatedAt,
    string? DeactivationReason, int Version, IReadOnlyList<ChildCount> Children, int UserCount, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record OrganisationRef(Guid Id, string Name);

public sealed record ChildCount(OrganisationType Type, string TypeName, int Count);

/// <summary>One organisation in scope, with its path, children by type and user count. Out of scope → 404.</summary>
public sealed class GetOrganisation(AppDbContext db, CurrentUser user)
{
    public async Task<OrganisationDetail> HandleAsync(Guid id, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.OrganisationsView);
        var o = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("组织");
        // The path above the user's scope is shown by name only: the user can see where the organisation sits.
        var path = await (from c in db.OrganisationClosures
                          join a in db.Organisations.IgnoreQueryFilters([AppDbContext.DataScopeFilter]) on c.AncestorId equals a.Id
                          where c.DescendantId == id && c.Distance > 0
                          orderby c.Distance descending
                          select new OrganisationRef(a.Id, a.Name)).ToListAsync(ct);
        var children = await db.Organisations.AsNoTracking().Where(c => c.ParentId == id && c.IsActive)
            .GroupBy(c => c.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var users = await db.Users.CountAsync(u => u.OrganisationId == id, ct);
        var region = await db.Regions.AsNoTracking().Where(r => r.Code == o.RegionCode).Select(r => r.Name).FirstOrDefaultAsync(ct);
        return new OrganisationDetail(o.Id, o.Name, o.ShortName, o.Type, o.Type.Zh(), o.RegionCode, region, o.ParentId,
            path.LastOrDefault()?.Name, path, o.CreditCode, o.ContactPerson, Privacy.Mask.Phone(o.ContactPhone), o.Address, o.EstablishedOn,
            o.HasPartyOrganisation, o.MemberCount, o.SortOrder, o.IsActive, o.DeactivatedAt, o.DeactivationReason, o.Version,
            children.Select(c => new ChildCount(c.Key, c.Key.Zh(), c.Count)).OrderBy(c => c.Type).ToList(), users, o.CreatedAt, o.UpdatedAt);
    }
}

/// <summary>
/// The public directory: active organisations by name, for pickers outside one's own scope (a scientist
/// choosing the organisation that confirms them; a recommending unit). Names and types only.
/// </summary>
public sealed class OrganisationDirectory(AppDbContext db)
{
    public sealed record Entry(Guid Id, string Name, OrganisationType Type, string TypeName, string RegionCode);

    public async Task<List<Entry>> SearchAsync(string? q, IReadOnlyCollection<OrganisationType>? types = null, int take = 30, CancellationToken ct = default)
    {
        var query = db.Organisations.IgnoreQueryFilters([AppDbContext.DataScopeFilter]).AsNoTracking().Where(o => o.IsActive);
        if (q.Clean() is { } kw) query = query.Where(o => o.Name.Contains(kw));
        if (types is { Count: > 0 }) query = query.Where(o => types.Contains(o.Type));
        var list = await query.OrderBy(o => o.Depth).ThenBy(o => o.Name).Take(Math.Clamp(take, 1, 100))
            .Select(o => new { o.Id, o.Name, o.Type, o.RegionCode }).ToListAsync(ct);
        return list.Select(o => new Entry(o.Id, o.Name, o.Type, o.Type.Zh(), o.RegionCode)).ToList();
    }

    public async Task<Entry?> FindAsync(Guid id, CancellationToken ct = default)
    {
        var o = await db.Organisations.IgnoreQueryFilters([AppDbContext.DataScopeFilter]).AsNoTracking()
            .Where(x => x.Id == id && x.IsActive).Select(x => new { x.Id, x.Name, x.Type, x.RegionCode }).FirstOrDefaultAsync(ct);
        return o is null ? null : new Entry(o.Id, o.Name, o.Type, o.Type.Zh(), o.RegionCode);
    }
}
