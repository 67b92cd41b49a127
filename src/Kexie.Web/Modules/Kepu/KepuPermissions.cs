using Kexie.Web.Platform.Identity;

namespace Kexie.Web.Modules.Kepu;

/// <summary>Permissions of the 科普 module and the roles that hold them by default.</summary>
public static class KepuPermissions
{
    public const string View = "kepu.view";
    public const string Report = "kepu.activities.report";
    public const string Approve = "kepu.activities.approve";
    public const string CampaignsManage = "kepu.campaigns.manage";
    public const string Statistics = "kepu.statistics";
    public const string MapManage = "kepu.map.manage";

    public static IEnumerable<PermissionDefinition> All =>
    [
        new(View, "科普", "查看科普活动与活动品牌", "View science outreach activities", RoleNames.Staff),
        new(Report, "科普", "报送科普活动、登记成效、现场签到", "Report activities, outcomes and check-ins", RoleNames.Staff),
        // Every staff role holds it; whether a user may approve a given activity is decided by the organisation
        // tree (only the organiser's parent organisation approves), not by the role.
        new(Approve, "科普", "审核下级组织报送的科普活动", "Approve activities reported by organisations below", RoleNames.Staff),
        new(CampaignsManage, "科普", "管理科普活动品牌（年度）", "Manage yearly campaigns", RoleNames.CityLevel),
        new(Statistics, "科普", "科普统计与导出", "Outreach statistics and export", RoleNames.Staff),
        new(MapManage, "科普", "上传公众门户的县区地图（GeoJSON）", "Upload the county map (GeoJSON) of the public portal", [RoleNames.SystemAdmin, RoleNames.CityAdmin]),
    ];
}
