using Kexie.Web.Platform.Audit.Features;
using Kexie.Web.Platform.Calendar;
using Kexie.Web.Platform.Certificates;
using Kexie.Web.Platform.Dictionaries;
using Kexie.Web.Platform.Excel;
using Kexie.Web.Platform.Files;
using Kexie.Web.Platform.Home;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Identity.Features;
using Kexie.Web.Platform.Jobs;
using Kexie.Web.Platform.Notifications;
using Kexie.Web.Platform.Organisations;
using Kexie.Web.Platform.Organisations.Features;
using Kexie.Web.Platform.Publicity;
using Kexie.Web.Platform.Voting;
using Kexie.Web.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Platform;

/// <summary>The platform's route table under /api/v1. Every route calls the same handler as its page.</summary>
public static class PlatformApi
{
    public sealed record LoginRequest(string UserName, string Password, string? Code = null);

    public sealed record CodeRequest(string Code);

    public sealed record MeResponse(Guid? Id, string UserName, string DisplayName, Guid? OrganisationId, string Scope, IReadOnlyCollection<string> Permissions, IReadOnlyList<string> Roles);

    public static void MapPlatformApi(this WebApplication app)
    {
        var api = app.MapApiGroup("", signedIn: false);

        var account = api.MapGroup("/account").WithTags("账号 Account");
        account.MapPost("/login", async Task<Results<Ok<MeResponse>, ProblemHttpResult>> (LoginRequest r, SignInHandler signIn, HttpContext http) =>
        {
            var outcome = await signIn.SignInAsync(r.UserName ?? "", r.Password ?? "", http.ClientIp(), http.Request.Headers.UserAgent, r.Code);
            if (!outcome.Succeeded)
                return TypedResults.Problem(outcome.Error, statusCode: outcome.LockedOut ? StatusCodes.Status423Locked : StatusCodes.Status401Unauthorized,
                    title: "登录失败", extensions: outcome.NeedsCode ? new Dictionary<string, object?> { ["needsCode"] = true } : null);
            return TypedResults.Ok(new MeResponse(null, r.UserName ?? "", "", null, "", [], []));
        }).WithSummary("登录（设置认证 Cookie）");
        account.MapPost("/logout", async (SignInHandler signIn, HttpContext http) =>
        {
            await signIn.SignOutAsync(http.User, http.ClientIp());
            return TypedResults.NoContent();
        }).RequireAuthorization().WithSummary("退出登录");
        account.MapGet("/me", (CurrentUser u) => TypedResults.Ok(new MeResponse(u.UserId, u.UserName, u.DisplayName, u.OrganisationId, u.ScopeKind.ToString(), u.Permissions, u.Roles)))
            .RequireAuthorization().WithSummary("当前用户、数据范围与权限");
        account.MapPost("/register", async (RegistrationInput input, RegisterPublicUser handler) =>
            TypedResults.Created($"/api/v1/account/me", new { id = await handler.HandleAsync(input) })).WithSummary("公众用户注册");
        account.MapPost("/password", async (ChangePasswordRequest r, ChangePassword handler) =>
        {
            await handler.HandleAsync(r.Current, r.Next);
            return TypedResults.NoContent();
        }).RequireAuthorization().WithSummary("修改密码");

        account.MapGet("/2fa", async (TwoFactorSetup h) => TypedResults.Ok(await h.StatusAsync())).RequireAuthorization().WithSummary("两步验证状态与设置密钥");
        account.MapPost("/2fa/enable", async (CodeRequest r, TwoFactorSetup h) =>
        {
            await h.EnableAsync(r.Code);
            return TypedResults.NoContent();
        }).RequireAuthorization().WithSummary("开启两步验证（需当前验证码）");
        account.MapPost("/2fa/disable", async (CodeRequest r, TwoFactorSetup h) =>
        {
            await h.DisableAsync(r.Code);
            return TypedResults.NoContent();
        }).RequireAuthorization().WithSummary("关闭两步验证（需当前验证码）");

        var orgs = api.MapGroup("/organisations").WithTags("组织机构 Organisations").RequireAuthorization();
        orgs.MapGet("/", async ([AsParameters] OrganisationListQuery q, ListOrganisations h) => TypedResults.Ok(await h.HandleAsync(q.ToRequest())))
            .WithSummary("组织列表（按数据范围过滤、分页、排序）");
        orgs.MapGet("/{id:guid}", async (Guid id, GetOrganisation h) => TypedResults.Ok(await h.HandleAsync(id))).WithSummary("组织详情");
        orgs.MapPost("/", async (OrganisationInput input, CreateOrganisation h) =>
        {
            var id = await h.HandleAsync(input);
            return TypedResults.Created($"/api/v1/organisations/{id}", new { id });
        }).WithSummary("新建组织");
        orgs.MapPut("/{id:guid}", async (Guid id, OrganisationInput input, UpdateOrganisation h) =>
        {
            await h.HandleAsync(id, input);
            return TypedResults.NoContent();
        }).WithSummary("编辑组织（需带 version）");
        orgs.MapPost("/{id:guid}/move", async (Guid id, MoveOrganisationRequest r, MoveOrganisation h) =>
        {
            await h.HandleAsync(id, r);
            return TypedResults.NoContent();
        }).WithSummary("移动到新的上级组织");
        orgs.MapPost("/{id:guid}/deactivate", async (Guid id, DeactivateOrganisationRequest r, DeactivateOrganisation h) =>
        {
            await h.HandleAsync(id, r);
            return TypedResults.NoContent();
        }).WithSummary("停用组织（不删除）");
        orgs.MapPost("/{id:guid}/reactivate", async (Guid id, VersionRequest r, ReactivateOrganisation h) =>
        {
            await h.HandleAsync(id, r.Version);
            return TypedResults.NoContent();
        }).WithSummary("重新启用组织");
        orgs.MapGet("/export", async ([AsParameters] OrganisationListQuery q, ExportOrganisations h) =>
            TypedResults.File(await h.HandleAsync(q.ToRequest() with { Page = 1, PageSize = int.MaxValue }), ExcelExport.ContentType, "组织机构.xlsx"))
            .WithSummary("导出组织机构（Excel）");
        orgs.MapGet("/directory", async (string? q, OrganisationDirectory d) => TypedResults.Ok(await d.SearchAsync(q)))
            .WithSummary("组织名录（选择器用，仅名称与类型）");
        orgs.MapGet("/coverage", async (GetCoverage h) => TypedResults.Ok(await h.HandleAsync())).WithSummary("基层组织覆盖（按县）");
        orgs.MapPost("/coverage-units", async (CoverageUnitInput input, SaveCoverageUnit h) =>
            TypedResults.Ok(new { id = await h.HandleAsync(null, input) })).WithSummary("登记覆盖对象（园区、企业、高校）");
        orgs.MapPut("/coverage-units/{id:guid}", async (Guid id, CoverageUnitInput input, int version, SaveCoverageUnit h) =>
            TypedResults.Ok(new { id = await h.HandleAsync(id, input, version) })).WithSummary("修改覆盖对象");
        orgs.MapGet("/sanzhang", async (Guid? organisationId, GetSanZhang h) =>
        {
            var (summary, posts) = await h.HandleAsync(organisationId);
            return TypedResults.Ok(new { summary, posts });
        }).WithSummary("三长任职（汇总与明细）");
        orgs.MapPost("/sanzhang", async (SanZhangInput input, SaveSanZhang h) => TypedResults.Ok(new { id = await h.HandleAsync(null, input) }))
            .WithSummary("登记三长任职");
        orgs.MapPut("/sanzhang/{id:guid}", async (Guid id, SanZhangInput input, SaveSanZhang h) => TypedResults.Ok(new { id = await h.HandleAsync(id, input) }))
            .WithSummary("修改三长任职");

        var imports = api.MapGroup("/imports").WithTags("导入 Imports").RequireAuthorization();
        imports.MapGet("/{key}/template", (string key, ExcelService excel) =>
            TypedResults.File(excel.Template(key), ExcelExport.ContentType, $"{excel.Find(key).Title}模板.xlsx")).WithSummary("下载导入模板");
        imports.MapPost("/{key}", async (string key, IFormFile file, ExcelService excel, FileService files, JobQueue jobs) =>
        {
            var def = excel.Find(key);
            await using var s = file.OpenReadStream();
            var stored = await files.UploadAsync(s, file.FileName, file.ContentType, purpose: "Import", maxBytes: 60L * 1024 * 1024);
            var jobId = await jobs.EnqueueAsync(ExcelImportJob.TypeName, def.Title, new ExcelImportJob.Args(key, stored.Id));
            return TypedResults.Accepted($"/api/v1/jobs/{jobId}", new { jobId });
        }).DisableAntiforgery().WithSummary("上传 Excel 导入（后台任务，返回任务号）");

        var jobsApi = api.MapGroup("/jobs").WithTags("后台任务 Jobs").RequireAuthorization();
        jobsApi.MapGet("/{id:guid}", async Task<Results<Ok<JobView>, NotFound>> (Guid id, JobQueue jobs) =>
            await jobs.GetAsync(id) is { } j ? TypedResults.Ok(j) : TypedResults.NotFound()).WithSummary("任务进度与结果");
        jobsApi.MapGet("/", async (JobQueue jobs) => TypedResults.Ok(await jobs.MineAsync())).WithSummary("我的任务");

        var files = api.MapGroup("/files").WithTags("附件 Files");
        files.MapPost("/", async (IFormFile file, string? purpose, FileService svc) =>
        {
            await using var s = file.OpenReadStream();
            var f = await svc.UploadAsync(s, file.FileName, file.ContentType, purpose);
            return TypedResults.Created($"/api/v1/files/{f.Id}", new { id = f.Id, f.FileName, f.Size, f.ContentType });
        }).RequireAuthorization().DisableAntiforgery().WithSummary("上传附件");
        files.MapGet("/{id:guid}", async Task<Results<FileStreamHttpResult, NotFound>> (Guid id, FileService svc) =>
            await svc.OpenAsync(id) is { } f ? TypedResults.File(f.Content, f.File.ContentType, f.File.FileName) : TypedResults.NotFound())
            .WithSummary("下载附件（数据范围内、本人或公开文件）");

        var notes = api.MapGroup("/notifications").WithTags("通知 Notifications").RequireAuthorization();
        notes.MapGet("/", async (Notifier n) => TypedResults.Ok(new { unread = await n.UnreadCountAsync(), items = await n.MineAsync() })).WithSummary("我的通知");
        notes.MapPost("/{id:guid}/read", async (Guid id, Notifier n) =>
        {
            await n.MarkReadAsync(id);
            return TypedResults.NoContent();
        }).WithSummary("标为已读");
        notes.MapPost("/read-all", async (Notifier n) =>
        {
            await n.MarkReadAsync(null);
            return TypedResults.NoContent();
        }).WithSummary("全部标为已读");

        var dicts = api.MapGroup("/dictionaries").WithTags("数据字典 Dictionaries").RequireAuthorization();
        dicts.MapGet("/{category}", async (string category, DictionaryService d) => TypedResults.Ok(await d.ItemsAsync(category))).WithSummary("字典项");
        dicts.MapPost("/{category}", async (string category, DictionaryItemInput input, DictionaryService d) =>
            TypedResults.Ok(new { id = await d.SaveAsync(category, null, input) })).WithSummary("新增字典项");
        dicts.MapPut("/{category}/{id:guid}", async (string category, Guid id, DictionaryItemInput input, DictionaryService d) =>
            TypedResults.Ok(new { id = await d.SaveAsync(category, id, input) })).WithSummary("修改字典项");

        var admin = api.MapGroup("/admin").WithTags("系统管理 Admin").RequireAuthorization();
        admin.MapGet("/users", async (string? q, int? page, int? pageSize, ListUsers h) => TypedResults.Ok(await h.HandleAsync(q, page ?? 1, pageSize ?? 20)))
            .WithSummary("用户列表（数据范围内）");
        admin.MapPost("/users", async (UserInput input, CreateUser h) =>
        {
            var id = await h.HandleAsync(input);
            return TypedResults.Created($"/api/v1/admin/users/{id}", new { id });
        }).WithSummary("新建工作人员账号");
        admin.MapPut("/users/{id:guid}", async (Guid id, UserUpdateRequest r, UpdateUser h) =>
        {
            await h.HandleAsync(id, r.User, r.IsActive);
            return TypedResults.NoContent();
        }).WithSummary("修改账号与角色");
        admin.MapPost("/users/{id:guid}/reset", async (Guid id, ResetRequest r, ResetUser h) =>
        {
            await h.HandleAsync(id, r.NewPassword);
            return TypedResults.NoContent();
        }).WithSummary("解除锁定 / 重置密码");
        admin.MapGet("/roles", async (RoleAdmin h) => TypedResults.Ok(await h.ListAsync())).WithSummary("角色、数据范围与权限");
        admin.MapPut("/roles/{id:guid}", async (Guid id, RoleUpdateRequest r, RoleAdmin h) =>
        {
            await h.UpdateAsync(id, r.Scope, r.Permissions);
            return TypedResults.NoContent();
        }).WithSummary("修改角色");
        admin.MapGet("/permissions", (CurrentUser u, PermissionCatalog c) =>
        {
            u.Demand(PlatformPermissions.RolesManage);
            return TypedResults.Ok(c.All.OrderBy(p => p.Module).ThenBy(p => p.Name));
        }).WithSummary("所有权限（各模块声明）");
        admin.MapGet("/sessions", async (SessionAdmin h) => TypedResults.Ok(await h.ActiveAsync())).WithSummary("在线用户");
        admin.MapPost("/sessions/{id:guid}/end", async (Guid id, SessionAdmin h) =>
        {
            await h.ForceSignOutAsync(id);
            return TypedResults.NoContent();
        }).WithSummary("强制下线");
        admin.MapGet("/audit", async ([AsParameters] AuditQuery q, AuditSearch h) => TypedResults.Ok(await h.HandleAsync(q.ToRequest())))
            .WithSummary("检索审计日志");
        admin.MapGet("/audit/verify", async (AuditSearch h) => TypedResults.Ok(await h.VerifyAsync())).WithSummary("校验审计哈希链");

        var metrics = api.MapGroup("/metrics").WithTags("指标 Metrics").RequireAuthorization();
        metrics.MapGet("/", (Metrics.MetricCatalog c) => TypedResults.Ok(c.All)).WithSummary("各模块发布的指标");
        metrics.MapGet("/{key}", async (string key, int year, Guid? organisationId, Metrics.MetricCatalog c, HttpContext http) =>
        {
            var parameters = http.Request.Query.Where(q => q.Key is not ("year" or "organisationId")).ToDictionary(q => q.Key, q => q.Value.ToString());
            return TypedResults.Ok(await c.EvaluateAsync(key, Metrics.MetricQuery.Year(year, organisationId, parameters)));
        }).WithSummary("按年度计算一个指标（数据范围内）");

        api.MapGet("/dashboard", async (HomeDashboard h) => TypedResults.Ok(await h.TilesAsync())).RequireAuthorization().WithTags("首页 Dashboard")
            .WithSummary("首页实时统计");

        app.MapCalendar();
        app.MapPublicity();
        app.MapCertificates();
        app.MapVoting();
    }

    public sealed record ChangePasswordRequest(string Current, string Next);

    public sealed record VersionRequest(int Version);

    public sealed record UserUpdateRequest(UserInput User, bool IsActive = true);

    public sealed record ResetRequest(string? NewPassword);

    public sealed record RoleUpdateRequest(DataScopeKind Scope, string[] Permissions);

    public sealed record OrganisationListQuery(string? Q, OrganisationType? Type, string? Region, Guid? ParentId, bool? IncludeInactive, string? Sort, int? Page, int? PageSize)
    {
        public OrganisationListRequest ToRequest() => new(Q, Type, Region, ParentId, IncludeInactive ?? false, Sort, Page ?? 1, PageSize ?? 20);
    }

    public sealed record AuditQuery(string? Q, string? Action, string? EntityType, string? EntityId, string? Actor, DateOnly? From, DateOnly? To, bool? LoginsOnly, int? Page, int? PageSize)
    {
        public AuditSearchRequest ToRequest() => new(Q, Action, EntityType, EntityId, Actor, From, To, LoginsOnly ?? false, Page ?? 1, PageSize ?? 50);
    }
}
