using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Modules.WorkPlans.Domain;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shouldly;
using Xunit;

namespace Kexie.IntegrationTests.WorkPlans;

/// <summary>工作要点 through the real app and database: import, correction, tasks, 督办, grading, scope, indicators, review.</summary>
public abstract class WorkPlanTests(KexieApp app)
{
    protected KexieApp App { get; } = app;

    private static int Year => DateTime.UtcNow.AddHours(8).Year;

    [Fact]
    public async Task Parse_api_returns_the_structure_and_saves_nothing()
    {
        var admin = await App.LoginAsync("city.admin");
        await using var db = App.SystemDb();
        var before = await db.Set<WorkPlan>().CountAsync();
        var parsed = await (await admin.PostAsJsonAsync("/api/v1/workplans/parse", new { text = WorkPlanTestData.Plan(Year, "解析") })).Json();
        parsed.GetProperty("kind").GetString().ShouldBe("Plan");
        var parts = parsed.GetProperty("parts").EnumerateArray().ToList();
        parts.Count.ShouldBe(2);
        var first = parts[0].GetProperty("items")[0];
        first.GetProperty("title").GetString().ShouldBe("推进基层组织建设");
        var target = first.GetProperty("targets")[0];
        target.GetProperty("value").GetDecimal().ShouldBe(3);
        target.GetProperty("unit").GetString().ShouldBe("个");
        first.GetProperty("responsibleUnits")[0].GetString().ShouldBe("组织人事部");
        parsed.GetProperty("furniture").GetArrayLength().ShouldBeGreaterThan(0);
        (await db.Set<WorkPlan>().CountAsync()).ShouldBe(before);

        var empty = await admin.PostAsJsonAsync("/api/v1/workplans/parse", new { text = " " });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await App.LoginAsync("public.demo", "Public@2026")).PostAsJsonAsync("/api/v1/workplans/parse", new { text = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_review_only_document_reports_last_years_figures_and_invents_no_tasks()
    {
        var admin = await App.LoginAsync("city.admin");
        var id = (await (await admin.PostAsJsonAsync("/api/v1/workplans", new { text = WorkPlanTestData.ReviewOnly })).Json()).GetProperty("id").GetGuid();
        var draft = await (await admin.GetAsync($"/api/v1/workplans/{id}")).Json();
        draft.GetProperty("kind").GetString().ShouldBe("Review");
        var figures = draft.GetProperty("figures").EnumerateArray().ToList();
        figures.ShouldContain(f => f.GetProperty("value").GetDecimal() == 6 && f.GetProperty("unit").GetString() == "个");
        figures.ShouldContain(f => f.GetProperty("value").GetDecimal() == 100000);
        draft.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("isReview").GetBoolean());
        var activate = await admin.PostAsJsonAsync($"/api/v1/workplans/{id}/activate", new { version = draft.GetProperty("version").GetInt32() });
        activate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await activate.Content.ReadAsStringAsync()).ShouldContain("工作回顾");
        (await WorkPlanTestData.TasksAsync(admin, id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Staff_correct_the_parse_and_confirming_it_creates_tasks_for_the_named_units()
    {
        var admin = await App.LoginAsync("city.admin");
        var text = WorkPlanTestData.Plan(Year, "校对");
        var id = (await (await admin.PostAsJsonAsync("/api/v1/workplans", new { text })).Json()).GetProperty("id").GetGuid();
        var draft = await (await admin.GetAsync($"/api/v1/workplans/{id}")).Json();
        draft.GetProperty("originalText").GetString().ShouldBe(text);
        var items = draft.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("title").GetString()).ShouldBe(["推进基层组织建设", "加强学会党建", "提升青少年科学素质", "办好全国科普日"]);
        items[3].GetProperty("targets")[0].GetProperty("value").GetDecimal().ShouldBe(200);
        var version = draft.GetProperty("version").GetInt32();

        async Task<int> Edit(object body)
        {
            var r = await admin.PostAsJsonAsync($"/api/v1/workplans/{id}/draft", body);
            return (await r.Json()).GetProperty("version").GetInt32();
        }
        version = await Edit(new { no = 2, operation = "Edit", version, title = "加强学会党建工作", body = "学会党组织覆盖率达到90%。", targets = "学会党组织覆盖率；90；%；以上", units = "学会学术部、组织人事部" });
        version = await Edit(new { no = 3, operation = "Split", version, splitAt = "开展科学家精神" });
        var split = (await (await admin.GetAsync($"/api/v1/workplans/{id}")).Json()).GetProperty("items").EnumerateArray().ToList();
        split.Count.ShouldBe(5);
        split[3].GetProperty("title").GetString().ShouldBe("开展科学家精神进校园活动100场次");
        split[3].GetProperty("targets")[0].GetProperty("value").GetDecimal().ShouldBe(100);
        version = await Edit(new { no = 4, operation = "MergeWithPrevious", version });
        version = await Edit(new { no = 1, operation = "Drop", version });
        var stale = await admin.PostAsJsonAsync($"/api/v1/workplans/{id}/draft", new { no = 1, operation = "Restore", version = version - 1 });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var bad = await admin.PostAsJsonAsync($"/api/v1/workplans/{id}/draft", new { no = 2, operation = "Edit", version, title = "x", targets = "没有数值" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await (await admin.PostAsJsonAsync($"/api/v1/workplans/{id}/activate", new { version })).Json()).GetProperty("tasks").GetInt32().ShouldBe(3);
        var tasks = await WorkPlanTestData.TasksAsync(admin, id);
        tasks.Select(t => t.GetProperty("organisation").GetString()).ShouldBe(["学会学术部", "市教育局", "科学技术普及部"]);
        var party = await (await admin.GetAsync($"/api/v1/workplans/tasks/{tasks[0].GetProperty("id").GetGuid()}")).Json();
        party.GetProperty("coUnits").GetString().ShouldBe("组织人事部");
        party.GetProperty("targets")[0].GetProperty("bound").GetString().ShouldBe("AtLeast");
        (await admin.PostAsJsonAsync($"/api/v1/workplans/{id}/draft", new { no = 2, operation = "Drop", version = version + 1 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_member_unit_sees_its_own_tasks_reports_progress_answers_supervision_and_gets_graded()
    {
        await WorkPlanTestData.CreateStaffAsync(App, "edu.liaison", "市教育局");
        var admin = await App.LoginAsync("city.admin");
        var planId = await WorkPlanTestData.ImportAndActivateAsync(admin, WorkPlanTestData.Plan(Year, "周期"));
        var all = await WorkPlanTestData.TasksAsync(admin, planId);
        all.Count.ShouldBe(4);
        var eduTask = all.Single(t => t.GetProperty("organisation").GetString() == "市教育局").GetProperty("id").GetGuid();
        var other = all.First(t => t.GetProperty("organisation").GetString() != "市教育局").GetProperty("id").GetGuid();

        var edu = await App.LoginAsync("edu.liaison");
        var mine = await WorkPlanTestData.TasksAsync(edu, planId);
        mine.Select(t => t.GetProperty("id").GetGuid()).ShouldBe([eduTask]);
        (await edu.GetAsync($"/api/v1/workplans/tasks/{other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await edu.PostAsJsonAsync($"/api/v1/workplans/tasks/{other}/progress", new { text = "x", percent = 10 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await edu.GetAsync($"/api/v1/workplans/{planId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var upload = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4 evidence"u8.ToArray()), "file", "进校园活动照片.pdf" } };
        var fileId = (await (await edu.PostAsync("/api/v1/files", upload)).Json()).GetProperty("id").GetGuid();
        await (await edu.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduTask}/progress", new { text = "开展进校园活动40场次", percent = 40, fileIds = new[] { fileId } })).Json();
        (await edu.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduTask}/progress", new { text = "x", percent = 140 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var detail = await (await edu.GetAsync($"/api/v1/workplans/tasks/{eduTask}")).Json();
        detail.GetProperty("row").GetProperty("percent").GetInt32().ShouldBe(40);
        detail.GetProperty("reports")[0].GetProperty("text").GetString().ShouldBe("开展进校园活动40场次");

        // 督办: only the plan owner issues; the unit is notified and answers once.
        var answerBy = DateTime.UtcNow.AddHours(8).AddDays(5).ToString("yyyy-MM-dd");
        (await edu.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduTask}/notices", new { text = "请加快进度", answerBy })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var noticeId = (await (await admin.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduTask}/notices", new { text = "请加快进度", answerBy })).Json()).GetProperty("id").GetGuid();
        var notes = await (await edu.GetAsync("/api/v1/notifications")).Json();
        notes.GetProperty("items").EnumerateArray().ShouldContain(n => n.GetProperty("title").GetString()!.StartsWith("督办通知", StringComparison.Ordinal));
        (await edu.PostAsJsonAsync($"/api/v1/workplans/notices/{noticeId}/answer", new { answer = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await edu.PostAsJsonAsync($"/api/v1/workplans/notices/{noticeId}/answer", new { answer = "已部署，下月完成60场" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await edu.PostAsJsonAsync($"/api/v1/workplans/notices/{noticeId}/answer", new { answer = "again" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Completion: submitted by the unit, graded by the owner; 不合格 needs a reason and sends it back.
        async Task<int> V() => (await edu.GetFromJsonAsync<JsonElement>($"/api/v1/workplans/tasks/{eduTask}")).GetProperty("version").GetInt32();
        (await admin.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduTask}/grade", new { grade = "Good", version = await V() })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await edu.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduTask}/complete", new { version = await V() })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await edu.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduTask}/grade", new { grade = "Excellent", version = await V() })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduTask}/grade", new { grade = "Fail", version = await V() })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduTask}/grade", new { grade = "Fail", comment = "缺少佐证", version = await V() })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await edu.GetAsync($"/api/v1/workplans/tasks/{eduTask}")).Json()).GetProperty("row").GetProperty("status").GetString().ShouldBe("InProgress");
        (await edu.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduTask}/complete", new { version = await V() })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduTask}/grade", new { grade = "Excellent", comment = "超额完成", version = await V() })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var done = await (await edu.GetAsync($"/api/v1/workplans/tasks/{eduTask}")).Json();
        done.GetProperty("row").GetProperty("light").GetString().ShouldBe("Done");
        done.GetProperty("row").GetProperty("grade").GetString().ShouldBe("Excellent");
        (await edu.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduTask}/progress", new { text = "x", percent = 100 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduTask}/notices", new { text = "x", answerBy })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        await using var db = App.SystemDb();
        var actions = await db.AuditEntries.Where(a => a.EntityId == eduTask.ToString()).Select(a => a.Action).ToListAsync();
        actions.ShouldContain("workplan.task.supervise");
        actions.ShouldContain("workplan.task.grade");
    }

    [Fact]
    public async Task A_co_operating_unit_sees_the_task_reports_its_part_and_cannot_act_as_the_lead()
    {
        await WorkPlanTestData.CreateStaffAsync(App, "edu.co", "市教育局");
        await WorkPlanTestData.CreateStaffAsync(App, "health.co", "市卫健委");
        var admin = await App.LoginAsync("city.admin");
        var text = $"""
            示范市科协{Year}年工作要点（配合）
            一、提升全民科学素质
            1.开展青少年科技教育。开展科学家精神进校园活动100场次。（责任单位：市教育局、市卫健委）
            2.推进基层组织建设。年内新建镇(街道)科协3个。（责任单位：组织人事部）
            """;
        var planId = await WorkPlanTestData.ImportAndActivateAsync(admin, text);
        var tasks = await WorkPlanTestData.TasksAsync(admin, planId);
        var eduLead = tasks.Single(t => t.GetProperty("organisation").GetString() == "市教育局").GetProperty("id").GetGuid();
        var orgTask = tasks.Single(t => t.GetProperty("organisation").GetString() != "市教育局").GetProperty("id").GetGuid();

        // Activation made 市卫健委 a co-operating unit of the first task: it sees it, marked as such.
        var health = await App.LoginAsync("health.co");
        var seen = await WorkPlanTestData.TasksAsync(health, planId);
        seen.Select(t => t.GetProperty("id").GetGuid()).ShouldBe([eduLead]);
        seen[0].GetProperty("asCoUnit").GetBoolean().ShouldBeTrue();
        var detail = await (await health.GetAsync($"/api/v1/workplans/tasks/{eduLead}")).Json();
        detail.GetProperty("row").GetProperty("asCoUnit").GetBoolean().ShouldBeTrue();
        detail.GetProperty("coOrganisations").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ShouldBe(["市卫健委"]);
        (await health.GetAsync($"/api/v1/workplans/tasks/{orgTask}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A co-unit reports its part, not the task's progress or completion.
        (await health.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduLead}/progress", new { text = "x", percent = 50 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await health.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduLead}/complete", new { version = 0 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await health.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduLead}/co-progress", new { text = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await health.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduLead}/co-progress", new { text = "组织校医参与10场" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await health.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduLead}/co-progress", new { text = "组织校医参与12场" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await health.PostAsJsonAsync($"/api/v1/workplans/tasks/{orgTask}/co-progress", new { text = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The lead and the plan owner read the co-unit's report (one per period: the later replaced the first).
        var edu = await App.LoginAsync("edu.co");
        (await edu.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduLead}/co-progress", new { text = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        foreach (var c in new[] { edu, admin })
        {
            var d = await (await c.GetAsync($"/api/v1/workplans/tasks/{eduLead}")).Json();
            d.GetProperty("row").GetProperty("asCoUnit").GetBoolean().ShouldBeFalse();
            d.GetProperty("coReports").EnumerateArray().Select(r => r.GetProperty("text").GetString()).ShouldBe(["组织校医参与12场"]);
        }

        // Reassigning with another co-unit: 市教育局 is told and sees the organisation task; 市卫健委 loses it.
        await using var db = App.SystemDb();
        var orgTaskOrg = (await (await admin.GetAsync($"/api/v1/workplans/tasks/{orgTask}")).Json()).GetProperty("row").GetProperty("organisationId").GetGuid();
        var v = (await (await admin.GetAsync($"/api/v1/workplans/tasks/{orgTask}")).Json()).GetProperty("version").GetInt32();
        (await admin.PutAsJsonAsync($"/api/v1/workplans/tasks/{orgTask}/assignment",
            new { organisationId = orgTaskOrg, deadline = $"{Year}-12-31", rhythm = "Quarterly", coUnits = "市教育局，未知单位", version = v })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await WorkPlanTestData.TasksAsync(edu, planId)).Select(t => t.GetProperty("id").GetGuid()).ShouldBe([eduLead, orgTask], ignoreOrder: true);
        var notes = await (await edu.GetAsync("/api/v1/notifications")).Json();
        notes.GetProperty("items").EnumerateArray().ShouldContain(n => n.GetProperty("title").GetString()!.StartsWith("配合任务", StringComparison.Ordinal));
        var v2 = (await (await admin.GetAsync($"/api/v1/workplans/tasks/{eduLead}")).Json()).GetProperty("version").GetInt32();
        var eduOrg = await db.Organisations.FirstAsync(o => o.ShortName == "市教育局" || o.Name == "市教育局");
        (await admin.PutAsJsonAsync($"/api/v1/workplans/tasks/{eduLead}/assignment",
            new { organisationId = eduOrg.Id, deadline = $"{Year}-12-31", rhythm = "Quarterly", coUnits = (string?)null, version = v2 })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await health.GetAsync($"/api/v1/workplans/tasks/{eduLead}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await health.PostAsJsonAsync($"/api/v1/workplans/tasks/{eduLead}/co-progress", new { text = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Assigning_a_task_moves_it_into_the_new_units_scope()
    {
        await WorkPlanTestData.CreateStaffAsync(App, "health.liaison", "市卫健委");
        var admin = await App.LoginAsync("city.admin");
        var planId = await WorkPlanTestData.ImportAndActivateAsync(admin, WorkPlanTestData.Plan(Year, "分配"));
        var task = (await WorkPlanTestData.TasksAsync(admin, planId))[0].GetProperty("id").GetGuid();
        var health = await App.LoginAsync("health.liaison");
        (await health.GetAsync($"/api/v1/workplans/tasks/{task}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var db = App.SystemDb();
        var healthOrg = await db.Organisations.FirstAsync(o => o.ShortName == "市卫健委");
        var version = (await (await admin.GetAsync($"/api/v1/workplans/tasks/{task}")).Json()).GetProperty("version").GetInt32();
        var body = new { organisationId = healthOrg.Id, leadPerson = "李主任", deadline = $"{Year}-10-31", rhythm = "Monthly", coUnits = "市教育局", milestones = $"{Year}-06-30 完成中期评估", version };
        (await admin.PutAsJsonAsync($"/api/v1/workplans/tasks/{task}/assignment", body with { deadline = $"{Year + 3}-01-01" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PutAsJsonAsync($"/api/v1/workplans/tasks/{task}/assignment", body)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.PutAsJsonAsync($"/api/v1/workplans/tasks/{task}/assignment", body)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var seen = await (await health.GetAsync($"/api/v1/workplans/tasks/{task}")).Json();
        seen.GetProperty("row").GetProperty("leadPerson").GetString().ShouldBe("李主任");
        seen.GetProperty("milestones")[0].GetProperty("title").GetString().ShouldBe("完成中期评估");
        seen.GetProperty("targets").EnumerateArray().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_target_bound_to_a_platform_metric_moves_when_records_change()
    {
        var admin = await App.LoginAsync("city.admin");
        var planId = await WorkPlanTestData.ImportAndActivateAsync(admin, WorkPlanTestData.Plan(Year, "指标"));
        var taskId = (await WorkPlanTestData.TasksAsync(admin, planId))[0].GetProperty("id").GetGuid();
        async Task<JsonElement> Target() => (await (await admin.GetAsync($"/api/v1/workplans/tasks/{taskId}")).Json()).GetProperty("targets")[0];
        var targetId = (await Target()).GetProperty("id").GetGuid();
        (await admin.PutAsJsonAsync($"/api/v1/workplans/targets/{targetId}/binding", new { metricKey = "no.such.metric" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PutAsJsonAsync($"/api/v1/workplans/targets/{targetId}/binding", new { metricKey = "platform.organisations.founded", metricParameters = "colour=red" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PutAsJsonAsync($"/api/v1/workplans/targets/{targetId}/binding", new { metricKey = "platform.organisations.founded", metricParameters = "type=TownAssociation" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var before = (await Target()).GetProperty("actual").GetDecimal();

        await using var db = App.SystemDb();
        var county = await db.Organisations.FirstAsync(o => o.Name == "云岭县科协");
        var created = await admin.PostAsJsonAsync("/api/v1/organisations", new { name = $"指标测试镇科协{Guid.NewGuid():N}"[..14], type = "TownAssociation", parentId = county.Id, regionCode = county.RegionCode, version = 0 });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var after = await Target();
        after.GetProperty("actual").GetDecimal().ShouldBe(before + 1);
        after.GetProperty("metricName").GetString().ShouldBe("新建组织");

        // A society is not a town association: the parameter narrows the count.
        await admin.PostAsJsonAsync("/api/v1/organisations", new { name = $"指标测试学会{Guid.NewGuid():N}"[..13], type = "Society", parentId = (await db.Organisations.FirstAsync(o => o.Name == "示范市科协")).Id, regionCode = county.RegionCode, version = 0 });
        (await Target()).GetProperty("actual").GetDecimal().ShouldBe(before + 1);

        // Unbound again: the unit reports by hand.
        (await admin.PutAsJsonAsync($"/api/v1/workplans/targets/{targetId}/binding", new { manualActual = 2 })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var manual = await Target();
        manual.GetProperty("actual").GetDecimal().ShouldBe(2);
        manual.GetProperty("percent").GetInt32().ShouldBe(66);
        (await (await admin.GetAsync($"/api/v1/workplans/tasks/{taskId}")).Json()).GetProperty("row").GetProperty("percent").GetInt32().ShouldBe(66);
    }

    [Fact]
    public async Task Dashboard_register_and_annual_review_come_from_the_records_and_the_docx_opens_in_LibreOffice()
    {
        var admin = await App.LoginAsync("city.admin");
        var planId = await WorkPlanTestData.ImportAndActivateAsync(admin, WorkPlanTestData.Plan(Year, "台账"));
        var tasks = await WorkPlanTestData.TasksAsync(admin, planId);
        var eduTask = tasks.Single(t => t.GetProperty("organisation").GetString() == "市教育局").GetProperty("id").GetGuid();
        var target = (await (await admin.GetAsync($"/api/v1/workplans/tasks/{eduTask}")).Json()).GetProperty("targets")[0].GetProperty("id").GetGuid();
        (await admin.PutAsJsonAsync($"/api/v1/workplans/targets/{target}/binding", new { manualActual = 87 })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var dash = await (await admin.GetAsync($"/api/v1/workplans/{planId}/dashboard")).Json();
        dash.GetProperty("byPart").GetArrayLength().ShouldBe(2);
        dash.GetProperty("byUnit").EnumerateArray().Select(g => g.GetProperty("name").GetString()).ShouldContain("市教育局");
        dash.GetProperty("lights").GetProperty("green").GetInt32().ShouldBeGreaterThanOrEqualTo(0);

        var xlsx = await admin.GetAsync($"/api/v1/workplans/{planId}/register");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var ms = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()))
        {
            var rows = ms.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            rows.Count.ShouldBe(4);
            rows.Single(r => (string)r["责任单位"] == "市教育局")["目标与完成"].ToString()!.ShouldContain("完成87场次");
        }

        var version = (await (await admin.GetAsync($"/api/v1/workplans/{planId}/review")).Json()).GetProperty("version").GetInt32();
        version = (await (await admin.PostAsJsonAsync($"/api/v1/workplans/{planId}/review/generate", new { version })).Json()).GetProperty("version").GetInt32();
        var review = await (await admin.GetAsync($"/api/v1/workplans/{planId}/review")).Json();
        var paragraphs = review.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetProperty("text").GetString()!).ToList();
        paragraphs.Count.ShouldBe(2);
        paragraphs[1].ShouldContain("87场次（目标100场次）");
        paragraphs[1] += "全市青少年参与热情高涨。";
        version = (await (await admin.PutAsJsonAsync($"/api/v1/workplans/{planId}/review", new { paragraphs, version })).Json()).GetProperty("version").GetInt32();

        var docx = await admin.GetAsync($"/api/v1/workplans/{planId}/review.docx");
        docx.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await PdfTextAsync(await docx.Content.ReadAsByteArrayAsync());
        var flat = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        flat.ShouldContain($"示范市科学技术协会{Year}年工作综述");
        flat.ShouldContain("87场次（目标100场次）");
        flat.ShouldContain("全市青少年参与热情高涨");
        flat.ShouldContain("主要目标完成情况");
        flat.ShouldContain("87%");

        (await admin.PostAsJsonAsync($"/api/v1/workplans/{planId}/review/finalise", new { version })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.PutAsJsonAsync($"/api/v1/workplans/{planId}/review", new { paragraphs, version = version + 1 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_pages_render_the_demo_plan_for_the_owner_and_only_its_own_tasks_for_a_unit()
    {
        var admin = await App.LoginAsync("city.admin");
        await using var db = App.SystemDb();
        var plan = await db.Set<WorkPlan>().FirstAsync(p => p.Title == "示范市科学技术协会2026年工作要点");
        var task = await db.Set<WorkTask>().Where(t => t.PlanId == plan.Id).OrderBy(t => t.SortOrder).FirstAsync();
        foreach (var url in new[] { "/console", "/workplans", $"/workplans/{plan.Id}", $"/workplans/{plan.Id}/draft", $"/workplans/{plan.Id}/review", "/workplans/tasks", "/workplans/tasks?light=Red", $"/workplans/tasks/{task.Id}" })
        {
            var r = await admin.GetAsync(url);
            r.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        }
        var dashboard = WebUtility.HtmlDecode(await admin.GetStringAsync($"/workplans/{plan.Id}"));
        dashboard.ShouldContain("科学技术普及部");
        dashboard.ShouldContain("新建组织");
        WebUtility.HtmlDecode(await admin.GetStringAsync("/console")).ShouldContain("逾期（红灯）");
        // The youth contest target reads the awards module's metric (through its Contracts) on both databases.
        var targets = (await (await admin.GetAsync($"/api/v1/workplans/{plan.Id}/dashboard")).Json()).GetProperty("targets").EnumerateArray();
        var bound = targets.Single(t => t.GetProperty("metricKey").GetString() == "awards.entries.received");
        bound.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        bound.GetProperty("actual").GetDecimal().ShouldBeGreaterThanOrEqualTo(0);

        await WorkPlanTestData.CreateStaffAsync(App, "agri.liaison", "市农业农村局");
        var agri = await App.LoginAsync("agri.liaison");
        var list = WebUtility.HtmlDecode(await agri.GetStringAsync("/workplans/tasks"));
        list.ShouldContain("提升农民科学素质");
        list.ShouldNotContain("办好全国科普日");
        (await agri.GetAsync($"/workplans/tasks/{task.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await agri.GetAsync($"/workplans/{plan.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>Renders a .docx to PDF with LibreOffice (installed by scripts/test.sh) and extracts its text with pdftotext.</summary>
    internal static async Task<string> PdfTextAsync(byte[] docx)
    {
        var dir = Directory.CreateTempSubdirectory("kexie-docx-").FullName;
        try
        {
            var file = Path.Combine(dir, "review.docx");
            await File.WriteAllBytesAsync(file, docx);
            await RunAsync("soffice", $"-env:UserInstallation=file://{dir}/profile --headless --convert-to pdf --outdir {dir} {file}");
            var pdf = Path.Combine(dir, "review.pdf");
            File.Exists(pdf).ShouldBeTrue("LibreOffice did not produce a PDF");
            await RunAsync("pdftotext", $"-enc UTF-8 {pdf} {dir}/review.txt");
            return await File.ReadAllTextAsync(Path.Combine(dir, "review.txt"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task RunAsync(string tool, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{tool} did not start");
        var err = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        p.ExitCode.ShouldBe(0, $"{tool} {args}: {await err}");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WorkPlanTests_Sqlite(SqliteApp app) : WorkPlanTests(app);

[Collection(PostgresCollection.Name)]
public sealed class WorkPlanTests_Postgres(PostgresApp app) : WorkPlanTests(app);
