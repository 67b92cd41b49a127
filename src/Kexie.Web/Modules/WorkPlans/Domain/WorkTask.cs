using Kexie.Web.Modules.WorkPlans.Parsing;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;

namespace Kexie.Web.Modules.WorkPlans.Domain;

public enum WorkTaskStatus
{
    /// <summary>Assigned; the responsible unit reports progress.</summary>
    InProgress,
    /// <summary>The unit declared it done; waiting for the plan owner's review.</summary>
    CompletionSubmitted,
    /// <summary>Reviewed and graded.</summary>
    Completed,
}

public enum ReportRhythm
{
    Monthly,
    Quarterly,
}

public enum TaskGrade
{
    Excellent,
    Good,
    Pass,
    Fail,
}

/// <summary>Traffic light of a task at a moment.</summary>
public enum TrafficLight
{
    Green,
    Yellow,
    Red,
    Done,
}

public static class WorkTaskTexts
{
    public static string Zh(this WorkTaskStatus s) => s switch
    {
        WorkTaskStatus.InProgress => "推进中",
        WorkTaskStatus.CompletionSubmitted => "待验收",
        WorkTaskStatus.Completed => "已完成",
    };

    public static string Zh(this ReportRhythm r) => r switch
    {
        ReportRhythm.Monthly => "按月",
        ReportRhythm.Quarterly => "按季",
    };

    public static string Zh(this TaskGrade g) => g switch
    {
        TaskGrade.Excellent => "优秀",
        TaskGrade.Good => "良好",
        TaskGrade.Pass => "合格",
        TaskGrade.Fail => "不合格",
    };

    public static string Zh(this TrafficLight t) => t switch
    {
        TrafficLight.Green => "正常",
        TrafficLight.Yellow => "滞后",
        TrafficLight.Red => "逾期",
        TrafficLight.Done => "完成",
    };

    public static string Css(this TrafficLight t) => t switch
    {
        TrafficLight.Green => "ok",
        TrafficLight.Yellow => "warn",
        TrafficLight.Red => "bad",
        TrafficLight.Done => "neutral",
    };

    public static string Bound(this QuantityBound b) => b switch
    {
        QuantityBound.Exact => "",
        QuantityBound.AtLeast => "以上",
        QuantityBound.AtMost => "以内",
        QuantityBound.Range => "区间",
        QuantityBound.Approx => "约",
    };
}

