using Kexie.Web.Modules.WorkPlans.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Metrics;
using Kexie.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.WorkPlans.Features;

public sealed record TaskRow(Guid Id, Guid PlanId, string PlanTitle, int PartIndex, string PartTitle, string Path, string Title, Guid OrganisationId,
    string Organisation, string? LeadPerson, DateOnly Deadline, WorkTaskStatus Status, int Percent, TrafficLight Light, TaskGrade? Grade,
    int OpenNotices, DateTime? LastReportAt, int SortOrder, bool AsCoUnit = false, int MilestonesDone = 0, int MilestonesTotal = 0);

public sealed record TaskQuery(Guid? PlanId = null, Guid? OrganisationId = null, TrafficLight? Light = null, string? Q = null, int Page = 1, int PageSize = 50);

/// <summary>
/// Tasks in the user's data scope — and the tasks its organisations support as co-operating units (配合单位) — with
/// their progress and traffic light as of today (TimeProvider).
/// </summary>
public sealed class ListTasks(AppDbContext db, CurrentUser user, TargetProgress progress, TimeProvider time)
{
    public async Task<(IReadOnlyList<TaskRow> Items, int Total)> HandleAsync(TaskQuery q, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.View);
        var tasks = await Filter(db.Set<WorkTask>().AsNoTracking(), q).ToListAsync(ct);
        // The co-unit links are scoped by the co-operating unit, so this finds the tasks the user's units support.
        var links = db.Set<WorkTaskCoUnit>().AsNoTracking();
        if (q.PlanId is { } plan) links = links.Where(c => c.PlanId == plan);
        var seen = tasks.Select(t => t.Id).ToHashSet();
        var coOnly = (await links.Select(c => c.TaskId).Distinct().ToListAsync(ct)).Where(id => !seen.Contains(id)).ToHashSet();
        if (coOnly.Count > 0)
        {
            var ids = coOnly.ToList();
            tasks.AddRange(await Filter(db.Set<WorkTask>().WithoutDataScope().AsNoTracking().Where(t => ids.Contains(t.Id)), q).ToListAsync(ct));
            tasks = tasks.OrderBy(t => t.PlanYear).ThenBy(t => t.SortOrder).ToList();
        }
        var rows = await RowsAsync(tasks, ct, coOnly);
        if (q.Light is { } l) rows = rows.Where(r => r.Light == l).ToList();
        var size = Math.Clamp(q.PageSize, 1, 500);
        return (rows.Skip((Math.Max(q.Page, 1) - 1) * size).Take(size).ToList(), rows.Count);
    }

    private static IQueryable<WorkTask> Filter(IQueryable<WorkTask> query, TaskQuery q)
    {
        if (q.PlanId is { } p) query = query.Where(t => t.PlanId == p);
        if (q.OrganisationId is { } o) query = query.Where(t => t.OrganisationId == o);
        if (q.Q.Clean() is { } kw) query = query.Where(t => t.Title.Contains(kw) || t.Body.Contains(kw));
        return query.OrderBy(t => t.PlanYear).ThenBy(t => t.SortOrder);
    }

    /// <summary>
    /// Rows for tasks the caller is allowed to see (in scope, or supported as a co-unit): their targets, notices and
    /// milestones are read without the scope filter, since they follow the task.
    /// </summary>
    internal async Task<List<TaskRow>> RowsAsync(List<WorkTask> tasks, CancellationToken ct, IReadOnlySet<Guid>? coOnly = null)
    {
        var ids = tasks.Select(t => t.Id).ToList();
        var today = DateOnly.FromDateTime(time.GetUtcNow().AddHours(8).DateTime);
        var targets = await db.Set<WorkTarget>().WithoutDataScope().AsNoTracking().Where(t => ids.Contains(t.TaskId)).ToListAsync(ct);
        var notices = await db.Set<SupervisionNotice>().WithoutDataScope().AsNoTracking().Where(n => ids.Contains(n.TaskId) && n.AnsweredAt == null)
            .Select(n => new { n.TaskId, n.AnswerBy }).ToListAsync(ct);
        var milestones = (await db.Set<WorkMilestone>().WithoutDataScope().AsNoTracking().Where(m => ids.Contains(m.TaskId))
            .Select(m => new { m.TaskId, m.Due, m.DoneAt }).ToListAsync(ct)).ToLookup(m => m.TaskId);
        var orgIds = tasks.Select(t => t.OrganisationId).Distinct().ToList();
        var names = await OrganisationNames.LoadAsync(db, orgIds, ct);
        var byTask = targets.ToLookup(t => t.TaskId);
        var taskById = tasks.ToDictionary(t => t.Id);
        var views = (await progress.EvaluateAsync(targets.Select(t => (t, taskById[t.TaskId].PlanYear, taskById[t.TaskId].OrganisationId)), ct)).ToLookup(v => v.TaskId);
        return tasks.Select(t =>
        {
            var percent = TargetProgress.TaskPercent(t, views[t.Id]);
            var open = notices.Where(n => n.TaskId == t.Id).ToList();
            var ms = milestones[t.Id].ToList();
            var light = t.Light(today, percent, open.Any(n => today > n.AnswerBy), ms.Any(m => m.DoneAt is null && today > m.Due));
            return new TaskRow(t.Id, t.PlanId, t.PlanTitle, t.PartIndex, t.PartTitle, t.Path, t.Title, t.OrganisationId, names.GetValueOrDefault(t.OrganisationId, "—"),
                t.LeadPerson, t.Deadline, t.Status, percent, light, t.Grade, open.Count, t.LastReportAt, t.SortOrder,
                coOnly?.Contains(t.Id) == true, ms.Count(m => m.DoneAt is not null), ms.Count);
        }).ToList();
    }
}

