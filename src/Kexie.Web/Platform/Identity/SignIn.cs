using System.Security.Claims;
using Kexie.Web.Platform.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Platform.Identity;

public sealed record SignInOutcome(bool Succeeded, string? Error, bool LockedOut = false, bool NeedsCode = false);

/// <summary>Password sign-in with lockout, a server-side session row and a login-log entry for every attempt.</summary>
public sealed class SignInHandler(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    IDbContextFactoryAccessor dbs,
    LoginAudit loginAudit,
    TimeProvider time,
    IOptions<SecurityOptions> security)
{
    /// <summary>Password sign-in; when the account has two-factor sign-in on, <paramref name="code"/> (TOTP) is required too.</summary>
    public async Task<SignInOutcome> SignInAsync(string userName, string password, string? ip, string? userAgent, string? code = null)
    {
        userName = userName.Trim();
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            await loginAudit.RecordAsync(AuditActions.LoginFailed, null, userName, ip, "用户名不存在");
            return new(false, "用户名或密码错误");
        }
        if (!user.IsActive)
        {
            await loginAudit.RecordAsync(AuditActions.LoginFailed, user.Id, userName, ip, "账号已停用");
            return new(false, "账号已停用，请联系管理员");
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            await loginAudit.RecordAsync(AuditActions.Lockout, user.Id, userName, ip, "账号因多次密码错误被锁定");
            return new(false, $"密码错误次数过多，账号已锁定，请 {security.Value.LockoutMinutes} 分钟后再试", LockedOut: true);
        }
        if (!result.Succeeded)
        {
            var left = security.Value.MaxFailedAttempts - await users.GetAccessFailedCountAsync(user);
            await loginAudit.RecordAsync(AuditActions.LoginFailed, user.Id, userName, ip, "密码错误");
            return new(false, left > 0 ? $"用户名或密码错误（还可尝试 {left} 次）" : "用户名或密码错误");
        }

        if (user.TwoFactorEnabled)
        {
            var digits = Features.TwoFactorSetup.Clean(code);
            if (digits.Length == 0) return new(false, "请输入身份验证器中的6位验证码", NeedsCode: true);
            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
            {
                await users.AccessFailedAsync(user);
                await loginAudit.RecordAsync(AuditActions.LoginFailed, user.Id, userName, ip, "两步验证码错误");
                if (await users.IsLockedOutAsync(user))
                    return new(false, $"错误次数过多，账号已锁定，请 {security.Value.LockoutMinutes} 分钟后再试", LockedOut: true);
                return new(false, "验证码不正确", NeedsCode: true);
            }
            await users.ResetAccessFailedCountAsync(user);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            UserId = user.Id,
            UserName = user.UserName ?? userName,
            Ip = ip,
            UserAgent = userAgent is { Length: > 500 } ua ? ua[..500] : userAgent,
            CreatedAt = now,
            LastSeenAt = now,
        };
        await using (var db = dbs.CreateSystem())
        {
            db.Sessions.Add(session);
            await db.Users.IgnoreQueryFilters().Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now));
            await db.SaveChangesAsync();
        }
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(KexieClaims.Session, session.Id.ToString())]);
        await loginAudit.RecordAsync(AuditActions.Login, user.Id, userName, ip, "登录成功");
        return new(true, null);
    }

    public async Task SignOutAsync(ClaimsPrincipal principal, string? ip)
    {
        if (Guid.TryParse(principal.FindFirstValue(KexieClaims.Session), out var sid))
        {
            await using var db = dbs.CreateSystem();
            var s = await db.Sessions.FirstOrDefaultAsync(x => x.Id == sid);
            if (s is not null && s.EndedAt is null)
            {
                s.EndedAt = time.GetUtcNow().UtcDateTime;
                s.EndReason = "主动退出";
                await db.SaveChangesAsync();
            }
        }
        var id = Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var g) ? g : (Guid?)null;
        if (id is not null) await loginAudit.RecordAsync(AuditActions.Logout, id, principal.Identity?.Name ?? "", ip, "退出登录");
        await signIn.SignOutAsync();
    }
}