/// <summary>
/// One item of a plan as a task (重点任务): scoped by the responsible organisation (a 部室, a member unit of the
/// 全民科学素质 leadership group, a county 科协…), so that unit sees its own tasks and the plan owner sees all.
/// </summary>
[DisplayNameZh("重点任务")]
public sealed class WorkTask : Entity, IOrgScoped, IVersioned
{
    /// <summary>The responsible (lead) organisation.</summary>
    public Guid OrganisationId { get; set; }
    public Guid PlanId { get; set; }
    public Guid PlanOrganisationId { get; set; }
    public int PlanYear { get; set; }
    public string PlanTitle { get; set; } = "";
    public int PartIndex { get; set; }
    public string PartTitle { get; set; } = "";
    public int SortOrder { get; set; }
    public string Path { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>Units as written in the plan ("市科协、市科技局"), kept for reference.</summary>
    public string UnitsAsWritten { get; set; } = "";
    /// <summary>Co-operating units (配合单位), free text.</summary>
    public string? CoUnits { get; set; }
    public string? LeadPerson { get; set; }
    public DateOnly Deadline { get; set; }
    public ReportRhythm Rhythm { get; set; } = ReportRhythm.Quarterly;
    public WorkTaskStatus Status { get; set; }
    /// <summary>The percent of the latest progress report (hand-reported).</summary>
    public int ReportedPercent { get; set; }
    public DateTime? LastReportAt { get; set; }
    public TaskGrade? Grade { get; set; }
    public string? GradeComment { get; set; }
    public DateTime? CompletedAt { get; set; }
    /// <summary>The last day a deadline reminder went out (one per day at most).</summary>
    public DateOnly? LastRemindedOn { get; set; }
    public int Version { get; set; }

    public void Report(int percent, DateTime now)
    {
        if (Status == WorkTaskStatus.Completed) throw new DomainException("任务已完成验收，不能再报送进度");
        if (percent is < 0 or > 100) throw new DomainException("完成进度应在 0–100 之间", "Percent");
        ReportedPercent = percent;
        LastReportAt = now;
    }

    public void SubmitCompletion(DateTime now)
    {
        if (Status != WorkTaskStatus.InProgress) throw new DomainException("只有推进中的任务可以申请验收");
        Status = WorkTaskStatus.CompletionSubmitted;
        ReportedPercent = 100;
        LastReportAt = now;
    }

    public void Assess(TaskGrade grade, string? comment, DateTime now)
    {
        if (Status != WorkTaskStatus.CompletionSubmitted) throw new DomainException("任务尚未申请验收，不能评定");
        if (grade == TaskGrade.Fail)
        {
            // 不合格: back to work, with the reason.
            Status = WorkTaskStatus.InProgress;
            Grade = grade;
            GradeComment = comment;
            return;
        }
        Status = WorkTaskStatus.Completed;
        Grade = grade;
        GradeComment = comment;
        CompletedAt = now;
    }

    /// <summary>
    /// The traffic light at <paramref name="today"/>: red when past the deadline and not completed, or a 督办
    /// notice is past its answer date; yellow when behind the time-proportional schedule by more than 25
    /// points, when the deadline is within 15 days and less than 80% is reported, or when no report came for a
    /// whole rhythm period (plus a week's grace); otherwise green.
    /// </summary>
    public TrafficLight Light(DateOnly today, int percent, bool overdueNotice, bool overdueMilestone = false)
    {
        if (Status == WorkTaskStatus.Completed) return TrafficLight.Done;
        if (today > Deadline || overdueNotice) return TrafficLight.Red;
        var start = new DateOnly(PlanYear, 1, 1);
        var created = DateOnly.FromDateTime(CreatedAt);
        if (created > start && created <= Deadline) start = created;
        var span = Math.Max(1, Deadline.DayNumber - start.DayNumber);
        var expected = Math.Clamp((today.DayNumber - start.DayNumber) * 100 / span, 0, 100);
        if (Status == WorkTaskStatus.CompletionSubmitted) return TrafficLight.Green;
        if (overdueMilestone) return TrafficLight.Yellow;
        if (percent + 25 < expected) return TrafficLight.Yellow;
        if (Deadline.DayNumber - today.DayNumber <= 15 && percent < 80) return TrafficLight.Yellow;
        var period = Rhythm == ReportRhythm.Monthly ? 31 : 92;
        var lastReport = LastReportAt is { } r ? DateOnly.FromDateTime(r) : start;
        if (today.DayNumber - lastReport.DayNumber > period + 7) return TrafficLight.Yellow;
        return TrafficLight.Green;
    }
}

/// <summary>A quantitative target of a task; bound to a metric key its actual comes from live records.</summary>
[DisplayNameZh("任务指标")]
public sealed class WorkTarget : Entity, IOrgScoped
{
    public Guid OrganisationId { get; set; }
    public Guid TaskId { get; set; }
    public Guid PlanId { get; set; }
    public string Subject { get; set; } = "";
    public decimal Value { get; set; }
    public decimal? Upper { get; set; }
    public QuantityBound Bound { get; set; }
    public string Unit { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>A key of the metric catalog (e.g. platform.organisations.founded); null when reported by hand.</summary>
    public string? MetricKey { get; set; }
    /// <summary>Metric parameters as "name=value" pairs separated by ';'.</summary>
    public string? MetricParameters { get; set; }
    /// <summary>Whether the metric counts the whole network (false) or the responsible organisation's subtree (true).</summary>
    public bool MetricOwnSubtree { get; set; }
    /// <summary>The hand-reported actual for unbound targets.</summary>
    public decimal? ManualActual { get; set; }

    public IReadOnlyDictionary<string, string>? Parameters() =>
        string.IsNullOrWhiteSpace(MetricParameters) ? null
        : MetricParameters.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
}

/// <summary>A milestone (节点) of a task: the responsible unit marks it done with a note; one past due and not done turns the task yellow.</summary>
[DisplayNameZh("任务节点")]
public sealed class WorkMilestone : Entity, IOrgScoped
{
    public Guid OrganisationId { get; set; }
    public Guid TaskId { get; set; }
    public string Title { get; set; } = "";
    public DateOnly Due { get; set; }
    public DateTime? DoneAt { get; set; }
    public string? DoneBy { get; set; }
    public string? DoneNote { get; set; }

