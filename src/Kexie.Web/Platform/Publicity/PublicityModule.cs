using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Web;

namespace Kexie.Web.Platform.Publicity;

public static class PublicityModule
{
    public static IServiceCollection AddPublicity(this IServiceCollection s, IConfiguration config)
    {
        s.Configure<PublicityOptions>(config.GetSection(PublicityOptions.Section));
        s.AddPermissions(PublicityPermissions.All);
        s.AddScoped<DbRateLimiter>();
        s.AddScoped<PublicityService>();
        s.AddScoped<IPublicityService>(sp => sp.GetRequiredService<PublicityService>());
        s.AddNav(new NavItem("公示与投票", "公示异议", "/admin/gongshi", PublicityPermissions.Handle, 800, "☷"));
        return s;
    }

    public static void MapPublicity(this IEndpointRouteBuilder app)
    {
        var pub = app.MapApiGroup("/public/gongshi", "公示 Public notices", signedIn: false);
        pub.MapGet("/", async (PublicityService h) => TypedResults.Ok(await h.PublicListAsync())).WithSummary("公示中及近期结束的公示");
        pub.MapGet("/{id:guid}", async (Guid id, PublicityService h) => TypedResults.Ok(await h.PublicGetAsync(id))).WithSummary("公示内容");
        pub.MapPost("/{id:guid}/objections", async (Guid id, ObjectionInput input, PublicityService h, HttpContext http) =>
            TypedResults.Ok(await h.FileObjectionAsync(id, input, http.ClientIp()))).WithSummary("提出异议（仅公示期内；同一内容重复提交只记一次，返回回执号）");

        var staff = app.MapApiGroup("/platform/publicity", "公示 Objections (staff)");
        staff.MapGet("/", async (PublicityService h) => TypedResults.Ok(await h.StaffListAsync())).WithSummary("公示与异议处理情况（数据范围内）");
        staff.MapGet("/{id:guid}/status", async (Guid id, IPublicityService h) => TypedResults.Ok(await h.GetStatusAsync(id))).WithSummary("公示期状态、异议数、是否可定案");
        staff.MapGet("/{id:guid}/objections", async (Guid id, PublicityService h) => TypedResults.Ok(await h.ObjectionsAsync(id))).WithSummary("异议列表（联系方式脱敏）");
        staff.MapPost("/objections/{id:guid}/notes", async (Guid id, ObjectionNote body, PublicityService h) =>
        {
            await h.AddNoteAsync(id, body);
            return TypedResults.NoContent();
        }).WithSummary("记录调查情况（需带 version）");
        staff.MapPost("/objections/{id:guid}/decide", async (Guid id, ObjectionDecision body, PublicityService h) =>
        {
            await h.DecideAsync(id, body);
            return TypedResults.NoContent();
        }).WithSummary("认定异议成立或不成立（须填理由，需带 version）");
    }
}
