using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shouldly;
using Xunit;

namespace Kexie.IntegrationTests.Platform;

public abstract class SecurityTests(KexieApp app)
{
    protected KexieApp App { get; } = app;

    private async Task<Guid> CreateStaffAsync(string userName, string orgName, string role)
    {
        using var scope = App.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = CurrentUser.System();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<Kexie.Web.Platform.Data.AppDbContext>();
        var org = await db.Organisations.FirstAsync(o => o.Name == orgName);
        var u = new AppUser { UserName = userName, DisplayName = userName, Kind = AccountKind.Staff, OrganisationId = org.Id, LockoutEnabled = true };
        (await users.CreateAsync(u, "Kexie@2026")).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(u, role)).Succeeded.ShouldBeTrue();
        return u.Id;
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_every_attempt_is_logged()
    {
        var name = "lock" + Guid.NewGuid().ToString("N")[..6];
        await CreateStaffAsync(name, "石门镇科协", RoleNames.OrgLiaison);
        var client = App.Anonymous();
        for (var i = 1; i <= 5; i++)
        {
            var r = await client.PostAsJsonAsync("/api/v1/account/login", new { userName = name, password = "wrong-Password1!" });
            r.StatusCode.ShouldBe(i < 5 ? HttpStatusCode.Unauthorized : HttpStatusCode.Locked, $"attempt {i}");
        }
        var sixth = await client.PostAsJsonAsync("/api/v1/account/login", new { userName = name, password = "Kexie@2026" });
        sixth.StatusCode.ShouldBe(HttpStatusCode.Locked);
        (await sixth.Content.ReadAsStringAsync()).ShouldContain("锁定");

        await using var db = App.SystemDb();
        var log = await db.AuditEntries.AsNoTracking().Where(a => a.ActorName == name).Select(a => a.Action).ToListAsync();
        log.Count(a => a == AuditActions.LoginFailed).ShouldBe(4);
        log.Count(a => a == AuditActions.Lockout).ShouldBe(2);
    }

