using System.Text.Json;
using Kexie.Web.Modules.WorkPlans.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Excel;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.WorkPlans.Features;

public sealed record CreateEvaluationRequest(string? Title, string? Conclusion);

public sealed record SaveConclusionRequest(string? Conclusion, int Version);

public sealed record EvaluationSummary(Guid Id, string Title, DateOnly AsOf, string CreatedBy, LightCounts Lights, int AveragePercent);

/// <summary>One task of an evaluation next to where it stands today.</summary>
public sealed record EvaluationLine(EvaluationTask Then, int? NowPercent, TrafficLight? NowLight);

public sealed record EvaluationView(Guid Id, Guid PlanId, string PlanTitle, string Title, DateOnly AsOf, string? Conclusion, string CreatedBy, int Version,
    LightCounts Then, LightCounts Now, IReadOnlyList<DashboardGroup> ByPart, IReadOnlyList<DashboardGroup> ByUnit, IReadOnlyList<EvaluationLine> Lines);

/// <summary>
/// 中期评估: the plan owner freezes the state of every task and target at a date (traffic light, progress, milestones,
/// open 督办, targets against actuals) with a conclusion; later the frozen state is compared with today's.
/// </summary>
public sealed class PlanEvaluations(AppDbContext db, CurrentUser user, GetPlanDashboard dashboard, TimeProvider time)
{
    public async Task<Guid> CreateAsync(Guid planId, CreateEvaluationRequest r, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.Manage);
        var d = await dashboard.HandleAsync(planId, ct);
        if (d.Status == WorkPlanStatus.Draft) throw new DomainException("工作要点尚未确认，还没有任务可评估");
        var asOf = DateOnly.FromDateTime(time.GetUtcNow().AddHours(8).DateTime);
        var targets = d.Targets.ToLookup(t => t.TaskId);
        var snapshot = d.Tasks.Select(t => new EvaluationTask(t.Id, t.SortOrder, t.PartIndex, t.PartTitle, t.Title, t.Organisation, t.Percent, t.Light, t.Status,
            t.MilestonesDone, t.MilestonesTotal, t.OpenNotices,
            string.Join("；", targets[t.Id].Select(x => x.Summary)))).ToList();
        var plan = await db.Set<WorkPlan>().AsNoTracking().FirstAsync(p => p.Id == planId, ct);
        var e = new PlanEvaluation
        {
            OrganisationId = plan.OrganisationId,
            PlanId = planId,
            Title = (r.Title.Clean() ?? $"{asOf:yyyy年M月d日}中期评估").Truncate(Lengths.LongName),
            AsOf = asOf,
            Conclusion = r.Conclusion.Clean()?.Truncate(Lengths.LongText),
            CreatedBy = user.DisplayName.Truncate(Lengths.Name),
            SnapshotJson = JsonSerializer.Serialize(snapshot, WorkPlan.Json),
        };
        db.Set<PlanEvaluation>().Add(e);
        db.AuditEvent("workplan.evaluate", "工作要点", planId.ToString(), $"{e.Title}：{snapshot.Count} 项任务，{d.Lights.Red} 项红灯", plan.OrganisationId);
        await db.SaveChangesAsync(ct);
        return e.Id;
    }

    public async Task<List<EvaluationSummary>> ListAsync(Guid planId, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.View);
        if (!await db.Set<WorkPlan>().AnyAsync(p => p.Id == planId, ct)) throw new NotFoundException("工作要点");
        var list = await db.Set<PlanEvaluation>().AsNoTracking().Where(e => e.PlanId == planId).OrderByDescending(e => e.AsOf).ThenByDescending(e => e.CreatedAt).ToListAsync(ct);
        return list.Select(e =>
        {
            var rows = e.Snapshot();
            return new EvaluationSummary(e.Id, e.Title, e.AsOf, e.CreatedBy, Lights(rows), rows.Count == 0 ? 0 : (int)rows.Average(x => x.Percent));
        }).ToList();
    }

    public async Task<EvaluationView> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.View);
        var e = await db.Set<PlanEvaluation>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("评估");
        var now = await dashboard.HandleAsync(e.PlanId, ct);
        var nowById = now.Tasks.ToDictionary(t => t.Id);
        var rows = e.Snapshot();
        static DashboardGroup Group(string name, IEnumerable<EvaluationTask> g) => new(name, Lights(g), (int)g.Average(r => r.Percent));
        return new EvaluationView(e.Id, e.PlanId, now.Title, e.Title, e.AsOf, e.Conclusion, e.CreatedBy, e.Version, Lights(rows), now.Lights,
            rows.GroupBy(r => (r.PartIndex, r.PartTitle)).OrderBy(g => g.Key.PartIndex).Select(g => Group($"{GetPlanDashboard.Numerals(g.Key.PartIndex)}、{g.Key.PartTitle}", g)).ToList(),
            rows.GroupBy(r => r.Organisation).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Group(g.Key, g)).ToList(),
            rows.OrderBy(r => r.SortOrder).Select(r => nowById.TryGetValue(r.TaskId, out var n) ? new EvaluationLine(r, n.Percent, n.Light) : new EvaluationLine(r, null, null)).ToList());
    }

    public async Task<int> SaveConclusionAsync(Guid id, SaveConclusionRequest r, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.Manage);
        var e = await db.Set<PlanEvaluation>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("评估");
        db.Entry(e).Property(x => x.Version).OriginalValue = r.Version;
        e.Conclusion = r.Conclusion.Clean()?.Truncate(Lengths.LongText);
        await db.SaveChangesAsync(ct);
        return e.Version;
    }

    public async Task<(byte[] Content, string FileName)> ExportAsync(Guid id, CancellationToken ct = default)
    {
        var v = await GetAsync(id, ct);
        var rows = v.Lines.Select(l => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["序号"] = l.Then.SortOrder,
            ["部分"] = l.Then.PartTitle,
            ["任务"] = l.Then.Title,
            ["责任单位"] = l.Then.Organisation,
            [$"评估时进度%（{v.AsOf:yyyy-MM-dd}）"] = l.Then.Percent,
            ["评估时预警"] = l.Then.Light.Zh(),
            ["节点完成"] = $"{l.Then.MilestonesDone}/{l.Then.MilestonesTotal}",
            ["未答复督办"] = l.Then.OpenNotices,
            ["目标与完成"] = l.Then.Targets,
            ["当前进度%"] = l.NowPercent,
            ["当前预警"] = l.NowLight?.Zh(),
        });
        var bytes = ExcelExport.ToXlsx(rows, "评估");
        db.AuditEvent("workplan.evaluation.export", "计划评估", id.ToString(), $"导出《{v.Title}》");
        await db.FlushAuditAsync(ct);
        return (bytes, $"{v.PlanTitle}-{v.Title}.xlsx");
    }

    private static LightCounts Lights(IEnumerable<EvaluationTask> rows) => LightCounts.Of(rows.Select(r => r.Light));
}
