using System.Security.Claims;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Platform.Identity;

/// <summary>
/// Identity reads users to sign them in before anyone is known, so its store looks past the data-scope
/// filter. Everything else that lists users goes through the context's Users set and is scoped.
/// </summary>
public sealed class KexieUserStore(AppDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, AppRole, AppDbContext, Guid>(context, describer)
{
    public override IQueryable<AppUser> Users => Context.Users.IgnoreQueryFilters([AppDbContext.DataScopeFilter]);

    public override Task<AppUser?> FindByIdAsync(string userId, CancellationToken cancellationToken = default) =>
        Guid.TryParse(userId, out var id)
            ? Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            : Task.FromResult<AppUser?>(null);

    public override Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken = default) =>
        Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalizedUserName, cancellationToken);

    public override Task<AppUser?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken = default) =>
        Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);
}

/// <summary>Puts organisation, data scope, display name and every permission of the user's roles into the cookie.</summary>
public sealed class KexieClaimsFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options, AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        var roleNames = await UserManager.GetRolesAsync(user);
        var normalized = roleNames.Select(r => r.ToUpperInvariant()).ToList();
        var userRoles = await db.Roles.AsNoTracking().Where(r => normalized.Contains(r.NormalizedName!)).ToListAsync();
        var roleIds = userRoles.Select(r => r.Id).ToList();
        var perms = await db.RoleClaims.AsNoTracking()
            .Where(c => roleIds.Contains(c.RoleId) && c.ClaimType == KexieClaims.Permission)
            .Select(c => c.ClaimValue!).Distinct().ToListAsync();
        var scope = userRoles.Count == 0 ? DataScopeKind.Self : userRoles.Max(r => r.Scope);
        id.AddClaim(new Claim(KexieClaims.DisplayName, user.DisplayName));
        id.AddClaim(new Claim(KexieClaims.Scope, scope.ToString()));
        id.AddClaim(new Claim(KexieClaims.Kind, user.Kind.ToString()));
        if (user.OrganisationId is { } org) id.AddClaim(new Claim(KexieClaims.Organisation, org.ToString()));
        foreach (var p in perms) id.AddClaim(new Claim(KexieClaims.Permission, p));
        return id;
    }
}

/// <summary>Configuration section <c>Kexie:Security</c>: the password and session profile.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Kexie:Security";
    public int StaffMinLength { get; set; } = 10;
    public int PublicMinLength { get; set; } = 8;
    public int MaxFailedAttempts { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    public int IdleTimeoutMinutes { get; set; } = 20;

    /// <summary>How long one instance trusts its last look at a session row (forced sign-out reaches every instance within it).</summary>
    public int SessionCheckSeconds { get; set; } = 10;
}

/// <summary>
/// Staff passwords: length and four character classes (等保二级). Public passwords: length and not on
/// the common-password list, no composition rules (ASVS 2.1.9).
/// </summary>
public sealed class KexiePasswordValidator(IOptions<SecurityOptions> options) : IPasswordValidator<AppUser>
{
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "12345678", "123456789", "1234567890", "password", "password1", "password123", "qwerty123", "qwertyuiop", "11111111",
        "00000000", "88888888", "66666666", "12341234", "abc12345", "abcd1234", "a1234567", "iloveyou", "admin123", "admin@123",
        "woaini1314", "5201314520", "1qaz2wsx", "1q2w3e4r", "zxcvbnm123", "aa123456", "qq123456", "123qweasd", "p@ssw0rd",
        "passw0rd", "welcome1", "letmein1", "sunshine", "princess", "football", "baseball", "superman", "dragon123", "987654321",
        "147258369", "123123123", "asdfghjkl", "kexie123", "kexie2026", "12345678a", "a12345678", "abc123456", "qwe123456",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var o = options.Value;
        password ??= "";
        var errors = new List<IdentityError>();
        if (user.Kind == AccountKind.Staff)
        {
            if (password.Length < o.StaffMinLength) errors.Add(new() { Code = "TooShort", Description = $"工作人员密码至少 {o.StaffMinLength} 位" });
            var classes = (password.Any(char.IsUpper) ? 1 : 0) + (password.Any(char.IsLower) ? 1 : 0)
                + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
            if (classes < 4) errors.Add(new() { Code = "Complexity", Description = "工作人员密码须同时包含大写字母、小写字母、数字和符号" });
        }
        else if (password.Length < o.PublicMinLength)
            errors.Add(new() { Code = "TooShort", Description = $"密码至少 {o.PublicMinLength} 位" });
        if (Common.Contains(password) || (user.UserName is { Length: > 0 } n && password.Contains(n, StringComparison.OrdinalIgnoreCase)))
            errors.Add(new() { Code = "Common", Description = "密码过于常见或包含用户名，请换一个" });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}

