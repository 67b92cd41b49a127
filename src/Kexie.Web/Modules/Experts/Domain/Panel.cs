using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;

namespace Kexie.Web.Modules.Experts.Domain;

public enum PanelMemberRole
{
    Member,
    Reserve,
}

public enum PanelMemberStatus
{
    /// <summary>Drawn and on the panel (members) or waiting (reserves).</summary>
    Drawn,
    Declined,
}

/// <summary>
/// A panel drawn at random from the 专家库 (随机抽取) for a review, a consultation or a lecture series.
/// The draw is reproducible: <see cref="Seed"/>, the criteria and the candidate fingerprint are recorded;
/// <see cref="DrawOrder"/> keeps the shuffled order from which members, reserves and replacements come.
/// Only the people in <see cref="PanelRunner"/> see who was drawn.
/// </summary>
[DisplayNameZh("抽取评审组")]
public sealed class Panel : Entity, IOrgScoped, IVersioned
{
    public Guid OrganisationId { get; set; }
    public int Version { get; set; }

    public string Title { get; set; } = "";

    /// <summary>Calling module (experts, awards, thinktank, workstations…) and its reference.</summary>
    public string SourceModule { get; set; } = "experts";

    public string? SourceRef { get; set; }

    /// <summary>The criteria as JSON (<see cref="Contracts.DrawCriteria"/>).</summary>
    public string CriteriaJson { get; set; } = "{}";

    public int Seed { get; set; }
    public int MemberCount { get; set; }
    public int ReserveCount { get; set; }
    public int CandidateCount { get; set; }

    /// <summary>SHA-256 of the sorted candidate ids at draw time (to prove the pool was not changed afterwards).</summary>
    public string CandidateFingerprint { get; set; } = "";

    /// <summary>The head of the shuffled candidate order (ids separated by commas), from which replacements are taken.</summary>
    [AuditIgnore]
    public string DrawOrder { get; set; } = "";

    /// <summary>How far <see cref="DrawOrder"/> has been consumed.</summary>
    public int NextIndex { get; set; }

    public Guid CreatedByUserId { get; set; }
    public bool IsClosed { get; set; }

    public IReadOnlyList<Guid> Order => string.IsNullOrEmpty(DrawOrder) ? [] : DrawOrder.Split(',').Select(Guid.Parse).ToList();

    public void EnsureOpen()
    {
        if (IsClosed) throw new DomainException("该评审组已结束，不能再调整人员");
    }
}

/// <summary>A user allowed to see and run one panel (the creator, and whom they add).</summary>
[DisplayNameZh("评审组经办人")]
public sealed class PanelRunner : Entity
{
    public Guid PanelId { get; set; }
    public Guid UserId { get; set; }
}

[DisplayNameZh("评审组成员")]
public sealed class PanelMember : Entity
{
    public Guid PanelId { get; set; }
    public Guid PersonId { get; set; }
    public int Position { get; set; }
    public PanelMemberRole Role { get; set; }
    public PanelMemberStatus Status { get; set; }
    public string? DeclineReason { get; set; }

    /// <summary>Who took this member's place after they declined.</summary>
    public Guid? ReplacedByPersonId { get; set; }
}

/// <summary>One use of an expert (a panel, a consultation, a lecture) and its rating — one rating per project.</summary>
[DisplayNameZh("专家使用记录")]
public sealed class ExpertUsage : Entity, IOrgScoped
{
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    public Guid? PanelId { get; set; }

    /// <summary>评审, 咨询, 讲座, 培训.</summary>
    public string Kind { get; set; } = "评审";

    public string Title { get; set; } = "";
    public string SourceModule { get; set; } = "experts";

    /// <summary>The project the use belongs to: one rating per (person, project).</summary>
    public string ProjectKey { get; set; } = "";

    public DateOnly UsedOn { get; set; }
    public int? Rating { get; set; }
    public string? RatingComment { get; set; }
    public Guid? RatedByUserId { get; set; }

    public void Rate(int rating, string? comment, Guid? by)
    {
        if (Rating is not null) throw new DomainException("该项目已评价过该专家（一项目一评价）");
        if (rating is < 1 or > 5) throw new DomainException("评价应为1到5分", "Rating");
        Rating = rating;
        RatingComment = comment?.Trim();
        RatedByUserId = by;
    }
}
