using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Platform.Calendar;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Kexie.IntegrationTests.Platform;

/// <summary>The working-day calendar through the API: the seeded 2026 schedule, edits by admins, imports, refusals.</summary>
public abstract class CalendarTests(KexieApp app)
{
    [Fact]
    public async Task The_2026_schedule_is_seeded_and_admins_edit_and_import_years()
    {
        var admin = await app.LoginAsync("city.admin");
        var end = await admin.GetFromJsonAsync<JsonElement>("/api/v1/platform/calendar/working-days?start=2026-09-28&days=5");
        end.GetProperty("end").GetString().ShouldBe("2026-10-09");
        var days = await admin.GetFromJsonAsync<JsonElement>("/api/v1/platform/calendar?year=2026");
        days.GetArrayLength().ShouldBe(WorkingDays.Schedule2026.Count);

        var bad = await admin.PostAsJsonAsync("/api/v1/platform/calendar/import", new { year = 2027, text = "2027-10-01,放假,国庆节\n2027-13-01,放假,x" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("第2行");
        var ok = await admin.PostAsJsonAsync("/api/v1/platform/calendar/import", new { year = 2027, text = "2027-10-01,放假,国庆节\n2027-10-09,上班,国庆节调休上班" });
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/platform/calendar/count?from=2027-10-01&to=2027-10-10")).GetProperty("workingDays").GetInt32()
            .ShouldBe(6, "10/4–10/8 and the make-up Saturday 10/9; 10/1 is off");

        var added = await admin.PostAsJsonAsync("/api/v1/platform/calendar", new { date = "2027-10-04", kind = "Holiday", name = "国庆节" });
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/platform/calendar/count?from=2027-10-01&to=2027-10-10")).GetProperty("workingDays").GetInt32().ShouldBe(5);
        (await admin.DeleteAsync($"/api/v1/platform/calendar/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.GetStringAsync("/admin/calendar?year=2027")).ShouldContain("国庆节调休上班");

        var county = await app.LoginAsync("county.yunling");
        (await county.PostAsJsonAsync("/api/v1/platform/calendar", new { date = "2027-10-05", kind = "Holiday", name = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await using var db = app.SystemDb();
        (await db.AuditEntries.AnyAsync(a => a.Action == "calendar.import")).ShouldBeTrue();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CalendarTests_Sqlite(SqliteApp app) : CalendarTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CalendarTests_Postgres(PostgresApp app) : CalendarTests(app);

/// <summary>Data-scope probes for the calendar routes: calendar days are city-wide; a county admin may not edit them.</summary>
public sealed class CalendarScopeCases : IScopeWalkCases
{
    public async Task<IEnumerable<ScopeCase>> ArrangeAsync(ScopeWalkContext ctx)
    {
        var day = await ctx.Db.Set<Kexie.Web.Platform.Calendar.CalendarDay>().AsNoTracking().FirstAsync();
        return [new("DELETE /api/v1/platform/calendar/{id:guid}", HttpMethod.Delete, $"/api/v1/platform/calendar/{day.Id}", null, HttpStatusCode.Forbidden)];
    }
}
