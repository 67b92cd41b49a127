using Kexie.Web.Modules.Experts.Contracts;
using Kexie.Web.Modules.Experts.Features;
using Kexie.Web.Platform.Demo;
using Kexie.Web.Platform.Excel;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Metrics;
using Kexie.Web.Platform.Organisations.Features;
using Kexie.Web.Platform.Web;

namespace Kexie.Web.Modules.Experts;

/// <summary>科技工作者 registry and 专家库: services, permissions, navigation, import, seeder, and the /api/v1/experts route table.</summary>
public static class ExpertsModule
{
    public static WebApplicationBuilder AddExperts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddPermissions(ExpertPermissions.All);
        services.AddSingleton<PersonPrivacy>();
        services.AddScoped<RegisterPerson>();
        services.AddScoped<UpdatePerson>();
        services.AddScoped<ConfirmPerson>();
        services.AddScoped<ChangePoolStatus>();
        services.AddScoped<RevealPersonalData>();
        services.AddScoped<MergePeople>();
        services.AddScoped<SaveRelation>();
        services.AddScoped<GetPerson>();
        services.AddScoped<MyProfile>();
        services.AddScoped<ClaimPerson>();
        services.AddScoped<DecideClaim>();
        services.AddScoped<SearchPeople>();
        services.AddScoped<ExportPeople>();
        services.AddScoped<ExpertDraw>();
        services.AddScoped<IExpertDraw>(sp => sp.GetRequiredService<ExpertDraw>());
        services.AddScoped<IExpertAccounts, ExpertAccounts>();
        services.AddScoped<IPersonLookup, PersonLookup>();
        services.AddScoped<IExcelImport, PersonImport>();
        services.AddMetricProvider<ExpertMetrics>();
        services.AddScoped<DemoSeeder.IModuleSeeder, ExpertDemoSeeder>();
        services.AddNav(
            new NavItem("专家库", "科技工作者", "/experts/people", ExpertPermissions.View, 200, "☷"),
            new NavItem("专家库", "专家库", "/experts/pool", ExpertPermissions.View, 201, "★"),
            new NavItem("专家库", "随机抽取", "/experts/panels", ExpertPermissions.Draw, 202, "⚄"),
            new NavItem("专家库", "认领申请", "/experts/claims", ExpertPermissions.Manage, 204, "✓"),
            new NavItem("专家库", "我的科技工作者信息", "/experts/me", ExpertPermissions.OwnProfile, 203, "☺"));
        return builder;
    }

    public sealed record PeopleApiQuery(string? Q, string? Discipline, string? Title, string? Region, Domain.Availability? Availability,
        Domain.PoolStatus? Pool, Domain.PersonStatus? Status, bool? ExpertsOnly, string? Sort, int? Page, int? PageSize)
    {
        public PeopleQuery ToQuery() => new(Q, Discipline, Title, Region, Availability, Pool, Status, ExpertsOnly ?? false, Sort, Page ?? 1, PageSize ?? 20);
    }

    public sealed record DeclineRequest(Guid PersonId, string Reason);

    public sealed record CloseRequest(DateOnly? UsedOn);

    public sealed record RateRequest(Guid PersonId, int Rating, string? Comment);

    public sealed record RateUsageRequest(int Rating, string? Comment);

    public static WebApplication MapExperts(this WebApplication app)
    {
        var api = app.MapApiGroup("/experts", "专家库 Experts");
        api.MapGet("/people", async ([AsParameters] PeopleApiQuery q, SearchPeople h) => TypedResults.Ok(await h.HandleAsync(q.ToQuery())))
            .WithSummary("科技工作者检索（中文全文检索、筛选、分页；按数据范围；身份证号和手机号脱敏）");
        api.MapGet("/people/export", async ([AsParameters] PeopleApiQuery q, ExportPeople h) =>
            TypedResults.File(await h.HandleAsync(q.ToQuery()), ExcelExport.ContentType, "科技工作者.xlsx")).WithSummary("导出筛选结果（脱敏，留痕）");
        api.MapGet("/people/{id:guid}", async (Guid id, GetPerson h) => TypedResults.Ok(await h.HandleAsync(id))).WithSummary("科技工作者详情（脱敏）");
        api.MapPost("/people", async (PersonInput input, RegisterPerson h) =>
        {
            var id = await h.HandleAsync(input);
            return TypedResults.Created($"/api/v1/experts/people/{id}", new { id });
        }).WithSummary("组织登记科技工作者");
        api.MapPut("/people/{id:guid}", async (Guid id, PersonInput input, UpdatePerson h) =>
        {
            await h.HandleAsync(id, input);
            return TypedResults.NoContent();
        }).WithSummary("编辑科技工作者（需带 version）");
        api.MapPost("/people/{id:guid}/confirm", async (Guid id, ReasonRequest r, ConfirmPerson h) =>
        {
            await h.HandleAsync(id, true, r);
            return TypedResults.NoContent();
        }).WithSummary("确认本人登记");
        api.MapPost("/people/{id:guid}/reject", async (Guid id, ReasonRequest r, ConfirmPerson h) =>
        {
            await h.HandleAsync(id, false, r);
            return TypedResults.NoContent();
        }).WithSummary("退回本人登记（需填原因）");
        api.MapPost("/people/{id:guid}/pool", async (Guid id, PoolActionRequest r, ChangePoolStatus h) =>
        {
            await h.HandleAsync(id, r);
            return TypedResults.NoContent();
        }).WithSummary("专家库流程：Apply/Recommend/Review/Admit/Suspend/Remove");
        api.MapPost("/people/{id:guid}/personal-data", async (Guid id, RevealPersonalData h) => TypedResults.Ok(await h.HandleAsync(id)))
            .WithSummary("查看完整身份证号和手机号（需权限，留痕）");
        api.MapPost("/people/{id:guid}/merge", async (Guid id, MergeRequest r, MergePeople h) =>
        {
            await h.HandleAsync(id, r);
            return TypedResults.NoContent();
        }).WithSummary("将重复记录合并到本记录（保留双方历史）");
        api.MapPost("/people/{id:guid}/relations", async (Guid id, RelationInput r, SaveRelation h) =>
            TypedResults.Ok(new { id = await h.AddAsync(id, r) })).WithSummary("登记回避关系");
        api.MapDelete("/people/{id:guid}/relations/{relationId:guid}", async (Guid id, Guid relationId, SaveRelation h) =>
        {
            await h.RemoveAsync(id, relationId);
            return TypedResults.NoContent();
        }).WithSummary("删除回避关系");

        api.MapGet("/me", async (MyProfile h) => TypedResults.Ok(await h.GetAsync())).WithSummary("本人的科技工作者信息");
        api.MapPut("/me", async (PersonInput input, MyProfile h) => TypedResults.Ok(new { id = await h.SaveAsync(input) }))
            .WithSummary("填写或更新本人信息（选择确认组织；变更组织后需重新确认）");
        api.MapGet("/me/claim", async (ClaimPerson h) => TypedResults.Ok(await h.MineAsync())).WithSummary("本人的认领申请（脱敏）");
        api.MapPost("/me/claim", async (ClaimRequest r, ClaimPerson h) => TypedResults.Ok(await h.ClaimAsync(r)))
            .WithSummary("按身份证号认领组织已登记的本人信息（由该组织确认）");
        api.MapGet("/claims", async (bool? all, DecideClaim h) => TypedResults.Ok(await h.ListAsync(pendingOnly: all != true))).WithSummary("认领申请（按数据范围）");
        api.MapPost("/claims/{id:guid}/approve", async (Guid id, ReasonRequest r, DecideClaim h) =>
        {
            await h.HandleAsync(id, true, r);
            return TypedResults.NoContent();
        }).WithSummary("确认认领（登记信息归申请人维护）");
        api.MapPost("/claims/{id:guid}/reject", async (Guid id, ReasonRequest r, DecideClaim h) =>
        {
            await h.HandleAsync(id, false, r);
            return TypedResults.NoContent();
        }).WithSummary("退回认领（需填原因）");
        api.MapGet("/organisations", async (string? q, OrganisationDirectory d) => TypedResults.Ok(await d.SearchAsync(q, take: 30)))
            .WithSummary("可选择的确认组织");

        api.MapGet("/panels", async (ExpertDraw h) => TypedResults.Ok((await h.MineAsync()).Select(p => new { p.Id, p.Title, p.CreatedAt, p.IsClosed, p.Members })))
            .WithSummary("我经办的抽取评审组");
        api.MapPost("/panels", async (DrawRequest r, IExpertDraw h) =>
        {
            var view = await h.DrawAsync(r);
            return TypedResults.Created($"/api/v1/experts/panels/{view.Id}", view);
        }).WithSummary("随机抽取专家（回避规则、可由种子复现、留痕）");
        api.MapGet("/panels/{id:guid}", async (Guid id, IExpertDraw h) => TypedResults.Ok(await h.GetAsync(id))).WithSummary("评审组名单（仅经办人可见）");
        api.MapPost("/panels/{id:guid}/decline", async (Guid id, DeclineRequest r, IExpertDraw h) => TypedResults.Ok(await h.DeclineAsync(id, r.PersonId, r.Reason)))
            .WithSummary("专家谢绝（填原因）并由备选递补");
        api.MapPost("/panels/{id:guid}/close", async (Guid id, CloseRequest r, IExpertDraw h, TimeProvider time) =>
            TypedResults.Ok(await h.CloseAsync(id, r.UsedOn ?? DateOnly.FromDateTime(time.GetUtcNow().AddHours(8).DateTime))))
            .WithSummary("结束评审组并记录专家使用");
        api.MapPost("/panels/{id:guid}/rate", async (Guid id, RateRequest r, IExpertDraw h) =>
        {
            await h.RateAsync(id, r.PersonId, r.Rating, r.Comment);
            return TypedResults.NoContent();
        }).WithSummary("评价专家（一项目一评价）");
        api.MapPost("/usages", async (ExpertUsageInput r, IExpertDraw h) => TypedResults.Ok(new { id = await h.RecordUsageAsync(r) }))
            .WithSummary("记录专家使用（咨询、讲座等）");
        api.MapPost("/usages/{id:guid}/rate", async (Guid id, RateUsageRequest r, IExpertDraw h) =>
        {
            await h.RateUsageAsync(id, r.Rating, r.Comment);
            return TypedResults.NoContent();
        }).WithSummary("评价一次使用（一项目一评价）");
        return app;
    }
}
