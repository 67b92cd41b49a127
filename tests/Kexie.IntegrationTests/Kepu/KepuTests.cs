using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Modules.Kepu.Domain;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Kexie.IntegrationTests.Kepu;

/// <summary>The 科普 module through the real app and database, once per provider.</summary>
public abstract class KepuTests(KexieApp app)
{
    protected KexieApp App { get; } = app;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Unique(string title) => $"{title}{Guid.NewGuid().ToString("N")[..6]}";

    private async Task<Guid> OrgId(string name)
    {
        await using var db = App.SystemDb();
        return await db.Organisations.AsNoTracking().Where(o => o.Name == name).Select(o => o.Id).FirstAsync();
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string title, DateOnly? start = null, int? capacity = null, Guid? campaignId = null, Guid? organisationId = null)
    {
        var r = await client.PostAsJsonAsync("/api/v1/kepu/activities", new
        {
            title,
            place = "石门镇文化广场",
            type = "ToVillages",
            audience = "Farmers",
            startDate = start ?? Today,
            endDate = start ?? Today,
            expectedParticipants = 100,
            capacity,
            campaignId,
            organisationId,
        });
        r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, Guid id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/kepu/activities/{id}");

    private static async Task<int> VersionAsync(HttpClient client, Guid id) => (await GetAsync(client, id)).GetProperty("version").GetInt32();

    private static async Task<HttpResponseMessage> ActAsync(HttpClient client, Guid id, string action, object? extra = null)
    {
        var version = await VersionAsync(client, id);
        object body = extra switch
        {
            null => new { version },
            string reason => new { reason, version },
            _ => extra,
        };
        return await client.PostAsJsonAsync($"/api/v1/kepu/activities/{id}/{action}", body);
    }

    /// <summary>A published activity of 石门镇 (town → approved by 秦川区 → published).</summary>
    private async Task<Guid> PublishedAsync(string title, int? capacity = null, DateOnly? start = null)
    {
        var town = await App.LoginAsync("town.shimen");
        var county = await App.LoginAsync("county.qinchuan");
        var id = await CreateAsync(town, title, start, capacity);
        (await ActAsync(town, id, "submit")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ActAsync(county, id, "approve")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ActAsync(town, id, "publish")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return id;
    }

    [Fact]
    public async Task A_town_activity_goes_through_return_resubmit_approval_by_its_county_publish_and_completion()
    {
        var town = await App.LoginAsync("town.shimen");
        var county = await App.LoginAsync("county.qinchuan");
        var other = await App.LoginAsync("county.yunling");
        var id = await CreateAsync(town, Unique("科技助农田间课堂"));
        (await GetAsync(town, id)).GetProperty("status").GetString().ShouldBe("Draft");

        (await ActAsync(town, id, "submit")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // The organiser's own organisation cannot approve; another county does not even see it.
        (await ActAsync(town, id, "approve")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await other.PostAsJsonAsync($"/api/v1/kepu/activities/{id}/approve", new { version = 1 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // A return needs a reason, and the reason is kept.
        (await ActAsync(county, id, "return", "")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ActAsync(county, id, "return", "请补充活动地点的具体村名")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var returned = await GetAsync(town, id);
        returned.GetProperty("status").GetString().ShouldBe("Returned");
        returned.GetProperty("returnReason").GetString().ShouldBe("请补充活动地点的具体村名");

        var edit = await town.PutAsJsonAsync($"/api/v1/kepu/activities/{id}", new
        {
            title = returned.GetProperty("title").GetString(),
            place = "石门镇石门村村民活动广场",
            type = "ToVillages",
            audience = "Farmers",
            startDate = Today,
            endDate = Today,
            expectedParticipants = 120,
            version = returned.GetProperty("version").GetInt32(),
        });
        edit.StatusCode.ShouldBe(HttpStatusCode.NoContent, await edit.Content.ReadAsStringAsync());
        (await ActAsync(town, id, "submit")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await GetAsync(county, id)).GetProperty("returnReason").GetString().ShouldBe("请补充活动地点的具体村名");
        var inbox = await county.GetFromJsonAsync<JsonElement>("/api/v1/kepu/activities?inbox=true&pageSize=200");
        inbox.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldContain(id);

        (await ActAsync(county, id, "approve")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ActAsync(town, id, "publish")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await App.Anonymous().GetAsync($"/api/v1/kepu/public/activities/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Without check-ins the reported number counts.
        (await ActAsync(town, id, "complete", new { reportedParticipants = (int?)null, volunteers = 3, summary = "x", version = await VersionAsync(town, id) }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ActAsync(town, id, "complete", new { reportedParticipants = 135, volunteers = 6, summary = "群众反响良好", version = await VersionAsync(town, id) }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var done = await GetAsync(county, id);
        done.GetProperty("status").GetString().ShouldBe("Completed");
        done.GetProperty("actualParticipants").GetInt32().ShouldBe(135);

        await using var db = App.SystemDb();
        var trail = await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == id.ToString() && a.Action == "transition").CountAsync();
        trail.ShouldBe(6); // submit, return, submit, approve, publish, complete; the refused ones left nothing
    }

    [Fact]
    public async Task Transitions_out_of_order_are_refused()
    {
        var town = await App.LoginAsync("town.shimen");
        var county = await App.LoginAsync("county.qinchuan");
        var id = await CreateAsync(town, Unique("顺序测试"), Today.AddDays(5));
        (await ActAsync(county, id, "approve")).StatusCode.ShouldBe(HttpStatusCode.BadRequest); // a draft
        (await ActAsync(town, id, "publish")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ActAsync(town, id, "submit")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ActAsync(town, id, "submit")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ActAsync(town, id, "publish")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ActAsync(town, id, "complete", new { reportedParticipants = 1, volunteers = 0, version = await VersionAsync(town, id) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var a = await GetAsync(town, id);
        (await town.PutAsJsonAsync($"/api/v1/kepu/activities/{id}", new { title = "改", place = "x", startDate = Today, endDate = Today, version = a.GetProperty("version").GetInt32() }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest); // submitted: not editable
        (await ActAsync(county, id, "approve")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ActAsync(county, id, "return", "晚了")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // A stale version is refused.
        (await town.PostAsJsonAsync($"/api/v1/kepu/activities/{id}/publish", new { version = 0 })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ActAsync(town, id, "publish")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // Not started yet: no outcome.
        (await ActAsync(town, id, "complete", new { reportedParticipants = 10, volunteers = 0, version = await VersionAsync(town, id) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_county_cannot_approve_its_own_activity_and_a_town_cannot_approve_its_county()
    {
        var county = await App.LoginAsync("county.qinchuan");
        var town = await App.LoginAsync("town.shimen");
        var city = await App.LoginAsync("city.kepu");
        var id = await CreateAsync(county, Unique("区级科技活动周开幕式"), Today.AddDays(3));
        (await ActAsync(county, id, "submit")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ActAsync(county, id, "approve")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // The town is below the county: the county's activity is not in its scope at all.
        (await town.PostAsJsonAsync($"/api/v1/kepu/activities/{id}/approve", new { version = 1 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ActAsync(city, id, "approve")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // The city approves counties, not towns directly (the county does).
        var townActivity = await CreateAsync(town, Unique("镇级活动"), Today.AddDays(3));
        (await ActAsync(town, townActivity, "submit")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ActAsync(city, townActivity, "approve")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_public_sees_only_published_activities()
    {
        var town = await App.LoginAsync("town.shimen");
        var title = Unique("未发布活动");
        var draft = await CreateAsync(town, title);
        var anon = App.Anonymous();
        (await anon.GetAsync($"/api/v1/kepu/public/activities/{draft}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anon.GetAsync($"/kepu/a/{draft}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await anon.GetFromJsonAsync<JsonElement>($"/api/v1/kepu/public/activities?q={Uri.EscapeDataString(title)}");
        list.GetProperty("total").GetInt32().ShouldBe(0);

        var published = await PublishedAsync(Unique("已发布活动"));
        (await anon.GetAsync($"/kepu/a/{published}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var all = await anon.GetFromJsonAsync<JsonElement>("/api/v1/kepu/public/activities?pageSize=50");
        all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()).ShouldAllBe(s => s == "Published" || s == "Completed");
        (await anon.GetAsync("/kepu")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anon.GetAsync("/kepu/calendar")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Registration_fills_seats_then_waitlists_and_a_cancellation_promotes_the_first_waiting()
    {
        var id = await PublishedAsync(Unique("科学实验秀"), capacity: 2, start: Today);
        var anon = App.Anonymous();
        async Task<JsonElement> Register(string phone)
        {
            var r = await anon.PostAsJsonAsync($"/api/v1/kepu/public/activities/{id}/registrations", new { name = "张三", phone });
            r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            return await r.Content.ReadFromJsonAsync<JsonElement>();
        }
        var a = await Register("13800000001");
        var b = await Register("13800000002");
        var c = await Register("13800000003");
        var d = await Register("13800000004");
        a.GetProperty("status").GetString().ShouldBe("Confirmed");
        b.GetProperty("status").GetString().ShouldBe("Confirmed");
        c.GetProperty("status").GetString().ShouldBe("Waitlisted");
        d.GetProperty("status").GetString().ShouldBe("Waitlisted");
        (await anon.PostAsJsonAsync($"/api/v1/kepu/public/activities/{id}/registrations", new { name = "张三", phone = "138 0000 0001" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest); // same phone

        var code = (JsonElement e) => e.GetProperty("code").GetString()!;
        (await anon.PostAsync($"/api/v1/kepu/public/registrations/{code(b)}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await anon.PostAsync($"/api/v1/kepu/public/registrations/{code(b)}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await anon.GetFromJsonAsync<JsonElement>($"/api/v1/kepu/public/registrations/{code(c)}")).GetProperty("status").GetString().ShouldBe("Confirmed");
        var dView = await anon.GetFromJsonAsync<JsonElement>($"/api/v1/kepu/public/registrations/{code(d)}");
        dView.GetProperty("status").GetString().ShouldBe("Waitlisted");
        dView.GetProperty("waitlistPosition").GetInt32().ShouldBe(1);
        (await anon.GetAsync($"/kepu/r/{code(c)}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A cancelled phone may register again; it goes to the end of the queue.
        (await Register("13800000002")).GetProperty("status").GetString().ShouldBe("Waitlisted");
        await using var db = App.SystemDb();
        var activity = await db.Set<Activity>().AsNoTracking().FirstAsync(x => x.Id == id);
        activity.ConfirmedCount.ShouldBe(await db.Set<Registration>().CountAsync(r => r.ActivityId == id && r.Status == RegistrationStatus.Confirmed && !r.IsWalkIn));
        activity.ConfirmedCount.ShouldBe(2);
        (await db.Set<Registration>().AnyAsync(r => r.PhoneCipher!.Contains("13800000001"))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_double_check_in_counts_once_and_actual_participants_come_from_check_ins()
    {
        var id = await PublishedAsync(Unique("防灾减灾科普展"), capacity: 5, start: Today);
        var anon = App.Anonymous();
        var codes = new List<string>();
        foreach (var phone in new[] { "13900000011", "13900000012", "13900000013" })
        {
            var r = await anon.PostAsJsonAsync($"/api/v1/kepu/public/activities/{id}/registrations", new { name = "李四", phone });
            codes.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!);
        }
        var staff = await App.LoginAsync("town.shimen");
        var first = await staff.PostAsJsonAsync($"/api/v1/kepu/activities/{id}/checkin", new { code = codes[0] });
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyCheckedIn").GetBoolean().ShouldBeFalse();
        var again = await staff.PostAsJsonAsync($"/api/v1/kepu/activities/{id}/checkin", new { code = codes[0].ToLowerInvariant() });
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyCheckedIn").GetBoolean().ShouldBeTrue();
        // Two simultaneous scans of the same code: one check-in.
        await Task.WhenAll(
            staff.PostAsJsonAsync($"/api/v1/kepu/activities/{id}/checkin", new { code = codes[1] }),
            staff.PostAsJsonAsync($"/api/v1/kepu/activities/{id}/checkin", new { code = codes[1] }));
        (await staff.PostAsJsonAsync($"/api/v1/kepu/activities/{id}/checkin", new { code = "KPNOTACODE00" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await staff.PostAsJsonAsync($"/api/v1/kepu/activities/{id}/walkins", new { name = "王五", phone = (string?)null })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.PostAsJsonAsync($"/api/v1/kepu/activities/{id}/walkins", new { name = "李四", phone = "13900000013" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // Another county's staff cannot check in here.
        var other = await App.LoginAsync("county.yunling");
        (await other.PostAsJsonAsync($"/api/v1/kepu/activities/{id}/checkin", new { code = codes[2] })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var detail = await GetAsync(staff, id);
        detail.GetProperty("registrations").GetProperty("checkedIn").GetInt32().ShouldBe(3);
        (await ActAsync(staff, id, "complete", new { reportedParticipants = 500, volunteers = 2, version = await VersionAsync(staff, id) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var done = await GetAsync(staff, id);
        done.GetProperty("actualParticipants").GetInt32().ShouldBe(3);
        done.GetProperty("reportedParticipants").GetInt32().ShouldBe(500);
        // The attendee's cancellation is refused after check-in.
        (await anon.PostAsync($"/api/v1/kepu/public/registrations/{codes[0]}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Parallel_registrations_for_N_seats_confirm_exactly_N_and_waitlist_the_rest_in_order()
    {
        const int seats = 10;
        var id = await PublishedAsync(Unique("高校科学营"), capacity: seats, start: Today.AddDays(2));
        var tasks = Enumerable.Range(0, 2 * seats).Select(async i =>
        {
            using var client = App.Anonymous();
            var r = await client.PostAsJsonAsync($"/api/v1/kepu/public/activities/{id}/registrations", new { name = $"学生{i}", phone = $"1370000{i:D4}" });
            r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            return await r.Content.ReadFromJsonAsync<JsonElement>();
        });
        var results = await Task.WhenAll(tasks);
        results.Count(r => r.GetProperty("status").GetString() == "Confirmed").ShouldBe(seats);
        results.Count(r => r.GetProperty("status").GetString() == "Waitlisted").ShouldBe(seats);
        // Arrival order at the database is the sequence: the first N are exactly the confirmed ones.
        results.Select(r => r.GetProperty("seq").GetInt32()).Order().ShouldBe(Enumerable.Range(1, 2 * seats));
        results.Where(r => r.GetProperty("status").GetString() == "Confirmed").Select(r => r.GetProperty("seq").GetInt32()).Order().ShouldBe(Enumerable.Range(1, seats));

        await using var db = App.SystemDb();
        (await db.Set<Activity>().AsNoTracking().Where(a => a.Id == id).Select(a => a.ConfirmedCount).FirstAsync()).ShouldBe(seats);
        (await db.Set<Registration>().CountAsync(r => r.ActivityId == id)).ShouldBe(2 * seats);

        // Parallel cancellations of confirmed seats promote the first waiting, in order, never more than the seats.
        var confirmed = results.Where(r => r.GetProperty("status").GetString() == "Confirmed").Take(4).Select(r => r.GetProperty("code").GetString()).ToList();
        await Task.WhenAll(confirmed.Select(async c =>
        {
            using var client = App.Anonymous();
            (await client.PostAsync($"/api/v1/kepu/public/registrations/{c}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }));
        await using var check = App.SystemDb();
        var live = await check.Set<Registration>().AsNoTracking().Where(r => r.ActivityId == id && r.Status == RegistrationStatus.Confirmed).Select(r => r.Seq).ToListAsync();
        live.Count.ShouldBe(seats);
        live.Where(s => s > seats).Order().ShouldBe(Enumerable.Range(seats + 1, 4));
    }

    [Fact]
    public async Task Statistics_roll_up_the_tree_and_equal_the_records_behind_them()
    {
        var id = await PublishedAsync(Unique("统计核对活动"), start: Today);
        var town = await App.LoginAsync("town.shimen");
        (await ActAsync(town, id, "complete", new { reportedParticipants = 77, volunteers = 4, version = await VersionAsync(town, id) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var city = await App.LoginAsync("city.kepu");
        var year = Today.Year;
        var report = await city.GetFromJsonAsync<JsonElement>($"/api/v1/kepu/stats?year={year}");
        await using var db = App.SystemDb();
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var records = db.Set<Activity>().AsNoTracking().Where(a => (a.Status == ActivityStatus.Published || a.Status == ActivityStatus.Completed) && a.StartDate >= from && a.StartDate <= to);
        report.GetProperty("total").GetProperty("activities").GetInt32().ShouldBe(await records.CountAsync());
        report.GetProperty("total").GetProperty("participants").GetInt32().ShouldBe(await records.SumAsync(a => a.ActualParticipants ?? 0));

        var qinchuan = await OrgId("秦川区科协");
        var row = report.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("organisationId").GetGuid() == qinchuan);
        var underQinchuan = records.Where(a => db.OrganisationClosures.Any(c => c.AncestorId == qinchuan && c.DescendantId == a.OrganisationId));
        row.GetProperty("figures").GetProperty("activities").GetInt32().ShouldBe(await underQinchuan.CountAsync());
        row.GetProperty("figures").GetProperty("participants").GetInt32().ShouldBe(await underQinchuan.SumAsync(a => a.ActualParticipants ?? 0));
        row.GetProperty("figures").GetProperty("participants").GetInt32().ShouldBeGreaterThanOrEqualTo(77);
        // The link behind the figure lists the same number of records.
        var link = row.GetProperty("link").GetString()!;
        var query = link[(link.IndexOf('?') + 1)..].Replace("org=", "orgId=", StringComparison.Ordinal).Replace("public=", "publicOnly=", StringComparison.Ordinal);
        var listed = await city.GetFromJsonAsync<JsonElement>($"/api/v1/kepu/activities?{query}&pageSize=1");
        listed.GetProperty("total").GetInt32().ShouldBe(await underQinchuan.CountAsync());

        // The county sees the same figure for itself, and the rows below it are its towns.
        var county = await App.LoginAsync("county.qinchuan");
        var own = await county.GetFromJsonAsync<JsonElement>($"/api/v1/kepu/stats?year={year}");
        own.GetProperty("total").GetProperty("activities").GetInt32().ShouldBe(await underQinchuan.CountAsync());
        (await county.GetAsync($"/api/v1/kepu/stats?year={year}&organisationId={await OrgId("云岭县科协")}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The published metric agrees.
        var metric = await city.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/kepu.activities.published?year={year}&organisationId={qinchuan}");
        metric.GetProperty("value").GetDecimal().ShouldBe(await underQinchuan.CountAsync());
        var participants = await city.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/kepu.participants?year={year}");
        participants.GetProperty("value").GetDecimal().ShouldBe(await records.Where(a => a.Status == ActivityStatus.Completed).SumAsync(a => a.ActualParticipants ?? 0));
        (await city.GetAsync($"/api/v1/kepu/stats/export?year={year}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await city.GetAsync($"/kepu/stats?year={year}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_campaign_shows_who_has_not_reported_and_likely_duplicates_are_flagged()
    {
        var city = await App.LoginAsync("city.kepu");
        var qinchuan = await OrgId("秦川区科协");
        var yunling = await OrgId("云岭县科协");
        var r = await city.PostAsJsonAsync("/api/v1/kepu/campaigns", new
        {
            kind = "FoodSafetyWeek",
            year = Today.Year,
            name = Unique("食品安全宣传周"),
            startDate = new DateOnly(Today.Year, 6, 15),
            endDate = new DateOnly(Today.Year, 6, 21),
            expectedOrganisationIds = new[] { qinchuan, yunling },
        });
        r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        var campaign = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var county = await App.LoginAsync("county.qinchuan");
        (await county.PostAsJsonAsync("/api/v1/kepu/campaigns", new { kind = "Other", year = Today.Year, name = "x", startDate = Today, endDate = Today })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var title = Unique("食品安全进社区宣传");
        var a1 = await CreateAsync(county, title, Today.AddDays(9), campaignId: campaign);
        (await ActAsync(county, a1, "submit")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var detail = await city.GetFromJsonAsync<JsonElement>($"/api/v1/kepu/campaigns/{campaign}");
        var expected = detail.GetProperty("expected").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetGuid(), e => e.GetProperty("reported").GetInt32());
        expected[qinchuan].ShouldBe(1);
        expected[yunling].ShouldBe(0);

        var a2 = await CreateAsync(county, title + "活动", Today.AddDays(9), campaignId: campaign);
        var dupes = (await GetAsync(county, a2)).GetProperty("possibleDuplicates").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ToList();
        dupes.ShouldBe([a1]);
        var unrelated = await CreateAsync(county, Unique("青少年机器人编程体验"), Today.AddDays(9));
        (await GetAsync(county, unrelated)).GetProperty("possibleDuplicates").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Anonymous_portal_pages_come_from_the_output_cache_until_a_change_evicts_them()
    {
        var title = Unique("缓存测试科普讲座");
        var id = await PublishedAsync(title, capacity: 2, start: Today.AddDays(3));
        static bool Cached(HttpResponseMessage r) => r.Headers.Age is not null;

        // Detail: rendered once, then served from the cache (no cookie is set, so nothing per-visitor is stored).
        var anon = App.Anonymous();
        var first = await anon.GetAsync($"/kepu/a/{id}");
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        Cached(first).ShouldBeFalse();
        (await first.Content.ReadAsStringAsync()).ShouldContain("已报名 0 / 2");
        var second = await anon.GetAsync($"/kepu/a/{id}");
        Cached(second).ShouldBeTrue();
        second.Headers.Contains("Set-Cookie").ShouldBeFalse();

        // A registration evicts the activity's page at once: the seat count is never stale on this instance.
        (await anon.PostAsJsonAsync($"/api/v1/kepu/public/activities/{id}/registrations", new { name = "王五", phone = "13700009999" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var after = await anon.GetAsync($"/kepu/a/{id}");
        Cached(after).ShouldBeFalse();
        (await after.Content.ReadAsStringAsync()).ShouldContain("已报名 1 / 2");

        // The registration form carries a per-visitor antiforgery token: that page is never cached.
        foreach (var _ in new[] { 1, 2 })
        {
            var form = await App.Anonymous().GetAsync($"/kepu/a/{id}/register");
            form.StatusCode.ShouldBe(HttpStatusCode.OK);
            Cached(form).ShouldBeFalse();
            form.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith(".Kexie.Antiforgery=", StringComparison.Ordinal));
            (await form.Content.ReadAsStringAsync()).ShouldContain("kp-reg-name");
        }

        // A signed-in visitor neither reads from nor writes to the cache.
        var staff = await App.LoginAsync("town.shimen");
        foreach (var _ in new[] { 1, 2 }) Cached(await staff.GetAsync($"/kepu/a/{id}")).ShouldBeFalse();

        // List: a newly published activity appears at once; parameters the page does not read share the entry.
        var tag = Guid.NewGuid().ToString("N")[..8];
        (await anon.GetStringAsync($"/kepu?q={tag}")).ShouldNotContain(tag + "新活动");
        Cached(await anon.GetAsync($"/kepu?q={tag}&utm_source=wechat")).ShouldBeTrue();
        await PublishedAsync(tag + "新活动");
        var list = await anon.GetAsync($"/kepu?q={tag}");
        Cached(list).ShouldBeFalse();
        (await list.Content.ReadAsStringAsync()).ShouldContain(tag + "新活动");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class KepuTests_Sqlite(SqliteApp app) : KepuTests(app);

[Collection(PostgresCollection.Name)]
public sealed class KepuTests_Postgres(PostgresApp app) : KepuTests(app);
