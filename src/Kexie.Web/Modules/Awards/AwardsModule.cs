using Kexie.Web.Modules.Awards.Contracts;
using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Modules.Awards.Features;
using Kexie.Web.Platform.Demo;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Metrics;
using Kexie.Web.Platform.Web;

namespace Kexie.Web.Modules.Awards;

/// <summary>评选表彰: configurable calls, entries with recommendation quotas, drawn panels, scoring, ranking into tiers.</summary>
public static class AwardsModule
{
    public static WebApplicationBuilder AddAwards(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddPermissions(AwardPermissions.All);
        s.AddScoped<CallService>();
        s.AddScoped<EntryService>();
        s.AddScoped<PanelService>();
        s.AddScoped<ReviewService>();
        s.AddScoped<RankingService>();
        s.AddScoped<PublicationService>();
        s.AddScoped<CallSetupService>();
        s.AddScoped<AwardVotingService>();
        s.AddScoped<PickerService>();
        s.AddMetricProvider<AwardMetrics>();
        s.AddScoped<DemoSeeder.IModuleSeeder, AwardsDemoSeeder>();
        s.AddNav(
            new NavItem("评选表彰", "评选活动", "/awards", AwardPermissions.View, 500, "★"),
            new NavItem("评选表彰", "我的申报", "/awards/mine", AwardPermissions.Apply, 501, "✎"),
            new NavItem("评选表彰", "我的评审", "/awards/reviews", AwardPermissions.Review, 502, "✓"));
        return builder;
    }

