using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;

namespace Kexie.Web.Platform.Organisations;

/// <summary>Node types of the 科协 network (domain.md §1).</summary>
public enum OrganisationType
{
    CityAssociation,
    CityDepartment,
    DirectUnit,
    CountyAssociation,
    ParkAssociation,
    TownAssociation,
    EnterpriseAssociation,
    UniversityAssociation,
    InstituteAssociation,
    Society,
    SocietyBranch,
    RuralTechAssociation,
    MemberUnit,
}

public static class OrganisationTypes
{
    public static string Zh(this OrganisationType t) => t switch
    {
        OrganisationType.CityAssociation => "市科协",
        OrganisationType.CityDepartment => "市科协机关部室",
        OrganisationType.DirectUnit => "直属事业单位",
        OrganisationType.CountyAssociation => "县(市、区)科协",
        OrganisationType.ParkAssociation => "园区科协",
        OrganisationType.TownAssociation => "镇(街道)科协",
        OrganisationType.EnterpriseAssociation => "企业科协",
        OrganisationType.UniversityAssociation => "高校科协",
        OrganisationType.InstituteAssociation => "科研院所科协",
        OrganisationType.Society => "学会/协会/研究会",
        OrganisationType.SocietyBranch => "学会分支机构",
        OrganisationType.RuralTechAssociation => "农村专业技术协会",
        OrganisationType.MemberUnit => "全民科学素质领导小组成员单位",
    };

    public static string En(this OrganisationType t) => t switch
    {
        OrganisationType.CityAssociation => "City association",
        OrganisationType.CityDepartment => "City department",
        OrganisationType.DirectUnit => "Affiliated institution",
        OrganisationType.CountyAssociation => "County association",
        OrganisationType.ParkAssociation => "Park association",
        OrganisationType.TownAssociation => "Town association",
        OrganisationType.EnterpriseAssociation => "Enterprise association",
        OrganisationType.UniversityAssociation => "University association",
        OrganisationType.InstituteAssociation => "Institute association",
        OrganisationType.Society => "Society",
        OrganisationType.SocietyBranch => "Society branch",
        OrganisationType.RuralTechAssociation => "Rural technical association",
        OrganisationType.MemberUnit => "Member unit",
    };

    public static OrganisationType? FromZh(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        s = s.Trim();
        foreach (var t in Enum.GetValues<OrganisationType>())
            if (t.Zh() == s || t.ToString().Equals(s, StringComparison.OrdinalIgnoreCase)) return t;
        return null;
    }

    /// <summary>Which node types may sit directly under which. Keeps the tree meaningful.</summary>
    public static bool CanBeChildOf(this OrganisationType child, OrganisationType parent) => child switch
    {
        OrganisationType.CityAssociation => false,
        OrganisationType.CityDepartment or OrganisationType.DirectUnit or OrganisationType.MemberUnit
            => parent == OrganisationType.CityAssociation,
        OrganisationType.CountyAssociation => parent == OrganisationType.CityAssociation,
        OrganisationType.ParkAssociation => parent is OrganisationType.CityAssociation or OrganisationType.CountyAssociation,
        OrganisationType.TownAssociation => parent is OrganisationType.CountyAssociation or OrganisationType.ParkAssociation,
        OrganisationType.EnterpriseAssociation or OrganisationType.UniversityAssociation or OrganisationType.InstituteAssociation
            => parent is OrganisationType.CityAssociation or OrganisationType.CountyAssociation or OrganisationType.ParkAssociation,
        OrganisationType.Society => parent is OrganisationType.CityAssociation or OrganisationType.CountyAssociation,
        OrganisationType.SocietyBranch => parent is OrganisationType.Society or OrganisationType.SocietyBranch,
        OrganisationType.RuralTechAssociation => parent is OrganisationType.CountyAssociation or OrganisationType.TownAssociation
            or OrganisationType.CityAssociation,
    };
}

/// <summary>A node of the organisation tree. Never hard-deleted: deactivated with a reason.</summary>
[DisplayNameZh("组织机构")]
public sealed class Organisation : Entity, IVersioned
{
    private Organisation() { }

    public Organisation(string name, OrganisationType type, string regionCode, Guid? parentId, Guid? id = null)
    {
        if (id is { } given) Id = given;
        Name = name.Trim();
        Type = type;
        RegionCode = regionCode.Trim();
        ParentId = parentId;
    }

    public string Name { get; set; } = "";
    public string? ShortName { get; set; }
    public OrganisationType Type { get; set; }
    public Guid? ParentId { get; private set; }
    public int Depth { get; internal set; }

    /// <summary>GB/T 2260 code of the region the organisation serves (6 digits; towns 9).</summary>
    public string RegionCode { get; set; } = "";

    /// <summary>统一社会信用代码, where registered.</summary>
    public string? CreditCode { get; set; }

    public string? ContactPerson { get; set; }

    [Pii(PiiKind.Phone)]
    public string? ContactPhone { get; set; }

    public string? Address { get; set; }
    public DateOnly? EstablishedOn { get; set; }

    /// <summary>学会党组织 "两个覆盖": whether the society has a party organisation (societies only).</summary>
    public bool? HasPartyOrganisation { get; set; }