internal static class OrganisationNames
{
    /// <summary>Names of organisations a task may point to; a member unit sees its own tasks even if the names above it are out of scope.</summary>
    public static async Task<Dictionary<Guid, string>> LoadAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var list = ids.ToList();
        var found = await db.PublicView<Kexie.Web.Platform.Organisations.Organisation>().AsNoTracking()
            .Where(o => list.Contains(o.Id)).Select(o => new { o.Id, o.Name, o.ShortName }).ToListAsync(ct);
        return found.ToDictionary(o => o.Id, o => o.ShortName ?? o.Name);
    }
}

public sealed record ReportView(Guid Id, string Period, string Text, int Percent, IReadOnlyList<(Guid Id, string Name)> Files, string ReportedBy, DateTime ReportedAt);

public sealed record NoticeView(Guid Id, string Text, DateOnly AnswerBy, string IssuedBy, DateTime IssuedAt, string? Answer, string? AnsweredBy, DateTime? AnsweredAt, bool Overdue);

public sealed record MilestoneView(Guid Id, string Title, DateOnly Due, DateTime? DoneAt, string? DoneBy, string? DoneNote, bool Overdue);

public sealed record CoUnitView(Guid OrganisationId, string Name);

public sealed record CoReportView(Guid Id, string Organisation, string Period, string Text, string ReportedBy, DateTime ReportedAt);

/// <summary>A task as its viewer sees it. <see cref="TaskRow.AsCoUnit"/>: the viewer supports it as a co-operating unit only.</summary>
public sealed record TaskDetail(TaskRow Row, string Body, string UnitsAsWritten, string? CoUnits, ReportRhythm Rhythm, string? GradeComment, int Version,
    int ReportedPercent, IReadOnlyList<TargetView> Targets, IReadOnlyList<ReportView> Reports, IReadOnlyList<NoticeView> Notices,
    IReadOnlyList<MilestoneView> Milestones, string CurrentPeriod, IReadOnlyList<CoUnitView> CoOrganisations, IReadOnlyList<CoReportView> CoReports);

internal static class TaskAccess
{
    /// <summary>
    /// The task if it is in the caller's scope, or if one of the caller's organisations is its co-operating unit
    /// (then <c>CoOnly</c> is true); otherwise 404.
    /// </summary>
    public static async Task<(WorkTask Task, bool CoOnly)> FindAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var t = await db.Set<WorkTask>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is not null) return (t, false);
        if (!await db.Set<WorkTaskCoUnit>().AnyAsync(c => c.TaskId == id, ct)) throw new NotFoundException("任务");
        return (await db.Set<WorkTask>().WithoutDataScope().AsNoTracking().FirstAsync(x => x.Id == id, ct), true);
    }
}

