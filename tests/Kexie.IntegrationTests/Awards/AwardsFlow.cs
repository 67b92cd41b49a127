using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kexie.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace Kexie.IntegrationTests.Awards;

/// <summary>Shared steps of the awards tests through the API (calls, entries, reviews).</summary>
public sealed class AwardsFlow(KexieApp app)
{
    public static string Unique(string s) => $"{s}{Guid.NewGuid().ToString("N")[..6]}";

    public async Task<Guid> OrgId(string name)
    {
        await using var db = app.SystemDb();
        return await db.Organisations.AsNoTracking().Where(o => o.Name == name).Select(o => o.Id).FirstAsync();
    }

    public static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        r.IsSuccessStatusCode.ShouldBeTrue(await r.Content.ReadAsStringAsync());
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<Guid> IdOf(HttpResponseMessage r) => (await Json(r)).GetProperty("id").GetGuid();

    public static async Task Ok(HttpResponseMessage r) => r.IsSuccessStatusCode.ShouldBeTrue(await r.Content.ReadAsStringAsync());

    public static async Task Refused(HttpResponseMessage r, HttpStatusCode code, string? text = null)
    {
        var body = await r.Content.ReadAsStringAsync();
        r.StatusCode.ShouldBe(code, body);
        if (text is not null) body.ShouldContain(text);
    }

    public static async Task<JsonElement> Call(HttpClient c, Guid id) => await Json(await c.GetAsync($"/api/v1/awards/calls/{id}"));

    public static async Task<int> CallVersion(HttpClient c, Guid id) => (await Call(c, id)).GetProperty("version").GetInt32();

    public static async Task<int> EntryVersion(HttpClient c, Guid id) => (await Json(await c.GetAsync($"/api/v1/awards/entries/{id}"))).GetProperty("version").GetInt32();

    /// <summary>A call from a template, open for entries until <paramref name="deadline"/>.</summary>
    public async Task<(HttpClient City, Guid CallId)> OpenCallAsync(string template, DateTime deadline)
    {
        var city = await app.LoginAsync("city.admin");
        var id = await IdOf(await city.PostAsJsonAsync("/api/v1/awards/calls/from-template", new { templateKey = template, year = 2026, edition = Unique("第"), submissionDeadline = deadline }));
        await Ok(await city.PostAsJsonAsync($"/api/v1/awards/calls/{id}/open", new { version = await CallVersion(city, id) }));
        return (city, id);
    }

    /// <summary>An entry by public.demo, submitted, recommended by 秦川区科协 and passed by the city.</summary>
    public async Task<Guid> EligibleAsync(HttpClient city, Guid callId, string title, string? category, Dictionary<string, string> values)
    {
        var applicant = await app.LoginAsync("public.demo", "Public@2026");
        var county = await app.LoginAsync("county.qinchuan");
        var id = await IdOf(await applicant.PostAsJsonAsync("/api/v1/awards/entries", new
        {
            callId,
            title,
            category,
            applicantName = "王小明",
            applicantUnit = "秦川区实验中学",
            recommendingUnitId = await OrgId("秦川区科协"),
            values,
        }));
        await Ok(await applicant.PostAsJsonAsync($"/api/v1/awards/entries/{id}/submit", new { version = await EntryVersion(applicant, id) }));
        await Ok(await county.PostAsJsonAsync($"/api/v1/awards/entries/{id}/recommend", new { version = await EntryVersion(county, id) }));
        await Ok(await city.PostAsJsonAsync($"/api/v1/awards/entries/{id}/check", new { decision = "Pass", version = await EntryVersion(city, id) }));
        return id;
    }

    public static Dictionary<string, string> YouthValues() => new() { ["school"] = "秦川区实验中学", ["grade"] = "初中", ["discipline"] = "工程", ["abstract"] = "用雨水浇灌校园绿地" };

    public static Dictionary<string, string> PersonValues() => new() { ["gender"] = "女", ["birth"] = "1985-03-02", ["title"] = "高级工程师", ["achievements"] = "扎根山区二十年" };

    /// <summary>Closes entries, puts city.admin on the first round's panel, assigns, and returns the round's API path.</summary>
    public static async Task<string> ReviewByCityAdminAsync(HttpClient city, Guid callId)
    {
        await Ok(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/review", new { version = await CallVersion(city, callId) }));
        var roundId = (await Call(city, callId)).GetProperty("rounds")[0].GetProperty("id").GetGuid();
        var round = $"/api/v1/awards/calls/{callId}/rounds/{roundId}";
        await Ok(await city.PostAsJsonAsync($"{round}/reviewers", new { userName = "city.admin" }));
        await Ok(await city.PostAsJsonAsync($"{round}/assign", new { }));
        return round;
    }

    /// <summary>city.admin scores each of its assignments in the call with the scores chosen by entry title.</summary>
    public static async Task ScoreAsync(HttpClient city, Guid callId, Func<string, object> scores)
    {
        var mine = (await city.GetFromJsonAsync<JsonElement>("/api/v1/awards/reviews")).EnumerateArray().Where(a => a.GetProperty("callId").GetGuid() == callId).ToList();
        foreach (var a in mine)
            await Ok(await city.PostAsJsonAsync($"/api/v1/awards/reviews/{a.GetProperty("id").GetGuid()}/score",
                new { scores = scores(a.GetProperty("entryTitle").GetString()!), version = 0 }));
    }
}
