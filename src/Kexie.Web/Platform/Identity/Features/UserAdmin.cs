using System.ComponentModel.DataAnnotations;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Organisations.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Platform.Identity.Features;

public sealed record UserRow(Guid Id, string UserName, string DisplayName, string? Organisation, string? Department, IReadOnlyList<string> Roles,
    bool IsActive, bool IsLockedOut, DateTime? LastSignInAt, string? PhoneMasked);

/// <summary>Users in the admin's scope (the AppUser query filter), with roles.</summary>
public sealed class ListUsers(AppDbContext db, CurrentUser user, TimeProvider time)
{
    public async Task<PagedResult<UserRow>> HandleAsync(string? q, int page = 1, int pageSize = 20, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.UsersManage);
        var query = db.Users.AsNoTracking();
        if (q.Clean() is { } kw) query = query.Where(u => u.UserName!.Contains(kw) || u.DisplayName.Contains(kw));
        var total = await query.CountAsync(ct);
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var users = await query.OrderBy(u => u.UserName).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.OrganisationId, u.Department, u.IsActive, u.LockoutEnd, u.LastSignInAt, u.PhoneNumber })
            .ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var orgIds = users.Where(u => u.OrganisationId != null).Select(u => u.OrganisationId!.Value).Distinct().ToList();
        var orgs = await db.Organisations.IgnoreQueryFilters([AppDbContext.DataScopeFilter]).AsNoTracking().Where(o => orgIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var now = time.GetUtcNow();
        return new PagedResult<UserRow>(users.Select(u => new UserRow(u.Id, u.UserName ?? "", u.DisplayName,
            u.OrganisationId is { } o ? orgs.GetValueOrDefault(o) : null, u.Department,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").ToList(), u.IsActive, u.LockoutEnd > now, u.LastSignInAt,
            Privacy.Mask.Phone(u.PhoneNumber))).ToList(), total, page, pageSize);
    }
}

public sealed class UserInput
{
    [Required(ErrorMessage = "用户名不能为空"), RegularExpression(@"^[a-zA-Z0-9._@-]{3,64}$", ErrorMessage = "用户名为3-64位字母、数字或 . _ - @")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "姓名不能为空"), StringLength(Lengths.Name)]
    public string DisplayName { get; set; } = "";

    public Guid? OrganisationId { get; set; }
    public string? Department { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public List<string> Roles { get; set; } = [];
    public string? Password { get; set; }
}

/// <summary>Creates a staff account in the admin's scope with roles the admin may grant.</summary>
public sealed class CreateUser(AppDbContext db, CurrentUser user, UserManager<AppUser> users)
{
    public async Task<Guid> HandleAsync(UserInput input, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.UsersManage);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), results, true))
            throw new DomainException(results[0].ErrorMessage ?? "输入无效", results[0].MemberNames.FirstOrDefault());
        if (string.IsNullOrEmpty(input.Password)) throw new DomainException("请设置初始密码", nameof(UserInput.Password));
        await UserRules.CheckAsync(db, user, input, ct);
        var account = new AppUser
        {
            UserName = input.UserName.Trim(),
            DisplayName = input.DisplayName.Trim(),
            Kind = AccountKind.Staff,
            OrganisationId = input.OrganisationId,
            Department = input.Department.Clean(),
            PhoneNumber = input.Phone.Clean(),
            Email = input.Email.Clean(),
            CreatedAt = db.UtcNow,
            LockoutEnabled = true,
        };
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            UserRules.ThrowIfFailed(await users.CreateAsync(account, input.Password));
            if (input.Roles.Count > 0) UserRules.ThrowIfFailed(await users.AddToRolesAsync(account, input.Roles));
            await tx.CommitAsync(ct);
        });
        return account.Id;
    }
}