    public int? MemberCount { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; private set; } = true;
    public DateTime? DeactivatedAt { get; private set; }
    public string? DeactivationReason { get; private set; }
    public int Version { get; set; }

    public void Deactivate(string reason, DateTime now)
    {
        if (!IsActive) throw new DomainException("该组织已停用");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("停用原因不能为空", "Reason");
        IsActive = false;
        DeactivatedAt = now;
        DeactivationReason = reason.Trim();
    }

    public void Reactivate()
    {
        if (IsActive) throw new DomainException("该组织处于启用状态");
        IsActive = true;
        DeactivatedAt = null;
        DeactivationReason = null;
    }

    internal void SetParent(Guid? parentId) => ParentId = parentId;
}

/// <summary>
/// The transitive closure of the organisation tree: one row per (ancestor, descendant) pair,
/// including (x, x), plus one row from <see cref="VirtualRoot"/> to every organisation (the 全部 scope).
/// The data-scope filter is one EXISTS over it; it is maintained in the same transaction as every create and move.
/// </summary>
[NotAudited("derived from Organisation.ParentId, rebuilt on move")]
public sealed class OrganisationClosure
{
    /// <summary>The ancestor of every organisation (not an organisation itself): scope 全部 reads from it.</summary>
    public static readonly Guid VirtualRoot = Guid.Empty;

    /// <summary>An ancestor of nothing: scopes without organisations (本人, anonymous) read from it.</summary>
    public static readonly Guid Nobody = Guid.AllBitsSet;

    public Guid AncestorId { get; set; }
    public Guid DescendantId { get; set; }
    public int Distance { get; set; }

    /// <summary>
    /// A copy of the descendant's "停用" state, so that the number of active organisations in a scope is read from
    /// the closure index alone (<see cref="Features.ListOrganisations"/>). Kept by <see cref="OrganisationTree"/>.
    /// </summary>
    public bool DescendantInactive { get; set; }
}

public enum RegionLevel
{
    Province = 1,
    City = 2,
    County = 3,
    Town = 4,
}

/// <summary>An administrative division (GB/T 2260; towns with 9-digit codes).</summary>
[DisplayNameZh("行政区划")]
public sealed class Region
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public RegionLevel Level { get; set; }
    public string? ParentCode { get; set; }

    /// <summary>For towns: 街道 rather than 镇/乡.</summary>
    public bool IsStreet { get; set; }
}

public enum SanZhangKind
{
    SchoolHead,
    HospitalHead,
    AgriStationHead,
}

public static class SanZhangKinds
{
    public static string Zh(this SanZhangKind k) => k switch
    {
        SanZhangKind.SchoolHead => "校长",
        SanZhangKind.HospitalHead => "院长",
        SanZhangKind.AgriStationHead => "站长",
    };

    public static SanZhangKind? FromZh(string? s) => s?.Trim() switch
    {
        "校长" => SanZhangKind.SchoolHead,
        "院长" => SanZhangKind.HospitalHead,
        "站长" => SanZhangKind.AgriStationHead,
        _ => null,
    };
}

/// <summary>A 三长 (school / hospital / agricultural-station head) holding a part-time post in a town or county 科协.</summary>
[DisplayNameZh("三长任职")]
public sealed class SanZhangPost : Entity, IOrgScoped, IVersioned
{
    public Guid OrganisationId { get; set; }

    [Pii(PiiKind.Name)]
    public string PersonName { get; set; } = "";

    public SanZhangKind Kind { get; set; }

    /// <summary>The institution they head, e.g. 石门镇中心小学.</summary>
    public string UnitName { get; set; } = "";

    /// <summary>The post held, e.g. 兼职副主席.</summary>
    public string Post { get; set; } = "兼职副主席";

    public DateOnly? TermStart { get; set; }
    public DateOnly? TermEnd { get; set; }
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}

public enum CoverageUnitKind
{
    Park,
    Enterprise,
    University,
}

public static class CoverageUnitKinds
{
    public static string Zh(this CoverageUnitKind k) => k switch
    {
        CoverageUnitKind.Park => "园区",
        CoverageUnitKind.Enterprise => "企业",
        CoverageUnitKind.University => "高校",
    };

    public static CoverageUnitKind? FromZh(string? s) => s?.Trim() switch
    {
        "园区" => CoverageUnitKind.Park,
        "企业" => CoverageUnitKind.Enterprise,
        "高校" => CoverageUnitKind.University,
        _ => null,
    };
}

/// <summary>
/// A park, enterprise or university that should have a 科协 (基层组织全覆盖). Towns need no such row:
/// they come from the region table. <see cref="AssociationId"/> points at its association once founded.
/// </summary>
[DisplayNameZh("覆盖对象")]
public sealed class CoverageUnit : Entity, IOrgScoped, IVersioned
{
    /// <summary>The county association responsible for pressing coverage here.</summary>
    public Guid OrganisationId { get; set; }

    public string Name { get; set; } = "";
    public CoverageUnitKind Kind { get; set; }
    public string RegionCode { get; set; } = "";
    public Guid? AssociationId { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; }
}
