using Kexie.Web.Platform.Data;

namespace Kexie.Web.Platform.Audit;

/// <summary>
/// One row of the audit trail. Rows form a hash chain: <see cref="Hash"/> covers every field and
/// <see cref="PrevHash"/>, and <see cref="Seq"/> has no gaps, so an edited, inserted or deleted row
/// is detected by <see cref="AuditChain.VerifyAsync"/>.
/// </summary>
[NotAudited("it is the audit trail")]
public sealed class AuditEntry
{
    public long Seq { get; set; }
    public DateTime At { get; set; }
    public Guid? ActorUserId { get; set; }
    public string ActorName { get; set; } = "";
    public string? Ip { get; set; }

    /// <summary>See <see cref="AuditActions"/>.</summary>
    public string Action { get; set; } = "";

    /// <summary>The CLR type name of the entity, or a category for events (Login, Export…).</summary>
    public string EntityType { get; set; } = "";

    public string? EntityId { get; set; }

    /// <summary>The organisation the record belongs to, when it is scoped.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>A short human summary in Chinese.</summary>
    public string Summary { get; set; } = "";

    /// <summary>JSON object: property → {"old":…,"new":…}; personal data masked.</summary>
    public string? Changes { get; set; }

    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

public static class AuditActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Transition = "transition";
    public const string Login = "login";
    public const string LoginFailed = "login-failed";
    public const string Lockout = "lockout";
    public const string Logout = "logout";
    public const string ForcedLogout = "forced-logout";
    public const string PermissionDenied = "denied";
    public const string ViewPersonalData = "view-pii";
    public const string Export = "export";
    public const string Import = "import";
    public const string RoleChange = "role-change";

    public static string Zh(string action) => action switch
    {
        Create => "新建",
        Update => "修改",
        Delete => "删除",
        Transition => "流程",
        Login => "登录成功",
        LoginFailed => "登录失败",
        Lockout => "账号锁定",
        Logout => "退出登录",
        ForcedLogout => "强制下线",
        PermissionDenied => "拒绝访问",
        ViewPersonalData => "查看个人信息",
        Export => "导出",
        Import => "导入",
        RoleChange => "角色变更",
        _ => action,
    };
}
