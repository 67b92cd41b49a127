using Kexie.Web.Platform.Identity;

namespace Kexie.Web.Modules.Awards;

/// <summary>Permissions of the 评选表彰 module and the roles that hold them by default.</summary>
public static class AwardPermissions
{
    public const string View = "awards.view";
    public const string Apply = "awards.apply";
    public const string Recommend = "awards.recommend";
    public const string Manage = "awards.manage";
    public const string Review = "awards.review";
    public const string Confirm = "awards.confirm";

    public static IEnumerable<PermissionDefinition> All =>
    [
        new(View, "评选表彰", "查看评选活动与本范围内的申报", "View calls and the entries within scope", RoleNames.Staff),
        new(Apply, "评选表彰", "在线申报（本人的申报）", "Apply to calls (own entries)", [.. RoleNames.Staff, RoleNames.Expert, RoleNames.Public]),
        // Whether a unit may recommend in a call is decided by its quota row, not by the role.
        new(Recommend, "评选表彰", "作为推荐单位在名额内推荐申报", "Recommend entries within the unit's quota", RoleNames.Staff),
        new(Manage, "评选表彰", "配置评选活动、形式审查、评审组织与排名", "Configure calls, eligibility checks, panels and ranking", RoleNames.CityLevel),
        new(Review, "评选表彰", "评审分配给本人的申报", "Review the entries assigned to oneself", [.. RoleNames.CityLevel, RoleNames.Expert]),
        new(Confirm, "评选表彰", "确认评审结果（主任委员）", "Confirm the results (chair)", [RoleNames.SystemAdmin, RoleNames.CityAdmin]),
    ];
}