public sealed class GetTask(AppDbContext db, CurrentUser user, ListTasks list, TargetProgress progress, TimeProvider time)
{
    public async Task<TaskDetail> HandleAsync(Guid id, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.View);
        var (t, coOnly) = await TaskAccess.FindAsync(db, id, ct);
        var row = (await list.RowsAsync([t], ct, coOnly ? new HashSet<Guid> { id } : null))[0];
        var targets = await db.Set<WorkTarget>().WithoutDataScope().AsNoTracking().Where(x => x.TaskId == id).OrderBy(x => x.CreatedAt).ToListAsync(ct);
        var views = await progress.EvaluateAsync(targets.Select(x => (x, t.PlanYear, t.OrganisationId)), ct);
        var reports = await db.Set<ProgressReport>().WithoutDataScope().AsNoTracking().Where(r => r.TaskId == id).OrderByDescending(r => r.ReportedAt).ToListAsync(ct);
        var fileIds = reports.SelectMany(r => r.Files()).ToList();
        var files = await db.Files.AsNoTracking().Where(f => fileIds.Contains(f.Id)).Select(f => new { f.Id, f.FileName }).ToDictionaryAsync(f => f.Id, f => f.FileName, ct);
        var today = DateOnly.FromDateTime(time.GetUtcNow().AddHours(8).DateTime);
        var notices = await db.Set<SupervisionNotice>().WithoutDataScope().AsNoTracking().Where(n => n.TaskId == id).OrderByDescending(n => n.IssuedAt).ToListAsync(ct);
        var milestones = await db.Set<WorkMilestone>().WithoutDataScope().AsNoTracking().Where(m => m.TaskId == id).OrderBy(m => m.Due).ToListAsync(ct);
        var coIds = await db.Set<WorkTaskCoUnit>().WithoutDataScope().AsNoTracking().Where(c => c.TaskId == id).Select(c => c.OrganisationId).ToListAsync(ct);
        var coReports = await db.Set<CoUnitReport>().WithoutDataScope().AsNoTracking().Where(r => r.TaskId == id).OrderByDescending(r => r.ReportedAt).ToListAsync(ct);
        var coNames = await OrganisationNames.LoadAsync(db, coIds.Concat(coReports.Select(r => r.OrganisationId)).Distinct().ToList(), ct);
        return new TaskDetail(row, t.Body, t.UnitsAsWritten, t.CoUnits, t.Rhythm, t.GradeComment, t.Version, t.ReportedPercent, views,
            reports.Select(r => new ReportView(r.Id, r.Period, r.Text, r.Percent, r.Files().Select(f => (f, files.GetValueOrDefault(f, "（无权查看）"))).ToList(), r.ReportedBy, r.ReportedAt)).ToList(),
            notices.Select(n => new NoticeView(n.Id, n.Text, n.AnswerBy, n.IssuedBy, n.IssuedAt, n.Answer, n.AnsweredBy, n.AnsweredAt, n.IsOverdue(today))).ToList(),
            milestones.Select(m => new MilestoneView(m.Id, m.Title, m.Due, m.DoneAt, m.DoneBy, m.DoneNote, m.IsOverdue(today))).ToList(),
            ProgressReport.PeriodOf(t.Rhythm, today),
            coIds.Select(c => new CoUnitView(c, coNames.GetValueOrDefault(c, "—"))).OrderBy(c => c.Name, StringComparer.Ordinal).ToList(),
            coReports.Select(r => new CoReportView(r.Id, coNames.GetValueOrDefault(r.OrganisationId, "—"), r.Period, r.Text, r.ReportedBy, r.ReportedAt)).ToList());
    }
}

/// <summary>An assignment; Milestones has one per line ("2026-06-30 完成中期评估"), null to keep the open ones.</summary>
public sealed record AssignTaskRequest(Guid OrganisationId, string? LeadPerson, DateOnly Deadline, ReportRhythm Rhythm, string? CoUnits, string? Milestones, int Version);

