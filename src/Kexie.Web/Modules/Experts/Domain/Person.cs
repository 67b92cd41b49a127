using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;

namespace Kexie.Web.Modules.Experts.Domain;

/// <summary>How a 科技工作者 record came in.</summary>
public enum PersonSource
{
    /// <summary>A 公众用户 completed a profile on the public site.</summary>
    SelfRegistered,

    /// <summary>Registered by an organisation (page or API).</summary>
    Registered,

    /// <summary>Imported from Excel.</summary>
    Imported,
}

public enum PersonStatus
{
    /// <summary>Self-registered, waiting for the chosen organisation to confirm.</summary>
    Pending,
    Confirmed,
    Rejected,

    /// <summary>A duplicate merged into another record (<see cref="Person.MergedIntoId"/>); kept for its history.</summary>
    Merged,
}

/// <summary>专家库 membership: applied/recommended → reviewed → admitted; suspended or removed with a reason.</summary>
public enum PoolStatus
{
    None,
    Applied,
    Recommended,
    Reviewed,
    Admitted,
    Suspended,
    Removed,
}

public enum Availability
{
    Available,
    Busy,
    Unavailable,
}

/// <summary>
/// A 科技工作者 and, when admitted, an expert of the 专家库. 身份证号 and phone are stored encrypted
/// (<see cref="Platform.Privacy.FieldProtector"/>) with an HMAC blind index for uniqueness and lookups,
/// plus a masked copy for lists. <see cref="SearchTokens"/> holds the bigram/unigram tokens of the
/// searchable fields, indexed by GIN (PostgreSQL) or FTS5 (SQLite).
/// </summary>
[DisplayNameZh("科技工作者")]
public sealed class Person : Entity, IUserOwned, IVersioned
{
    public Guid OrganisationId { get; set; }
    public Guid? OwnerUserId { get; set; }
    public int Version { get; set; }

    public string Name { get; set; } = "";
    public string? Gender { get; set; }
    public int? BirthYear { get; set; }

    [Pii(PiiKind.Cipher)]
    public string? IdNumberCipher { get; set; }

    [AuditIgnore]
    public string? IdNumberIndex { get; set; }

    public string? IdNumberMasked { get; set; }

    [Pii(PiiKind.Cipher)]
    public string? PhoneCipher { get; set; }

    [AuditIgnore]
    public string? PhoneIndex { get; set; }

    public string? PhoneMasked { get; set; }

    public string Employer { get; set; } = "";
    public string? Title { get; set; }
    public string? Education { get; set; }
    public string? DisciplineCode { get; set; }
    public string? IndustryCode { get; set; }
    public string? RegionCode { get; set; }
    public string? PoliticalStatus { get; set; }
    public string? Honours { get; set; }

    public PersonSource Source { get; set; }
    public PersonStatus Status { get; set; }
    public string? StatusReason { get; set; }
    public Guid? MergedIntoId { get; set; }

    public PoolStatus PoolStatus { get; set; }
    public string? PoolReason { get; set; }
    public DateTime? AdmittedAt { get; set; }

    /// <summary>Discipline codes of expertise (GB/T 13745), separated by commas.</summary>
    public string? ExpertiseCodes { get; set; }

    /// <summary>Free keywords separated by 、.</summary>
    public string? Keywords { get; set; }

    public string? Bio { get; set; }
    public Availability Availability { get; set; }

    [AuditIgnore]
    public string SearchTokens { get; set; } = "";

    /// <summary>Recomputes <see cref="SearchTokens"/>; called before every save that touches the record.</summary>
    public void RefreshSearchTokens() =>
        SearchTokens = Platform.Search.SearchTokens.ForIndex(Name, Employer, Keywords, Bio, ExpertiseCodes?.Replace(',', ' '), Honours);

    public IReadOnlyList<string> KeywordList => Split(Keywords);

    public IReadOnlyList<string> ExpertiseCodeList => Split(ExpertiseCodes);

