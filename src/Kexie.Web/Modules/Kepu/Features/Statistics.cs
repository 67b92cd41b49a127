using Kexie.Web.Modules.Kepu.Domain;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Excel;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Kepu.Features;

public sealed record StatsRequest(int Year, Guid? CampaignId = null, Guid? OrganisationId = null);

/// <summary>One figure set: activities (published or completed), completed ones, 人次 and volunteers.</summary>
public sealed record StatsFigures(int Activities, int Completed, int Participants, int Volunteers)
{
    public static readonly StatsFigures Zero = new(0, 0, 0, 0);
}

public sealed record StatsRow(Guid OrganisationId, string Name, bool Own, StatsFigures Figures, string Link);

public sealed record StatsBreakdown(string Key, string Label, int Activities, int Participants, string Link);

public sealed record StatsReport(int Year, Guid? CampaignId, Guid RootId, string RootName, Guid? ParentId, StatsFigures Total, string TotalLink,
    IReadOnlyList<StatsRow> Rows, IReadOnlyList<StatsBreakdown> ByType, IReadOnlyList<StatsBreakdown> ByAudience, int VenueVisitors, int CaravanAttendance);

/// <summary>
/// Per year (and campaign), rolled up along the organisation tree: one SQL aggregate of the subtree's activities by
/// organiser, type, audience and status, summed per child subtree through org_closure. Every figure carries the link to
/// the list of records behind it.
/// </summary>
public sealed class KepuStatistics(AppDbContext db, CurrentUser user)
{
    public async Task<StatsReport> HandleAsync(StatsRequest r, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.Statistics);
        var rootId = r.OrganisationId ?? user.OrganisationId
            ?? await db.Organisations.Where(o => o.ParentId == null).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("组织");
        var root = await db.Organisations.AsNoTracking().Where(o => o.Id == rootId).Select(o => new { o.Id, o.Name, o.ParentId }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("组织");
        var parentVisible = root.ParentId is { } pid && await db.Organisations.AnyAsync(o => o.Id == pid, ct);

        var from = new DateOnly(r.Year, 1, 1);
        var to = new DateOnly(r.Year, 12, 31);
        var acts = db.Set<Activity>().AsNoTracking().Where(a => (a.Status == ActivityStatus.Published || a.Status == ActivityStatus.Completed)
            && a.StartDate >= from && a.StartDate <= to);
        if (r.CampaignId is { } cid) acts = acts.Where(a => a.CampaignId == cid);
        var children = db.Organisations.Where(o => o.ParentId == root.Id);

        // One grouped pass over the year's public activities in the root's subtree (and the caller's data scope), by
        // organiser, type, audience and status: a few thousand rows at most, whatever the number of activities. The roll-up
        // along the tree is then a sum over the closure rows of the root's children, in memory.
        var subtree = acts.Where(a => db.OrganisationClosures.Any(c => c.AncestorId == root.Id && c.DescendantId == a.OrganisationId));
        var groups = await subtree.GroupBy(a => new { a.OrganisationId, a.Type, a.Audience, a.Status })
            .Select(g => new Group(g.Key.OrganisationId, g.Key.Type, g.Key.Audience, g.Key.Status, g.Count(), g.Sum(x => x.ActualParticipants ?? 0), g.Sum(x => x.Volunteers ?? 0)))
            .ToListAsync(ct);
        var childOf = (await (from c in db.OrganisationClosures
                              join o in children on c.AncestorId equals o.Id
                              select new { c.AncestorId, c.DescendantId }).ToListAsync(ct))
            .GroupBy(x => x.DescendantId).ToDictionary(g => g.Key, g => g.First().AncestorId);
        var childNames = await children.OrderBy(o => o.SortOrder).ThenBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var byChild = groups.Where(g => childOf.ContainsKey(g.OrganisationId)).GroupBy(g => childOf[g.OrganisationId]).ToDictionary(g => g.Key, Sum);
        var own = Sum(groups.Where(g => g.OrganisationId == root.Id));
        var total = Sum(groups);

        string Link(Guid org, bool ownOnly, string extra = "") =>
            $"/kepu/activities?year={r.Year}&public=true&org={org}{(ownOnly ? "&own=true" : "")}{(r.CampaignId is { } c ? $"&campaign={c}" : "")}{extra}";

        var rows = new List<StatsRow> { new(root.Id, root.Name + "（本级）", true, own, Link(root.Id, true)) };
        rows.AddRange(childNames.Select(c => new StatsRow(c.Id, c.Name, false, byChild.GetValueOrDefault(c.Id, StatsFigures.Zero), Link(c.Id, false)))
            .Where(x => x.Figures.Activities > 0 || childNames.Count <= 40));

        var types = groups.GroupBy(g => g.Type).Select(g => new { g.Key, N = g.Sum(x => x.N), P = g.Sum(x => x.P) }).ToList();
        var audiences = groups.GroupBy(g => g.Audience).Select(g => new { g.Key, N = g.Sum(x => x.N), P = g.Sum(x => x.P) }).ToList();
        var inTree = db.OrganisationClosures.Where(c => c.AncestorId == root.Id).Select(c => c.DescendantId);
        var monthFrom = new DateOnly(r.Year, 1, 1);
        var monthTo = new DateOnly(r.Year, 12, 1);
        var visitors = r.CampaignId is null
            ? await db.Set<VenueVisitorMonth>().Where(m => m.Month >= monthFrom && m.Month <= monthTo
                && db.Set<Venue>().Any(v => v.Id == m.VenueId && inTree.Contains(v.OrganisationId))).SumAsync(m => m.Visitors, ct)
            : 0;
        var stops = db.Set<CaravanStop>().Where(s => s.Date >= from && s.Date <= to
            && db.Set<CaravanTour>().Any(t => t.Id == s.TourId && inTree.Contains(t.OrganisationId) && (r.CampaignId == null || t.CampaignId == r.CampaignId)));
        var caravan = await stops.SumAsync(s => s.Attendance, ct);
        return new StatsReport(r.Year, r.CampaignId, root.Id, root.Name, parentVisible ? root.ParentId : null, total, Link(root.Id, false), rows,
            Enum.GetValues<ActivityType>().Select(t => types.FirstOrDefault(x => x.Key == t) is { } x
                ? new StatsBreakdown(t.ToString(), t.Zh(), x.N, x.P, Link(root.Id, false, $"&type={t}")) : new StatsBreakdown(t.ToString(), t.Zh(), 0, 0, Link(root.Id, false, $"&type={t}"))).ToList(),
            Enum.GetValues<AudienceGroup>().Select(t => audiences.FirstOrDefault(x => x.Key == t) is { } x
                ? new StatsBreakdown(t.ToString(), t.Zh(), x.N, x.P, Link(root.Id, false, $"&audience={t}")) : new StatsBreakdown(t.ToString(), t.Zh(), 0, 0, Link(root.Id, false, $"&audience={t}"))).ToList(),
            visitors, caravan);
    }

