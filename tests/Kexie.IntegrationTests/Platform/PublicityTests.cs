using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.IntegrationTests.WorkPlans;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Publicity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Kexie.IntegrationTests.Platform;

/// <summary>
/// The app with a clock the test moves (start: Monday 28 September 2026, 09:00 in 示范市) and a client address taken from
/// the <c>X-Test-Client-Ip</c> header, so rate limits and burst detection can be exercised from one test process.
/// </summary>
public abstract class PublicServicesApp : KexieApp
{
    public const string IpHeader = "X-Test-Client-Ip";

    public SettableClock Clock { get; } = new(new DateTimeOffset(2026, 9, 28, 1, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Kexie:Publicity:ObjectionsPerAddressPerHour", "3");
        builder.UseSetting("Kexie:Voting:BurstVotesPerNetworkPerMinute", "4");
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            s.AddTransient<IStartupFilter, TestClientIpFilter>();
        });
    }

    public void SetChinaTime(int year, int month, int day, int hour, int minute = 0) =>
        Clock.SetUtcNow(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)));

    public HttpClient AnonymousFrom(string ip)
    {
        var c = Anonymous();
        c.DefaultRequestHeaders.Add(IpHeader, ip);
        return c;
    }

    /// <summary>Runs a service call in its own scope, acting as the system (as a module's handler would, after its own checks).</summary>
    public async Task<T> AsSystemAsync<T>(Func<IServiceProvider, Task<T>> call)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = CurrentUser.System("测试");
        return await call(scope.ServiceProvider);
    }

    private sealed class TestClientIpFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, Func<Task> go) =>
            {
                if (http.Request.Headers.TryGetValue(IpHeader, out var ip) && IPAddress.TryParse(ip.ToString(), out var address))
                    http.Connection.RemoteIpAddress = address;
                return go();
            });
            next(app);
        };
    }
}

public sealed class PublicServicesSqliteApp : PublicServicesApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PublicServicesPostgresApp : PublicServicesApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[CollectionDefinition(Name)]
public sealed class PublicServicesSqliteCollection : ICollectionFixture<PublicServicesSqliteApp>
{
    public const string Name = "public-services-sqlite";
}

[CollectionDefinition(Name)]
public sealed class PublicServicesPostgresCollection : ICollectionFixture<PublicServicesPostgresApp>
{
    public const string Name = "public-services-postgres";
}

/// <summary>公示 with 异议 through the real app: the window from the working-day calendar, objections, decisions, finalising.</summary>
public abstract class PublicityTests(PublicServicesApp app)
{
    private async Task<Guid> OrgIdAsync(string name)
    {
        await using var db = app.SystemDb();
        return await db.Organisations.AsNoTracking().Where(o => o.Name == name).Select(o => o.Id).FirstAsync();
    }

    private async Task<Guid> OpenNoticeAsync(DateOnly start, int days = 5, string title = "第六届青年科技奖拟表彰名单公示")
    {
        var org = await OrgIdAsync("云岭县科协");
        return await app.AsSystemAsync(sp => sp.GetRequiredService<IPublicityService>().OpenAsync(new PublicityInput("awards", Guid.NewGuid().ToString("N"),
            title + Guid.NewGuid().ToString("N")[..4], "公示期内如有异议，请实名提出。", ["姓名", "单位", "奖项"],
            [new PublicityItem("n1", ["张三", "云岭县农业技术推广站", "一等奖"]), new PublicityItem("n2", ["李四", "云岭县第一中学", "二等奖"])],
            start, days, org)));
    }

    private static object Objection(string contact = "13800138000", int? item = 0, string content = "该同志的业绩材料与事实不符。") =>
        new { name = "王五", contact, itemIndex = item, content };

