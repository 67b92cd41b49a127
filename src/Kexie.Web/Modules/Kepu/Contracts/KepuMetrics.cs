using Kexie.Web.Modules.Kepu.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Metrics;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Kepu.Contracts;

/// <summary>
/// The 科普 figures for the work plan and the annual review, from live records within the caller's scope.
/// Optional parameter <c>campaign</c>: a <see cref="CampaignKind"/> name (e.g. NationalScienceDay).
/// </summary>
public sealed class KepuMetrics(AppDbContext db) : IMetricProvider
{
    public const string ActivitiesPublished = "kepu.activities.published";
    public const string ActivitiesCompleted = "kepu.activities.completed";
    public const string Participants = "kepu.participants";
    public const string Volunteers = "kepu.volunteers";
    public const string VenueVisitors = "kepu.venue.visitors";
    public const string CaravanAttendance = "kepu.caravan.attendance";

    private static readonly MetricParameter CampaignParameter = new("campaign", "活动品牌",
        Enum.GetValues<CampaignKind>().Select(k => new MetricChoice(k.ToString(), k.Zh())).ToList());

    public IReadOnlyList<MetricDefinition> Definitions { get; } =
    [
        new(ActivitiesPublished, "科普", "发布科普活动", "场", "期间内开始、已向公众发布（含已完成）的科普活动数", [CampaignParameter]),
        new(ActivitiesCompleted, "科普", "完成科普活动", "场", "期间内开始并已登记成效的科普活动数", [CampaignParameter]),
        new(Participants, "科普", "科普活动参与人次", "人次", "已完成活动的实际参与人次（使用签到的以签到为准）", [CampaignParameter]),
        new(Volunteers, "科普", "科普活动志愿者", "人次", "已完成活动登记的志愿者人次", [CampaignParameter]),
        new(VenueVisitors, "科普", "科普阵地接待人次", "人次", "期间内各月登记的科技馆、科普教育基地等接待人次"),
        new(CaravanAttendance, "科普", "科普大篷车巡展参观人次", "人次", "期间内大篷车巡展各站点的参观人次", [CampaignParameter]),
    ];

    public async Task<MetricValue> EvaluateAsync(string key, MetricQuery query, CancellationToken ct)
    {
        if (key is VenueVisitors or CaravanAttendance) return await VenuesAsync(key, query, ct);
        var acts = db.Set<Activity>().AsNoTracking().Where(a => a.StartDate >= query.From && a.StartDate <= query.To);
        var link = $"/kepu/activities?from={query.From:yyyy-MM-dd}&to={query.To:yyyy-MM-dd}";
        if (query.OrganisationId is { } root)
        {
            acts = acts.Where(a => db.OrganisationClosures.Any(c => c.AncestorId == root && c.DescendantId == a.OrganisationId));
            link += $"&org={root}";
        }
        if (Enum.TryParse<CampaignKind>(query.Parameter("campaign"), out var kind))
        {
            acts = acts.Where(a => db.Set<Campaign>().Any(c => c.Id == a.CampaignId && c.Kind == kind));
            link += $"&campaignKind={kind}";
        }
        var completed = acts.Where(a => a.Status == ActivityStatus.Completed);
        return key switch
        {
            ActivitiesPublished => new MetricValue(await acts.CountAsync(a => a.Status == ActivityStatus.Published || a.Status == ActivityStatus.Completed, ct), link + "&public=true"),
            ActivitiesCompleted => new MetricValue(await completed.CountAsync(ct), link + "&status=Completed"),
            Participants => new MetricValue(await completed.SumAsync(a => a.ActualParticipants ?? 0, ct), link + "&status=Completed"),
            Volunteers => new MetricValue(await completed.SumAsync(a => a.Volunteers ?? 0, ct), link + "&status=Completed"),
            _ => throw new Kexie.Web.Platform.Errors.DomainException($"未知指标：{key}"),
        };
    }

    private async Task<MetricValue> VenuesAsync(string key, MetricQuery query, CancellationToken ct)
    {
        var venues = db.Set<Venue>().AsNoTracking();
        var tours = db.Set<CaravanTour>().AsNoTracking();
        if (query.OrganisationId is { } root)
        {
            venues = venues.Where(v => db.OrganisationClosures.Any(c => c.AncestorId == root && c.DescendantId == v.OrganisationId));
            tours = tours.Where(t => db.OrganisationClosures.Any(c => c.AncestorId == root && c.DescendantId == t.OrganisationId));
        }
        if (key == VenueVisitors)
        {
            var from = new DateOnly(query.From.Year, query.From.Month, 1);
            return new MetricValue(await db.Set<VenueVisitorMonth>().Where(m => m.Month >= from && m.Month <= query.To && venues.Any(v => v.Id == m.VenueId))
                .SumAsync(m => m.Visitors, ct), "/kepu/venues");
        }
        if (Enum.TryParse<CampaignKind>(query.Parameter("campaign"), out var kind))
            tours = tours.Where(t => db.Set<Campaign>().Any(c => c.Id == t.CampaignId && c.Kind == kind));
        return new MetricValue(await db.Set<CaravanStop>().Where(s => s.Date >= query.From && s.Date <= query.To && tours.Any(t => t.Id == s.TourId))
            .SumAsync(s => s.Attendance, ct), "/kepu/caravans");
    }
}
