using Kexie.Web.Modules.WorkPlans.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Excel;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.WorkPlans.Features;

public sealed record PlanRow(Guid Id, string Title, int Year, WorkPlanStatus Status, Parsing.WorkPlanDocumentKind Kind, DateTime CreatedAt, int Tasks);

public sealed class ListPlans(AppDbContext db, CurrentUser user)
{
    public async Task<List<PlanRow>> HandleAsync(CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.View);
        var plans = await db.Set<WorkPlan>().AsNoTracking().OrderByDescending(p => p.Year).ThenByDescending(p => p.CreatedAt)
            .Select(p => new { p.Id, p.Title, p.Year, p.Status, p.Kind, p.CreatedAt }).ToListAsync(ct);
        var ids = plans.Select(p => p.Id).ToList();
        var counts = await db.Set<WorkTask>().AsNoTracking().Where(t => ids.Contains(t.PlanId)).GroupBy(t => t.PlanId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return plans.Select(p => new PlanRow(p.Id, p.Title, p.Year, p.Status, p.Kind, p.CreatedAt, counts.GetValueOrDefault(p.Id))).ToList();
    }
}

public sealed record LightCounts(int Green, int Yellow, int Red, int Done)
{
    public int Total => Green + Yellow + Red + Done;

    public static LightCounts Of(IEnumerable<TaskRow> rows) => Of(rows.Select(r => r.Light));

    public static LightCounts Of(IEnumerable<TrafficLight> lights)
    {
        var list = lights.ToList();
        return new(list.Count(l => l == TrafficLight.Green), list.Count(l => l == TrafficLight.Yellow),
            list.Count(l => l == TrafficLight.Red), list.Count(l => l == TrafficLight.Done));
    }
}

public sealed record DashboardGroup(string Name, LightCounts Lights, int AveragePercent);

public sealed record PlanDashboardView(Guid Id, string Title, int Year, WorkPlanStatus Status, bool ReviewFinalised, LightCounts Lights,
    IReadOnlyList<DashboardGroup> ByPart, IReadOnlyList<DashboardGroup> ByUnit, IReadOnlyList<TaskRow> Tasks, IReadOnlyList<TargetView> Targets, int Version);

/// <summary>The plan at a glance: traffic lights by part and by responsible unit, and every target against its actual.</summary>
public sealed class GetPlanDashboard(AppDbContext db, CurrentUser user, ListTasks list, TargetProgress progress)
{
    public async Task<PlanDashboardView> HandleAsync(Guid planId, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.View);
        var plan = await db.Set<WorkPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException("工作要点");
        var tasks = await db.Set<WorkTask>().AsNoTracking().Where(t => t.PlanId == planId).OrderBy(t => t.SortOrder).ToListAsync(ct);
        var rows = await list.RowsAsync(tasks, ct);
        var byId = tasks.ToDictionary(t => t.Id);
        var targets = await db.Set<WorkTarget>().AsNoTracking().Where(t => t.PlanId == planId).OrderBy(t => t.CreatedAt).ToListAsync(ct);
        var views = await progress.EvaluateAsync(targets.Where(t => byId.ContainsKey(t.TaskId)).Select(t => (t, plan.Year, byId[t.TaskId].OrganisationId)), ct);
        static DashboardGroup Group(string name, IEnumerable<TaskRow> g) => new(name, LightCounts.Of(g), (int)g.Average(r => r.Percent));
        return new PlanDashboardView(plan.Id, plan.Title, plan.Year, plan.Status, plan.ReviewFinalisedAt is not null, LightCounts.Of(rows),
            rows.GroupBy(r => (r.PartIndex, r.PartTitle)).OrderBy(g => g.Key.PartIndex).Select(g => Group($"{Numerals(g.Key.PartIndex)}、{g.Key.PartTitle}", g)).ToList(),
            rows.GroupBy(r => r.Organisation).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Group(g.Key, g)).ToList(),
            rows, views, plan.Version);
    }

    public static string Numerals(int n) => n is >= 1 and <= 10 ? "一二三四五六七八九十"[n - 1].ToString() : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The task register (台账) as Excel: one row per task with its unit, deadline, progress, light and targets.</summary>
public sealed class ExportTaskRegister(AppDbContext db, GetPlanDashboard dashboard)
{
    public async Task<(byte[] Content, string FileName)> HandleAsync(Guid planId, CancellationToken ct = default)
    {
        var d = await dashboard.HandleAsync(planId, ct);
        var targets = d.Targets.ToLookup(t => t.TaskId);
        var rows = d.Tasks.Select(t => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["序号"] = t.SortOrder,
            ["部分"] = t.PartTitle,
            ["任务"] = t.Title,
            ["责任单位"] = t.Organisation,
            ["牵头人"] = t.LeadPerson,
            ["完成时限"] = t.Deadline.ToString("yyyy-MM-dd"),
            ["状态"] = t.Status.Zh(),
            ["进度%"] = t.Percent,
            ["预警"] = t.Light.Zh(),
            ["未答复督办"] = t.OpenNotices,
            ["目标与完成"] = string.Join("；", targets[t.Id].Select(x => x.Summary)),
            ["验收评定"] = t.Grade?.Zh(),
        });
        var bytes = ExcelExport.ToXlsx(rows, "任务台账");
        db.AuditEvent("workplan.export", "工作要点", planId.ToString(), $"导出任务台账（{d.Tasks.Count} 项）");
        await db.FlushAuditAsync(ct);
        return (bytes, $"{d.Title}-任务台账.xlsx");
    }
}