/// <summary>Edits an account: name, organisation, roles, active flag. Role changes refresh the user's cookie within a minute.</summary>
public sealed class UpdateUser(AppDbContext db, CurrentUser user, UserManager<AppUser> users)
{
    public async Task HandleAsync(Guid id, UserInput input, bool isActive, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.UsersManage);
        var account = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("用户");
        await UserRules.CheckAsync(db, user, input, ct);
        if (account.Id == user.UserId && !isActive) throw new DomainException("不能停用自己的账号");
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            account.DisplayName = input.DisplayName.Trim();
            account.OrganisationId = input.OrganisationId;
            account.Department = input.Department.Clean();
            if (input.Phone.Clean() is { } p && !p.Contains('*', StringComparison.Ordinal)) account.PhoneNumber = p;
            account.IsActive = isActive;
            var current = await users.GetRolesAsync(account);
            var remove = current.Except(input.Roles).ToList();
            var add = input.Roles.Except(current).ToList();
            if (remove.Count > 0) UserRules.ThrowIfFailed(await users.RemoveFromRolesAsync(account, remove));
            if (add.Count > 0) UserRules.ThrowIfFailed(await users.AddToRolesAsync(account, add));
            UserRules.ThrowIfFailed(await users.UpdateSecurityStampAsync(account));
            if (!isActive)
                await db.Sessions.Where(s => s.UserId == id && s.EndedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, db.UtcNow).SetProperty(x => x.EndReason, "账号停用"), ct);
            await tx.CommitAsync(ct);
        });
    }
}

/// <summary>Unlocks an account locked after failed sign-ins, and optionally sets a new password.</summary>
public sealed class ResetUser(AppDbContext db, CurrentUser user, UserManager<AppUser> users)
{
    public async Task HandleAsync(Guid id, string? newPassword, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.UsersManage);
        var account = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("用户");
        UserRules.ThrowIfFailed(await users.SetLockoutEndDateAsync(account, null));
        UserRules.ThrowIfFailed(await users.ResetAccessFailedCountAsync(account));
        if (!string.IsNullOrEmpty(newPassword))
        {
            var token = await users.GeneratePasswordResetTokenAsync(account);
            UserRules.ThrowIfFailed(await users.ResetPasswordAsync(account, token, newPassword));
        }
    }
}

internal static class UserRules
{
    public static async Task CheckAsync(AppDbContext db, CurrentUser actor, UserInput input, CancellationToken ct)
    {
        if (input.OrganisationId is { } org)
        {
            if (!await db.Organisations.AnyAsync(o => o.Id == org && o.IsActive, ct))
                throw new DomainException("所属组织不存在或不在您的管理范围内", nameof(UserInput.OrganisationId));
        }
        else if (!actor.Has(PlatformPermissions.RolesManage))
            throw new DomainException("请选择所属组织", nameof(UserInput.OrganisationId));
        var known = await db.Roles.Select(r => new { r.Name, r.Scope }).ToListAsync(ct);
        foreach (var role in input.Roles)
        {
            var r = known.FirstOrDefault(k => k.Name == role) ?? throw new DomainException($"角色「{role}」不存在", nameof(UserInput.Roles));
            // Nobody grants a role broader than their own scope, and only role managers grant 系统管理员.
            if (r.Scope > actor.ScopeKind && !actor.IsSystem) throw new ForbiddenException($"无权授予角色「{role}」");
            if (role == RoleNames.SystemAdmin && !actor.Has(PlatformPermissions.RolesManage)) throw new ForbiddenException($"无权授予角色「{role}」");
        }
    }

    public static void ThrowIfFailed(IdentityResult r)
    {
        if (!r.Succeeded) throw new DomainException(string.Join("；", r.Errors.Select(e => e.Description)));
    }
}

public sealed record RoleRow(Guid Id, string Name, string? NameEn, DataScopeKind Scope, string? Description, IReadOnlyList<string> Permissions, int UserCount);

