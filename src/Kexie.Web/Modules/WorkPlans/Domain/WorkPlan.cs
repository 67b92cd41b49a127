using System.Text.Json;
using Kexie.Web.Modules.WorkPlans.Parsing;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;

namespace Kexie.Web.Modules.WorkPlans.Domain;

public enum WorkPlanStatus
{
    /// <summary>Imported; the parse is being reviewed and corrected. No tasks yet.</summary>
    Draft,
    /// <summary>Confirmed: items became tasks.</summary>
    Active,
    /// <summary>The annual review was finalised.</summary>
    Closed,
}

/// <summary>
/// A year's 工作要点 of one organisation (usually the city 科协). Keeps the original text verbatim and the
/// reviewed parse (<see cref="DraftJson"/>) from which the tasks were created.
/// </summary>
[DisplayNameZh("工作要点")]
public sealed class WorkPlan : Entity, IOrgScoped, IVersioned
{
    public Guid OrganisationId { get; set; }
    public string Title { get; set; } = "";
    public int Year { get; set; }
    public WorkPlanDocumentKind Kind { get; set; }
    public WorkPlanStatus Status { get; set; }
    public string? SourceFileName { get; set; }

    [AuditIgnore] public string OriginalText { get; set; } = "";

    /// <summary>The items as reviewed and corrected (JSON of <see cref="DraftItem"/>).</summary>
    [AuditIgnore] public string DraftJson { get; set; } = "[]";

    /// <summary>Figures of a review part (last year's actuals), JSON of <see cref="ReportedFigure"/>.</summary>
    [AuditIgnore] public string FiguresJson { get; set; } = "[]";

    /// <summary>The annual review being edited (JSON of <see cref="ReviewParagraph"/>), null until generated.</summary>
    [AuditIgnore] public string? ReviewJson { get; set; }
    public DateTime? ReviewFinalisedAt { get; set; }
    public DateTime? ActivatedAt { get; set; }
    public int Version { get; set; }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public List<DraftItem> Draft() => JsonSerializer.Deserialize<List<DraftItem>>(DraftJson, Json) ?? [];

    public void SetDraft(List<DraftItem> items)
    {
        if (Status != WorkPlanStatus.Draft) throw new DomainException("工作要点已确认，不能再修改解析结果");
        for (var i = 0; i < items.Count; i++) items[i].No = i + 1;
        DraftJson = JsonSerializer.Serialize(items, Json);
    }

    public List<ReportedFigure> Figures() => JsonSerializer.Deserialize<List<ReportedFigure>>(FiguresJson, Json) ?? [];

    public List<ReviewParagraph>? Review() => ReviewJson is null ? null : JsonSerializer.Deserialize<List<ReviewParagraph>>(ReviewJson, Json);

    public void SetReview(List<ReviewParagraph> paragraphs)
    {
        if (ReviewFinalisedAt is not null) throw new DomainException("年度综述已定稿，不能再修改");
        if (Status == WorkPlanStatus.Draft) throw new DomainException("工作要点尚未确认");
        ReviewJson = JsonSerializer.Serialize(paragraphs, Json);
    }

    public void FinaliseReview(DateTime now)
    {
        if (ReviewJson is null) throw new DomainException("请先生成年度综述");
        if (ReviewFinalisedAt is not null) throw new DomainException("年度综述已定稿");
        ReviewFinalisedAt = now;
        Status = WorkPlanStatus.Closed;
    }

    public void Activate(DateTime now)
    {
        if (Status != WorkPlanStatus.Draft) throw new DomainException("工作要点已确认");
        if (Kind == WorkPlanDocumentKind.Review) throw new DomainException("该文件是工作回顾（综述），只有上年完成情况，不生成任务");
        if (!Draft().Any(i => !i.Dropped && !i.IsReview)) throw new DomainException("没有可生成任务的条目");
        Status = WorkPlanStatus.Active;
        ActivatedAt = now;
    }
}

/// <summary>One item of the parse as staff corrected it.</summary>
public sealed class DraftItem
{
    public int No { get; set; }
    public int PartIndex { get; set; }
    public string PartTitle { get; set; } = "";
    public string Path { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public bool IsReview { get; set; }
    public bool Dropped { get; set; }
    public List<string> Units { get; set; } = [];
    public List<DraftTarget> Targets { get; set; } = [];
}

public sealed class DraftTarget
{
    public string Subject { get; set; } = "";
    public decimal Value { get; set; }
    public decimal? Upper { get; set; }
    public QuantityBound Bound { get; set; }
    public string Unit { get; set; } = "";
    public string Text { get; set; } = "";
}

/// <summary>A figure stated in a review part ("新建专家工作站8家"): last year's actual.</summary>
public sealed record ReportedFigure(string PartTitle, string Subject, decimal Value, QuantityBound Bound, string Unit, string Text, string Sentence);

/// <summary>One paragraph of the annual review: a part's heading and its text (editable before finalising).</summary>
public sealed class ReviewParagraph
{
    public int PartIndex { get; set; }
    public string Heading { get; set; } = "";
    public string Text { get; set; } = "";
}

/// <summary>
/// A mid-term (or any dated) evaluation of a plan (中期评估): the state of every task and target frozen at the moment
/// it was taken, with the evaluator's conclusions, so the year-end can be compared with it.
/// </summary>
[DisplayNameZh("计划评估")]
public sealed class PlanEvaluation : Entity, IOrgScoped, IVersioned
{
    /// <summary>The plan owner's organisation.</summary>
    public Guid OrganisationId { get; set; }
    public Guid PlanId { get; set; }
    public string Title { get; set; } = "";
    public DateOnly AsOf { get; set; }
    public string? Conclusion { get; set; }
    public string CreatedBy { get; set; } = "";
    public int Version { get; set; }

    /// <summary>JSON of <see cref="EvaluationTask"/>: the frozen rows.</summary>
    [AuditIgnore] public string SnapshotJson { get; set; } = "[]";

    public List<EvaluationTask> Snapshot() => JsonSerializer.Deserialize<List<EvaluationTask>>(SnapshotJson, WorkPlan.Json) ?? [];
}

/// <summary>One task as it stood at an evaluation.</summary>
public sealed record EvaluationTask(Guid TaskId, int SortOrder, int PartIndex, string PartTitle, string Title, string Organisation,
    int Percent, TrafficLight Light, WorkTaskStatus Status, int MilestonesDone, int MilestonesTotal, int OpenNotices, string Targets);