/// <summary>Assigns a task to a responsible unit with a lead person, a deadline, a reporting rhythm and milestones.</summary>
public sealed class AssignTask(AppDbContext db, CurrentUser user, Notifier notifier)
{
    public async Task HandleAsync(Guid id, AssignTaskRequest r, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.Manage);
        var t = await db.Set<WorkTask>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("任务");
        db.Entry(t).Property(x => x.Version).OriginalValue = r.Version;
        if (t.Status == WorkTaskStatus.Completed) throw new DomainException("任务已完成，不能重新分配");
        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == r.OrganisationId && o.IsActive, ct)
            ?? throw new DomainException("责任单位不存在或不在数据范围内", "OrganisationId");
        if (!ActivatePlan.AssignableTypes.Contains(org.Type)) throw new DomainException("该组织不能作为责任单位", "OrganisationId");
        if (r.Deadline.Year < t.PlanYear || r.Deadline.Year > t.PlanYear + 1) throw new DomainException("完成时限应在计划年度内", "Deadline");
        var milestones = ParseMilestones(r.Milestones);
        var moved = t.OrganisationId != org.Id;
        t.OrganisationId = org.Id;
        t.LeadPerson = r.LeadPerson.Clean()?.Truncate(Lengths.Name);
        t.Deadline = r.Deadline;
        t.Rhythm = r.Rhythm;
        t.CoUnits = r.CoUnits.Clean()?.Truncate(Lengths.Text);
        var resolver = await UnitResolver.LoadAsync(db, t.PlanOrganisationId, ct);
        var coIds = resolver.ResolveAll(UnitResolver.Split(t.CoUnits)).Where(x => x != org.Id).ToList();
        var links = await db.Set<WorkTaskCoUnit>().Where(c => c.TaskId == id).ToListAsync(ct);
        db.Set<WorkTaskCoUnit>().RemoveRange(links.Where(l => !coIds.Contains(l.OrganisationId)));
        var added = coIds.Where(c => links.All(l => l.OrganisationId != c)).ToList();
        foreach (var c in added) db.Set<WorkTaskCoUnit>().Add(new WorkTaskCoUnit { OrganisationId = c, TaskId = id, PlanId = t.PlanId });
        // Rows that follow the task's scope move with it.
        await db.Set<WorkTarget>().Where(x => x.TaskId == id).ForEachAsync(x => x.OrganisationId = org.Id, ct);
        await db.Set<ProgressReport>().Where(x => x.TaskId == id).ForEachAsync(x => x.OrganisationId = org.Id, ct);
        await db.Set<SupervisionNotice>().Where(x => x.TaskId == id).ForEachAsync(x => x.OrganisationId = org.Id, ct);
        var existing = await db.Set<WorkMilestone>().Where(x => x.TaskId == id).ToListAsync(ct);
        if (r.Milestones is not null)
        {
            db.Set<WorkMilestone>().RemoveRange(existing.Where(m => m.DoneAt is null));
            foreach (var (due, title) in milestones)
                db.Set<WorkMilestone>().Add(new WorkMilestone { OrganisationId = org.Id, TaskId = id, Due = due, Title = title });
        }
        foreach (var m in existing.Where(m => m.DoneAt is not null)) m.OrganisationId = org.Id;
        db.AuditEvent("workplan.task.assign", "重点任务", id.ToString(), $"分配给 {org.Name}，时限 {r.Deadline:yyyy-MM-dd}", org.Id);
        if (moved) notifier.Notify(await UsersOfAsync(db, org.Id, ct), $"新的重点任务：{t.Title}", $"完成时限 {r.Deadline:yyyy年M月d日}", $"/workplans/tasks/{id}");
        foreach (var c in added)
            notifier.Notify(await UsersOfAsync(db, c, ct), $"配合任务：{t.Title}", $"牵头单位 {org.Name}，完成时限 {r.Deadline:yyyy年M月d日}", $"/workplans/tasks/{id}");
        await db.SaveChangesAsync(ct);
    }

    internal static async Task<List<Guid>> UsersOfAsync(AppDbContext db, Guid organisationId, CancellationToken ct) =>
        await db.PublicView<Kexie.Web.Platform.Identity.AppUser>().AsNoTracking()
            .Where(u => u.OrganisationId == organisationId && u.IsActive).Select(u => u.Id).ToListAsync(ct);

    public static List<(DateOnly Due, string Title)> ParseMilestones(string? text)
    {
        var list = new List<(DateOnly, string)>();
        var n = 0;
        foreach (var raw in (text ?? "").Split('\n'))
        {
            n++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var space = line.IndexOfAny([' ', '　', '\t']);
            if (space < 0 || !DateOnly.TryParseExact(line[..space], "yyyy-MM-dd", out var due) || line[space..].Trim().Length == 0)
                throw new DomainException($"节点第 {n} 行应为“2026-06-30 节点内容”", "Milestones");
            list.Add((due, line[space..].Trim().Truncate(Lengths.LongName)));
        }
        return list;
    }
}

