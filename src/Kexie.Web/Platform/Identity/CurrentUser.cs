using System.Security.Claims;

namespace Kexie.Web.Platform.Identity;

/// <summary>Claim types Kexie puts into the auth cookie.</summary>
public static class KexieClaims
{
    public const string Permission = "kx:perm";
    public const string Organisation = "kx:org";
    public const string Scope = "kx:scope";
    public const string DisplayName = "kx:name";
    public const string Session = "kx:sid";
    public const string Kind = "kx:kind";
}

/// <summary>Who is acting: a signed-in user, an anonymous visitor, or the system (jobs, seeding).</summary>
public sealed class CurrentUser
{
    private readonly HashSet<string> _permissions;

    public CurrentUser(Guid? userId, string userName, string displayName, Guid? organisationId,
        DataScopeKind scope, IEnumerable<string> permissions, string? ip = null, bool isSystem = false,
        IEnumerable<string>? roles = null)
    {
        UserId = userId;
        UserName = userName;
        DisplayName = displayName;
        OrganisationId = organisationId;
        ScopeKind = scope;
        _permissions = new HashSet<string>(permissions, StringComparer.Ordinal);
        Ip = ip;
        IsSystem = isSystem;
        Roles = roles?.ToArray() ?? [];
    }

    public Guid? UserId { get; }
    public string UserName { get; }
    public string DisplayName { get; }
    public Guid? OrganisationId { get; }
    public DataScopeKind ScopeKind { get; }
    public string? Ip { get; }
    public bool IsSystem { get; }
    public IReadOnlyList<string> Roles { get; }
    public bool IsAuthenticated => UserId is not null || IsSystem;
    public IReadOnlyCollection<string> Permissions => _permissions;

    public DataScope Scope => IsSystem
        ? DataScope.Everything
        : UserId is null
            ? DataScope.None
            : new DataScope(UserId.Value, OrganisationId ?? Guid.Empty, ScopeKind);

    public bool Has(string permission) => IsSystem || _permissions.Contains(permission);

    /// <summary>Refuses (403) unless the user holds the permission.</summary>
    public void Demand(string permission)
    {
        if (!IsAuthenticated) throw new Errors.ForbiddenException("请先登录");
        if (!Has(permission)) throw new Errors.ForbiddenException();
    }

    public static readonly CurrentUser Anonymous = new(null, "", "访客", null, DataScopeKind.Self, []);

    public static CurrentUser System(string what = "系统") =>
        new(null, "system", what, null, DataScopeKind.All, [], isSystem: true);

    public static CurrentUser FromPrincipal(ClaimsPrincipal? principal, string? ip)
    {
        if (principal?.Identity?.IsAuthenticated != true) return new CurrentUser(null, "", "访客", null, DataScopeKind.Self, [], ip);
        var id = Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var g) ? g : (Guid?)null;
        if (id is null) return Anonymous;
        var org = Guid.TryParse(principal.FindFirstValue(KexieClaims.Organisation), out var o) ? o : (Guid?)null;
        var scope = Enum.TryParse<DataScopeKind>(principal.FindFirstValue(KexieClaims.Scope), out var s) ? s : DataScopeKind.Self;
        return new CurrentUser(id, principal.Identity.Name ?? "", principal.FindFirstValue(KexieClaims.DisplayName) ?? principal.Identity.Name ?? "",
            org, scope, principal.FindAll(KexieClaims.Permission).Select(c => c.Value), ip,
            roles: principal.FindAll(ClaimTypes.Role).Select(c => c.Value));
    }
}

/// <summary>
/// Holds the acting user for one DI scope (an HTTP request, a job run). The DbContext reads it lazily
/// on every query, so a user set after the context was created still applies.
/// </summary>
public sealed class CurrentUserAccessor
{
    public CurrentUser User { get; set; } = CurrentUser.Anonymous;
}
