using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;

namespace Kexie.Web.Modules.Kepu.Domain;

/// <summary>Kinds of 科普阵地 (domain.md §5).</summary>
public enum VenueKind
{
    ScienceMuseum,
    MobileMuseum,
    EducationBase,
    RuralDemoBase,
    DemoCommunity,
    DemoVillage,
    CommunityUniversity,
    EStation,
    AgriServiceStation,
    TechCourtyard,
    AgriExpertStation,
}

public enum VenueLevel
{
    County,
    City,
    Provincial,
    National,
}

public enum VenueStatus
{
    Active,
    Suspended,
    Revoked,
}

public static class VenueNames
{
    public static string Zh(this VenueKind k) => k switch
    {
        VenueKind.ScienceMuseum => "科技馆",
        VenueKind.MobileMuseum => "流动科技馆",
        VenueKind.EducationBase => "科普教育基地",
        VenueKind.RuralDemoBase => "农村科普示范基地",
        VenueKind.DemoCommunity => "科普示范社区",
        VenueKind.DemoVillage => "科普示范村",
        VenueKind.CommunityUniversity => "社区科普大学",
        VenueKind.EStation => "科普e站",
        VenueKind.AgriServiceStation => "科普惠农服务站",
        VenueKind.TechCourtyard => "科技小院",
        VenueKind.AgriExpertStation => "农业专家服务站",
    };

    public static string Zh(this VenueLevel l) => l switch
    {
        VenueLevel.County => "县级",
        VenueLevel.City => "市级",
        VenueLevel.Provincial => "省级",
        VenueLevel.National => "国家级",
    };

    public static string Zh(this VenueStatus s) => s switch
    {
        VenueStatus.Active => "正常开放",
        VenueStatus.Suspended => "暂停开放",
        VenueStatus.Revoked => "已撤销",
    };
}

/// <summary>A 科普 venue or base, managed by one organisation of the network.</summary>
[DisplayNameZh("科普阵地")]
public sealed class Venue : Entity, IOrgScoped, IVersioned
{
    public Guid OrganisationId { get; set; }
    public string Name { get; set; } = "";
    public VenueKind Kind { get; set; }
    public VenueLevel Level { get; set; }
    public VenueStatus Status { get; set; }
    public string RegionCode { get; set; } = "";
    public string? Address { get; set; }
    public string? OpeningDays { get; set; }
    public DateOnly? DesignatedOn { get; set; }
    public int Version { get; set; }
}

/// <summary>Visitors of a venue in one month (one row per venue and month).</summary>
[DisplayNameZh("科普阵地月度接待")]
public sealed class VenueVisitorMonth : Entity
{
    public Guid VenueId { get; set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    public int Visitors { get; set; }
    public int? OpenDays { get; set; }

    public void Validate()
    {
        if (Month.Day != 1) throw new DomainException("月份不正确", nameof(Month));
        if (Visitors < 0) throw new DomainException("接待人次不能为负数", nameof(Visitors));
        if (OpenDays is < 0 or > 31) throw new DomainException("开放天数应在0到31之间", nameof(OpenDays));
    }
}

/// <summary>A 科普大篷车 tour: a route of stops on dates, each with its attendance.</summary>
[DisplayNameZh("科普大篷车巡展")]
public sealed class CaravanTour : Entity, IOrgScoped, IVersioned
{
    public Guid OrganisationId { get; set; }
    public Guid? CampaignId { get; set; }
    public string Name { get; set; } = "";
    public string? Route { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public int Version { get; set; }
    public List<CaravanStop> Stops { get; set; } = [];
}

[DisplayNameZh("大篷车巡展站点")]
public sealed class CaravanStop : Entity
{
    public Guid TourId { get; set; }
    public DateOnly Date { get; set; }
    public string Place { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public int Attendance { get; set; }
}