    [Fact]
    public async Task A_window_spanning_the_national_day_holiday_ends_after_it_and_objections_count_only_inside_it()
    {
        app.SetChinaTime(2026, 9, 27, 10);
        var id = await OpenNoticeAsync(new DateOnly(2026, 9, 28));
        var status = await app.AsSystemAsync(sp => sp.GetRequiredService<IPublicityService>().GetStatusAsync(id));
        status.EndDate.ShouldBe(new DateOnly(2026, 10, 9), "9/28–9/30 and 10/8–10/9: the 国庆 days 10/1–10/7 are skipped");
        status.State.ShouldBe(PublicityState.Scheduled);

        var anon = app.AnonymousFrom("10.9.0.1");
        (await anon.GetAsync($"/api/v1/public/gongshi/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "not public before it starts");

        app.SetChinaTime(2026, 10, 5, 10); // a holiday inside the window
        var ok = await anon.PostAsJsonAsync($"/api/v1/public/gongshi/{id}/objections", Objection());
        ok.StatusCode.ShouldBe(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNo").GetString()!.ShouldStartWith("YY");

        app.SetChinaTime(2026, 10, 9, 23, 59); // last minute of the last day
        (await anon.PostAsJsonAsync($"/api/v1/public/gongshi/{id}/objections", Objection(content: "最后一分钟提出的异议"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.SetChinaTime(2026, 10, 10, 0, 1);
        var late = await anon.PostAsJsonAsync($"/api/v1/public/gongshi/{id}/objections", Objection(content: "公示期后提出"));
        late.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await late.Content.ReadAsStringAsync()).ShouldContain("公示期已于 2026年10月9日 结束");
        var page = await (await anon.GetAsync($"/gongshi/{id}")).Content.ReadAsStringAsync();
        page.ShouldContain("公示期已结束");
        page.ShouldContain("张三");
    }

    [Fact]
    public async Task An_undecided_objection_blocks_finalising_until_staff_decide_it_with_a_reason()
    {
        app.SetChinaTime(2026, 11, 2, 9);
        var id = await OpenNoticeAsync(new DateOnly(2026, 11, 2), 3);
        var anon = app.AnonymousFrom("10.9.1.1");
        var first = await (await anon.PostAsJsonAsync($"/api/v1/public/gongshi/{id}/objections", Objection())).Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await anon.PostAsJsonAsync($"/api/v1/public/gongshi/{id}/objections", Objection())).Content.ReadFromJsonAsync<JsonElement>();
        again.GetProperty("receiptNo").GetString().ShouldBe(first.GetProperty("receiptNo").GetString(), "a double submit is one objection");
        again.GetProperty("duplicate").GetBoolean().ShouldBeTrue();

        var bad = await anon.PostAsJsonAsync($"/api/v1/public/gongshi/{id}/objections", Objection(contact: "12345"));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("联系电话格式不正确");

        app.SetChinaTime(2026, 11, 5, 9); // window closed (11/2–11/4)
        var staff = await app.LoginAsync("county.yunling");
        var status = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/platform/publicity/{id}/status");
        status.GetProperty("state").GetString().ShouldBe("Closed");
        status.GetProperty("openObjections").GetInt32().ShouldBe(1);
        status.GetProperty("canFinalise").GetBoolean().ShouldBeFalse("an objection is not decided yet");

        var list = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/platform/publicity/{id}/objections");
        var o = list.EnumerateArray().Single();
        o.GetProperty("contactMasked").GetString().ShouldBe("138****8000");
        o.GetProperty("itemLabel").GetString()!.ShouldContain("张三");
        var oid = o.GetProperty("id").GetGuid();

        (await staff.PostAsJsonAsync($"/api/v1/platform/publicity/objections/{oid}/notes", new { note = "已联系推荐单位核实", version = 0 })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await staff.PostAsJsonAsync($"/api/v1/platform/publicity/objections/{oid}/decide", new { upheld = false, reason = "材料经核实属实", version = 0 }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict, "stale version");
        var noReason = await staff.PostAsJsonAsync($"/api/v1/platform/publicity/objections/{oid}/decide", new { upheld = false, reason = "", version = 1 });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("请填写认定理由");
        (await staff.PostAsJsonAsync($"/api/v1/platform/publicity/objections/{oid}/decide", new { upheld = false, reason = "材料经核实属实", version = 1 }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        status = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/platform/publicity/{id}/status");
        status.GetProperty("canFinalise").GetBoolean().ShouldBeTrue();
        status.GetProperty("decidedObjections").GetInt32().ShouldBe(1);

        await using var db = app.SystemDb();
        var actions = await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == oid.ToString()).Select(a => a.Action).ToListAsync();
        actions.ShouldContain("publicity.objection");
        actions.ShouldContain("publicity.objection.note");
        actions.ShouldContain("publicity.objection.decide");
        var stored = await db.Set<Objection>().AsNoTracking().FirstAsync(x => x.Id == oid);
        stored.ContactCipher.ShouldNotContain("13800138000");
    }

    [Fact]
    public async Task Objections_are_limited_per_client_address_across_requests()
    {
        app.SetChinaTime(2026, 11, 9, 9);
        var id = await OpenNoticeAsync(new DateOnly(2026, 11, 9));
        var a = app.AnonymousFrom("10.9.2.1");
        for (var i = 0; i < 3; i++)
            (await a.PostAsJsonAsync($"/api/v1/public/gongshi/{id}/objections", Objection(content: $"第{i}条异议"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var limited = await a.PostAsJsonAsync($"/api/v1/public/gongshi/{id}/objections", Objection(content: "第四条异议"));
        limited.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await limited.Content.ReadAsStringAsync()).ShouldContain("提交过于频繁");
        (await app.AnonymousFrom("10.9.2.2").PostAsJsonAsync($"/api/v1/public/gongshi/{id}/objections", Objection(content: "第四条异议")))
            .StatusCode.ShouldBe(HttpStatusCode.OK, "another address is not limited");
    }

    [Fact]
    public async Task Another_county_cannot_see_or_decide_the_objections()
    {
        app.SetChinaTime(2026, 11, 16, 9);
        var id = await OpenNoticeAsync(new DateOnly(2026, 11, 16));
        await app.AnonymousFrom("10.9.3.1").PostAsJsonAsync($"/api/v1/public/gongshi/{id}/objections", Objection());
        Guid oid;
        await using (var db = app.SystemDb())
            oid = await db.Set<Objection>().Where(o => o.NoticeId == id).Select(o => o.Id).FirstAsync();
        var qinchuan = await app.LoginAsync("county.qinchuan");
        (await qinchuan.GetAsync($"/api/v1/platform/publicity/{id}/status")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await qinchuan.GetAsync($"/api/v1/platform/publicity/{id}/objections")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await qinchuan.PostAsJsonAsync($"/api/v1/platform/publicity/objections/{oid}/decide", new { upheld = true, reason = "x", version = 0 }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await qinchuan.GetAsync($"/admin/gongshi/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await qinchuan.GetFromJsonAsync<JsonElement>("/api/v1/platform/publicity");
        list.EnumerateArray().ShouldNotContain(n => n.GetProperty("id").GetGuid() == id);
        // The public page is public.
        (await app.Anonymous().GetAsync($"/gongshi/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Anonymous().GetStringAsync("/gongshi")).ShouldContain("第六届青年科技奖拟表彰名单公示");
    }
}

[Collection(PublicServicesSqliteCollection.Name)]
public sealed class PublicityTests_Sqlite(PublicServicesSqliteApp app) : PublicityTests(app);

[Collection(PublicServicesPostgresCollection.Name)]
public sealed class PublicityTests_Postgres(PublicServicesPostgresApp app) : PublicityTests(app);

/// <summary>Data-scope probes for the 公示 routes.</summary>
public sealed class PublicityScopeCases : IScopeWalkCases
{
    public async Task<IEnumerable<ScopeCase>> ArrangeAsync(ScopeWalkContext ctx)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var notice = new PublicNotice
        {
            OrganisationId = ctx.YunlingCounty.Id,
            SourceModule = "test",
            SourceRef = "scope",
            Title = "云岭公示",
            StartDate = today,
            WorkingDays = 5,
            EndDate = today.AddDays(10),
        };
        var objection = new Objection { NoticeId = notice.Id, ReceiptNo = PublicityService.NewReceipt(), Name = "x", ContactCipher = "x", ContactMasked = "x", Content = "x", DedupHash = Guid.NewGuid().ToString("N") };
        ctx.Db.AddRange(notice, objection);
        await ctx.Db.SaveChangesAsync();
        return
        [
            // The public side is public by design: an open notice is readable, an empty objection is refused as invalid.
            new("GET /api/v1/public/gongshi/{id:guid}", HttpMethod.Get, $"/api/v1/public/gongshi/{notice.Id}", null, HttpStatusCode.OK),
            new("POST /api/v1/public/gongshi/{id:guid}/objections", HttpMethod.Post, $"/api/v1/public/gongshi/{notice.Id}/objections", new { }, HttpStatusCode.BadRequest),
            new("GET /api/v1/platform/publicity/{id:guid}/status", HttpMethod.Get, $"/api/v1/platform/publicity/{notice.Id}/status", null, HttpStatusCode.NotFound),
            new("GET /api/v1/platform/publicity/{id:guid}/objections", HttpMethod.Get, $"/api/v1/platform/publicity/{notice.Id}/objections", null, HttpStatusCode.NotFound),
            new("POST /api/v1/platform/publicity/objections/{id:guid}/notes", HttpMethod.Post, $"/api/v1/platform/publicity/objections/{objection.Id}/notes", new { note = "x", version = 0 }, HttpStatusCode.NotFound),
            new("POST /api/v1/platform/publicity/objections/{id:guid}/decide", HttpMethod.Post, $"/api/v1/platform/publicity/objections/{objection.Id}/decide", new { upheld = true, reason = "x", version = 0 }, HttpStatusCode.NotFound),
        ];
    }
}
