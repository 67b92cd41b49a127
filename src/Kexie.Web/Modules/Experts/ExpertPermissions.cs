using Kexie.Web.Platform.Identity;

namespace Kexie.Web.Modules.Experts;

/// <summary>Permissions of the 科技工作者/专家库 module.</summary>
public static class ExpertPermissions
{
    public const string View = "experts.view";
    public const string Manage = "experts.manage";
    public const string Pool = "experts.pool";
    public const string ViewPersonalData = "experts.pii";
    public const string Draw = "experts.draw";
    public const string Import = "experts.import";
    public const string Export = "experts.export";
    public const string OwnProfile = "experts.profile";

    public static IEnumerable<PermissionDefinition> All =>
    [
        new(View, "专家库", "查看科技工作者与专家库", "View S&T workers and the expert pool", RoleNames.Staff),
        new(Manage, "专家库", "登记、编辑、确认、合并科技工作者", "Register, edit, confirm and merge S&T workers", RoleNames.Staff),
        new(Pool, "专家库", "专家入库审核、暂停、移出", "Review, admit, suspend and remove experts", RoleNames.Managers),
        new(ViewPersonalData, "专家库", "查看完整身份证号和手机号（留痕）", "View full ID numbers and phones (audited)", [RoleNames.SystemAdmin, RoleNames.CityAdmin]),
        new(Draw, "专家库", "随机抽取专家", "Draw expert panels", RoleNames.Managers),
        new(Import, "专家库", "Excel 导入科技工作者", "Import S&T workers from Excel", [RoleNames.SystemAdmin, RoleNames.CityAdmin, RoleNames.CountyAdmin]),
        new(Export, "专家库", "导出科技工作者名单", "Export S&T worker lists", RoleNames.Staff),
        new(OwnProfile, "专家库", "维护本人科技工作者信息", "Keep one's own S&T worker profile", [RoleNames.Public, RoleNames.Expert]),
    ];
}
