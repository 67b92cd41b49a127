using Kexie.Web.Modules.Kepu.Contracts;
using Kexie.Web.Modules.Kepu.Domain;
using Kexie.Web.Modules.Kepu.Features;
using Kexie.Web.Platform.Demo;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Excel;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Metrics;
using Kexie.Web.Platform.Web;

namespace Kexie.Web.Modules.Kepu;

/// <summary>科普: campaigns, the activity ledger with approval by the parent organisation, the public portal with registration and check-in, statistics.</summary>
public static class KepuModule
{
    public static WebApplicationBuilder AddKepu(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddPermissions(KepuPermissions.All);
        s.AddScoped<ListActivities>();
        s.AddScoped<GetActivity>();
        s.AddScoped<SaveActivity>();
        s.AddScoped<ActivityWorkflow>();
        s.AddScoped<Registrations>();
        s.AddScoped<CampaignService>();
        s.AddScoped<PublicPortal>();
        // Kexie:Kepu:PortalCacheSeconds: how long anonymous portal pages are kept (default 10; 0 renders every request).
        var cacheSeconds = builder.Configuration.GetValue<int?>("Kexie:Kepu:PortalCacheSeconds") ?? 10;
        s.AddSingleton(new PortalCacheSettings { Enabled = cacheSeconds > 0, Duration = TimeSpan.FromSeconds(Math.Max(1, cacheSeconds)) });
        s.AddSingleton<PortalPagePolicy>();
        s.AddSingleton<PortalCache>();
        s.Configure<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>(PortalCache.Configure);
        s.AddScoped<KepuStatistics>();
        s.AddScoped<VenueService>();
        s.AddScoped<IExcelImport, ActivityImport>();
        s.AddScoped<CountyMapService>();
        s.AddMetricProvider<KepuMetrics>();
        s.AddScoped<DemoSeeder.IModuleSeeder, KepuDemoSeeder>();
        s.AddNav(
            new NavItem("科学普及", "科普活动", "/kepu/activities", KepuPermissions.View, 300, "✦"),
            new NavItem("科学普及", "待我审核", "/kepu/activities?inbox=true", KepuPermissions.Approve, 301, "✓"),
            new NavItem("科学普及", "活动品牌", "/kepu/campaigns", KepuPermissions.View, 302, "◆"),
            new NavItem("科学普及", "科普阵地", "/kepu/venues", KepuPermissions.View, 303, "▣"),
            new NavItem("科学普及", "大篷车巡展", "/kepu/caravans", KepuPermissions.View, 304, "⛟"),
            new NavItem("科学普及", "科普统计", "/kepu/stats", KepuPermissions.Statistics, 305, "▥"),
            new NavItem("科学普及", "县区地图", "/kepu/map", KepuPermissions.MapManage, 307, "◇"),
            new NavItem("科学普及", "公众门户", "/kepu", null, 306, "⌂"));
        return builder;
    }

