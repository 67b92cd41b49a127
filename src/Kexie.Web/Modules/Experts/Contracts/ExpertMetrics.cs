using Kexie.Web.Modules.Experts.Data;
using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Metrics;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Experts.Contracts;

/// <summary>Figures of the 科技工作者 registry and the 专家库 for work plans and annual reviews (within the user's data scope).</summary>
public sealed class ExpertMetrics(AppDbContext db) : IMetricProvider
{
    public const string PeopleRegistered = "experts.people.registered";
    public const string ExpertsAdmitted = "experts.pool.admitted";
    public const string ExpertsInPool = "experts.pool.total";
    public const string ExpertUses = "experts.usages";

    public IReadOnlyList<MetricDefinition> Definitions { get; } =
    [
        new(PeopleRegistered, "专家库", "新登记科技工作者", "人", "期间内登记（含导入、本人登记）的科技工作者人数"),
        new(ExpertsAdmitted, "专家库", "新入库专家", "人", "期间内首次入库的专家人数"),
        new(ExpertsInPool, "专家库", "在库专家", "人", "期末在库专家人数"),
        new(ExpertUses, "专家库", "专家使用人次", "人次", "期间内专家参加评审、咨询、讲座等的人次"),
    ];

    public async Task<MetricValue> EvaluateAsync(string key, MetricQuery query, CancellationToken ct)
    {
        var from = query.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = query.To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var people = db.People().AsNoTracking().Where(p => p.Status != PersonStatus.Merged);
        var usages = db.Usages().AsNoTracking();
        if (query.OrganisationId is { } root)
        {
            people = people.Where(p => db.OrganisationClosures.Any(c => c.AncestorId == root && c.DescendantId == p.OrganisationId));
            usages = usages.Where(u => db.OrganisationClosures.Any(c => c.AncestorId == root && c.DescendantId == u.OrganisationId));
        }
        return key switch
        {
            PeopleRegistered => new MetricValue(await people.CountAsync(p => p.CreatedAt >= from && p.CreatedAt < to, ct), "/experts/people?sort=created"),
            ExpertsAdmitted => new MetricValue(await people.CountAsync(p => p.AdmittedAt >= from && p.AdmittedAt < to, ct), "/experts/pool?pool=Admitted"),
            ExpertsInPool => new MetricValue(await people.CountAsync(p => p.PoolStatus == PoolStatus.Admitted && p.AdmittedAt < to, ct), "/experts/pool?pool=Admitted"),
            ExpertUses => new MetricValue(await usages.CountAsync(u => u.UsedOn >= query.From && u.UsedOn <= query.To, ct)),
            _ => throw new DomainException($"未知指标：{key}"),
        };
    }
}