public sealed record ReportProgressRequest(string Text, int Percent, IReadOnlyList<Guid>? FileIds = null);

/// <summary>The responsible unit reports progress for the current period (one report per period: a later one replaces it).</summary>
public sealed class ReportProgress(AppDbContext db, CurrentUser user, TimeProvider time)
{
    public async Task<Guid> HandleAsync(Guid taskId, ReportProgressRequest r, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.Report);
        var t = await db.Set<WorkTask>().FirstOrDefaultAsync(x => x.Id == taskId, ct) ?? throw new NotFoundException("任务");
        if (!r.Text.Has()) throw new DomainException("请填写进展情况", "Text");
        var files = (r.FileIds ?? []).Distinct().ToList();
        if (files.Count > 10) throw new DomainException("佐证材料最多 10 个", "FileIds");
        if (files.Count > 0 && await db.Files.CountAsync(f => files.Contains(f.Id), ct) != files.Count)
            throw new DomainException("佐证材料不存在或无权使用", "FileIds");
        var now = db.UtcNow;
        t.Report(r.Percent, now);
        var period = ProgressReport.PeriodOf(t.Rhythm, DateOnly.FromDateTime(time.GetUtcNow().AddHours(8).DateTime));
        var report = await db.Set<ProgressReport>().FirstOrDefaultAsync(x => x.TaskId == taskId && x.Period == period, ct);
        if (report is null)
        {
            report = new ProgressReport { OrganisationId = t.OrganisationId, TaskId = taskId, Period = period };
            db.Set<ProgressReport>().Add(report);
        }
        report.Text = r.Text.Trim().Truncate(Lengths.Text);
        report.Percent = r.Percent;
        report.FileIds = files.Count == 0 ? report.FileIds : string.Join(',', files);
        report.ReportedAt = now;
        report.ReportedByUserId = user.UserId;
        report.ReportedBy = user.DisplayName.Truncate(Lengths.Name);
        await db.SaveChangesAsync(ct);
        return report.Id;
    }
}

public sealed record IssueNoticeRequest(string Text, DateOnly AnswerBy);

/// <summary>督办: the plan owner presses a task; the responsible unit's users are notified and must answer.</summary>
public sealed class IssueNotice(AppDbContext db, CurrentUser user, Notifier notifier, TimeProvider time)
{
    public async Task<Guid> HandleAsync(Guid taskId, IssueNoticeRequest r, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.Manage);
        var t = await db.Set<WorkTask>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == taskId, ct) ?? throw new NotFoundException("任务");
        if (t.Status == WorkTaskStatus.Completed) throw new DomainException("任务已完成，无需督办");
        if (!r.Text.Has()) throw new DomainException("请填写督办事项", "Text");
        var today = DateOnly.FromDateTime(time.GetUtcNow().AddHours(8).DateTime);
        if (r.AnswerBy < today) throw new DomainException("答复期限不能早于今天", "AnswerBy");
        var n = new SupervisionNotice
        {
            OrganisationId = t.OrganisationId,
            TaskId = taskId,
            Text = r.Text.Trim().Truncate(Lengths.Text),
            AnswerBy = r.AnswerBy,
            IssuedBy = user.DisplayName.Truncate(Lengths.Name),
            IssuedAt = db.UtcNow,
        };
        db.Set<SupervisionNotice>().Add(n);
        db.AuditEvent("workplan.task.supervise", "重点任务", taskId.ToString(), $"督办：{n.Text}", t.OrganisationId);
        notifier.Notify(await AssignTask.UsersOfAsync(db, t.OrganisationId, ct), $"督办通知：{t.Title}", $"请于 {r.AnswerBy:yyyy年M月d日} 前答复", $"/workplans/tasks/{taskId}");
        await db.SaveChangesAsync(ct);
        return n.Id;
    }
}

