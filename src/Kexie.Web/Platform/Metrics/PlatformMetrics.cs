using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Platform.Metrics;

/// <summary>The platform's own figures: organisations founded, 三长 posts, coverage of towns.</summary>
internal sealed class PlatformMetrics(AppDbContext db) : IMetricProvider
{
    public const string OrganisationsFounded = "platform.organisations.founded";
    public const string TownAssociations = "platform.organisations.town-associations";
    public const string SanZhangPosts = "platform.sanzhang.posts";

    private static readonly MetricParameter TypeParameter = new("type", "组织类型",
        Enum.GetValues<OrganisationType>().Select(t => new MetricChoice(t.ToString(), t.Zh())).ToList());

    public IReadOnlyList<MetricDefinition> Definitions { get; } =
    [
        new(OrganisationsFounded, "组织体系", "新建组织", "个", "期间内新建（登记）的组织数，可按类型", [TypeParameter]),
        new(TownAssociations, "组织体系", "已建镇(街道)科协", "个", "期末启用的镇(街道)科协数"),
        new(SanZhangPosts, "组织体系", "三长任职", "人", "期末在任的三长人数"),
    ];

    public async Task<MetricValue> EvaluateAsync(string key, MetricQuery query, CancellationToken ct)
    {
        var from = query.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = query.To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var orgs = db.Organisations.AsNoTracking();
        if (query.OrganisationId is { } root)
            orgs = orgs.Where(o => db.OrganisationClosures.Any(c => c.AncestorId == root && c.DescendantId == o.Id));
        switch (key)
        {
            case OrganisationsFounded:
                var q = orgs.Where(o => o.CreatedAt >= from && o.CreatedAt < to);
                if (Enum.TryParse<OrganisationType>(query.Parameter("type"), out var t)) q = q.Where(o => o.Type == t);
                return new MetricValue(await q.CountAsync(ct), "/orgs?sort=created");
            case TownAssociations:
                return new MetricValue(await orgs.CountAsync(o => o.Type == OrganisationType.TownAssociation && o.IsActive && o.CreatedAt < to, ct), "/orgs/coverage");
            case SanZhangPosts:
                var ids = orgs.Select(o => o.Id);
                return new MetricValue(await db.SanZhangPosts.CountAsync(p => p.IsActive && ids.Contains(p.OrganisationId), ct), "/orgs/sanzhang");
            default:
                throw new Errors.DomainException($"未知指标：{key}");
        }
    }
}
