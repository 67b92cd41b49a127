using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kexie.IntegrationTests.WorkPlans;
using Shouldly;
using Xunit;
using static Kexie.IntegrationTests.Awards.AwardsFlow;

namespace Kexie.IntegrationTests.Awards;

/// <summary>
/// The 公示 of a call's results on the app's clock (sign-in again after each jump: cookies expire with the clock).
/// 2026 calendar: 国庆 10/1–10/7 放假, Saturday 10/10 调休上班.
/// </summary>
public abstract class AwardsPublicityTimeTests(FakeClockApp app)
{
    private static DateTimeOffset China(int month, int day, int hour = 9) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task A_publicity_of_six_working_days_started_before_national_day_ends_on_the_make_up_saturday_and_gates_finalisation()
    {
        app.Clock.SetUtcNow(China(9, 1));
        var flow = new AwardsFlow(app);
        var (city, callId) = await flow.OpenCallAsync("youth-innovation", China(9, 10).UtcDateTime);
        var entry = await flow.EligibleAsync(city, callId, "雨水回收", "学生科技创新成果", YouthValues());
        // 公示 of 6 working days, set on the setup page's API.
        var s = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>((await Json(await city.GetAsync($"/api/v1/awards/calls/{callId}/setup"))).GetProperty("setup").GetRawText())!;
        s["publicityWorkingDays"] = JsonSerializer.SerializeToElement(6);
        await Ok(await city.PutAsJsonAsync($"/api/v1/awards/calls/{callId}/setup", s));
        var round = await ReviewByCityAdminAsync(city, callId);
        await ScoreAsync(city, callId, _ => new { innovation = 35, science = 25, practice = 25 });
        await Ok(await city.PostAsJsonAsync($"{round}/rank", new { }));
        await Ok(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/confirm", new { note = "同意", version = await CallVersion(city, callId) }));

        // Published on Monday 28 September: 9/28, 9/29, 9/30, (国庆 10/1–10/7), 10/8, 10/9, Saturday 10/10 (调休上班).
        app.Clock.SetUtcNow(China(9, 28));
        city = await app.LoginAsync("city.admin");
        var publicityId = (await Json(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/publicise", new { version = await CallVersion(city, callId) })))
            .GetProperty("publicityId").GetGuid();
        var status = (await Json(await city.GetAsync($"/api/v1/awards/calls/{callId}/publication"))).GetProperty("publicity");
        status.GetProperty("startDate").GetString().ShouldBe("2026-09-28");
        status.GetProperty("endDate").GetString().ShouldBe("2026-10-10");

        // An objection inside the window (during the holiday, the notice is still open); finalisation is refused before the window closes.
        app.Clock.SetUtcNow(China(10, 5));
        await Ok(await app.Anonymous().PostAsJsonAsync($"/api/v1/public/gongshi/{publicityId}/objections",
            new { name = "李四", contact = "13900001111", itemIndex = 0, content = "作品与往届获奖作品雷同" }));
        app.Clock.SetUtcNow(China(10, 10, 20));
        city = await app.LoginAsync("city.admin");
        await Refused(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/finalise", new { version = await CallVersion(city, callId) }),
            HttpStatusCode.BadRequest, "2026年10月10日");

        // The window has closed (Sunday 10/11): the undecided objection still blocks; late objections are refused.
        app.Clock.SetUtcNow(China(10, 11));
        city = await app.LoginAsync("city.admin");
        (await app.Anonymous().PostAsJsonAsync($"/api/v1/public/gongshi/{publicityId}/objections",
            new { name = "王五", contact = "13900002222", itemIndex = 0, content = "逾期异议" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await Refused(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/finalise", new { version = await CallVersion(city, callId) }),
            HttpStatusCode.BadRequest, "异议");
        var objection = (await city.GetFromJsonAsync<JsonElement>($"/api/v1/platform/publicity/{publicityId}/objections")).EnumerateArray().Single();
        await Ok(await city.PostAsJsonAsync($"/api/v1/platform/publicity/objections/{objection.GetProperty("id").GetGuid()}/decide",
            new { upheld = false, reason = "经核查为原创作品", version = objection.GetProperty("version").GetInt32() }));
        (await app.Anonymous().GetAsync($"/api/v1/awards/public/calls/{callId}/results")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await Ok(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/finalise", new { version = await CallVersion(city, callId) }));
        (await Call(city, callId)).GetProperty("status").GetString().ShouldBe("Final");
        (await app.Anonymous().GetStringAsync($"/awards/results/{callId}")).ShouldContain("雨水回收");
        (await Json(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/certificates", new { }))).GetProperty("issued").GetInt32().ShouldBe(1);
        entry.ShouldNotBe(Guid.Empty);
    }
}

[Collection(FakeClockSqliteCollection.Name)]
public sealed class AwardsPublicityTimeTests_Sqlite(FakeClockSqliteApp app) : AwardsPublicityTimeTests(app);

[Collection(FakeClockPostgresCollection.Name)]
public sealed class AwardsPublicityTimeTests_Postgres(FakeClockPostgresApp app) : AwardsPublicityTimeTests(app);
