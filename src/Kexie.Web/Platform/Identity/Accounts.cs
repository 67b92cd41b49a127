using Kexie.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;

namespace Kexie.Web.Platform.Identity;

public enum AccountKind
{
    /// <summary>Staff of the network: complexity rules, shorter idle timeout.</summary>
    Staff,

    /// <summary>Self-registered 公众用户: length and a common-password list only (ASVS 2.1).</summary>
    Public,
}

/// <summary>A user account. Staff belong to one organisation; public users to none.</summary>
[DisplayNameZh("用户")]
public sealed class AppUser : IdentityUser<Guid>
{
    public AppUser() => Id = Guid.CreateVersion7();

    public string DisplayName { get; set; } = "";
    public AccountKind Kind { get; set; }
    public Guid? OrganisationId { get; set; }

    /// <summary>For 市科协业务人员: the department (部室) they work in, e.g. 科学技术普及部.</summary>
    public string? Department { get; set; }

    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }

    [Pii(PiiKind.Phone)]
    public override string? PhoneNumber { get => base.PhoneNumber; set => base.PhoneNumber = value; }

    [Pii(PiiKind.Email)]
    public override string? Email { get => base.Email; set => base.Email = value; }

    [AuditIgnore]
    public override string? NormalizedEmail { get => base.NormalizedEmail; set => base.NormalizedEmail = value; }

    [AuditIgnore]
    public override string? PasswordHash { get => base.PasswordHash; set => base.PasswordHash = value; }

    [AuditIgnore]
    public override string? SecurityStamp { get => base.SecurityStamp; set => base.SecurityStamp = value; }

    [AuditIgnore]
    public override string? ConcurrencyStamp { get => base.ConcurrencyStamp; set => base.ConcurrencyStamp = value; }
}

/// <summary>A role: a set of permissions and the data scope its holders get.</summary>
[DisplayNameZh("角色")]
public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole() => Id = Guid.CreateVersion7();

    public AppRole(string name, DataScopeKind scope) : this()
    {
        Name = name;
        NormalizedName = name.ToUpperInvariant();
        Scope = scope;
    }

    public DataScopeKind Scope { get; set; }
    public string? Description { get; set; }
    public string? NameEn { get; set; }
    public int SortOrder { get; set; }

    [AuditIgnore]
    public override string? ConcurrencyStamp { get => base.ConcurrencyStamp; set => base.ConcurrencyStamp = value; }
}

/// <summary>The built-in roles (issue #2). Admins may add more.</summary>
public static class RoleNames
{
    public const string SystemAdmin = "系统管理员";
    public const string CityAdmin = "市科协管理员";
    public const string CityStaff = "市科协业务人员";
    public const string CountyAdmin = "县区科协管理员";
    public const string OrgLiaison = "基层组织/学会联络员";
    public const string Expert = "专家";
    public const string Public = "公众用户";

    public static readonly IReadOnlyList<(string Name, string En, DataScopeKind Scope, string Description)> BuiltIn =
    [
        (SystemAdmin, "System administrator", DataScopeKind.All, "账号、角色、字典、审计与系统设置"),
        (CityAdmin, "City association administrator", DataScopeKind.All, "市科协全部业务的管理"),
        (CityStaff, "City association staff", DataScopeKind.All, "市科协机关各部室业务人员"),
        (CountyAdmin, "County association administrator", DataScopeKind.OrganisationAndBelow, "县(市、区)科协管理本级及下级组织"),
        (OrgLiaison, "Organisation liaison", DataScopeKind.Organisation, "镇(街道)科协、学会、企业科协等基层组织联络员"),
        (Expert, "Expert", DataScopeKind.Self, "专家库专家"),
        (Public, "Public user", DataScopeKind.Self, "注册的公众用户、科技工作者"),
    ];

    /// <summary>Every staff role: everything except 专家 and 公众用户.</summary>
    public static readonly string[] Staff = [SystemAdmin, CityAdmin, CityStaff, CountyAdmin, OrgLiaison];
    public static readonly string[] CityLevel = [SystemAdmin, CityAdmin, CityStaff];
    public static readonly string[] Managers = [SystemAdmin, CityAdmin, CityStaff, CountyAdmin];
}

/// <summary>A signed-in browser session: listed for admins, who can force it to sign out.</summary>
[NotAudited("sign-in, sign-out and forced sign-out are audited as events")]
public sealed class UserSession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public string UserName { get; set; } = "";
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? EndReason { get; set; }
}

/// <summary>Permissions a role was given by default once; later removals by an admin stick.</summary>
[NotAudited("bookkeeping of default grants")]
public sealed class PermissionSeed
{
    public string Permission { get; set; } = "";
    public DateTime SeededAt { get; set; }
}