    [Fact]
    public async Task Forced_sign_out_ends_the_session_at_once()
    {
        var name = "sess" + Guid.NewGuid().ToString("N")[..6];
        await CreateStaffAsync(name, "石门镇科协", RoleNames.OrgLiaison);
        var user = await App.LoginAsync(name);
        (await user.GetAsync("/api/v1/account/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await App.LoginAsync("admin");
        var sessions = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/sessions");
        var sid = sessions.EnumerateArray().First(s => s.GetProperty("userName").GetString() == name).GetProperty("id").GetGuid();
        (await admin.PostAsync($"/api/v1/admin/sessions/{sid}/end", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await user.GetAsync("/api/v1/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // Only admins may do this.
        (await user.PostAsync($"/api/v1/admin/sessions/{sid}/end", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var county = await App.LoginAsync("county.qinchuan");
        (await county.GetAsync("/api/v1/admin/sessions")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Two_factor_sign_in_asks_for_a_valid_code()
    {
        var name = "tfa" + Guid.NewGuid().ToString("N")[..6];
        await CreateStaffAsync(name, "石门镇科协", RoleNames.OrgLiaison);
        var client = await App.LoginAsync(name);
        var status = await client.GetFromJsonAsync<JsonElement>("/api/v1/account/2fa");
        status.GetProperty("enabled").GetBoolean().ShouldBeFalse();
        var key = status.GetProperty("sharedKey").GetString()!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        status.GetProperty("qrSvgDataUri").GetString()!.ShouldStartWith("data:image/svg+xml;base64,");

        (await client.PostAsJsonAsync("/api/v1/account/2fa/enable", new { code = "000000" == Totp(key) ? "111111" : "000000" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsJsonAsync("/api/v1/account/2fa/enable", new { code = Totp(key) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var fresh = App.Anonymous();
        var noCode = await fresh.PostAsJsonAsync("/api/v1/account/login", new { userName = name, password = "Kexie@2026" });
        noCode.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await noCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("needsCode").GetBoolean().ShouldBeTrue();
        var wrong = await fresh.PostAsJsonAsync("/api/v1/account/login", new { userName = name, password = "Kexie@2026", code = Totp(key) == "123456" ? "654321" : "123456" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var right = await fresh.PostAsJsonAsync("/api/v1/account/login", new { userName = name, password = "Kexie@2026", code = Totp(key) });
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fresh.GetAsync("/api/v1/account/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>RFC 6238 TOTP (SHA-1, 30 s, 6 digits) as authenticator apps compute it.</summary>
    private static string Totp(string base32)
    {
        var bits = base32.TrimEnd('=').Select(c => "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".IndexOf(c, StringComparison.Ordinal))
            .SelectMany(v => Enumerable.Range(0, 5).Select(i => (v >> (4 - i)) & 1)).ToList();
        var key = Enumerable.Range(0, bits.Count / 8).Select(i => (byte)bits.Skip(i * 8).Take(8).Aggregate(0, (a, b) => (a << 1) | b)).ToArray();
        var step = BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian) Array.Reverse(step);
#pragma warning disable CA5350 // RFC 6238 TOTP is defined over HMAC-SHA1; authenticator apps use it.
        var hash = System.Security.Cryptography.HMACSHA1.HashData(key, step);
#pragma warning restore CA5350
        var o = hash[^1] & 0xf;
        var binary = ((hash[o] & 0x7f) << 24) | (hash[o + 1] << 16) | (hash[o + 2] << 8) | hash[o + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Public_registration_applies_the_public_password_profile()
    {
        var client = App.Anonymous();
        var name = "pub" + Guid.NewGuid().ToString("N")[..6];
        var weak = await client.PostAsJsonAsync("/api/v1/account/register", new { userName = name, displayName = "张三", phone = "13900001111", password = "12345678", confirmPassword = "12345678" });
        weak.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await weak.Content.ReadAsStringAsync()).ShouldContain("过于常见");
        var ok = await client.PostAsJsonAsync("/api/v1/account/register", new { userName = name, displayName = "张三", phone = "13900001111", password = "lanzhou river 88", confirmPassword = "lanzhou river 88" });
        ok.StatusCode.ShouldBe(HttpStatusCode.Created);
        var me = await (await App.LoginAsync(name, "lanzhou river 88")).GetFromJsonAsync<JsonElement>("/api/v1/account/me");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([RoleNames.Public]);
        me.GetProperty("scope").GetString().ShouldBe("Self");
    }

    /// <summary>
    /// Walks every API route that takes an id, as 秦川区's county admin, with ids owned by 云岭县: each
    /// must answer as its module's <see cref="IScopeWalkCases"/> says (404 for scoped records). A route
    /// without a case fails the test until its module adds one.
    /// </summary>
    [Fact]
    public async Task Every_api_route_with_an_id_refuses_records_of_another_county()
    {
        var ctx = await ScopeWalkContext.CreateAsync(App);
        var cases = new Dictionary<string, ScopeCase>();
        foreach (var type in typeof(SecurityTests).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(IScopeWalkCases).IsAssignableFrom(t)))
            foreach (var c in await ((IScopeWalkCases)Activator.CreateInstance(type)!).ArrangeAsync(ctx))
                cases.Add(c.Route, c);

        var routes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } t && t.StartsWith("/api/v1", StringComparison.Ordinal) && t.Contains("{id", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToList();
        routes.ShouldNotBeEmpty();
        routes.Where(r => !cases.ContainsKey(r)).ShouldBeEmpty("every API route that takes an id needs a data-scope case (IScopeWalkCases)");

        var qinchuan = await App.LoginAsync("county.qinchuan");
        foreach (var route in routes)
        {
            var c = cases[route];
            using var request = new HttpRequestMessage(c.Method, c.Url) { Content = c.Body is null ? null : JsonContent.Create(c.Body) };
            var response = await qinchuan.SendAsync(request);
            response.StatusCode.ShouldBe(c.Expected, $"{route}: {await response.Content.ReadAsStringAsync()}");
        }
        await ctx.Db.DisposeAsync();
    }

    [Fact]
    public async Task An_import_with_bad_rows_commits_nothing_and_names_each_row()
    {
        var admin = await App.LoginAsync("city.admin");
        var template = await admin.GetAsync("/api/v1/imports/organisations/template");
        template.StatusCode.ShouldBe(HttpStatusCode.OK);
        var suffix = Guid.NewGuid().ToString("N")[..4];
        var rows = new[]
        {
            Row($"导入镇A{suffix}", "镇(街道)科协", "秦川区科协", "619902001"),
            Row($"导入镇B{suffix}", "镇(街道)科协", "不存在的县科协", "619902001"),
            Row($"导入镇C{suffix}", "无效类型", "秦川区科协", "619902001"),
            Row($"导入镇D{suffix}", "镇(街道)科协", "秦川区科协", "12345"),
        };
        var report = await ImportAsync(admin, rows);
        report.GetProperty("status").GetString().ShouldBe("Failed");
        var result = JsonDocument.Parse(report.GetProperty("resultJson").GetString()!).RootElement;
        var errors = result.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("message").GetString()!)).ToList();
        errors.ShouldContain(e => e.Item1 == 3 && e.Item2.Contains("不存在的县科协"));
        errors.ShouldContain(e => e.Item1 == 4 && e.Item2.Contains("无效类型"));
        errors.ShouldContain(e => e.Item1 == 5 && e.Item2.Contains("6位或9位"));
        errors.ShouldNotContain(e => e.Item1 == 2);
        report.GetProperty("resultFileId").ValueKind.ShouldBe(JsonValueKind.String);
        (await admin.GetAsync($"/api/v1/files/{report.GetProperty("resultFileId").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using (var db = App.SystemDb())
            (await db.Organisations.AnyAsync(o => o.Name.EndsWith(suffix))).ShouldBeFalse("nothing is committed when any row is bad");

        var good = await ImportAsync(admin, [rows[0], Row($"导入分会{suffix}", "学会分支机构", "示范市农学会", "619900"), Row($"导入子分会{suffix}", "学会分支机构", $"导入分会{suffix}", "619900")]);
        good.GetProperty("status").GetString().ShouldBe("Succeeded");
        await using var after = App.SystemDb();
        (await after.Organisations.CountAsync(o => o.Name.EndsWith(suffix))).ShouldBe(3);
        var child = await after.Organisations.FirstAsync(o => o.Name == $"导入子分会{suffix}");
        var parent = await after.Organisations.FirstAsync(o => o.Name == $"导入分会{suffix}");
        child.ParentId.ShouldBe(parent.Id);
        // A child whose parent came from the same file sits under all of that parent's ancestors too.
        var society = await after.Organisations.FirstAsync(o => o.Name == "示范市农学会");
        (await after.OrganisationClosures.AnyAsync(c => c.AncestorId == society.Id && c.DescendantId == child.Id && c.Distance == 2)).ShouldBeTrue();
        var liaison = await App.LoginAsync("society.nongxue");
        (await liaison.GetAsync($"/api/v1/organisations/{child.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "本组织 scope: the society itself only");
    }

    private static Dictionary<string, object?> Row(string name, string type, string parent, string region) => new()
    {
        ["名称"] = name,
        ["类型"] = type,
        ["上级组织"] = parent,
        ["行政区划代码"] = region,
    };

    private static async Task<JsonElement> ImportAsync(HttpClient client, IEnumerable<Dictionary<string, object?>> rows)
    {
        using var ms = new MemoryStream();
        await ms.SaveAsAsync(rows);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(ms.ToArray()), "file", "orgs.xlsx" } };
        var r = await client.PostAsync("/api/v1/imports/organisations", form);
        r.StatusCode.ShouldBe(HttpStatusCode.Accepted, await r.Content.ReadAsStringAsync());
        var jobId = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid();
        for (var i = 0; i < 300; i++)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{jobId}");
            var status = job.GetProperty("status").GetString();
            if (status is "Succeeded" or "Failed") return job;
            await Task.Delay(100);
        }
        throw new TimeoutException("import job did not finish");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SecurityTests_Sqlite(SqliteApp app) : SecurityTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SecurityTests_Postgres(PostgresApp app) : SecurityTests(app);
