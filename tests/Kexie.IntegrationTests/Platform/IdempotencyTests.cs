using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kexie.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Kexie.IntegrationTests.Platform;

/// <summary>A double submit does not create two records: the API with Idempotency-Key, pages with a form token.</summary>
public abstract class IdempotencyTests(KexieApp app)
{
    private async Task<object> NewTownAsync(string name)
    {
        await using var db = app.SystemDb();
        var county = await db.Organisations.AsNoTracking().FirstAsync(o => o.Name == "秦川区科协");
        return new { name, type = "TownAssociation", parentId = county.Id, regionCode = county.RegionCode };
    }

    private static HttpRequestMessage Post(string url, object body, string key)
    {
        var m = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        m.Headers.Add("Idempotency-Key", key);
        return m;
    }

    [Fact]
    public async Task The_same_key_replays_the_first_answer()
    {
        var client = await app.LoginAsync("city.admin");
        var name = "幂等镇科协" + Guid.NewGuid().ToString("N")[..6];
        var body = await NewTownAsync(name);
        var key = Guid.NewGuid().ToString();
        var first = await client.SendAsync(Post("/api/v1/organisations", body, key));
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var second = await client.SendAsync(Post("/api/v1/organisations", body, key));
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()
            .ShouldBe((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        second.Headers.Location.ShouldBe(first.Headers.Location);

        // Reusing the key for a different request is refused.
        var other = await client.SendAsync(Post("/api/v1/organisations", await NewTownAsync(name + "乙"), key));
        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        await using var db = app.SystemDb();
        (await db.Organisations.CountAsync(o => o.Name == name)).ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_duplicates_create_one_record()
    {
        var client = await app.LoginAsync("city.admin");
        var name = "并发镇科协" + Guid.NewGuid().ToString("N")[..6];
        var body = await NewTownAsync(name);
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SendAsync(Post("/api/v1/organisations", body, key))));
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Conflict);
        responses.Count(r => r.StatusCode == HttpStatusCode.Created && !r.Headers.Contains("Idempotent-Replayed")).ShouldBe(1);
        await using var db = app.SystemDb();
        (await db.Organisations.CountAsync(o => o.Name == name)).ShouldBe(1);
    }

    [Fact]
    public async Task A_create_form_posted_twice_creates_one_organisation()
    {
        var client = await app.LoginAsync("city.admin");
        await using var db = app.SystemDb();
        var county = await db.Organisations.AsNoTracking().FirstAsync(o => o.Name == "秦川区科协");
        var html = await client.GetStringAsync($"/orgs/new?parentId={county.Id}");
        string Hidden(string name) => System.Text.RegularExpressions.Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;
        var name = "表单镇科协" + Guid.NewGuid().ToString("N")[..6];
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "org-edit",
            ["__RequestVerificationToken"] = Hidden("__RequestVerificationToken"),
            ["FormToken"] = Hidden("FormToken"),
            ["Input.Version"] = "0",
            ["Input.ParentId"] = county.Id.ToString(),
            ["Input.Name"] = name,
            ["Input.Type"] = "TownAssociation",
            ["Input.RegionCode"] = county.RegionCode,
            ["Input.SortOrder"] = "0",
        };
        Hidden("FormToken").Length.ShouldBe(32);
        var first = await client.PostAsync($"/orgs/new?parentId={county.Id}", new FormUrlEncodedContent(form));
        var second = await client.PostAsync($"/orgs/new?parentId={county.Id}", new FormUrlEncodedContent(form));
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect, await first.Content.ReadAsStringAsync());
        second.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.Headers.Location.ShouldBe(first.Headers.Location);
        (await db.Organisations.CountAsync(o => o.Name == name)).ShouldBe(1);
    }

    [Fact]
    public async Task A_failed_request_can_be_retried_with_the_same_key()
    {
        var client = await app.LoginAsync("city.admin");
        var key = Guid.NewGuid().ToString();
        var bad = await client.SendAsync(Post("/api/v1/organisations", new { name = "", type = "TownAssociation" }, key));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var name = "重试镇科协" + Guid.NewGuid().ToString("N")[..6];
        var retry = await client.SendAsync(Post("/api/v1/organisations", await NewTownAsync(name), key));
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class IdempotencyTests_Sqlite(SqliteApp app) : IdempotencyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class IdempotencyTests_Postgres(PostgresApp app) : IdempotencyTests(app);