    private sealed record Group(Guid OrganisationId, ActivityType Type, AudienceGroup Audience, ActivityStatus Status, int N, int P, int V);

    private static StatsFigures Sum(IEnumerable<Group> groups)
    {
        int n = 0, done = 0, p = 0, v = 0;
        foreach (var g in groups)
        {
            n += g.N;
            if (g.Status == ActivityStatus.Completed) done += g.N;
            p += g.P;
            v += g.V;
        }
        return new StatsFigures(n, done, p, v);
    }

    public async Task<byte[]> ExportAsync(StatsRequest r, CancellationToken ct = default)
    {
        var report = await HandleAsync(r, ct);
        var rows = report.Rows.Select(x => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["组织"] = x.Name,
            ["活动数"] = x.Figures.Activities,
            ["已完成"] = x.Figures.Completed,
            ["参与人次"] = x.Figures.Participants,
            ["志愿者"] = x.Figures.Volunteers,
        }).Append(new Dictionary<string, object?>
        {
            ["组织"] = $"{report.RootName}合计（科普阵地接待 {report.VenueVisitors} 人次，大篷车巡展 {report.CaravanAttendance} 人次）",
            ["活动数"] = report.Total.Activities,
            ["已完成"] = report.Total.Completed,
            ["参与人次"] = report.Total.Participants,
            ["志愿者"] = report.Total.Volunteers,
        });
        db.AuditEvent(AuditActions.Export, "科普统计", report.RootId.ToString(), $"导出 {report.Year} 年科普统计（{report.RootName}）", report.RootId);
        await db.FlushAuditAsync(ct);
        return ExcelExport.ToXlsx(rows, "科普统计");
    }
}
