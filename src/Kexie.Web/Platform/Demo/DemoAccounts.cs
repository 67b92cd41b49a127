namespace Kexie.Web.Platform.Demo;

/// <summary>
/// Demo logins, at least one per role. Staff share one memorable strong password (≥ 10 characters with upper
/// and lower case, a digit and a symbol); the public user has a shorter one. For demo and development
/// databases only: a production seed must never create these.
/// </summary>
public static class DemoAccounts
{
    /// <summary>Password of every staff demo account.</summary>
    public const string StaffPassword = "Kexie@2026";

    /// <summary>Password of the public demo account.</summary>
    public const string PublicPassword = "Public@2026";

    /// <summary>All demo accounts. OrganisationName is one of <see cref="DemoCity.AllOrganisationNames"/> (none for the public user).</summary>
    public static IReadOnlyList<DemoAccount> All { get; } =
    [
        new("admin", StaffPassword, "系统管理员", [DemoRoles.SystemAdmin], "示范市科协", "办公室"),
        new("city.admin", StaffPassword, "周明远", [DemoRoles.CityAdmin], "示范市科协", "办公室"),
        new("city.kepu", StaffPassword, "韩晓雯", [DemoRoles.CityStaff], "示范市科协", "科学技术普及部"),
        new("city.xuehui", StaffPassword, "邓立新", [DemoRoles.CityStaff], "示范市科协", "学会学术部"),
        new("county.qinchuan", StaffPassword, "孟庆华", [DemoRoles.CountyAdmin], "秦川区科协", null),
        new("county.yunling", StaffPassword, "罗海燕", [DemoRoles.CountyAdmin], "云岭县科协", null),
        new("town.shimen", StaffPassword, "田小勇", [DemoRoles.Liaison], "石门镇科协", null),
        new("society.nongxue", StaffPassword, "龚丽萍", [DemoRoles.Liaison], "示范市农学会", null),
        // 何秋实 is the DemoPerson of the same name (a rice breeder in the 专家库).
        new("expert.heqiushi", StaffPassword, "何秋实", [DemoRoles.Expert], "示范市农业科学研究院科协", null),
        new("public.demo", PublicPassword, "赵小满", [DemoRoles.Public], null, null),
    ];
}