    public static IReadOnlyList<string> Split(string? s) =>
        string.IsNullOrWhiteSpace(s) ? [] : s.Split([',', '，', '、', ';', '；', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void Confirm()
    {
        if (Status != PersonStatus.Pending) throw new DomainException("只有待确认的登记可以确认");
        Status = PersonStatus.Confirmed;
        StatusReason = null;
    }

    public void Reject(string reason)
    {
        if (Status != PersonStatus.Pending) throw new DomainException("只有待确认的登记可以退回");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("请填写退回原因", "Reason");
        Status = PersonStatus.Rejected;
        StatusReason = reason.Trim();
    }

    /// <summary>The person (or their unit) applies / is recommended for the pool.</summary>
    public void EnterPool(bool recommended)
    {
        if (Status != PersonStatus.Confirmed) throw new DomainException("科技工作者信息经组织确认后才能申请或推荐入库");
        if (PoolStatus is not (PoolStatus.None or PoolStatus.Removed))
            throw new DomainException($"当前状态为「{PoolStatus.Zh()}」，不能重复申请入库");
        PoolStatus = recommended ? PoolStatus.Recommended : PoolStatus.Applied;
        PoolReason = null;
    }

    public void Review()
    {
        if (PoolStatus is not (PoolStatus.Applied or PoolStatus.Recommended))
            throw new DomainException("只有已申请或已推荐的人员可以审核");
        PoolStatus = PoolStatus.Reviewed;
    }

    public void Admit(DateTime now)
    {
        if (PoolStatus is not (PoolStatus.Reviewed or PoolStatus.Suspended))
            throw new DomainException("只有审核通过（或暂停后恢复）的人员可以入库");
        if (string.IsNullOrWhiteSpace(ExpertiseCodes) && string.IsNullOrWhiteSpace(Keywords))
            throw new DomainException("入库前请填写专业领域（学科代码或关键词）");
        PoolStatus = PoolStatus.Admitted;
        PoolReason = null;
        AdmittedAt ??= now;
    }

    public void Suspend(string reason)
    {
        if (PoolStatus != PoolStatus.Admitted) throw new DomainException("只有在库专家可以暂停");
        PoolReason = RequireReason(reason);
        PoolStatus = PoolStatus.Suspended;
    }

    public void RemoveFromPool(string reason)
    {
        if (PoolStatus is PoolStatus.None or PoolStatus.Removed) throw new DomainException("该人员不在专家库中");
        PoolReason = RequireReason(reason);
        PoolStatus = PoolStatus.Removed;
    }

    private static string RequireReason(string reason) =>
        string.IsNullOrWhiteSpace(reason) ? throw new DomainException("请填写原因", "Reason") : reason.Trim();
}

/// <summary>A declared conflict fact (回避): a relative, a recent co-worker, a unit the expert must not review.</summary>
[DisplayNameZh("专家回避关系")]
public sealed class PersonRelation : Entity
{
    /// <summary>The kinds offered by the forms (the API accepts any short text).</summary>
    public static readonly IReadOnlyList<string> Kinds = ["同单位", "师生", "亲属", "合作", "同事", "其他"];

    public Guid PersonId { get; set; }

    /// <summary>同单位, 师生, 亲属, 合作, 同事, 其他 (<see cref="Kinds"/>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>Another person in the registry, when known.</summary>
    public Guid? RelatedPersonId { get; set; }

    /// <summary>A unit (employer or applicant) the relation ties the expert to.</summary>
    public string? RelatedUnit { get; set; }

    public string? Note { get; set; }
}

public static class ExpertEnums
{
    public static string Zh(this PoolStatus s) => s switch
    {
        PoolStatus.None => "未入库",
        PoolStatus.Applied => "已申请",
        PoolStatus.Recommended => "已推荐",
        PoolStatus.Reviewed => "已审核",
        PoolStatus.Admitted => "在库",
        PoolStatus.Suspended => "暂停",
        PoolStatus.Removed => "已移出",
        _ => s.ToString(),
    };

    public static string Zh(this PersonStatus s) => s switch
    {
        PersonStatus.Pending => "待确认",
        PersonStatus.Confirmed => "已确认",
        PersonStatus.Rejected => "已退回",
        PersonStatus.Merged => "已合并",
        _ => s.ToString(),
    };

    public static string Zh(this Availability a) => a switch
    {
        Availability.Available => "可参加",
        Availability.Busy => "近期繁忙",
        Availability.Unavailable => "暂不可用",
        _ => a.ToString(),
    };

    public static string Zh(this PersonSource s) => s switch
    {
        PersonSource.SelfRegistered => "本人登记",
        PersonSource.Registered => "组织登记",
        PersonSource.Imported => "Excel导入",
        _ => s.ToString(),
    };
}