public sealed record AnswerNoticeRequest(string Answer);

public sealed class AnswerNotice(AppDbContext db, CurrentUser user)
{
    public async Task HandleAsync(Guid noticeId, AnswerNoticeRequest r, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.Report);
        var n = await db.Set<SupervisionNotice>().FirstOrDefaultAsync(x => x.Id == noticeId, ct) ?? throw new NotFoundException("督办通知");
        n.Respond(r.Answer?.Truncate(Lengths.Text) ?? "", user.DisplayName.Truncate(Lengths.Name), db.UtcNow);
        db.AuditEvent("workplan.task.answer", "督办通知", noticeId.ToString(), "答复督办", n.OrganisationId);
        await db.SaveChangesAsync(ct);
    }
}

public sealed class SubmitCompletion(AppDbContext db, CurrentUser user)
{
    public async Task HandleAsync(Guid taskId, int version, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.Report);
        var t = await db.Set<WorkTask>().FirstOrDefaultAsync(x => x.Id == taskId, ct) ?? throw new NotFoundException("任务");
        db.Entry(t).Property(x => x.Version).OriginalValue = version;
        t.SubmitCompletion(db.UtcNow);
        db.AuditEvent("workplan.task.submit", "重点任务", taskId.ToString(), "申请完成验收", t.OrganisationId);
        await db.SaveChangesAsync(ct);
    }
}

public sealed record GradeTaskRequest(TaskGrade Grade, string? Comment, int Version);

/// <summary>The plan owner reviews a completed task and grades it; 不合格 sends it back to work.</summary>
public sealed class GradeTask(AppDbContext db, CurrentUser user, Notifier notifier)
{
    public async Task HandleAsync(Guid taskId, GradeTaskRequest r, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.Manage);
        var t = await db.Set<WorkTask>().FirstOrDefaultAsync(x => x.Id == taskId, ct) ?? throw new NotFoundException("任务");
        db.Entry(t).Property(x => x.Version).OriginalValue = r.Version;
        if (r.Grade == TaskGrade.Fail && !r.Comment.Has()) throw new DomainException("评为不合格时请写明原因", "Comment");
        t.Assess(r.Grade, r.Comment.Clean()?.Truncate(Lengths.Text), db.UtcNow);
        db.AuditEvent("workplan.task.grade", "重点任务", taskId.ToString(), $"验收评定：{r.Grade.Zh()}", t.OrganisationId);
        notifier.Notify(await AssignTask.UsersOfAsync(db, t.OrganisationId, ct), $"任务验收：{t.Title}", $"评定为{r.Grade.Zh()}", $"/workplans/tasks/{taskId}");
        await db.SaveChangesAsync(ct);
    }
}

public sealed record BindTargetRequest(string? MetricKey, string? MetricParameters, bool MetricOwnSubtree, decimal? ManualActual);

