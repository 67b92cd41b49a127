using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;

namespace Kexie.Web.Modules.Kepu.Domain;

/// <summary>
/// A reported 科普 activity. Owned by its organiser (data scope); approved by the organisation directly above
/// the organiser; the public sees it once published.
/// </summary>
[DisplayNameZh("科普活动")]
public sealed class Activity : Entity, IOrgScoped, IVersioned
{
    public Guid OrganisationId { get; set; }
    public Guid? CampaignId { get; set; }
    public string Title { get; set; } = "";
    public ActivityType Type { get; set; }
    public AudienceGroup Audience { get; set; }
    /// <summary>GB/T 2260 code of where it takes place (county or town); setting it also sets <see cref="CountyCode"/>.</summary>
    public string RegionCode
    {
        get => _regionCode;
        set
        {
            _regionCode = value;
            CountyCode = CountyOf(value);
        }
    }

    private string _regionCode = "";

    /// <summary>
    /// The county (the first 6 digits of <see cref="RegionCode"/>), stored so that the public list's county filter is an
    /// equality an index can serve in the list's order; a check constraint keeps it equal to the region's prefix.
    /// </summary>
    public string CountyCode { get; private set; } = "";

    public static string CountyOf(string regionCode) => regionCode.Length > 6 ? regionCode[..6] : regionCode;

    public string Place { get; set; } = "";
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public string? TimeNote { get; set; }
    public int ExpectedParticipants { get; set; }

    /// <summary>Seats for public registration; null when the activity takes no registrations.</summary>
    public int? Capacity { get; set; }

    public string? Description { get; set; }
    public string? Contact { get; set; }

    public ActivityStatus Status { get; private set; } = ActivityStatus.Draft;

    /// <summary>Why the approver last returned it; kept after resubmission so the history is visible.</summary>
    public string? ReturnReason { get; private set; }

    public DateTime? SubmittedAt { get; private set; }
    public DateTime? ReviewedAt { get; private set; }
    public Guid? ReviewedByUserId { get; private set; }
    public string? ReviewedByName { get; private set; }
    public DateTime? PublishedAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }

    // Outcome
    public int? ReportedParticipants { get; private set; }
    public int? CheckedInParticipants { get; private set; }

    /// <summary>人次 counted for statistics: check-ins where they were used, else the organiser's report.</summary>
    public int? ActualParticipants { get; private set; }

    public int? Volunteers { get; private set; }
    public string? Summary { get; private set; }

    /// <summary>Comma-separated ids of photos stored through the platform FileService.</summary>
    public string? PhotoFileIds { get; private set; }

    /// <summary>Seats taken and the registration sequence: changed only by conditional SQL updates (no double booking).</summary>
    [AuditIgnore]
    public int ConfirmedCount { get; set; }

    [AuditIgnore]
    public int RegistrationSeq { get; set; }

    public int Version { get; set; }

    public bool IsEditable => Status is ActivityStatus.Draft or ActivityStatus.Returned;

    public void ValidateFields()
    {
        if (string.IsNullOrWhiteSpace(Title)) throw new DomainException("活动名称不能为空", nameof(Title));
        if (string.IsNullOrWhiteSpace(Place)) throw new DomainException("活动地点不能为空", nameof(Place));
        if (EndDate < StartDate) throw new DomainException("结束日期不能早于开始日期", nameof(EndDate));
        if (ExpectedParticipants < 0) throw new DomainException("预计参与人数不能为负数", nameof(ExpectedParticipants));
        if (Capacity is < 1) throw new DomainException("报名名额应至少为1，不接受报名请留空", nameof(Capacity));
    }

    public void EnsureEditable()
    {
        if (!IsEditable) throw new DomainException($"活动处于「{Status.Zh()}」状态，不能修改");
    }

    public void Submit(DateTime now)
    {
        if (!IsEditable) throw new DomainException($"只有草稿或已退回的活动可以提交（当前：{Status.Zh()}）");
        ValidateFields();
        Status = ActivityStatus.Submitted;
        SubmittedAt = now;
    }

    public void Approve(Guid userId, string userName, DateTime now)
    {
        if (Status != ActivityStatus.Submitted) throw new DomainException($"只有待审核的活动可以审核通过（当前：{Status.Zh()}）");
        Status = ActivityStatus.Approved;
        ReviewedAt = now;
        ReviewedByUserId = userId;
        ReviewedByName = userName;
    }

    public void Return(string reason, Guid userId, string userName, DateTime now)
    {
        if (Status != ActivityStatus.Submitted) throw new DomainException($"只有待审核的活动可以退回（当前：{Status.Zh()}）");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("请填写退回原因", "Reason");
        Status = ActivityStatus.Returned;
        ReturnReason = reason.Trim();
        ReviewedAt = now;
        ReviewedByUserId = userId;
        ReviewedByName = userName;
    }

    public void Publish(DateTime now)
    {
        if (Status != ActivityStatus.Approved) throw new DomainException($"只有已审核的活动可以发布（当前：{Status.Zh()}）");
        Status = ActivityStatus.Published;
        PublishedAt = now;
    }

    public void Complete(int? reportedParticipants, int checkedIn, int volunteers, string? summary, IReadOnlyList<Guid> photos, DateOnly today, DateTime now)
    {
        if (Status != ActivityStatus.Published) throw new DomainException($"只有已发布的活动可以登记成效（当前：{Status.Zh()}）");
        if (today < StartDate) throw new DomainException("活动尚未开始，不能登记成效");
        if (reportedParticipants is < 0 || volunteers < 0) throw new DomainException("人数不能为负数");
        if (checkedIn == 0 && reportedParticipants is null) throw new DomainException("未使用现场签到，请填写实际参与人次", "ReportedParticipants");
        ReportedParticipants = reportedParticipants;
        CheckedInParticipants = checkedIn;
        ActualParticipants = checkedIn > 0 ? checkedIn : reportedParticipants;
        Volunteers = volunteers;
        Summary = summary?.Trim();
        PhotoFileIds = photos.Count == 0 ? null : string.Join(',', photos);
        Status = ActivityStatus.Completed;
        CompletedAt = now;
    }

    public IReadOnlyList<Guid> Photos => PhotoFileIds is null ? [] : PhotoFileIds.Split(',').Select(Guid.Parse).ToList();

    /// <summary>For demo data and imports of historical records: put the activity straight into a state.</summary>
    internal void SeedState(ActivityStatus status, DateTime at, int? actual = null, int? volunteers = null, string? summary = null)
    {
        Status = status;
        SubmittedAt = at;
        if (status >= ActivityStatus.Approved) { ReviewedAt = at; ReviewedByName = "示范数据"; }
        if (status >= ActivityStatus.Published) PublishedAt = at;
        if (status == ActivityStatus.Completed)
        {
            CompletedAt = at;
            ReportedParticipants = actual;
            ActualParticipants = actual;
            CheckedInParticipants = 0;
            Volunteers = volunteers;
            Summary = summary;
        }
    }
}
