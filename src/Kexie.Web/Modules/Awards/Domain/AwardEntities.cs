using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;

namespace Kexie.Web.Modules.Awards.Domain;

/// <summary>
/// Call → entries → review → Ranked → ChairConfirmed → Publicised (公示 open) → Final (only when the 公示 may be
/// finalised) → certificates issued.
/// </summary>
public enum CallStatus { Draft, Open, Review, Ranked, ChairConfirmed, Publicised, Final }

public enum EntryStatus { Draft, Submitted, Recommended, Returned, Rejected, Eligible }

public enum AssignmentStatus { Assigned, Scored, Conflict }

public static class AwardStatusText
{
    public static string Zh(this CallStatus s) => s switch
    {
        CallStatus.Draft => "筹备中",
        CallStatus.Open => "申报中",
        CallStatus.Review => "评审中",
        CallStatus.Ranked => "已排名",
        CallStatus.ChairConfirmed => "主任委员已确认",
        CallStatus.Publicised => "公示中",
        CallStatus.Final => "结果已确定",
        _ => s.ToString(),
    };

    public static string Zh(this EntryStatus s) => s switch
    {
        EntryStatus.Draft => "草稿",
        EntryStatus.Submitted => "已提交",
        EntryStatus.Recommended => "已推荐",
        EntryStatus.Returned => "退回修改",
        EntryStatus.Rejected => "形式审查不通过",
        EntryStatus.Eligible => "形式审查通过",
        _ => s.ToString(),
    };

    public static string Zh(this AssignmentStatus s) => s switch
    {
        AssignmentStatus.Assigned => "待评",
        AssignmentStatus.Scored => "已评",
        AssignmentStatus.Conflict => "申请回避",
        _ => s.ToString(),
    };
}

/// <summary>
/// A call (评选活动): network-wide, read by every staff user and applicant, managed by the organiser (the city).
/// Its configuration is data (<see cref="CallConfig"/> as JSON); rounds with their versioned forms are rows.
/// </summary>
[DisplayNameZh("评选活动")]
public sealed class AwardCall : Entity, IVersioned
{
    public Guid OrganiserId { get; set; }
    public string Name { get; set; } = "";
    public string? Edition { get; set; }
    public int Year { get; set; }
    public string? TemplateKey { get; set; }
    public string ConfigJson { get; set; } = "{}";
    public CallStatus Status { get; set; } = CallStatus.Draft;
    public DateTime? SubmissionDeadline { get; set; }
    public DateTime? RecommendationDeadline { get; set; }
    public string? Notice { get; set; }
    public DateTime? ChairConfirmedAt { get; set; }
    public string? ChairConfirmedBy { get; set; }
    public string? ChairNote { get; set; }
    /// <summary>The platform 公示 (IPublicityService) of the proposed results.</summary>
    public Guid? PublicityId { get; set; }
    public DateTime? FinalisedAt { get; set; }
    /// <summary>The platform ballot (IVotingService) of the public vote, when the call uses one.</summary>
    public Guid? BallotId { get; set; }
    public int Version { get; set; }

    private CallConfig? _config;
    public CallConfig Config => _config ??= CallConfig.FromJson(ConfigJson);

    public void SetConfig(CallConfig config)
    {
        config.Validate();
        ConfigJson = config.ToJson();
        _config = config;
    }

    public string Title => string.IsNullOrWhiteSpace(Edition) ? Name : $"{Edition}{Name}";

    public void Move(CallStatus from, CallStatus to)
    {
        if (Status != from) throw new DomainException($"评选活动处于「{Status.Zh()}」状态，不能转为「{to.Zh()}」");
        Status = to;
    }
}

/// <summary>
/// A recommending unit's quota (推荐名额) in a call; <see cref="Used"/> changes only by a conditional update.
/// Part of the call's configuration (read by every unit), so not scoped: <see cref="UnitId"/> is not an owner.
/// </summary>
[DisplayNameZh("推荐名额")]
public sealed class AwardQuota : Entity
{
    public Guid CallId { get; set; }
    public Guid UnitId { get; set; }
    public int Quota { get; set; }

    [AuditIgnore]
    public int Used { get; set; }
}

