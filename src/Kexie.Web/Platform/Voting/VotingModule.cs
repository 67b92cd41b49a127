using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Web;

namespace Kexie.Web.Platform.Voting;

public static class VotingModule
{
    /// <summary>Cookie that carries a verified phone's voter token on the public pages.</summary>
    public const string VoterCookie = ".Kexie.Voter";

    public static IServiceCollection AddVoting(this IServiceCollection s, IConfiguration config)
    {
        s.Configure<VotingOptions>(config.GetSection(VotingOptions.Section));
        s.AddPermissions(VotingPermissions.All);
        s.AddScoped<VotingService>();
        s.AddScoped<IVotingService>(sp => sp.GetRequiredService<VotingService>());
        // Deployments register their gateway's ISmsSender before this call; otherwise the development outbox is used.
        if (!s.Any(d => d.ServiceType == typeof(ISmsSender))) s.AddScoped<ISmsSender, DevOutboxSmsSender>();
        s.AddNav(
            new NavItem("公示与投票", "网络投票审核", "/admin/votes", VotingPermissions.Review, 803, "☑"),
            new NavItem("系统管理", "短信发件箱（开发）", "/admin/sms-outbox", VotingPermissions.SmsOutbox, 961, "✉"));
        return s;
    }

    public static void MapVoting(this IEndpointRouteBuilder app)
    {
        var pub = app.MapApiGroup("/public/ballots", "网络投票 Public voting", signedIn: false);
        pub.MapGet("/{id:guid}", async (Guid id, VotingService h) => TypedResults.Ok(await h.GetAsync(id))).WithSummary("投票及各选项有效票数");
        pub.MapPost("/{id:guid}/votes", async (Guid id, CastVote body, VotingService h, HttpContext http) =>
            TypedResults.Ok(await h.CastAsync(id, body.OptionId, body.VoterToken ?? http.Request.Cookies[VoterCookie], http.ClientIp())))
            .WithSummary("投票（登录账号或已验证手机号的 voterToken）");
        var phone = app.MapApiGroup("/public/phone-codes", "网络投票 Public voting", signedIn: false);
        phone.MapPost("/", async (PhoneCodeRequest r, VotingService h, HttpContext http) =>
        {
            await h.RequestCodeAsync(r, http.ClientIp());
            return TypedResults.NoContent();
        }).WithSummary("发送手机验证码");
        phone.MapPost("/verify", async (PhoneVerifyRequest r, VotingService h) => TypedResults.Ok(await h.VerifyCodeAsync(r)))
            .WithSummary("校验验证码，返回投票凭证 voterToken");

        var staff = app.MapApiGroup("/platform/voting", "网络投票 Voting (staff)");
        staff.MapGet("/", async (VotingService h) => TypedResults.Ok(await h.StaffListAsync())).WithSummary("投票列表（数据范围内）");
        staff.MapGet("/{id:guid}/held", async (Guid id, VotingService h) => TypedResults.Ok(await h.HeldAsync(id))).WithSummary("待审核的异常票");
        staff.MapPost("/votes/{id:guid}/accept", async (Guid id, VotingService h) =>
        {
            await h.ReviewAsync(id, true);
            return TypedResults.NoContent();
        }).WithSummary("确认异常票有效（计入票数）");
        staff.MapPost("/votes/{id:guid}/reject", async (Guid id, VotingService h) =>
        {
            await h.ReviewAsync(id, false);
            return TypedResults.NoContent();
        }).WithSummary("判定异常票无效");
    }
}