/// <summary>Chinese messages for Identity's own errors.</summary>
public sealed class ChineseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"用户名 {userName} 已被使用" };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"邮箱 {email} 已被使用" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = "用户名只能包含字母、数字和 . _ - @" };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = "邮箱格式不正确" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "原密码不正确" };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "该账号已被他人修改，请刷新后重试" };
    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = $"已拥有角色 {role}" };
    public override IdentityError UserNotInRole(string role) => new() { Code = nameof(UserNotInRole), Description = $"未拥有角色 {role}" };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作失败" };
}

/// <summary>
/// Server-side sessions: every sign-in has a row; a request whose session was ended (sign-out, forced
/// sign-out by an admin, idle timeout) is rejected. One instance trusts a row for a few seconds.
/// </summary>
public sealed class SessionService(IDbContextFactoryAccessor dbs, IMemoryCache cache, TimeProvider time, IOptions<SecurityOptions> options)
{
    public async Task<bool> IsAliveAsync(Guid sessionId, CancellationToken ct)
    {
        if (cache.TryGetValue(("session", sessionId), out bool alive)) return alive;
        await using var db = dbs.CreateSystem();
        var now = time.GetUtcNow().UtcDateTime;
        var s = await db.Sessions.FirstOrDefaultAsync(x => x.Id == sessionId, ct);
        alive = s is not null && s.EndedAt is null && now - s.LastSeenAt < TimeSpan.FromMinutes(options.Value.IdleTimeoutMinutes);
        if (s is not null && alive && now - s.LastSeenAt > TimeSpan.FromMinutes(1))
        {
            s.LastSeenAt = now;
            await db.SaveChangesAsync(ct);
        }
        else if (s is not null && s.EndedAt is null && !alive)
        {
            s.EndedAt = now;
            s.EndReason = "空闲超时";
            await db.SaveChangesAsync(ct);
        }
        if (options.Value.SessionCheckSeconds > 0)
            cache.Set(("session", sessionId), alive, TimeSpan.FromSeconds(options.Value.SessionCheckSeconds));
        return alive;
    }

    public void Forget(Guid sessionId) => cache.Remove(("session", sessionId));
}

/// <summary>Creates short-lived contexts outside the request's scope (session checks, jobs' bookkeeping).</summary>
public interface IDbContextFactoryAccessor
{
    /// <summary>A context acting as the system (all scope); dispose it.</summary>
    AppDbContext CreateSystem(string actor = "系统");

    /// <summary>A context acting as <paramref name="user"/>; dispose it.</summary>
    AppDbContext CreateFor(CurrentUser user);
}

internal sealed class DbContextFactoryAccessor(IServiceProvider sp, TimeProvider time) : IDbContextFactoryAccessor
{
    public AppDbContext CreateSystem(string actor = "系统") => CreateFor(CurrentUser.System(actor));

    public AppDbContext CreateFor(CurrentUser user)
    {
        AppDbContext db = sp.GetService<IDbContextFactory<PostgresAppDbContext>>() is { } pg
            ? pg.CreateDbContext()
            : sp.GetRequiredService<IDbContextFactory<SqliteAppDbContext>>().CreateDbContext();
        db.Attach(new DbRuntime(new CurrentUserAccessor { User = user }, time));
        return db;
    }
}

/// <summary>Writes sign-in events and permission denials to the audit trail (the login log is a view of it).</summary>
public sealed class LoginAudit(IDbContextFactoryAccessor dbs)
{
    /// <summary>Records a refused request: who, what path, why. Own context: the request's may be mid-failure.</summary>
    public async Task DeniedAsync(CurrentUser user, string method, string path, string reason)
    {
        await using var db = dbs.CreateFor(user);
        db.AuditEvent(AuditActions.PermissionDenied, "访问", null, $"拒绝 {method} {path}：{reason}");
        await db.FlushAuditAsync();
    }

    public async Task RecordAsync(string action, Guid? userId, string userName, string? ip, string summary)
    {
        var actor = new CurrentUser(userId, userName, userName, null, DataScopeKind.Self, [], ip);
        await using var db = dbs.CreateFor(actor);
        db.AuditEvent(action, "登录", userId?.ToString(), summary);
        await db.FlushAuditAsync();
    }
}
