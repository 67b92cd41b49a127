namespace Kexie.Web.Modules.Kepu.Domain;

/// <summary>The recurring campaigns of the 科普 year (domain.md §5).</summary>
public enum CampaignKind
{
    SpringMonth,
    TechWeek,
    WorkersDay,
    DisasterPreventionDay,
    FoodSafetyWeek,
    NationalScienceDay,
    InternationalDisasterReductionDay,
    AcademicAutumn,
    Other,
}

/// <summary>Activity types, including the four 科普四进 destinations.</summary>
public enum ActivityType
{
    Lecture,
    Exhibition,
    CaravanTour,
    ToVillages,
    ToCommunities,
    ToSchools,
    ToAgencies,
    Online,
    Other,
}

/// <summary>The five key audience groups of the 全民科学素质 plan, plus the general public.</summary>
public enum AudienceGroup
{
    Youth,
    Farmers,
    IndustrialWorkers,
    Elderly,
    Officials,
    General,
}

public enum ActivityStatus
{
    Draft,
    Submitted,
    Returned,
    Approved,
    Published,
    Completed,
}

public enum RegistrationStatus
{
    Confirmed,
    Waitlisted,
    Cancelled,
}

public static class KepuNames
{
    public static string Zh(this CampaignKind k) => k switch
    {
        CampaignKind.SpringMonth => "科技之春宣传月",
        CampaignKind.TechWeek => "科技活动周",
        CampaignKind.WorkersDay => "全国科技工作者日",
        CampaignKind.DisasterPreventionDay => "防灾减灾日",
        CampaignKind.FoodSafetyWeek => "食品安全宣传周",
        CampaignKind.NationalScienceDay => "全国科普日",
        CampaignKind.InternationalDisasterReductionDay => "国际减灾日",
        CampaignKind.AcademicAutumn => "学术金秋",
        CampaignKind.Other => "其他",
    };

    public static string Zh(this ActivityType t) => t switch
    {
        ActivityType.Lecture => "讲座",
        ActivityType.Exhibition => "展览",
        ActivityType.CaravanTour => "大篷车巡展",
        ActivityType.ToVillages => "科普进农村",
        ActivityType.ToCommunities => "科普进社区",
        ActivityType.ToSchools => "科普进学校",
        ActivityType.ToAgencies => "科普进机关",
        ActivityType.Online => "线上活动",
        ActivityType.Other => "其他",
    };

    public static string Zh(this AudienceGroup a) => a switch
    {
        AudienceGroup.Youth => "青少年",
        AudienceGroup.Farmers => "农民",
        AudienceGroup.IndustrialWorkers => "产业工人",
        AudienceGroup.Elderly => "老年人",
        AudienceGroup.Officials => "领导干部和公务员",
        AudienceGroup.General => "社会公众",
    };

    public static string Zh(this ActivityStatus s) => s switch
    {
        ActivityStatus.Draft => "草稿",
        ActivityStatus.Submitted => "待审核",
        ActivityStatus.Returned => "已退回",
        ActivityStatus.Approved => "已审核",
        ActivityStatus.Published => "已发布",
        ActivityStatus.Completed => "已完成",
    };

    public static string Zh(this RegistrationStatus s) => s switch
    {
        RegistrationStatus.Confirmed => "报名成功",
        RegistrationStatus.Waitlisted => "候补中",
        RegistrationStatus.Cancelled => "已取消",
    };

    public static string Badge(this ActivityStatus s) => s switch
    {
        ActivityStatus.Draft => "",
        ActivityStatus.Submitted => "warn",
        ActivityStatus.Returned => "bad",
        ActivityStatus.Approved => "ok",
        ActivityStatus.Published => "ok",
        ActivityStatus.Completed => "",
    };

    /// <summary>Statuses the public may see.</summary>
    public static readonly ActivityStatus[] Public = [ActivityStatus.Published, ActivityStatus.Completed];
}
