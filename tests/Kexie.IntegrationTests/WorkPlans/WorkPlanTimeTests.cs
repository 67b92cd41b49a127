using System.Net;
using System.Net.Http.Json;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Modules.WorkPlans.Features;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Kexie.IntegrationTests.WorkPlans;

/// <summary>
/// A clock the test sets, forwards or back (FakeTimeProvider refuses to go back, and the tests of one fixture run
/// in any order). Timers are not needed: nothing in the app under test waits on this clock.
/// </summary>
public sealed class SettableClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public void SetUtcNow(DateTimeOffset now) => Interlocked.Exchange(ref _ticks, now.UtcTicks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
}

/// <summary>The app with a clock the test moves: 10 January 2026, 09:00 in 示范市.</summary>
public abstract class FakeClockApp : KexieApp
{
    public SettableClock Clock { get; } = new(new DateTimeOffset(2026, 1, 10, 1, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class FakeClockSqliteApp : FakeClockApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class FakeClockPostgresApp : FakeClockApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>Traffic lights and reminders as time passes (sign-in again after each jump: the cookie and session expire with the clock).</summary>
public abstract class WorkPlanTimeTests(FakeClockApp app)
{
    [Fact]
    public async Task Traffic_lights_turn_yellow_when_behind_and_red_when_overdue_or_a_notice_goes_unanswered()
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 1, 10, 1, 0, 0, TimeSpan.Zero));
        var admin = await app.LoginAsync("city.admin");
        var planId = await WorkPlanTestData.ImportAndActivateAsync(admin, WorkPlanTestData.Plan(2026, "时间"));
        var taskId = (await WorkPlanTestData.TasksAsync(admin, planId))[1].GetProperty("id").GetGuid();
        async Task<string> Light(HttpClient c) => (await (await c.GetAsync($"/api/v1/workplans/tasks/{taskId}")).Json()).GetProperty("row").GetProperty("light").GetString()!;
        async Task<int> Version(HttpClient c) => (await (await c.GetAsync($"/api/v1/workplans/tasks/{taskId}")).Json()).GetProperty("version").GetInt32();
        var orgId = (await (await admin.GetAsync($"/api/v1/workplans/tasks/{taskId}")).Json()).GetProperty("row").GetProperty("organisationId").GetGuid();
        (await admin.PutAsJsonAsync($"/api/v1/workplans/tasks/{taskId}/assignment",
            new { organisationId = orgId, deadline = "2026-06-30", rhythm = "Quarterly", version = await Version(admin) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Light(admin)).ShouldBe("Green");

        // 1 May: two thirds of the time gone, nothing reported.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 1, 1, 0, 0, TimeSpan.Zero));
        admin = await app.LoginAsync("city.admin");
        (await Light(admin)).ShouldBe("Yellow");
        (await admin.PostAsJsonAsync($"/api/v1/workplans/tasks/{taskId}/progress", new { text = "已完成大部分", percent = 70 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Light(admin)).ShouldBe("Green");
        var detail = await (await admin.GetAsync($"/api/v1/workplans/tasks/{taskId}")).Json();
        detail.GetProperty("reports")[0].GetProperty("period").GetString().ShouldBe("2026Q2");

        // A 督办 not answered by its date turns the task red even before the deadline.
        (await admin.PostAsJsonAsync($"/api/v1/workplans/tasks/{taskId}/notices", new { text = "请报送佐证", answerBy = "2026-05-05" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsJsonAsync($"/api/v1/workplans/tasks/{taskId}/notices", new { text = "x", answerBy = "2026-04-01" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 7, 1, 0, 0, TimeSpan.Zero));
        admin = await app.LoginAsync("city.admin");
        (await Light(admin)).ShouldBe("Red");
        var notice = (await (await admin.GetAsync($"/api/v1/workplans/tasks/{taskId}")).Json()).GetProperty("notices")[0];
        notice.GetProperty("overdue").GetBoolean().ShouldBeTrue();
        (await admin.PostAsJsonAsync($"/api/v1/workplans/notices/{notice.GetProperty("id").GetGuid()}/answer", new { answer = "已补报" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Light(admin)).ShouldBe("Green");

        // Within 15 days of the deadline with less than 80%: yellow; after the deadline: red.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 20, 1, 0, 0, TimeSpan.Zero));
        admin = await app.LoginAsync("city.admin");
        (await Light(admin)).ShouldBe("Yellow");
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 2, 1, 0, 0, TimeSpan.Zero));
        admin = await app.LoginAsync("city.admin");
        (await Light(admin)).ShouldBe("Red");
        var dash = await (await admin.GetAsync($"/api/v1/workplans/{planId}/dashboard")).Json();
        dash.GetProperty("lights").GetProperty("red").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_missed_milestone_turns_the_task_yellow_and_a_mid_term_evaluation_freezes_the_state()
    {
        await WorkPlanTestData.CreateStaffAsync(app, "edu.milestone", "市教育局");
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 1, 10, 1, 0, 0, TimeSpan.Zero));
        var admin = await app.LoginAsync("city.admin");
        var planId = await WorkPlanTestData.ImportAndActivateAsync(admin, WorkPlanTestData.Plan(2026, "节点"));
        var task = (await WorkPlanTestData.TasksAsync(admin, planId)).Single(t => t.GetProperty("organisation").GetString() == "市教育局");
        var taskId = task.GetProperty("id").GetGuid();
        async Task<System.Text.Json.JsonElement> Detail(HttpClient c) => await (await c.GetAsync($"/api/v1/workplans/tasks/{taskId}")).Json();
        (await admin.PutAsJsonAsync($"/api/v1/workplans/tasks/{taskId}/assignment", new
        {
            organisationId = task.GetProperty("organisationId").GetGuid(),
            deadline = "2026-12-31",
            rhythm = "Quarterly",
            milestones = "2026-03-31 制定进校园方案\n2026-09-30 完成60场",
            version = (await Detail(admin)).GetProperty("version").GetInt32(),
        })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var edu = await app.LoginAsync("edu.milestone");
        (await edu.PostAsJsonAsync($"/api/v1/workplans/tasks/{taskId}/progress", new { text = "已启动", percent = 30 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Detail(edu)).GetProperty("row").GetProperty("light").GetString().ShouldBe("Green");

        // 2 April: on schedule by percent, but the March milestone is missed.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 2, 1, 0, 0, TimeSpan.Zero));
        admin = await app.LoginAsync("city.admin");
        edu = await app.LoginAsync("edu.milestone");
        var d = await Detail(edu);
        d.GetProperty("row").GetProperty("light").GetString().ShouldBe("Yellow");
        var first = d.GetProperty("milestones")[0];
        first.GetProperty("overdue").GetBoolean().ShouldBeTrue();
        var milestoneId = first.GetProperty("id").GetGuid();

        // The mid-term evaluation freezes this state; only the plan owner takes one.
        (await edu.PostAsJsonAsync($"/api/v1/workplans/{planId}/evaluations", new { title = "一季度评估" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var created = await admin.PostAsJsonAsync($"/api/v1/workplans/{planId}/evaluations", new { title = "一季度评估", conclusion = "进校园方案滞后" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var evaluationId = (await created.Json()).GetProperty("id").GetGuid();

        // The unit marks the milestone done (once); the light is green again, the evaluation still shows yellow.
        (await edu.PostAsJsonAsync($"/api/v1/workplans/milestones/{milestoneId}/done", new { note = "方案已印发" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await edu.PostAsJsonAsync($"/api/v1/workplans/milestones/{milestoneId}/done", new { note = "again" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        d = await Detail(edu);
        d.GetProperty("row").GetProperty("light").GetString().ShouldBe("Green");
        d.GetProperty("row").GetProperty("milestonesDone").GetInt32().ShouldBe(1);
        d.GetProperty("milestones")[0].GetProperty("doneNote").GetString().ShouldBe("方案已印发");
        var e = await (await admin.GetAsync($"/api/v1/workplans/evaluations/{evaluationId}")).Json();
        e.GetProperty("title").GetString().ShouldBe("一季度评估");
        e.GetProperty("asOf").GetString().ShouldBe("2026-04-02");
        var line = e.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("then").GetProperty("taskId").GetGuid() == taskId);
        line.GetProperty("then").GetProperty("light").GetString().ShouldBe("Yellow");
        line.GetProperty("then").GetProperty("milestonesDone").GetInt32().ShouldBe(0);
        line.GetProperty("nowLight").GetString().ShouldBe("Green");
        e.GetProperty("then").GetProperty("yellow").GetInt32().ShouldBeGreaterThanOrEqualTo(1);

        // The conclusion is edited with the version (a stale one is refused); the table exports.
        var version = e.GetProperty("version").GetInt32();
        (await admin.PutAsJsonAsync($"/api/v1/workplans/evaluations/{evaluationId}/conclusion", new { conclusion = "方案已补齐", version })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PutAsJsonAsync($"/api/v1/workplans/evaluations/{evaluationId}/conclusion", new { conclusion = "覆盖", version })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await (await admin.GetAsync($"/api/v1/workplans/evaluations/{evaluationId}")).Json()).GetProperty("conclusion").GetString().ShouldBe("方案已补齐");
        var xlsx = await admin.GetAsync($"/api/v1/workplans/evaluations/{evaluationId}/export");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = MiniExcelLibs.MiniExcel.Query(await xlsx.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        rows.Count.ShouldBe(4);
        rows.Single(r => (string)r["责任单位"] == "市教育局")["评估时预警"].ShouldBe("滞后");
        (await (await admin.GetAsync($"/api/v1/workplans/{planId}/evaluations")).Json()).GetArrayLength().ShouldBe(1);
        var page = await admin.GetStringAsync($"/workplans/{planId}");
        page.ShouldContain("一季度评估");
        page.ShouldContain("light-chart");
        (await admin.GetStringAsync($"/workplans/evaluations/{evaluationId}")).ShouldContain("方案已补齐");
    }

    [Fact]
    public async Task Reminders_go_to_the_responsible_unit_a_week_before_the_deadline_and_not_every_run()
    {
        await WorkPlanTestData.CreateStaffAsync(app, "edu.reminder", "市教育局");
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 1, 10, 1, 0, 0, TimeSpan.Zero));
        var admin = await app.LoginAsync("city.admin");
        var planId = await WorkPlanTestData.ImportAndActivateAsync(admin, WorkPlanTestData.Plan(2026, "提醒"));
        var task = (await WorkPlanTestData.TasksAsync(admin, planId)).Single(t => t.GetProperty("organisation").GetString() == "市教育局");
        var taskId = task.GetProperty("id").GetGuid();
        var version = (await (await admin.GetAsync($"/api/v1/workplans/tasks/{taskId}")).Json()).GetProperty("version").GetInt32();
        (await admin.PutAsJsonAsync($"/api/v1/workplans/tasks/{taskId}/assignment",
            new { organisationId = task.GetProperty("organisationId").GetGuid(), deadline = "2026-03-31", rhythm = "Monthly", version })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        async Task<int> RemindersAsync()
        {
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = CurrentUser.System("提醒");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await DeadlineReminders.RemindAsync(db, scope.ServiceProvider.GetRequiredService<Notifier>(), app.Clock, default);
            var user = await db.Users.FirstAsync(u => u.UserName == "edu.reminder");
            return await db.Notifications.CountAsync(n => n.UserId == user.Id && n.Title.StartsWith("任务即将到期") && n.Link == $"/workplans/tasks/{taskId}");
        }

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 20, 1, 0, 0, TimeSpan.Zero));
        (await RemindersAsync()).ShouldBe(0);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 25, 1, 0, 0, TimeSpan.Zero));
        (await RemindersAsync()).ShouldBe(1);
        (await RemindersAsync()).ShouldBe(1);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 28, 1, 0, 0, TimeSpan.Zero));
        (await RemindersAsync()).ShouldBe(2);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 2, 1, 0, 0, TimeSpan.Zero));
        (await RemindersAsync()).ShouldBe(2);
    }
}

[CollectionDefinition(Name)]
public sealed class FakeClockSqliteCollection : ICollectionFixture<FakeClockSqliteApp>
{
    public const string Name = "workplans-clock-sqlite";
}

[CollectionDefinition(Name)]
public sealed class FakeClockPostgresCollection : ICollectionFixture<FakeClockPostgresApp>
{
    public const string Name = "workplans-clock-postgres";
}

[Collection(FakeClockSqliteCollection.Name)]
public sealed class WorkPlanTimeTests_Sqlite(FakeClockSqliteApp app) : WorkPlanTimeTests(app);

[Collection(FakeClockPostgresCollection.Name)]
public sealed class WorkPlanTimeTests_Postgres(FakeClockPostgresApp app) : WorkPlanTimeTests(app);
