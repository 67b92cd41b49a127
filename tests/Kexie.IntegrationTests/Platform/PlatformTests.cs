using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Organisations;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Kexie.IntegrationTests.Platform;

/// <summary>The platform foundation through the real app and database, once per provider.</summary>
public abstract class PlatformTests(KexieApp app)
{
    protected KexieApp App { get; } = app;

    private async Task<Organisation> Org(string name)
    {
        await using var db = App.SystemDb();
        return await db.Organisations.AsNoTracking().FirstAsync(o => o.Name == name);
    }

    [Fact]
    public async Task Migrations_match_the_model()
    {
        await using var db = App.SystemDb();
        db.Database.HasPendingModelChanges().ShouldBeFalse($"{App.Provider}: the model has changes without a migration");
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task County_admin_sees_only_its_own_county_subtree()
    {
        var client = await App.LoginAsync("county.qinchuan");
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/organisations?pageSize=200");
        var names = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        names.ShouldContain("秦川区科协");
        names.ShouldNotContain("云岭县科协");
        names.ShouldNotContain("示范市科协");
        await using var db = App.SystemDb();
        var county = await Org("秦川区科协");
        var inSubtree = await db.OrganisationClosures.CountAsync(c => c.AncestorId == county.Id && db.Organisations.Any(o => o.Id == c.DescendantId && o.IsActive));
        page.GetProperty("total").GetInt32().ShouldBe(inSubtree);
    }

    [Fact]
    public async Task The_whole_scope_count_follows_deactivation_reactivation_and_moves()
    {
        var admin = await App.LoginAsync("city.admin");
        var county = await Org("秦川区科协");
        var yunlingOrg = await Org("云岭县科协");
        var qinchuan = await App.LoginAsync("county.qinchuan");
        var yunling = await App.LoginAsync("county.yunling");
        async Task<(int Total, int TotalWithInactive, bool Listed)> Seen(HttpClient c, string name)
        {
            var page = await c.GetFromJsonAsync<JsonElement>("/api/v1/organisations?pageSize=200");
            var all = await c.GetFromJsonAsync<JsonElement>("/api/v1/organisations?pageSize=200&includeInactive=true");
            var listed = page.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("name").GetString() == name);
            return (page.GetProperty("total").GetInt32(), all.GetProperty("total").GetInt32(), listed);
        }

        async Task<int> Version(Guid id) => (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/organisations/{id}")).GetProperty("version").GetInt32();
        var name = $"计数镇科协{Guid.NewGuid().ToString("N")[..4]}";
        var before = await Seen(qinchuan, name);
        var create = await admin.PostAsJsonAsync("/api/v1/organisations", new { name, type = "TownAssociation", parentId = county.Id, regionCode = county.RegionCode });
        var id = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await Seen(qinchuan, name)).ShouldBe((before.Total + 1, before.TotalWithInactive + 1, true));

        (await admin.PostAsJsonAsync($"/api/v1/organisations/{id}/deactivate", new { reason = "撤并", version = await Version(id) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Seen(qinchuan, name)).ShouldBe((before.Total, before.TotalWithInactive + 1, false));

        // Moved while inactive: the flag moves with it — the new county counts it only among the inactive.
        var yunlingBefore = await Seen(yunling, name);
        (await admin.PostAsJsonAsync($"/api/v1/organisations/{id}/move", new { newParentId = yunlingOrg.Id, version = await Version(id) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Seen(qinchuan, name)).ShouldBe(before);
        (await Seen(yunling, name)).ShouldBe((yunlingBefore.Total, yunlingBefore.TotalWithInactive + 1, false));

        (await admin.PostAsJsonAsync($"/api/v1/organisations/{id}/reactivate", new { version = await Version(id) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Seen(yunling, name)).ShouldBe((yunlingBefore.Total + 1, yunlingBefore.TotalWithInactive + 1, true));
    }

    [Fact]
    public async Task An_organisation_of_another_county_answers_404_on_api_and_page()
    {
        var client = await App.LoginAsync("county.qinchuan");
        var other = await Org("云岭县科协");
        (await client.GetAsync($"/api/v1/organisations/{other.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/orgs/{other.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var own = await Org("秦川区科协");
        (await client.GetAsync($"/api/v1/organisations/{own.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/orgs/{own.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task County_admin_cannot_create_under_another_county()
    {
        var client = await App.LoginAsync("county.qinchuan");
        var other = await Org("云岭县科协");
        var r = await client.PostAsJsonAsync("/api/v1/organisations", new { name = "越权测试镇科协", type = "TownAssociation", parentId = other.Id, regionCode = other.RegionCode });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("不在您的管理范围内");
        await using var db = App.SystemDb();
        (await db.Organisations.AnyAsync(o => o.Name == "越权测试镇科协")).ShouldBeFalse();
    }

    [Fact]
    public async Task Create_edit_move_deactivate_keep_the_tree_and_audit_every_change()
    {
        var client = await App.LoginAsync("city.admin");
        var county = await Org("秦川区科协");
        var town = $"测试镇科协{Guid.NewGuid().ToString("N")[..4]}";
        var create = await client.PostAsJsonAsync("/api/v1/organisations", new { name = town, type = "TownAssociation", parentId = county.Id, regionCode = county.RegionCode, contactPhone = "13812345678" });
        create.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organisations/{id}");
        detail.GetProperty("contactPhoneMasked").GetString().ShouldBe("138****5678");
        var version = detail.GetProperty("version").GetInt32();
        (await client.PutAsJsonAsync($"/api/v1/organisations/{id}", new { name = town + "（改）", type = "TownAssociation", parentId = county.Id, regionCode = county.RegionCode, version }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // A stale version is refused, nothing is overwritten.
        var stale = await client.PutAsJsonAsync($"/api/v1/organisations/{id}", new { name = "覆盖", type = "TownAssociation", parentId = county.Id, regionCode = county.RegionCode, version });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("已被他人修改");

        var target = await Org("云岭县科协");
        version++;
        (await client.PostAsJsonAsync($"/api/v1/organisations/{id}/move", new { newParentId = target.Id, version })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await using (var db = App.SystemDb())
        {
            var ancestors = await db.OrganisationClosures.Where(c => c.DescendantId == id).Select(c => c.AncestorId).ToListAsync();
            ancestors.ShouldContain(target.Id);
            ancestors.ShouldNotContain(county.Id);
        }
        // The county it left no longer sees it; the new county does.
        var qinchuan = await App.LoginAsync("county.qinchuan");
        (await qinchuan.GetAsync($"/api/v1/organisations/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var yunling = await App.LoginAsync("county.yunling");
        (await yunling.GetAsync($"/api/v1/organisations/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        version++;
        var noReason = await client.PostAsJsonAsync($"/api/v1/organisations/{id}/deactivate", new { reason = "", version });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsJsonAsync($"/api/v1/organisations/{id}/deactivate", new { reason = "撤并", version })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await using var check = App.SystemDb();
        var org = await check.Organisations.AsNoTracking().FirstAsync(o => o.Id == id);
        org.IsActive.ShouldBeFalse();
        var trail = await check.AuditEntries.AsNoTracking().Where(a => a.EntityId == id.ToString()).OrderBy(a => a.Seq).ToListAsync();
        trail.Select(a => a.Action).ShouldBe([AuditActions.Create, AuditActions.Update, AuditActions.Update, AuditActions.Transition, AuditActions.Update], ignoreOrder: true);
        trail.First().ActorName.ShouldBe("city.admin");
        trail.First().Changes!.ShouldContain("138****5678");
        trail.First().Changes!.ShouldNotContain("13812345678");
    }

    [Fact]
    public async Task A_parent_with_active_children_cannot_be_deactivated()
    {
        var client = await App.LoginAsync("city.admin");
        var county = await Org("明德区科协");
        var r = await client.PostAsJsonAsync($"/api/v1/organisations/{county.Id}/deactivate", new { reason = "测试", version = county.Version });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await r.Content.ReadAsStringAsync());
        (await r.Content.ReadAsStringAsync()).ShouldContain("下级组织");
    }

    [Fact]
    public async Task The_audit_chain_detects_an_edited_and_a_deleted_row()
    {
        // Runs on its own copy of the trail: tamper, verify, then restore.
        var admin = await App.LoginAsync("admin");
        var ok = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit/verify");
        ok.GetProperty("intact").GetBoolean().ShouldBeTrue();

        await using var db = App.SystemDb();
        var victim = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Seq).Skip(3).FirstAsync();
        var original = victim.Summary;
        await db.AuditEntries.Where(a => a.Seq == victim.Seq).ExecuteUpdateAsync(s => s.SetProperty(a => a.Summary, "篡改后的摘要"));
        var broken = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit/verify");
        broken.GetProperty("intact").GetBoolean().ShouldBeFalse();
        var reasons = broken.GetProperty("breaks").EnumerateArray().Select(b => (b.GetProperty("seq").GetInt64(), b.GetProperty("reason").GetString())).ToList();
        reasons.ShouldContain(x => x.Item1 == victim.Seq && x.Item2!.Contains("篡改"));
        await db.AuditEntries.Where(a => a.Seq == victim.Seq).ExecuteUpdateAsync(s => s.SetProperty(a => a.Summary, original));

        var deleted = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Seq).Skip(5).FirstAsync();
        await db.AuditEntries.Where(a => a.Seq == deleted.Seq).ExecuteDeleteAsync();
        var gap = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit/verify");
        gap.GetProperty("intact").GetBoolean().ShouldBeFalse();
        gap.GetProperty("breaks").EnumerateArray().ShouldContain(b => b.GetProperty("reason").GetString()!.Contains("缺失"));
        db.AuditEntries.Add(deleted);
        await db.SaveAuditRowsForTestAsync();
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit/verify")).GetProperty("intact").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Public_user_cannot_use_the_console_or_the_staff_api()
    {
        var client = await App.LoginAsync("public.demo", "Public@2026");
        var console = await client.GetAsync("/console");
        console.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        console.Headers.Location!.ToString().ShouldContain("/forbidden");
        (await client.GetAsync("/api/v1/organisations")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await App.Anonymous().GetAsync("/api/v1/organisations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // Both refusals are in the audit trail.
        await using var db = App.SystemDb();
        var denials = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.PermissionDenied && a.ActorName == "public.demo")
            .Select(a => a.Summary).ToListAsync();
        denials.ShouldContain(s => s.Contains("/console"));
        denials.ShouldContain(s => s.Contains("/api/v1/organisations"));
    }

    [Fact]
    public async Task The_english_switch_translates_the_pages()
    {
        var client = App.Anonymous();
        (await client.GetStringAsync("/login")).ShouldContain("用户名");
        var switched = await client.GetAsync("/culture?c=en&returnUrl=/login");
        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        switched.Headers.Location!.ToString().ShouldBe("/login");
        var english = await client.GetStringAsync("/login");
        english.ShouldContain("User name");
        english.ShouldContain("lang=\"en\"");
        // Only local return URLs are followed.
        (await client.GetAsync("/culture?c=zh&returnUrl=//evil.example")).Headers.Location!.ToString().ShouldBe("/");
    }

    [Fact]
    public async Task Security_headers_and_health_endpoints()
    {
        var client = App.Anonymous();
        var r = await client.GetAsync("/login");
        r.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        r.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        r.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        r.Headers.GetValues("Referrer-Policy").Single().ShouldBe("strict-origin-when-cross-origin");
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PlatformTests_Sqlite(SqliteApp app) : PlatformTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PlatformTests_Postgres(PostgresApp app) : PlatformTests(app);
