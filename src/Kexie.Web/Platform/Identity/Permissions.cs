namespace Kexie.Web.Platform.Identity;

/// <summary>A permission a module declares, with the roles that get it by default.</summary>
public sealed record PermissionDefinition(string Name, string Module, string DisplayName, string DisplayNameEn, IReadOnlyList<string> DefaultRoles);

/// <summary>Every permission declared by every module (registered through <c>AddPermissions</c>).</summary>
public sealed class PermissionCatalog
{
    private readonly Dictionary<string, PermissionDefinition> _all = new(StringComparer.Ordinal);

    public IReadOnlyCollection<PermissionDefinition> All => _all.Values;

    public PermissionDefinition? Find(string name) => _all.GetValueOrDefault(name);

    internal void Add(IEnumerable<PermissionDefinition> definitions)
    {
        foreach (var d in definitions)
            if (!_all.TryAdd(d.Name, d)) throw new InvalidOperationException($"Permission {d.Name} declared twice");
    }
}

public static class PermissionServiceCollectionExtensions
{
    /// <summary>Declares a module's permissions; each becomes an authorization policy of the same name.</summary>
    public static IServiceCollection AddPermissions(this IServiceCollection services, IEnumerable<PermissionDefinition> definitions)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(PermissionCatalog))?.ImplementationInstance as PermissionCatalog;
        if (existing is null)
        {
            existing = new PermissionCatalog();
            services.AddSingleton(existing);
        }
        existing.Add(definitions);
        return services;
    }
}

/// <summary>Permissions of the platform itself.</summary>
public static class PlatformPermissions
{
    public const string OrganisationsView = "platform.organisations.view";
    public const string OrganisationsManage = "platform.organisations.manage";
    public const string OrganisationsImport = "platform.organisations.import";
    public const string UsersManage = "platform.users.manage";
    public const string RolesManage = "platform.roles.manage";
    public const string SessionsManage = "platform.sessions.manage";
    public const string AuditView = "platform.audit.view";
    public const string DictionariesManage = "platform.dictionaries.manage";
    public const string FilesUpload = "platform.files.upload";
    public const string Console = "platform.console";

    public static IEnumerable<PermissionDefinition> All =>
    [
        new(Console, "平台", "进入工作台", "Use the staff console", RoleNames.Staff.Append(RoleNames.Expert).ToArray()),
        new(OrganisationsView, "平台", "查看组织机构", "View organisations", RoleNames.Staff),
        new(OrganisationsManage, "平台", "管理组织机构（新建、编辑、移动、停用、三长、覆盖）", "Manage organisations", RoleNames.Managers),
        new(OrganisationsImport, "平台", "导入组织机构", "Import organisations", [RoleNames.SystemAdmin, RoleNames.CityAdmin]),
        new(UsersManage, "平台", "管理用户账号", "Manage user accounts", [RoleNames.SystemAdmin, RoleNames.CityAdmin, RoleNames.CountyAdmin]),
        new(RolesManage, "平台", "管理角色与权限", "Manage roles and permissions", [RoleNames.SystemAdmin]),
        new(SessionsManage, "平台", "查看在线用户并强制下线", "See signed-in users and force sign-out", [RoleNames.SystemAdmin]),
        new(AuditView, "平台", "查看审计日志与登录日志", "View the audit trail and login log", [RoleNames.SystemAdmin]),
        new(DictionariesManage, "平台", "维护数据字典", "Maintain dictionaries", [RoleNames.SystemAdmin, RoleNames.CityAdmin]),
        new(FilesUpload, "平台", "上传附件", "Upload attachments", RoleNames.Staff.Append(RoleNames.Expert).Append(RoleNames.Public).ToArray()),
    ];
}
