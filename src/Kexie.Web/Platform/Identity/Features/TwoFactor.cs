using System.Text.Encodings.Web;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Kexie.Web.Platform.Identity.Features;

public sealed record TwoFactorStatus(bool Enabled, string? SharedKey, string? AuthenticatorUri, string? QrSvgDataUri);

/// <summary>TOTP two-factor sign-in (any authenticator app): set up, enable with a code, disable with a code.</summary>
public sealed class TwoFactorSetup(UserManager<AppUser> users, CurrentUser user, AppDbContext db)
{
    public async Task<TwoFactorStatus> StatusAsync()
    {
        var account = await Account();
        if (account.TwoFactorEnabled) return new TwoFactorStatus(true, null, null, null);
        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(account);
            key = await users.GetAuthenticatorKeyAsync(account);
        }
        var uri = $"otpauth://totp/{UrlEncoder.Default.Encode("Kexie")}:{UrlEncoder.Default.Encode(account.UserName!)}?secret={key}&issuer=Kexie&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return new TwoFactorStatus(false, FormatKey(key!), uri, "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg)));
    }

    public async Task EnableAsync(string code)
    {
        var account = await Account();
        if (account.TwoFactorEnabled) throw new DomainException("两步验证已开启");
        if (!await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, Clean(code)))
            throw new DomainException("验证码不正确，请检查手机时间后重试", "Code");
        UserRules.ThrowIfFailed(await users.SetTwoFactorEnabledAsync(account, true));
        db.AuditEvent(AuditActions.Update, "两步验证", account.Id.ToString(), $"{account.UserName} 开启两步验证");
        await db.FlushAuditAsync();
    }

    public async Task DisableAsync(string code)
    {
        var account = await Account();
        if (!account.TwoFactorEnabled) throw new DomainException("两步验证未开启");
        if (!await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, Clean(code)))
            throw new DomainException("验证码不正确", "Code");
        UserRules.ThrowIfFailed(await users.SetTwoFactorEnabledAsync(account, false));
        UserRules.ThrowIfFailed(await users.ResetAuthenticatorKeyAsync(account));
        db.AuditEvent(AuditActions.Update, "两步验证", account.Id.ToString(), $"{account.UserName} 关闭两步验证");
        await db.FlushAuditAsync();
    }

    private async Task<AppUser> Account() =>
        user.UserId is { } id ? await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException("用户") : throw new ForbiddenException("请先登录");

    internal static string Clean(string? code) => new((code ?? "").Where(char.IsDigit).ToArray());

    private static string FormatKey(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4)))).ToLowerInvariant();
}