/// <summary>Roles with their data scope and permissions; admins change them here.</summary>
public sealed class RoleAdmin(AppDbContext db, CurrentUser user, PermissionCatalog catalog)
{
    public async Task<List<RoleRow>> ListAsync(CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.RolesManage);
        var roles = await db.Roles.AsNoTracking().OrderBy(r => r.SortOrder).ThenBy(r => r.Name).ToListAsync(ct);
        var claims = await db.RoleClaims.AsNoTracking().Where(c => c.ClaimType == KexieClaims.Permission).Select(c => new { c.RoleId, c.ClaimValue }).ToListAsync(ct);
        var counts = await db.UserRoles.GroupBy(ur => ur.RoleId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return roles.Select(r => new RoleRow(r.Id, r.Name ?? "", r.NameEn, r.Scope, r.Description,
            claims.Where(c => c.RoleId == r.Id).Select(c => c.ClaimValue ?? "").OrderBy(c => c).ToList(), counts.GetValueOrDefault(r.Id))).ToList();
    }

    public async Task UpdateAsync(Guid roleId, DataScopeKind scope, IReadOnlyCollection<string> permissions, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.RolesManage);
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Id == roleId, ct) ?? throw new NotFoundException("角色");
        var unknown = permissions.Where(p => catalog.Find(p) is null).ToList();
        if (unknown.Count > 0) throw new DomainException($"未知权限：{string.Join("、", unknown)}");
        role.Scope = scope;
        var existing = await db.RoleClaims.Where(c => c.RoleId == roleId && c.ClaimType == KexieClaims.Permission).ToListAsync(ct);
        db.RoleClaims.RemoveRange(existing.Where(c => !permissions.Contains(c.ClaimValue!)));
        foreach (var p in permissions.Where(p => existing.All(c => c.ClaimValue != p)))
            db.RoleClaims.Add(new IdentityRoleClaim<Guid> { RoleId = roleId, ClaimType = KexieClaims.Permission, ClaimValue = p });
        // Holders pick up the change when their cookie is next validated.
        var holders = await db.UserRoles.Where(ur => ur.RoleId == roleId).Select(ur => ur.UserId).ToListAsync(ct);
        await db.Users.IgnoreQueryFilters().Where(u => holders.Contains(u.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N")), ct);
        db.AuditEvent(AuditActions.RoleChange, "角色", role.Id.ToString(), $"修改角色「{role.Name}」：数据范围 {scope.Zh()}，权限 {permissions.Count} 项");
        await db.SaveChangesAsync(ct);
    }
}

public sealed record SessionRow(Guid Id, Guid UserId, string UserName, string? Ip, string? UserAgent, DateTime CreatedAt, DateTime LastSeenAt);

/// <summary>The signed-in users, and forced sign-out.</summary>
public sealed class SessionAdmin(AppDbContext db, CurrentUser user, SessionService sessions, IOptionsSecurity security)
{
    public async Task<List<SessionRow>> ActiveAsync(CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.SessionsManage);
        var since = db.UtcNow - TimeSpan.FromMinutes(security.IdleTimeoutMinutes);
        return await db.Sessions.AsNoTracking().Where(s => s.EndedAt == null && s.LastSeenAt > since).OrderByDescending(s => s.LastSeenAt)
            .Select(s => new SessionRow(s.Id, s.UserId, s.UserName, s.Ip, s.UserAgent, s.CreatedAt, s.LastSeenAt)).ToListAsync(ct);
    }

    public async Task ForceSignOutAsync(Guid sessionId, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.SessionsManage);
        var s = await db.Sessions.FirstOrDefaultAsync(x => x.Id == sessionId, ct) ?? throw new NotFoundException("会话");
        if (s.EndedAt is not null) throw new DomainException("该会话已结束");
        s.EndedAt = db.UtcNow;
        s.EndReason = $"被 {user.UserName} 强制下线";
        db.AuditEvent(AuditActions.ForcedLogout, "登录", s.UserId.ToString(), $"强制 {s.UserName} 下线（会话 {s.Id:N}，IP {s.Ip}）");
        await db.SaveChangesAsync(ct);
        sessions.Forget(sessionId);
    }
}

/// <summary>The idle timeout as the session pages need it.</summary>
public interface IOptionsSecurity
{
    int IdleTimeoutMinutes { get; }
}

internal sealed class OptionsSecurity(Microsoft.Extensions.Options.IOptions<SecurityOptions> o) : IOptionsSecurity
{
    public int IdleTimeoutMinutes => o.Value.IdleTimeoutMinutes;
}
