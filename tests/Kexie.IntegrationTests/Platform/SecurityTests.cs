using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Jobs;
using Kexie.Web.Platform.Organisations;
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
    /// Walks every API route that takes an id, as a 秦川区 county admin, with ids owned by 云岭县:
    /// each must answer 404 (or 403 where the role lacks the permission altogether). A new route fails
    /// this test until it is listed here.
    /// </summary>
    [Fact]
    public async Task Every_api_route_with_an_id_refuses_records_of_another_county()
    {
        // Arrange records owned by 云岭县.
        var yunling = await App.LoginAsync("county.yunling");
        await using var db = App.SystemDb();
        var yOrg = await db.Organisations.AsNoTracking().FirstAsync(o => o.Name == "云岭县科协");
        var yTown = await db.Organisations.AsNoTracking().Where(o => o.ParentId == yOrg.Id && o.Type == OrganisationType.TownAssociation).FirstAsync();
        var yUnit = new CoverageUnit { OrganisationId = yOrg.Id, Name = "云岭测试企业", Kind = CoverageUnitKind.Enterprise, RegionCode = yOrg.RegionCode };
        var yPost = new SanZhangPost { OrganisationId = yTown.Id, PersonName = "测试", Kind = SanZhangKind.SchoolHead, UnitName = "测试小学" };
        db.AddRange(yUnit, yPost);
        var yUser = await db.Users.AsNoTracking().FirstAsync(u => u.UserName == "county.yunling");
        using var upload = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4 test"u8.ToArray()), "file", "a.pdf" } };
        var fileId = (await (await yunling.PostAsync("/api/v1/files", upload)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var jobId = Guid.CreateVersion7();
        db.Jobs.Add(new BackgroundJob { Id = jobId, Type = "none", Title = "x", Status = JobStatus.Succeeded, CreatedByUserId = yUser.Id, CreatedAt = db.UtcNow });
        var noteId = Guid.CreateVersion7();
        db.Notifications.Add(new Kexie.Web.Platform.Notifications.Notification { Id = noteId, UserId = yUser.Id, Title = "x", CreatedAt = db.UtcNow });
        await db.SaveChangesAsync();

        var org = new { name = "x", type = "TownAssociation", parentId = yOrg.Id, regionCode = yOrg.RegionCode, version = 0 };
        var cases = new Dictionary<string, (HttpMethod Method, string Url, object? Body, HttpStatusCode Expected)>
        {
            ["GET /api/v1/organisations/{id:guid}"] = (HttpMethod.Get, $"/api/v1/organisations/{yTown.Id}", null, HttpStatusCode.NotFound),
            ["PUT /api/v1/organisations/{id:guid}"] = (HttpMethod.Put, $"/api/v1/organisations/{yTown.Id}", org, HttpStatusCode.NotFound),
            ["POST /api/v1/organisations/{id:guid}/move"] = (HttpMethod.Post, $"/api/v1/organisations/{yTown.Id}/move", new { newParentId = yOrg.Id, version = 0 }, HttpStatusCode.NotFound),
            ["POST /api/v1/organisations/{id:guid}/deactivate"] = (HttpMethod.Post, $"/api/v1/organisations/{yTown.Id}/deactivate", new { reason = "x", version = 0 }, HttpStatusCode.NotFound),
            ["POST /api/v1/organisations/{id:guid}/reactivate"] = (HttpMethod.Post, $"/api/v1/organisations/{yTown.Id}/reactivate", new { version = 0 }, HttpStatusCode.NotFound),
            ["PUT /api/v1/organisations/coverage-units/{id:guid}"] = (HttpMethod.Put, $"/api/v1/organisations/coverage-units/{yUnit.Id}?version=0",
                new { countyOrganisationId = (await db.Organisations.FirstAsync(o => o.Name == "秦川区科协")).Id, name = "x", kind = "Enterprise", regionCode = "", associationId = (Guid?)null, note = (string?)null }, HttpStatusCode.NotFound),
            ["PUT /api/v1/organisations/sanzhang/{id:guid}"] = (HttpMethod.Put, $"/api/v1/organisations/sanzhang/{yPost.Id}",
                new { organisationId = (await db.Organisations.FirstAsync(o => o.Name == "石门镇科协")).Id, personName = "x", kind = "SchoolHead", unitName = "x", post = "x", version = 0 }, HttpStatusCode.NotFound),
            ["GET /api/v1/jobs/{id:guid}"] = (HttpMethod.Get, $"/api/v1/jobs/{jobId}", null, HttpStatusCode.NotFound),
            ["GET /api/v1/files/{id:guid}"] = (HttpMethod.Get, $"/api/v1/files/{fileId}", null, HttpStatusCode.NotFound),
            ["POST /api/v1/notifications/{id:guid}/read"] = (HttpMethod.Post, $"/api/v1/notifications/{noteId}/read", null, HttpStatusCode.NoContent),
            ["PUT /api/v1/admin/users/{id:guid}"] = (HttpMethod.Put, $"/api/v1/admin/users/{yUser.Id}", new { user = new { userName = "x", displayName = "x", roles = Array.Empty<string>() }, isActive = true }, HttpStatusCode.NotFound),
            ["POST /api/v1/admin/users/{id:guid}/reset"] = (HttpMethod.Post, $"/api/v1/admin/users/{yUser.Id}/reset", new { newPassword = (string?)null }, HttpStatusCode.NotFound),
            // Not scoped data, and the county role lacks these permissions entirely:
            ["PUT /api/v1/dictionaries/{category}/{id:guid}"] = (HttpMethod.Put, $"/api/v1/dictionaries/title/{Guid.NewGuid()}", new { code = "x", name = "x", sortOrder = 0 }, HttpStatusCode.Forbidden),
            ["PUT /api/v1/admin/roles/{id:guid}"] = (HttpMethod.Put, $"/api/v1/admin/roles/{Guid.NewGuid()}", new { scope = "All", permissions = Array.Empty<string>() }, HttpStatusCode.Forbidden),
            ["POST /api/v1/admin/sessions/{id:guid}/end"] = (HttpMethod.Post, $"/api/v1/admin/sessions/{Guid.NewGuid()}/end", null, HttpStatusCode.Forbidden),
        };

        var routes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } t && t.StartsWith("/api/v1", StringComparison.Ordinal) && t.Contains("{id", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToList();
        routes.ShouldNotBeEmpty();
        routes.Where(r => !cases.ContainsKey(r)).ShouldBeEmpty("every API route that takes an id needs a data-scope case here");

        var qinchuan = await App.LoginAsync("county.qinchuan");
        foreach (var route in routes)
        {
            var (method, url, body, expected) = cases[route];
            using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
            var response = await qinchuan.SendAsync(request);
            response.StatusCode.ShouldBe(expected, $"{route}: {await response.Content.ReadAsStringAsync()}");
        }
        // The notification of another user was not touched by "read": it is filtered by owner, not by id.
        await using var check = App.SystemDb();
        (await check.Notifications.AsNoTracking().FirstAsync(n => n.Id == noteId)).ReadAt.ShouldBeNull();
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