    public bool IsOverdue(DateOnly today) => DoneAt is null && today > Due;

    public void MarkDone(string? note, string by, DateTime now)
    {
        if (DoneAt is not null) throw new DomainException("该节点已标记完成");
        DoneAt = now;
        DoneBy = by;
        DoneNote = note;
    }
}

/// <summary>
/// A co-operating unit (配合单位) of a task, resolved to an organisation of the tree. Scoped by the co-unit, so the
/// unit finds the tasks it supports; it sees the task and reports its contribution (<see cref="CoUnitReport"/>).
/// </summary>
[DisplayNameZh("配合单位")]
public sealed class WorkTaskCoUnit : Entity, IOrgScoped
{
    /// <summary>The co-operating organisation.</summary>
    public Guid OrganisationId { get; set; }
    public Guid TaskId { get; set; }
    public Guid PlanId { get; set; }
}

/// <summary>What a co-operating unit reports about its part of a task (配合情况), one per unit and period.</summary>
[DisplayNameZh("配合情况")]
public sealed class CoUnitReport : Entity, IOrgScoped
{
    /// <summary>The co-operating organisation that reports.</summary>
    public Guid OrganisationId { get; set; }
    public Guid TaskId { get; set; }
    public string Period { get; set; } = "";
    public string Text { get; set; } = "";
    public Guid? ReportedByUserId { get; set; }
    public string ReportedBy { get; set; } = "";
    public DateTime ReportedAt { get; set; }
}

/// <summary>A progress report of the responsible unit for one period.</summary>
[DisplayNameZh("进度报送")]
public sealed class ProgressReport : Entity, IOrgScoped
{
    public Guid OrganisationId { get; set; }
    public Guid TaskId { get; set; }
    /// <summary>"2026-03" (monthly) or "2026Q1" (quarterly).</summary>
    public string Period { get; set; } = "";
    public string Text { get; set; } = "";
    public int Percent { get; set; }
    /// <summary>Evidence files (ids of stored files), separated by ','.</summary>
    public string? FileIds { get; set; }
    public Guid? ReportedByUserId { get; set; }
    public string ReportedBy { get; set; } = "";
    public DateTime ReportedAt { get; set; }

    public IReadOnlyList<Guid> Files() => string.IsNullOrEmpty(FileIds) ? [] : FileIds.Split(',').Select(Guid.Parse).ToList();

    public static string PeriodOf(ReportRhythm rhythm, DateOnly day) => rhythm == ReportRhythm.Monthly
        ? $"{day.Year}-{day.Month:00}"
        : $"{day.Year}Q{(day.Month - 1) / 3 + 1}";
}

/// <summary>A 督办 notice: the plan owner presses a lagging task; the responsible unit must answer by a date.</summary>
[DisplayNameZh("督办通知")]
public sealed class SupervisionNotice : Entity, IOrgScoped
{
    public Guid OrganisationId { get; set; }
    public Guid TaskId { get; set; }
    public string Text { get; set; } = "";
    public DateOnly AnswerBy { get; set; }
    public string IssuedBy { get; set; } = "";
    public DateTime IssuedAt { get; set; }
    public string? Answer { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTime? AnsweredAt { get; set; }

    public bool IsOverdue(DateOnly today) => AnsweredAt is null && today > AnswerBy;

    public void Respond(string answer, string by, DateTime now)
    {
        if (AnsweredAt is not null) throw new DomainException("该督办已答复");
        if (string.IsNullOrWhiteSpace(answer)) throw new DomainException("请填写答复内容", "Answer");
        Answer = answer.Trim();
        AnsweredBy = by;
        AnsweredAt = now;
    }
}
