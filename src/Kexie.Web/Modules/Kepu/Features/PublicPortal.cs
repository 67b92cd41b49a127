using Kexie.Web.Modules.Kepu.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Organisations;
using Kexie.Web.Platform.Organisations.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Kexie.Web.Modules.Kepu.Features;

public sealed record PublicListRequest(Guid? CampaignId = null, string? County = null, ActivityType? Type = null, AudienceGroup? Audience = null,
    DateOnly? From = null, DateOnly? To = null, string? Q = null, int Page = 1, int PageSize = 20);

public sealed record PublicActivityRow(Guid Id, string Title, string OrganiserName, string? CampaignName, ActivityType Type, AudienceGroup Audience,
    DateOnly StartDate, DateOnly EndDate, string Place, ActivityStatus Status, int? Capacity, int Confirmed);

public sealed record PublicActivityDetail(Guid Id, string Title, string OrganiserName, string? CampaignName, ActivityType Type, AudienceGroup Audience,
    DateOnly StartDate, DateOnly EndDate, string? TimeNote, string Place, string? RegionName, string? Description, string? Contact, ActivityStatus Status,
    int? Capacity, int Confirmed, int Waitlisted, int? ActualParticipants, string? Summary, IReadOnlyList<Guid> Photos, bool RegistrationOpen);

public sealed record CalendarEntry(Guid Id, string Title, DateOnly StartDate, DateOnly EndDate, ActivityType Type);

public sealed record CountyCount(string Code, string Name, int Activities);

/// <summary>
/// What anybody may read without signing in: published (and completed) activities only. These are the only
/// module queries that bypass the data-scope filter, and every one of them restricts to the public statuses.
/// </summary>
public sealed class PublicPortal(AppDbContext db, IMemoryCache cache)
{
    private IQueryable<Activity> Visible => db.PublicView<Activity>().AsNoTracking()
        .Where(a => a.Status == ActivityStatus.Published || a.Status == ActivityStatus.Completed);

    private DateOnly Today => DateOnly.FromDateTime(db.UtcNow.AddHours(8));

    /// <summary>The public filters (all but the county, which the map counts by).</summary>
    private IQueryable<Activity> Filtered(PublicListRequest r, bool withCounty)
    {
        var q = Visible;
        if (r.CampaignId is { } c) q = q.Where(a => a.CampaignId == c);
        if (withCounty && r.County.Clean() is { Length: 6 } county) q = q.Where(a => a.CountyCode == county);
        if (r.Type is { } t) q = q.Where(a => a.Type == t);
        if (r.Audience is { } au) q = q.Where(a => a.Audience == au);
        if (r.From is { } from) q = q.Where(a => a.EndDate >= from);
        if (r.To is { } to) q = q.Where(a => a.StartDate <= to);
        if (r.Q.Clean() is { } kw) q = q.Where(a => a.Title.Contains(kw) || a.Place.Contains(kw));
        return q;
    }

    public async Task<PagedResult<PublicActivityRow>> ListAsync(PublicListRequest r, CancellationToken ct = default)
    {
        var q = Filtered(r, withCounty: true);
        var pageSize = Math.Clamp(r.PageSize, 1, 50);
        var page = Math.Max(1, r.Page);
        var orgs = db.PublicView<Organisation>();
        var campaigns = db.Set<Campaign>();
        // One statement: the page (a backward range scan of a public index in the list's order) with the organiser and
        // campaign names, and the count as a subquery, exact up to Paging.CountCap like every list (an exact count of a
        // million published rows costs more than the page). Only a page past the end needs the count on its own.
        var counted = q.Select(a => a.Id).Take(Paging.CountCap + 1);
        // The names are joined to the page (a subquery), so they are looked up for its rows only, not for the skipped ones.
        var rows = await (from a in q.OrderByDescending(a => a.StartDate).ThenByDescending(a => a.Id).PageOf(page, pageSize)
                          join o in orgs on a.OrganisationId equals o.Id into os
                          from o in os.DefaultIfEmpty()
                          join c in campaigns on a.CampaignId equals c.Id into cs
                          from c in cs.DefaultIfEmpty()
                          orderby a.StartDate descending, a.Id descending
                          select new
                          {
                              Row = new PublicActivityRow(a.Id, a.Title, o == null ? "" : o.Name, c == null ? null : c.Name,
                                  a.Type, a.Audience, a.StartDate, a.EndDate, a.Place, a.Status, a.Capacity, a.ConfirmedCount),
                              Total = counted.Count(),
                          }).ToListAsync(ct);
        var n = rows.Count > 0 ? rows[0].Total : await counted.CountAsync(ct);
        var (total, capped) = n > Paging.CountCap ? (Paging.CountCap, true) : (n, false);
        return new PagedResult<PublicActivityRow>(rows.Select(x => x.Row).ToList(), total, page, pageSize, capped);
    }

