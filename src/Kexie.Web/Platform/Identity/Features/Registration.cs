using System.ComponentModel.DataAnnotations;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Platform.Identity.Features;

public sealed class RegistrationInput
{
    [Required(ErrorMessage = "用户名不能为空"), RegularExpression(@"^[a-zA-Z0-9._@-]{3,64}$", ErrorMessage = "用户名为3-64位字母、数字或 . _ - @")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "姓名不能为空"), StringLength(Lengths.Name, ErrorMessage = "姓名过长")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "手机号码不能为空")]
    public string Phone { get; set; } = "";

    [Required(ErrorMessage = "密码不能为空")]
    public string Password { get; set; } = "";

    [Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致")]
    public string ConfirmPassword { get; set; } = "";
}

/// <summary>Public self-registration as 公众用户 (the entry point of a scientist's own profile).</summary>
public sealed class RegisterPublicUser(AppDbContext db, UserManager<AppUser> users)
{
    public async Task<Guid> HandleAsync(RegistrationInput input, CancellationToken ct = default)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), results, true))
            throw new ValidationFailedException(results.GroupBy(r => r.MemberNames.FirstOrDefault() ?? "").ToDictionary(g => g.Key, g => g.Select(r => r.ErrorMessage ?? "无效").ToArray()));
        var phone = Privacy.ChinesePhone.ValidateMobile(input.Phone);
        if (!phone.IsValid) throw new DomainException("请填写正确的手机号码", nameof(RegistrationInput.Phone));
        var account = new AppUser
        {
            UserName = input.UserName.Trim(),
            DisplayName = input.DisplayName.Trim(),
            Kind = AccountKind.Public,
            PhoneNumber = phone.Normalized,
            CreatedAt = db.UtcNow,
            LockoutEnabled = true,
        };
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var created = await users.CreateAsync(account, input.Password);
            if (!created.Succeeded)
            {
                var e = created.Errors.First();
                throw new DomainException(string.Join("；", created.Errors.Select(x => x.Description)),
                    e.Code.Contains("UserName", StringComparison.Ordinal) ? nameof(RegistrationInput.UserName) : nameof(RegistrationInput.Password));
            }
            UserRules.ThrowIfFailed(await users.AddToRoleAsync(account, RoleNames.Public));
            await tx.CommitAsync(ct);
        });
        return account.Id;
    }
}

/// <summary>Changes one's own password (and ends one's other sessions).</summary>
public sealed class ChangePassword(AppDbContext db, CurrentUser user, UserManager<AppUser> users)
{
    public async Task HandleAsync(string current, string next, CancellationToken ct = default)
    {
        if (user.UserId is not { } id) throw new ForbiddenException("请先登录");
        var account = await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException("用户");
        var r = await users.ChangePasswordAsync(account, current, next);
        if (!r.Succeeded)
            throw new DomainException(string.Join("；", r.Errors.Select(e => e.Description)), r.Errors.Any(e => e.Code == "PasswordMismatch") ? "Current" : "Next");
        await db.Sessions.Where(s => s.UserId == id && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, db.UtcNow).SetProperty(x => x.EndReason, "修改密码"), ct);
    }
}