/// <summary>Binds a target to a metric of the catalog (its actual then comes from live records), or sets its hand-reported actual.</summary>
public sealed class BindTarget(AppDbContext db, CurrentUser user, MetricCatalog catalog)
{
    public async Task HandleAsync(Guid targetId, BindTargetRequest r, CancellationToken ct = default)
    {
        var target = await db.Set<WorkTarget>().FirstOrDefaultAsync(x => x.Id == targetId, ct) ?? throw new NotFoundException("指标");
        if (r.MetricKey.Clean() is { } key)
        {
            user.Demand(WorkPlansPermissions.Manage);
            var def = catalog.Find(key) ?? throw new DomainException($"指标目录中没有 {key}", "MetricKey");
            var parameters = r.MetricParameters.Clean();
            target.MetricKey = def.Key;
            target.MetricParameters = parameters?.Truncate(Lengths.LongName);
            var unknown = target.Parameters()?.Keys.Except((def.Parameters ?? []).Select(p => p.Name)).ToList();
            if (unknown is { Count: > 0 }) throw new DomainException($"指标 {key} 没有参数 {string.Join("、", unknown)}", "MetricParameters");
            target.MetricOwnSubtree = r.MetricOwnSubtree;
            target.ManualActual = null;
        }
        else
        {
            user.Demand(WorkPlansPermissions.Report);
            if (r.ManualActual is < 0) throw new DomainException("实际完成数不能为负", "ManualActual");
            if (target.MetricKey is not null && !user.Has(WorkPlansPermissions.Manage)) throw new ForbiddenException("该指标已绑定平台数据，只有计划管理人员可以解除");
            target.MetricKey = null;
            target.MetricParameters = null;
            target.ManualActual = r.ManualActual;
        }
        await db.SaveChangesAsync(ct);
    }
}

public sealed record CoReportRequest(string Text);

/// <summary>A co-operating unit (配合单位) reports its contribution to a task for the current period (a later report in the same period replaces it).</summary>
public sealed class ReportCoProgress(AppDbContext db, CurrentUser user, TimeProvider time)
{
    public async Task<Guid> HandleAsync(Guid taskId, CoReportRequest r, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.Report);
        var links = await db.Set<WorkTaskCoUnit>().AsNoTracking().Where(c => c.TaskId == taskId).Select(c => c.OrganisationId).ToListAsync(ct);
        if (links.Count == 0)
        {
            if (await db.Set<WorkTask>().AnyAsync(x => x.Id == taskId, ct)) throw new DomainException("只有配合单位报送配合情况；牵头单位请报送进度");
            throw new NotFoundException("任务");
        }
        var unit = user.OrganisationId is { } mine && links.Contains(mine) ? mine : links[0];
        var t = await db.Set<WorkTask>().WithoutDataScope().AsNoTracking().FirstAsync(x => x.Id == taskId, ct);
        if (t.Status == WorkTaskStatus.Completed) throw new DomainException("任务已完成验收，不能再报送");
        if (!r.Text.Has()) throw new DomainException("请填写配合情况", "Text");
        var period = ProgressReport.PeriodOf(t.Rhythm, DateOnly.FromDateTime(time.GetUtcNow().AddHours(8).DateTime));
        var report = await db.Set<CoUnitReport>().FirstOrDefaultAsync(x => x.TaskId == taskId && x.OrganisationId == unit && x.Period == period, ct);
        if (report is null)
        {
            report = new CoUnitReport { OrganisationId = unit, TaskId = taskId, Period = period };
            db.Set<CoUnitReport>().Add(report);
        }
        report.Text = r.Text.Trim().Truncate(Lengths.Text);
        report.ReportedAt = db.UtcNow;
        report.ReportedByUserId = user.UserId;
        report.ReportedBy = user.DisplayName.Truncate(Lengths.Name);
        await db.SaveChangesAsync(ct);
        return report.Id;
    }
}

public sealed record MilestoneDoneRequest(string? Note);

/// <summary>The responsible unit marks a milestone (节点) done, with a note; audited.</summary>
public sealed class CompleteMilestone(AppDbContext db, CurrentUser user)
{
    public async Task HandleAsync(Guid milestoneId, MilestoneDoneRequest r, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.Report);
        var m = await db.Set<WorkMilestone>().FirstOrDefaultAsync(x => x.Id == milestoneId, ct) ?? throw new NotFoundException("节点");
        m.MarkDone(r.Note.Clean()?.Truncate(Lengths.Text), user.DisplayName.Truncate(Lengths.Name), db.UtcNow);
        db.AuditEvent("workplan.milestone.done", "任务节点", m.TaskId.ToString(), $"节点完成：{m.Title}", m.OrganisationId);
        await db.SaveChangesAsync(ct);
    }
}