    public async Task<PublicActivityDetail> DetailAsync(Guid id, CancellationToken ct = default)
    {
        // One statement: the activity with its organiser, campaign and region names and the waitlist count as subqueries.
        var orgs = db.PublicView<Organisation>();
        var campaigns = db.Set<Campaign>();
        var x = await Visible.Where(a => a.Id == id).Select(a => new
        {
            Activity = a,
            Organiser = orgs.Where(o => o.Id == a.OrganisationId).Select(o => o.Name).FirstOrDefault(),
            Campaign = campaigns.Where(c => c.Id == a.CampaignId).Select(c => c.Name).FirstOrDefault(),
            Region = db.Regions.Where(g => g.Code == a.RegionCode).Select(g => g.Name).FirstOrDefault(),
            Waitlisted = db.Set<Registration>().Count(g => g.ActivityId == a.Id && g.Status == RegistrationStatus.Waitlisted),
        }).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("科普活动");
        var a = x.Activity;
        var open = a.Status == ActivityStatus.Published && a.Capacity is not null && a.EndDate >= Today;
        return new PublicActivityDetail(a.Id, a.Title, x.Organiser ?? "", x.Campaign, a.Type, a.Audience, a.StartDate, a.EndDate, a.TimeNote, a.Place, x.Region,
            a.Description, a.Contact, a.Status, a.Capacity, a.ConfirmedCount, x.Waitlisted, a.ActualParticipants, a.Summary, a.Photos, open);
    }

    public async Task<List<CalendarEntry>> CalendarAsync(int year, int month, CancellationToken ct = default)
    {
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        return await Visible.Where(a => a.StartDate <= last && a.EndDate >= first).OrderBy(a => a.StartDate).Take(1000)
            .Select(a => new CalendarEntry(a.Id, a.Title, a.StartDate, a.EndDate, a.Type)).ToListAsync(ct);
    }

    /// <summary>
    /// Published activities per county for the public filters (without the county itself); without a date filter,
    /// those starting in <paramref name="year"/>. Cached for a minute per filter set: the portal's busiest page
    /// shows it, and a minute's lag of a public count is harmless.
    /// </summary>
    public async Task<List<CountyCount>> CountiesAsync(PublicListRequest r, int year, CancellationToken ct = default)
    {
        var key = $"kepu:counties:{r.CampaignId}|{r.Type}|{r.Audience}|{r.From}|{r.To}|{r.Q.Clean()}|{year}";
        if (cache.TryGetValue(key, out List<CountyCount>? hit) && hit is not null) return hit;
        var q = Filtered(r, withCounty: false);
        if (r.From is null && r.To is null)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            q = q.Where(a => a.StartDate >= from && a.StartDate <= to);
        }
        var counts = await q.GroupBy(a => a.CountyCode).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        var counties = await db.Regions.Where(x => x.Level == RegionLevel.County).OrderBy(x => x.Code).Select(x => new { x.Code, x.Name }).ToListAsync(ct);
        var result = counties.Select(c => new CountyCount(c.Code, c.Name, counts.FirstOrDefault(x => x.Key == c.Code)?.N ?? 0)).ToList();
        cache.Set(key, result, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1), Size = 1 });
        return result;
    }

    /// <summary>The portal list (<c>/kepu</c>) with these filters; with another path, e.g. the county counts of the map.</summary>
    public static string ListLink(PublicListRequest r, string path = "/kepu", string campaignParameter = "campaign", int? year = null)
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            var s = value switch
            {
                null => null,
                DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (!string.IsNullOrWhiteSpace(s)) parts.Add($"{name}={Uri.EscapeDataString(s)}");
        }
        Add("q", r.Q);
        Add("year", year);
        Add(campaignParameter, r.CampaignId);
        Add("county", r.County);
        Add("type", r.Type);
        Add("audience", r.Audience);
        Add("from", r.From);
        Add("to", r.To);
        return parts.Count == 0 ? path : path + "?" + string.Join("&", parts);
    }

    /// <summary>The campaign choices of the public filters (reference data: cached for a minute).</summary>
    public async Task<List<(Guid Id, string Name)>> CampaignsAsync(CancellationToken ct = default) =>
        await cache.GetOrCreateAsync("kepu:public:campaigns", async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            e.Size = 1;
            var list = await db.Set<Campaign>().AsNoTracking().OrderByDescending(c => c.Year).ThenBy(c => c.StartDate).Select(c => new { c.Id, c.Name }).Take(50).ToListAsync(ct);
            return list.Select(c => (c.Id, c.Name)).ToList();
        }) ?? [];

    /// <summary>The county choices of the public filters (reference data: cached for a minute).</summary>
    public async Task<List<(string Code, string Name)>> CountyChoicesAsync(CancellationToken ct = default) =>
        await cache.GetOrCreateAsync("kepu:public:counties", async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            e.Size = 1;
            var list = await db.Regions.Where(r => r.Level == RegionLevel.County).OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(ct);
            return list.Select(c => (c.Code, c.Name)).ToList();
        }) ?? [];
}