    public static WebApplication MapAwards(this WebApplication app)
    {
        var api = app.MapApiGroup("/awards", "评选表彰 Awards");

        api.MapGet("/templates", () => TypedResults.Ok(CallService.Templates)).WithSummary("内置评选模板（均为配置）");
        api.MapGet("/calls", async (int? year, CallService h) => TypedResults.Ok(await h.ListAsync(year))).WithSummary("评选活动列表");
        api.MapGet("/calls/open", async (CallService h) => TypedResults.Ok(await h.OpenCallsAsync())).WithSummary("正在申报的评选活动");
        api.MapGet("/calls/{id:guid}", async (Guid id, CallService h) => TypedResults.Ok(await h.GetAsync(id))).WithSummary("评选活动详情与配置");
        api.MapGet("/calls/{id:guid}/config", async (Guid id, CallService h) => TypedResults.Text(await h.ExportConfigAsync(id), "application/json"))
            .WithSummary("导出配置（JSON）");
        api.MapPost("/calls/from-template", async (NewCallFromTemplate input, CallService h) =>
        {
            var id = await h.CreateFromTemplateAsync(input);
            return TypedResults.Created($"/api/v1/awards/calls/{id}", new { id });
        }).WithSummary("由模板新建评选活动（复制配置）");
        api.MapPost("/calls", async (NewCall input, CallService h) =>
        {
            var id = await h.CreateAsync(input);
            return TypedResults.Created($"/api/v1/awards/calls/{id}", new { id });
        }).WithSummary("由配置（JSON）新建评选活动");
        api.MapPut("/calls/{id:guid}", async (Guid id, CallSettings input, CallService h) =>
        {
            await h.SaveSettingsAsync(id, input);
            return TypedResults.NoContent();
        }).WithSummary("修改评选活动设置与配置（需带 version）");
        api.MapGet("/calls/{id:guid}/setup", async (Guid id, CallSetupService h) => TypedResults.Ok(await h.GetAsync(id))).WithSummary("活动配置（表单编辑器的数据）");
        api.MapPut("/calls/{id:guid}/setup", async (Guid id, CallSetup input, CallSetupService h) =>
        {
            await h.SaveAsync(id, input);
            return TypedResults.NoContent();
        }).WithSummary("保存活动配置：类别、推荐名额、申报表字段、截止时间、评审轮次与评分表、奖项、公示、投票（需带 version）");
        api.MapPut("/calls/{id:guid}/quotas", async (Guid id, List<QuotaInput> input, CallService h) =>
        {
            await h.SetQuotasAsync(id, input);
            return TypedResults.NoContent();
        }).WithSummary("设置推荐单位名额");
        api.MapPut("/calls/{id:guid}/rounds/{roundId:guid}/form", async (Guid id, Guid roundId, FormInput input, CallService h) =>
            TypedResults.Ok(new { formVersion = await h.SaveFormAsync(id, roundId, input) })).WithSummary("修改本轮评分表（生成新版本；开始评分后锁定）");
        api.MapPost("/calls/{id:guid}/open", async (Guid id, VersionBody b, CallService h) =>
        {
            await h.OpenAsync(id, b.Version);
            return TypedResults.NoContent();
        }).WithSummary("发布评选活动，开始申报");
        api.MapPost("/calls/{id:guid}/review", async (Guid id, VersionBody b, CallService h) =>
        {
            await h.StartReviewAsync(id, b.Version);
            return TypedResults.NoContent();
        }).WithSummary("截止申报，进入评审");

        api.MapGet("/calls/{id:guid}/rounds/{roundId:guid}/panel", async (Guid id, Guid roundId, PanelService h) => TypedResults.Ok(await h.BoardAsync(id, roundId)))
            .WithSummary("评审组与评审进度");
        api.MapPost("/calls/{id:guid}/rounds/{roundId:guid}/reviewers", async (Guid id, Guid roundId, AddReviewerBody b, PanelService h) =>
            TypedResults.Ok(new { id = await h.AddReviewerAsync(id, roundId, b) })).WithSummary("指定评审专家（或替补）");
        api.MapPost("/calls/{id:guid}/rounds/{roundId:guid}/draw", async (Guid id, Guid roundId, DrawBody b, PanelService h) => TypedResults.Ok(await h.DrawAsync(id, roundId, b)))
            .WithSummary("从专家库随机抽取评审组（回避申报人及其单位）");
        api.MapPost("/calls/{id:guid}/rounds/{roundId:guid}/assign", async (Guid id, Guid roundId, PanelService h) => TypedResults.Ok(new { added = await h.AssignAllAsync(id, roundId) }))
            .WithSummary("把本轮申报分配给评审组成员");
        api.MapPost("/calls/{id:guid}/rounds/{roundId:guid}/remind", async (Guid id, Guid roundId, PanelService h) => TypedResults.Ok(new { reminded = await h.RemindAsync(id, roundId) }))
            .WithSummary("提醒未完成评分的专家（站内通知）");
        api.MapPost("/calls/{id:guid}/rounds/{roundId:guid}/rank", async (Guid id, Guid roundId, RankingService h) => TypedResults.Ok(new { ranked = await h.RankAsync(id, roundId) }))
            .WithSummary("汇总评分并排名、划分奖项等级");
        api.MapPost("/calls/{id:guid}/rounds/{roundId:guid}/ties", async (Guid id, Guid roundId, TieBody b, RankingService h) =>
        {
            await h.ResolveTieAsync(id, roundId, b);
            return TypedResults.NoContent();
        }).WithSummary("人工决定并列申报的先后");
        api.MapGet("/calls/{id:guid}/rounds/{roundId:guid}/ties", async (Guid id, Guid roundId, RankingService h) => TypedResults.Ok(await h.TiesAsync(id, roundId)))
            .WithSummary("待人工决定先后的并列申报");
        api.MapGet("/calls/{id:guid}/voting", async (Guid id, AwardVotingService h) => TypedResults.Ok(await h.StaffAsync(id)))
            .WithSummary("网络投票：各申报票数与待审核的异常票");
        api.MapPost("/calls/{id:guid}/voting", async (Guid id, OpenVotingBody b, AwardVotingService h) => TypedResults.Ok(new { ballotId = await h.OpenAsync(id, b) }))
            .WithSummary("开启网络投票（形式审查通过的申报，至截止日24:00）");
        api.MapGet("/lookup/people", async (string? q, PickerService h) => TypedResults.Ok(await h.PeopleAsync(q))).WithSummary("人员选择：按姓名查找科技工作者（脱敏）");
        api.MapGet("/lookup/organisations", async (string? q, PickerService h) => TypedResults.Ok(await h.OrganisationsAsync(q))).WithSummary("单位选择：按名称查找组织");
        api.MapGet("/calls/{id:guid}/results", async (Guid id, RankingService h) => TypedResults.Ok(await h.ResultsAsync(id))).WithSummary("各轮评审结果");
        api.MapPost("/calls/{id:guid}/confirm", async (Guid id, ConfirmBody b, RankingService h) =>
        {
            await h.ConfirmAsync(id, b);
            return TypedResults.NoContent();
        }).WithSummary("主任委员确认评审结果");

        api.MapGet("/calls/{id:guid}/publication", async (Guid id, PublicationService h) => TypedResults.Ok(await h.StatusAsync(id))).WithSummary("公示、最终结果与证书情况");
        api.MapPost("/calls/{id:guid}/publicise", async (Guid id, VersionBody b, PublicationService h) => TypedResults.Ok(new { publicityId = await h.PubliciseAsync(id, b.Version) }))
            .WithSummary("公示拟获奖名单（按配置的工作日数）");
        api.MapPost("/calls/{id:guid}/finalise", async (Guid id, VersionBody b, PublicationService h) =>
        {
            await h.FinaliseAsync(id, b.Version);
            return TypedResults.NoContent();
        }).WithSummary("公示期满且异议处理完毕后确定最终结果");
        api.MapPost("/calls/{id:guid}/certificates", async (Guid id, PublicationService h) => TypedResults.Ok(new { issued = await h.IssueCertificatesAsync(id) }))
            .WithSummary("为获奖申报颁发证书（编号、PDF、公开验证）");

        api.MapGet("/entries", async ([AsParameters] EntryListQuery q, EntryService h) => TypedResults.Ok(await h.ListAsync(q.ToRequest()))).WithSummary("申报列表（数据范围内）");
        api.MapGet("/entries/{id:guid}", async (Guid id, EntryService h) => TypedResults.Ok(await h.GetAsync(id))).WithSummary("申报详情");
        api.MapPost("/entries", async (EntryInput input, EntryService h) =>
        {
            var id = await h.SaveAsync(null, input);
            return TypedResults.Created($"/api/v1/awards/entries/{id}", new { id });
        }).WithSummary("新建申报（草稿）");
        api.MapPut("/entries/{id:guid}", async (Guid id, EntryInput input, EntryService h) =>
        {
            await h.SaveAsync(id, input);
            return TypedResults.NoContent();
        }).WithSummary("修改草稿或退回的申报（需带 version）");
        api.MapPost("/entries/{id:guid}/submit", async (Guid id, VersionBody b, EntryService h) =>
        {
            await h.SubmitAsync(id, b.Version);
            return TypedResults.NoContent();
        }).WithSummary("提交申报（截止前）");
        api.MapPost("/entries/{id:guid}/recommend", async (Guid id, VersionBody b, EntryService h) =>
        {
            await h.RecommendAsync(id, b.Version);
            return TypedResults.NoContent();
        }).WithSummary("推荐单位在名额内推荐");
        api.MapPost("/entries/{id:guid}/check", async (Guid id, CheckBody b, EntryService h) =>
        {
            await h.CheckAsync(id, b);
            return TypedResults.NoContent();
        }).WithSummary("形式审查：通过、退回修改（须填原因）、不通过");

        api.MapGet("/reviews", async (ReviewService h) => TypedResults.Ok(await h.MineAsync())).WithSummary("分配给我的评审任务");
        api.MapGet("/reviews/{id:guid}", async (Guid id, ReviewService h) => TypedResults.Ok(await h.GetAsync(id))).WithSummary("评审任务（匿名评审时不显示申报人）");
        api.MapPost("/reviews/{id:guid}/score", async (Guid id, ScoreBody b, ReviewService h) =>
        {
            await h.ScoreAsync(id, b);
            return TypedResults.NoContent();
        }).WithSummary("评分（按本轮评分表版本）");
        api.MapPost("/reviews/{id:guid}/conflict", async (Guid id, ConflictBody b, ReviewService h) => TypedResults.Ok(await h.DeclareConflictAsync(id, b)))
            .WithSummary("申请回避（由替补专家评审）");

        var pub = app.MapApiGroup("/awards/public", "评选表彰 Awards (public)", signedIn: false);
        pub.MapGet("/calls/{id:guid}/results", async (Guid id, PublicationService h) => TypedResults.Ok(await h.FinalResultsAsync(id))).WithSummary("最终评选结果（公开）");
        pub.MapGet("/calls/{id:guid}/voting", async (Guid id, AwardVotingService h) => TypedResults.Ok(await h.PublicAsync(id))).WithSummary("网络投票：候选申报与有效票数（公开）");
        pub.MapPost("/calls/{id:guid}/votes", async (Guid id, CastAwardVote body, AwardVotingService h, HttpContext http) =>
            TypedResults.Ok(await h.CastAsync(id, body with { VoterToken = body.VoterToken ?? http.Request.Cookies[Platform.Voting.VotingModule.VoterCookie] }, http.ClientIp())))
            .WithSummary("投票（登录账号或已验证手机号的 voterToken；每人每天按活动规则）");
        return app;
    }

    public sealed record VersionBody(int Version);

    public sealed record EntryListQuery(Guid? CallId, EntryStatus? Status, bool? Mine, string? Q, int? Page, int? PageSize)
    {
        public EntryListRequest ToRequest() => new(CallId, Status, Mine ?? false, Q, Page ?? 1, PageSize ?? 50);
    }
}