/// <summary>
/// An entry (申报). Belongs to the recommending unit (its organisation; the county or society sees it) and to
/// the applicant's account (本人).
/// </summary>
[DisplayNameZh("申报")]
public sealed class AwardEntry : Entity, IUserOwned, IVersioned
{
    public Guid CallId { get; set; }
    /// <summary>The recommending unit (推荐单位), or the applicant's organisation when the call needs no recommendation.</summary>
    public Guid OrganisationId { get; set; }
    public Guid? OwnerUserId { get; set; }
    public string Title { get; set; } = "";
    public string? Category { get; set; }
    public string ApplicantName { get; set; } = "";
    public string ApplicantUnit { get; set; } = "";
    /// <summary>The applicant in the 科技工作者 registry, when known (for 回避).</summary>
    public Guid? ApplicantPersonId { get; set; }
    /// <summary>Field values keyed by the form's field keys (JSON object).</summary>
    public string ValuesJson { get; set; } = "{}";
    public EntryStatus Status { get; set; } = EntryStatus.Draft;
    public string? ReturnReason { get; set; }
    public string? RejectReason { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? RecommendedAt { get; set; }
    public string? RecommendedBy { get; set; }
    /// <summary>Whether this entry holds one of its recommending unit's quota slots.</summary>
    public bool HoldsQuota { get; set; }
    public DateTime? CheckedAt { get; set; }
    public string? CheckedBy { get; set; }
    public int Version { get; set; }

    public bool IsEditable => Status is EntryStatus.Draft or EntryStatus.Returned;
}

/// <summary>A review round with its scoring form; the form is versioned and frozen by the first score.</summary>
[DisplayNameZh("评审轮次")]
public sealed class AwardRound : Entity, IVersioned
{
    public Guid CallId { get; set; }
    public int No { get; set; }
    public string Name { get; set; } = "";
    public ScoringMethod Method { get; set; }
    public string FormJson { get; set; } = "{}";
    public int FormVersion { get; set; } = 1;
    public DateTime? FrozenAt { get; set; }
    public int PanelSize { get; set; } = 5;
    public int Reserves { get; set; } = 2;
    /// <summary>The expert-pool panel when the members were drawn (IExpertDraw).</summary>
    public Guid? PanelId { get; set; }
    public DateTime? RankedAt { get; set; }
    /// <summary>Staff decisions on ties: entry ids in the order decided (JSON array), the last tie-breaker.</summary>
    public string? TieOrderJson { get; set; }
    public int Version { get; set; }

    public ScoringForm Form => System.Text.Json.JsonSerializer.Deserialize<ScoringForm>(FormJson, CallConfig.Json)!;
}

/// <summary>A reviewer on a round's panel (drawn from the 专家库 or chosen by staff); reserves step in on conflicts.</summary>
[DisplayNameZh("评审专家")]
public sealed class AwardReviewer : Entity
{
    public Guid RoundId { get; set; }
    public Guid? UserId { get; set; }
    public Guid? PersonId { get; set; }
    public string Name { get; set; } = "";
    public string? Employer { get; set; }
    public bool IsReserve { get; set; }
}

/// <summary>One entry given to one reviewer in a round, with the scores (JSON) and the form version they were given with.</summary>
[DisplayNameZh("评审任务")]
public sealed class AwardAssignment : Entity, IVersioned
{
    public Guid RoundId { get; set; }
    public Guid EntryId { get; set; }
    public Guid ReviewerId { get; set; }
    public Guid? ReviewerUserId { get; set; }
    public AssignmentStatus Status { get; set; } = AssignmentStatus.Assigned;
    /// <summary>Criterion key → score (Weighted); {"pass":true} (PassFail); {"rank":n} (Ranking); {"grade":"优秀"} (Grade).</summary>
    public string? ScoresJson { get; set; }
    public decimal? Total { get; set; }
    public int? FormVersion { get; set; }
    public string? Comment { get; set; }
    public string? ConflictReason { get; set; }
    public DateTime? ScoredAt { get; set; }
    public DateTime? RemindedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>An entry's place after aggregation of a round: score, rank, tier, and whether a tie awaits a staff decision.</summary>
[DisplayNameZh("评审结果")]
[NotAudited("derived from the scores by the ranking, which is audited as one event with its counts")]
public sealed class AwardResult : Entity
{
    public Guid CallId { get; set; }
    public Guid RoundId { get; set; }
    public Guid EntryId { get; set; }
    public string? Category { get; set; }
    /// <summary>The ranking score: the experts' score, or the blend with the public vote (see <see cref="CallConfig.VotingWeightPercent"/>).</summary>
    public decimal Score { get; set; }
    /// <summary>The experts' own score when the public vote was blended in.</summary>
    public decimal? ExpertScore { get; set; }
    /// <summary>Accepted public votes when the vote was blended in.</summary>
    public int? Votes { get; set; }
    public int ScoreCount { get; set; }
    public int Rank { get; set; }
    public string? Tier { get; set; }
    public string? Grade { get; set; }
    public bool TieFlagged { get; set; }
    public string? TieNote { get; set; }
    /// <summary>The certificate's serial once issued (ICertificateService; verified at /verify).</summary>
    public string? CertificateSerial { get; set; }
}
