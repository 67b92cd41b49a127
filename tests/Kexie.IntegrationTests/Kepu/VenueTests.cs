using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Modules.Kepu.Domain;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Kexie.IntegrationTests.Kepu;

/// <summary>科普阵地 and 科普大篷车: registry, monthly visitors, tours with stops, and their figures.</summary>
public abstract class VenueTests(KexieApp app)
{
    protected KexieApp App { get; } = app;

    [Fact]
    public async Task Monthly_visitors_and_caravan_attendance_feed_the_statistics_and_metrics()
    {
        var county = await App.LoginAsync("county.qinchuan");
        var year = DateTime.UtcNow.AddHours(8).Year;
        var thisMonth = new DateOnly(year, DateTime.UtcNow.AddHours(8).Month, 1);
        var r = await county.PostAsJsonAsync("/api/v1/kepu/venues", new { name = "秦川区测试科普基地" + Guid.NewGuid().ToString("N")[..4], kind = "EducationBase", level = "City", openingDays = "周一至周五" });
        r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        var venue = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var before = await county.GetFromJsonAsync<JsonElement>($"/api/v1/kepu/stats?year={year}");

        (await county.PostAsJsonAsync($"/api/v1/kepu/venues/{venue}/visitors", new { month = thisMonth, visitors = 1200, openDays = 20 })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // Correcting the same month replaces it, never adds a second row.
        (await county.PostAsJsonAsync($"/api/v1/kepu/venues/{venue}/visitors", new { month = thisMonth.AddDays(3), visitors = 1000, openDays = 20 })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await county.PostAsJsonAsync($"/api/v1/kepu/venues/{venue}/visitors", new { month = thisMonth.AddMonths(1), visitors = 5, openDays = 1 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await county.PostAsJsonAsync($"/api/v1/kepu/venues/{venue}/visitors", new { month = thisMonth, visitors = -1 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var detail = await county.GetFromJsonAsync<JsonElement>($"/api/v1/kepu/venues/{venue}");
        detail.GetProperty("months").GetArrayLength().ShouldBe(1);

        var start = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-1);
        var t = await county.PostAsJsonAsync("/api/v1/kepu/caravans", new { name = "测试大篷车", route = "A → B", startDate = start, endDate = start.AddDays(3) });
        t.StatusCode.ShouldBe(HttpStatusCode.Created, await t.Content.ReadAsStringAsync());
        var tour = (await t.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await county.PostAsJsonAsync($"/api/v1/kepu/caravans/{tour}/stops", new { date = start, place = "石门镇中心小学", attendance = 420 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await county.PostAsJsonAsync($"/api/v1/kepu/caravans/{tour}/stops", new { date = start.AddDays(1), place = "柳林镇中心小学", attendance = 380 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await county.PostAsJsonAsync($"/api/v1/kepu/caravans/{tour}/stops", new { date = start.AddDays(30), place = "x", attendance = 1 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var after = await county.GetFromJsonAsync<JsonElement>($"/api/v1/kepu/stats?year={year}");
        after.GetProperty("venueVisitors").GetInt32().ShouldBe(before.GetProperty("venueVisitors").GetInt32() + 1000);
        if (start.Year == year && start.AddDays(1).Year == year)
            after.GetProperty("caravanAttendance").GetInt32().ShouldBe(before.GetProperty("caravanAttendance").GetInt32() + 800);

        await using var db = App.SystemDb();
        var qinchuan = await db.Organisations.Where(o => o.Name == "秦川区科协").Select(o => o.Id).FirstAsync();
        var inTree = db.OrganisationClosures.Where(c => c.AncestorId == qinchuan).Select(c => c.DescendantId);
        var expected = await db.Set<VenueVisitorMonth>().Where(m => m.Month.Year == year && db.Set<Venue>().Any(v => v.Id == m.VenueId && inTree.Contains(v.OrganisationId))).SumAsync(m => m.Visitors);
        after.GetProperty("venueVisitors").GetInt32().ShouldBe(expected);
        var metric = await county.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/kepu.venue.visitors?year={year}&organisationId={qinchuan}");
        metric.GetProperty("value").GetDecimal().ShouldBe(expected);

        // Another county sees neither.
        var other = await App.LoginAsync("county.yunling");
        (await other.GetAsync($"/api/v1/kepu/venues/{venue}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsJsonAsync($"/api/v1/kepu/venues/{venue}/visitors", new { month = thisMonth, visitors = 1 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsJsonAsync($"/api/v1/kepu/caravans/{tour}/stops", new { date = start, place = "x", attendance = 1 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await county.GetAsync("/kepu/venues")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await county.GetAsync($"/kepu/caravans/{tour}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class VenueTests_Sqlite(SqliteApp app) : VenueTests(app);

[Collection(PostgresCollection.Name)]
public sealed class VenueTests_Postgres(PostgresApp app) : VenueTests(app);
