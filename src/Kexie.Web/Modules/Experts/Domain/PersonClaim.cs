using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;

namespace Kexie.Web.Modules.Experts.Domain;

public enum ClaimStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A 公众用户 claims an existing 科技工作者 record (registered or imported by an organisation) whose 身份证号 matches
/// the one they typed. The record's organisation confirms or rejects; until then the claimant sees nothing of the
/// record beyond a masked confirmation. Owned by the claimant (they see their own claim) and scoped to the record's
/// organisation (its staff decide).
/// </summary>
[DisplayNameZh("科技工作者认领")]
public sealed class PersonClaim : Entity, IUserOwned, IVersioned
{
    /// <summary>The claimed record's organisation (the one that confirms).</summary>
    public Guid OrganisationId { get; set; }

    /// <summary>The claimant.</summary>
    public Guid? OwnerUserId { get; set; }

    public int Version { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>The claimant account's display name when claiming (for the confirming staff).</summary>
    public string ClaimantName { get; set; } = "";

    public ClaimStatus Status { get; set; }
    public string? Reason { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public DateTime? DecidedAt { get; set; }

    public void Approve(Guid? by, DateTime now)
    {
        if (Status != ClaimStatus.Pending) throw new DomainException("只有待确认的认领申请可以确认");
        Status = ClaimStatus.Approved;
        DecidedByUserId = by;
        DecidedAt = now;
    }

    public void Reject(string reason, Guid? by, DateTime now)
    {
        if (Status != ClaimStatus.Pending) throw new DomainException("只有待确认的认领申请可以退回");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("请填写退回原因", "Reason");
        Status = ClaimStatus.Rejected;
        Reason = reason.Trim();
        DecidedByUserId = by;
        DecidedAt = now;
    }
}

public static class ClaimEnums
{
    public static string Zh(this ClaimStatus s) => s switch
    {
        ClaimStatus.Pending => "待组织确认",
        ClaimStatus.Approved => "已确认",
        ClaimStatus.Rejected => "已退回",
        _ => s.ToString(),
    };
}