    public static WebApplication MapKepu(this WebApplication app)
    {
        var api = app.MapApiGroup("/kepu", signedIn: false);

        var campaigns = api.MapGroup("/campaigns").WithTags("科普 活动品牌 Campaigns").RequireAuthorization();
        campaigns.MapGet("/", async (int? year, CampaignService h) => TypedResults.Ok(await h.ListAsync(year))).WithSummary("活动品牌（年度）及报送情况");
        campaigns.MapGet("/{id:guid}", async (Guid id, CampaignService h) => TypedResults.Ok(await h.GetAsync(id))).WithSummary("活动品牌详情与未报送组织");
        campaigns.MapPost("/", async (CampaignInput input, CampaignService h) =>
        {
            var id = await h.SaveAsync(null, input);
            return TypedResults.Created($"/api/v1/kepu/campaigns/{id}", new { id });
        }).WithSummary("新建年度活动品牌");
        campaigns.MapPut("/{id:guid}", async (Guid id, CampaignInput input, CampaignService h) =>
        {
            await h.SaveAsync(id, input);
            return TypedResults.NoContent();
        }).WithSummary("修改活动品牌（需带 version）");

        var acts = api.MapGroup("/activities").WithTags("科普 活动报送 Activities").RequireAuthorization();
        acts.MapGet("/", async ([AsParameters] ActivityListQuery q, ListActivities h) => TypedResults.Ok(await h.HandleAsync(q.ToRequest())))
            .WithSummary("科普活动列表（数据范围内，筛选、分页）");
        acts.MapGet("/{id:guid}", async (Guid id, GetActivity h) => TypedResults.Ok(await h.HandleAsync(id))).WithSummary("科普活动详情（含疑似重复）");
        acts.MapPost("/", async (ActivityInput input, SaveActivity h) =>
        {
            var id = await h.HandleAsync(null, input);
            return TypedResults.Created($"/api/v1/kepu/activities/{id}", new { id });
        }).WithSummary("报送科普活动（草稿）");
        acts.MapPut("/{id:guid}", async (Guid id, ActivityInput input, SaveActivity h) =>
        {
            await h.HandleAsync(id, input);
            return TypedResults.NoContent();
        }).WithSummary("修改草稿或已退回的活动（需带 version）");
        acts.MapPost("/{id:guid}/submit", async (Guid id, VersionBody b, ActivityWorkflow h) =>
        {
            await h.SubmitAsync(id, b.Version);
            return TypedResults.NoContent();
        }).WithSummary("提交上级审核");
        acts.MapPost("/{id:guid}/approve", async (Guid id, VersionBody b, ActivityWorkflow h) =>
        {
            await h.ApproveAsync(id, b.Version);
            return TypedResults.NoContent();
        }).WithSummary("审核通过（仅主办单位的上级组织）");
        acts.MapPost("/{id:guid}/return", async (Guid id, ReturnBody b, ActivityWorkflow h) =>
        {
            await h.ReturnAsync(id, b.Reason, b.Version);
            return TypedResults.NoContent();
        }).WithSummary("退回（须填原因，原因保留）");
        acts.MapPost("/{id:guid}/publish", async (Guid id, VersionBody b, ActivityWorkflow h) =>
        {
            await h.PublishAsync(id, b.Version);
            return TypedResults.NoContent();
        }).WithSummary("向公众发布");
        acts.MapPost("/{id:guid}/complete", async (Guid id, CompleteBody b, ActivityWorkflow h) =>
        {
            await h.CompleteAsync(id, b);
            return TypedResults.NoContent();
        }).WithSummary("登记成效（人次、志愿者、照片、小结）");
        acts.MapGet("/{id:guid}/registrations", async (Guid id, Registrations h) => TypedResults.Ok(await h.ListAsync(id))).WithSummary("报名名单（姓名脱敏，查看留痕）");
        acts.MapPost("/{id:guid}/checkin", async (Guid id, CheckInBody b, Registrations h) => TypedResults.Ok(await h.CheckInAsync(id, b.Code)))
            .WithSummary("现场签到（扫描报名二维码）；重复签到只计一次");
        acts.MapPost("/{id:guid}/walkins", async (Guid id, WalkInBody b, Registrations h) => TypedResults.Ok(await h.WalkInAsync(id, b)))
            .WithSummary("现场登记未报名的参与者");

        var venues = api.MapGroup("/venues").WithTags("科普 阵地 Venues").RequireAuthorization();
        venues.MapGet("/", async (VenueKind? kind, int? year, VenueService h, TimeProvider time) => TypedResults.Ok(await h.ListVenuesAsync(kind, year ?? time.GetUtcNow().AddHours(8).Year)))
            .WithSummary("科普阵地（科技馆、科普教育基地、示范社区/村、科普e站…）");
        venues.MapGet("/{id:guid}", async (Guid id, VenueService h) => TypedResults.Ok(await h.GetVenueAsync(id))).WithSummary("科普阵地详情与月度接待");
        venues.MapPost("/", async (VenueInput input, VenueService h) =>
        {
            var id = await h.SaveVenueAsync(null, input);
            return TypedResults.Created($"/api/v1/kepu/venues/{id}", new { id });
        }).WithSummary("登记科普阵地");
        venues.MapPut("/{id:guid}", async (Guid id, VenueInput input, VenueService h) =>
        {
            await h.SaveVenueAsync(id, input);
            return TypedResults.NoContent();
        }).WithSummary("修改科普阵地（需带 version）");
        venues.MapPost("/{id:guid}/visitors", async (Guid id, VisitorsBody b, VenueService h) =>
        {
            await h.RecordVisitorsAsync(id, b);
            return TypedResults.NoContent();
        }).WithSummary("登记（更正）某月接待人次");

        var caravans = api.MapGroup("/caravans").WithTags("科普 大篷车 Caravans").RequireAuthorization();
        caravans.MapGet("/", async (int? year, VenueService h, TimeProvider time) => TypedResults.Ok(await h.ListToursAsync(year ?? time.GetUtcNow().AddHours(8).Year))).WithSummary("大篷车巡展");
        caravans.MapGet("/{id:guid}", async (Guid id, VenueService h) => TypedResults.Ok(await h.GetTourAsync(id))).WithSummary("巡展路线与站点");
        caravans.MapPost("/", async (TourInput input, VenueService h) =>
        {
            var id = await h.SaveTourAsync(null, input);
            return TypedResults.Created($"/api/v1/kepu/caravans/{id}", new { id });
        }).WithSummary("新建巡展");
        caravans.MapPut("/{id:guid}", async (Guid id, TourInput input, VenueService h) =>
        {
            await h.SaveTourAsync(id, input);
            return TypedResults.NoContent();
        }).WithSummary("修改巡展（需带 version）");
        caravans.MapPost("/{id:guid}/stops", async (Guid id, StopBody b, VenueService h) => TypedResults.Ok(new { id = await h.AddStopAsync(id, b) }))
            .WithSummary("登记巡展站点与参观人次");

        var map = api.MapGroup("/map").WithTags("科普 县区地图 Map").RequireAuthorization();
        map.MapGet("/", async (CountyMapService m) => TypedResults.Ok(await m.StatusAsync())).WithSummary("当前使用的县区地图");
        map.MapPost("/", async (IFormFile file, CountyMapService m) =>
        {
            await using var s = file.OpenReadStream();
            var id = await m.UploadAsync(s, file.FileName);
            return TypedResults.Created("/api/v1/kepu/public/map/geojson", new { id });
        }).DisableAntiforgery().WithSummary("上传本市县区边界 GeoJSON（如 DataV GeoAtlas 导出，要素带 adcode）");
        // The page's form post (antiforgery applies): back to the page with the outcome.
        app.MapPost("/kepu/map/upload", async (IFormFile? file, CountyMapService m) =>
        {
            if (file is null || file.Length == 0) return Results.LocalRedirect("/kepu/map?error=" + m.PutError("请选择文件"));
            try
            {
                await using var s = file.OpenReadStream();
                await m.UploadAsync(s, file.FileName);
                return Results.LocalRedirect("/kepu/map?ok=true");
            }
            catch (DomainException ex)
            {
                return Results.LocalRedirect("/kepu/map?error=" + m.PutError(ex.Message));
            }
        }).RequireAuthorization(KepuPermissions.MapManage).ExcludeFromDescription();

        var stats = api.MapGroup("/stats").WithTags("科普 统计 Statistics").RequireAuthorization();
        stats.MapGet("/", async (int year, Guid? campaignId, Guid? organisationId, KepuStatistics h) =>
            TypedResults.Ok(await h.HandleAsync(new StatsRequest(year, campaignId, organisationId)))).WithSummary("按年度/品牌沿组织树汇总");
        stats.MapGet("/export", async (int year, Guid? campaignId, Guid? organisationId, KepuStatistics h) =>
            TypedResults.File(await h.ExportAsync(new StatsRequest(year, campaignId, organisationId)), ExcelExport.ContentType, $"科普统计{year}.xlsx"))
            .WithSummary("导出科普统计（Excel）");

        // The public portal: no sign-in; published activities only.
        var pub = api.MapGroup("/public").WithTags("科普 公众门户 Public");
        pub.MapGet("/activities", async ([AsParameters] PublicListQuery q, PublicPortal p) => TypedResults.Ok(await p.ListAsync(q.ToRequest())))
            .WithSummary("已发布的科普活动");
        pub.MapGet("/activities/{id:guid}", async (Guid id, PublicPortal p) => TypedResults.Ok(await p.DetailAsync(id))).WithSummary("活动详情");
        pub.MapPost("/activities/{id:guid}/registrations", async (Guid id, RegisterBody b, Registrations h) =>
        {
            var r = await h.RegisterAsync(id, b);
            return TypedResults.Created($"/api/v1/kepu/public/registrations/{r.Code}", r);
        }).WithSummary("报名（满员自动进入候补）");
        pub.MapPost("/activities/{id:guid}/self-checkin", async (Guid id, SelfCheckInBody b, Registrations h) => TypedResults.Ok(await h.SelfCheckInAsync(id, b)))
            .WithSummary("扫描活动签到码自助签到");
        pub.MapGet("/map/geojson", async (CountyMapService m) => TypedResults.Text(await m.GeoJsonAsync(), "application/geo+json; charset=utf-8"))
            .WithSummary("县区边界（GeoJSON，properties.code 为行政区划代码）");
        pub.MapGet("/map/counties", async ([AsParameters] PublicListQuery q, int? year, PublicPortal p, TimeProvider time) =>
        {
            var y = year ?? time.GetUtcNow().UtcDateTime.AddHours(8).Year;
            var r = q.ToRequest();
            var counties = await p.CountiesAsync(r, y);
            return TypedResults.Ok(new
            {
                year = y,
                counties = counties.Select(c => new { c.Code, c.Name, c.Activities, Link = PublicPortal.ListLink(r with { County = c.Code }) }),
            });
        }).WithSummary("按县(市、区)统计已发布活动（与列表相同的筛选条件）");
        pub.MapGet("/registrations/{code}", async (string code, Registrations h) => TypedResults.Ok(await h.ConfirmationAsync(code))).WithSummary("报名凭证");
        pub.MapPost("/registrations/{code}/cancel", async (string code, Registrations h) =>
        {
            await h.CancelAsync(code);
            return TypedResults.NoContent();
        }).WithSummary("取消报名（候补者自动递补）");
        return app;
    }

    public sealed record ActivityListQuery(string? Q, Guid? CampaignId, ActivityStatus? Status, ActivityType? Type, AudienceGroup? Audience,
        Guid? OrgId, bool? Own, int? Year, bool? PublicOnly, bool? Inbox, int? Page, int? PageSize)
    {
        public ActivityListRequest ToRequest() => new(Q, CampaignId, Status, Type, Audience, OrgId, Own ?? false, Year, PublicOnly ?? false, Inbox ?? false, Page ?? 1, PageSize ?? 20);
    }

    public sealed record PublicListQuery(Guid? CampaignId, string? County, ActivityType? Type, AudienceGroup? Audience, DateOnly? From, DateOnly? To, string? Q, int? Page, int? PageSize)
    {
        public PublicListRequest ToRequest() => new(CampaignId, County, Type, Audience, From, To, Q, Page ?? 1, PageSize ?? 20);
    }
}
