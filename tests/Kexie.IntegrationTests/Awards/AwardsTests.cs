using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Kexie.IntegrationTests.Awards;

/// <summary>The 评选表彰 module through the real app and database, once per provider.</summary>
public abstract class AwardsTests(KexieApp app)
{
    protected KexieApp App { get; } = app;

    private static string Unique(string s) => $"{s}{Guid.NewGuid().ToString("N")[..6]}";

    private async Task<Guid> OrgId(string name)
    {
        await using var db = App.SystemDb();
        return await db.Organisations.AsNoTracking().Where(o => o.Name == name).Select(o => o.Id).FirstAsync();
    }

    private static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        r.IsSuccessStatusCode.ShouldBeTrue(await r.Content.ReadAsStringAsync());
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<Guid> IdOf(HttpResponseMessage r) => (await Json(r)).GetProperty("id").GetGuid();

    private static async Task Ok(HttpResponseMessage r) => r.IsSuccessStatusCode.ShouldBeTrue(await r.Content.ReadAsStringAsync());

    private static async Task Refused(HttpResponseMessage r, HttpStatusCode code, string? text = null)
    {
        var body = await r.Content.ReadAsStringAsync();
        r.StatusCode.ShouldBe(code, body);
        if (text is not null) body.ShouldContain(text);
    }

    private static async Task<JsonElement> Call(HttpClient c, Guid id) => await Json(await c.GetAsync($"/api/v1/awards/calls/{id}"));

    private static async Task<JsonElement> Entry(HttpClient c, Guid id) => await Json(await c.GetAsync($"/api/v1/awards/entries/{id}"));

    private static async Task<int> EntryVersion(HttpClient c, Guid id) => (await Entry(c, id)).GetProperty("version").GetInt32();

    /// <summary>A 青少年科技创新大赛 from the template, open for entries (deadline in a day).</summary>
    private async Task<(HttpClient City, Guid CallId)> OpenYouthCallAsync(Func<string, string>? configure = null)
    {
        var city = await App.LoginAsync("city.admin");
        var id = await IdOf(await city.PostAsJsonAsync("/api/v1/awards/calls/from-template", new
        {
            templateKey = "youth-innovation",
            year = 2026,
            edition = Unique("第"),
            submissionDeadline = DateTime.UtcNow.AddDays(1),
        }));
        if (configure is not null)
        {
            var call = await Call(city, id);
            await Ok(await city.PutAsJsonAsync($"/api/v1/awards/calls/{id}", new
            {
                name = call.GetProperty("name").GetString(),
                edition = call.GetProperty("edition").GetString(),
                year = 2026,
                submissionDeadline = DateTime.UtcNow.AddDays(1),
                configJson = configure(call.GetProperty("configJson").GetString()!),
                version = call.GetProperty("version").GetInt32(),
            }));
        }
        await Ok(await city.PostAsJsonAsync($"/api/v1/awards/calls/{id}/open", new { version = (await Call(city, id)).GetProperty("version").GetInt32() }));
        return (city, id);
    }

    private static object YouthEntry(Guid callId, Guid unit, string title, string category = "学生科技创新成果", string applicantUnit = "秦川区实验中学") => new
    {
        callId,
        title,
        category,
        applicantName = "王小明",
        applicantUnit,
        recommendingUnitId = unit,
        values = new Dictionary<string, string> { ["school"] = applicantUnit, ["grade"] = "初中", ["discipline"] = "工程", ["abstract"] = "用雨水浇灌校园绿地" },
    };

    /// <summary>An entry created and submitted by public.demo, recommended by 秦川区 and passed by the city.</summary>
    private async Task<Guid> EligibleAsync(HttpClient city, Guid callId, string title, string category = "学生科技创新成果", string applicantUnit = "秦川区实验中学")
    {
        var applicant = await App.LoginAsync("public.demo", "Public@2026");
        var county = await App.LoginAsync("county.qinchuan");
        var id = await IdOf(await applicant.PostAsJsonAsync("/api/v1/awards/entries", YouthEntry(callId, await OrgId("秦川区科协"), title, category, applicantUnit)));
        await Ok(await applicant.PostAsJsonAsync($"/api/v1/awards/entries/{id}/submit", new { version = await EntryVersion(applicant, id) }));
        await Ok(await county.PostAsJsonAsync($"/api/v1/awards/entries/{id}/recommend", new { version = await EntryVersion(county, id) }));
        await Ok(await city.PostAsJsonAsync($"/api/v1/awards/entries/{id}/check", new { decision = "Pass", version = await EntryVersion(city, id) }));
        return id;
    }

    [Fact]
    public async Task Seven_templates_are_configurations_and_a_new_call_copies_one_and_round_trips_through_json()
    {
        var city = await App.LoginAsync("city.admin");
        var templates = await city.GetFromJsonAsync<JsonElement>("/api/v1/awards/templates");
        templates.GetArrayLength().ShouldBe(7);
        var (_, id) = await OpenYouthCallAsync();
        var call = await Call(city, id);
        call.GetProperty("status").GetString().ShouldBe("Open");
        call.GetProperty("config").GetProperty("tiers").GetArrayLength().ShouldBe(6);
        call.GetProperty("rounds").GetArrayLength().ShouldBe(1);
        var quotas = call.GetProperty("quotas").EnumerateArray().ToList();
        quotas.ShouldNotBeEmpty();
        quotas.ShouldAllBe(q => q.GetProperty("quota").GetInt32() == 20);

        var exported = await city.GetStringAsync($"/api/v1/awards/calls/{id}/config");
        var copy = await IdOf(await city.PostAsJsonAsync("/api/v1/awards/calls", new { name = "复制的大赛", year = 2027, configJson = exported }));
        (await city.GetStringAsync($"/api/v1/awards/calls/{copy}/config")).ShouldBe(exported);
        await Refused(await city.PostAsJsonAsync("/api/v1/awards/calls", new { name = "坏配置", year = 2027, configJson = "{\"rounds\":[]}" }), HttpStatusCode.BadRequest, "至少需要一个评审轮次");
        // A county may read calls but not configure them.
        var county = await App.LoginAsync("county.qinchuan");
        (await county.PostAsJsonAsync("/api/v1/awards/calls/from-template", new { templateKey = "paper", year = 2026 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_entry_is_validated_submitted_recommended_returned_with_a_reason_resubmitted_and_passed()
    {
        var (city, callId) = await OpenYouthCallAsync();
        var applicant = await App.LoginAsync("public.demo", "Public@2026");
        var county = await App.LoginAsync("county.qinchuan");
        var other = await App.LoginAsync("county.yunling");
        var qinchuan = await OrgId("秦川区科协");

        // Typed fields are validated on the server.
        await Refused(await applicant.PostAsJsonAsync("/api/v1/awards/entries", new
        {
            callId,
            title = "智能盲杖",
            category = "学生科技创新成果",
            applicantName = "王小明",
            applicantUnit = "秦川区实验中学",
            recommendingUnitId = qinchuan,
            values = new Dictionary<string, string> { ["grade"] = "大学" },
        }), HttpStatusCode.BadRequest, "年级");
        await Refused(await applicant.PostAsJsonAsync("/api/v1/awards/entries", new
        {
            callId,
            title = "智能盲杖",
            category = "不存在的类别",
            applicantName = "王小明",
            applicantUnit = "秦川区实验中学",
            recommendingUnitId = qinchuan,
        }), HttpStatusCode.BadRequest, "类别");
        // A draft may be incomplete.
        var id = await IdOf(await applicant.PostAsJsonAsync("/api/v1/awards/entries", new { callId, title = "智能盲杖", category = "学生科技创新成果", applicantName = "王小明", applicantUnit = "秦川区实验中学", recommendingUnitId = qinchuan, values = new Dictionary<string, string> { ["school"] = "秦川区实验中学" } }));
        // Submission needs the required fields.
        await Refused(await applicant.PostAsJsonAsync($"/api/v1/awards/entries/{id}/submit", new { version = await EntryVersion(applicant, id) }), HttpStatusCode.BadRequest, "请填写");
        var v = await EntryVersion(applicant, id);
        await Ok(await applicant.PutAsJsonAsync($"/api/v1/awards/entries/{id}", new Dictionary<string, object?>
        {
            ["callId"] = callId,
            ["title"] = "智能盲杖",
            ["category"] = "学生科技创新成果",
            ["applicantName"] = "王小明",
            ["applicantUnit"] = "秦川区实验中学",
            ["recommendingUnitId"] = qinchuan,
            ["version"] = v,
            ["values"] = new Dictionary<string, string> { ["school"] = "秦川区实验中学", ["grade"] = "初中", ["discipline"] = "工程", ["abstract"] = "导盲" },
        }));
        // A stale version is a conflict.
        await Refused(await applicant.PostAsJsonAsync($"/api/v1/awards/entries/{id}/submit", new { version = v }), HttpStatusCode.Conflict);
        await Ok(await applicant.PostAsJsonAsync($"/api/v1/awards/entries/{id}/submit", new { version = await EntryVersion(applicant, id) }));
        (await Entry(applicant, id)).GetProperty("status").GetString().ShouldBe("Submitted");

        // Only the chosen recommending unit recommends; another county does not even see the entry.
        (await other.GetAsync($"/api/v1/awards/entries/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsJsonAsync($"/api/v1/awards/entries/{id}/recommend", new { version = 1 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // 形式审查 waits for the recommendation.
        await Refused(await city.PostAsJsonAsync($"/api/v1/awards/entries/{id}/check", new { decision = "Pass", version = await EntryVersion(city, id) }), HttpStatusCode.BadRequest, "已推荐");
        await Ok(await county.PostAsJsonAsync($"/api/v1/awards/entries/{id}/recommend", new { version = await EntryVersion(county, id) }));
        await Refused(await county.PostAsJsonAsync($"/api/v1/awards/entries/{id}/recommend", new { version = await EntryVersion(county, id) }), HttpStatusCode.BadRequest);

        // Return needs a reason, which is kept; the applicant corrects and resubmits; the quota slot stays.
        await Refused(await city.PostAsJsonAsync($"/api/v1/awards/entries/{id}/check", new { decision = "Return", reason = "", version = await EntryVersion(city, id) }), HttpStatusCode.BadRequest, "退回原因");
        await Ok(await city.PostAsJsonAsync($"/api/v1/awards/entries/{id}/check", new { decision = "Return", reason = "请补充研究报告", version = await EntryVersion(city, id) }));
        var returned = await Entry(applicant, id);
        returned.GetProperty("status").GetString().ShouldBe("Returned");
        returned.GetProperty("returnReason").GetString().ShouldBe("请补充研究报告");
        returned.GetProperty("canSubmit").GetBoolean().ShouldBeTrue();
        await Ok(await applicant.PostAsJsonAsync($"/api/v1/awards/entries/{id}/submit", new { version = await EntryVersion(applicant, id) }));
        var again = await Entry(city, id);
        again.GetProperty("status").GetString().ShouldBe("Recommended");
        again.GetProperty("returnReason").GetString().ShouldBe("请补充研究报告");
        await Ok(await city.PostAsJsonAsync($"/api/v1/awards/entries/{id}/check", new { decision = "Pass", version = await EntryVersion(city, id) }));
        (await Entry(city, id)).GetProperty("status").GetString().ShouldBe("Eligible");
        // Applicants see their own entries (本人), not others'.
        var mine = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/awards/entries?mine=true&callId={callId}");
        mine.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ShouldContain(id);

        // Reject keeps its reason too.
        var second = await IdOf(await applicant.PostAsJsonAsync("/api/v1/awards/entries", YouthEntry(callId, qinchuan, "家乡河流水质调查")));
        await Ok(await applicant.PostAsJsonAsync($"/api/v1/awards/entries/{second}/submit", new { version = await EntryVersion(applicant, second) }));
        await Ok(await county.PostAsJsonAsync($"/api/v1/awards/entries/{second}/recommend", new { version = await EntryVersion(county, second) }));
        await Ok(await city.PostAsJsonAsync($"/api/v1/awards/entries/{second}/check", new { decision = "Reject", reason = "非本年度作品", version = await EntryVersion(city, second) }));
        (await Entry(city, second)).GetProperty("rejectReason").GetString().ShouldBe("非本年度作品");
        await Refused(await applicant.PostAsJsonAsync($"/api/v1/awards/entries/{second}/submit", new { version = await EntryVersion(applicant, second) }), HttpStatusCode.BadRequest);

        // Recommendation counted against the quota.
        var quota = (await Call(city, callId)).GetProperty("quotas").EnumerateArray().Single(q => q.GetProperty("organisationId").GetGuid() == qinchuan);
        quota.GetProperty("used").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Submission_after_the_deadline_is_refused()
    {
        var (city, callId) = await OpenYouthCallAsync();
        var applicant = await App.LoginAsync("public.demo", "Public@2026");
        var id = await IdOf(await applicant.PostAsJsonAsync("/api/v1/awards/entries", YouthEntry(callId, await OrgId("秦川区科协"), "迟到的作品")));
        var call = await Call(city, callId);
        await Ok(await city.PutAsJsonAsync($"/api/v1/awards/calls/{callId}", new
        {
            name = call.GetProperty("name").GetString(),
            edition = call.GetProperty("edition").GetString(),
            year = 2026,
            submissionDeadline = DateTime.UtcNow.AddMinutes(-1),
            version = call.GetProperty("version").GetInt32(),
        }));
        await Refused(await applicant.PostAsJsonAsync($"/api/v1/awards/entries/{id}/submit", new { version = await EntryVersion(applicant, id) }), HttpStatusCode.BadRequest, "截止");
    }

    [Fact]
    public async Task Two_parallel_recommendations_for_the_last_quota_slot_leave_one_winner()
    {
        var (city, callId) = await OpenYouthCallAsync();
        var qinchuan = await OrgId("秦川区科协");
        await Ok(await city.PutAsJsonAsync($"/api/v1/awards/calls/{callId}/quotas", new[] { new { organisationId = qinchuan, quota = 1 } }));
        var applicant = await App.LoginAsync("public.demo", "Public@2026");
        var ids = new List<Guid>();
        foreach (var t in new[] { "作品甲", "作品乙" })
        {
            var id = await IdOf(await applicant.PostAsJsonAsync("/api/v1/awards/entries", YouthEntry(callId, qinchuan, t)));
            await Ok(await applicant.PostAsJsonAsync($"/api/v1/awards/entries/{id}/submit", new { version = await EntryVersion(applicant, id) }));
            ids.Add(id);
        }
        var c1 = await App.LoginAsync("county.qinchuan");
        var c2 = await App.LoginAsync("county.qinchuan");
        var v0 = await EntryVersion(c1, ids[0]);
        var v1 = await EntryVersion(c1, ids[1]);
        var answers = await Task.WhenAll(
            c1.PostAsJsonAsync($"/api/v1/awards/entries/{ids[0]}/recommend", new { version = v0 }),
            c2.PostAsJsonAsync($"/api/v1/awards/entries/{ids[1]}/recommend", new { version = v1 }));
        answers.Count(a => a.StatusCode == HttpStatusCode.NoContent).ShouldBe(1);
        var loser = answers.Single(a => a.StatusCode != HttpStatusCode.NoContent);
        (await loser.Content.ReadAsStringAsync()).ShouldContain("名额已用完");
        await using var db = App.SystemDb();
        (await db.Set<AwardQuota>().Where(q => q.CallId == callId && q.UnitId == qinchuan).Select(q => q.Used).SingleAsync()).ShouldBe(1);
        (await db.Set<AwardEntry>().CountAsync(e => e.CallId == callId && e.Status == EntryStatus.Recommended)).ShouldBe(1);
        // The quota cannot drop below what was used.
        await Refused(await city.PutAsJsonAsync($"/api/v1/awards/calls/{callId}/quotas", new[] { new { organisationId = qinchuan, quota = 0 } }), HttpStatusCode.BadRequest, "不能少于");
    }

    [Fact]
    public async Task A_panel_scores_blind_in_isolation_a_conflict_brings_in_the_reserve_the_form_freezes_and_the_chair_confirms_the_ranking()
    {
        var (city, callId) = await OpenYouthCallAsync(json => json.Replace("\"blind\": false", "\"blind\": true"));
        var e1 = await EligibleAsync(city, callId, "校园雨水回收灌溉装置");
        var e2 = await EligibleAsync(city, callId, "基于图像识别的垃圾分类箱");
        var e3 = await EligibleAsync(city, callId, "项目式科学教学", "科技辅导员科技教育创新成果");
        var call = await Call(city, callId);
        call.GetProperty("config").GetProperty("blind").GetBoolean().ShouldBeTrue();
        var roundId = call.GetProperty("rounds")[0].GetProperty("id").GetGuid();
        var round = $"/api/v1/awards/calls/{callId}/rounds/{roundId}";

        // Staff choose the members and a reserve; an account without the review permission is refused.
        await Refused(await city.PostAsJsonAsync($"{round}/reviewers", new { userName = "county.qinchuan" }), HttpStatusCode.BadRequest, "评审权限");
        await Ok(await city.PostAsJsonAsync($"{round}/reviewers", new { userName = "expert.heqiushi" }));
        await Ok(await city.PostAsJsonAsync($"{round}/reviewers", new { userName = "city.xuehui" }));
        await Ok(await city.PostAsJsonAsync($"{round}/reviewers", new { userName = "city.kepu", isReserve = true }));
        await Refused(await city.PostAsJsonAsync($"{round}/assign", new { }), HttpStatusCode.BadRequest, "评审阶段");
        await Ok(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/review", new { version = (await Call(city, callId)).GetProperty("version").GetInt32() }));
        (await Json(await city.PostAsJsonAsync($"{round}/assign", new { }))).GetProperty("added").GetInt32().ShouldBe(6);

        var expert = await App.LoginAsync("expert.heqiushi");
        var xuehui = await App.LoginAsync("city.xuehui");
        var kepu = await App.LoginAsync("city.kepu");
        var mine = (await expert.GetFromJsonAsync<JsonElement>("/api/v1/awards/reviews")).EnumerateArray().Where(a => a.GetProperty("callId").GetGuid() == callId).ToList();
        mine.Count.ShouldBe(3);
        (await kepu.GetFromJsonAsync<JsonElement>("/api/v1/awards/reviews")).EnumerateArray().Count(a => a.GetProperty("callId").GetGuid() == callId).ShouldBe(0);
        var theirs = (await xuehui.GetFromJsonAsync<JsonElement>("/api/v1/awards/reviews")).EnumerateArray().Where(a => a.GetProperty("callId").GetGuid() == callId).ToList();
        // Another reviewer's assignment does not exist for the expert.
        (await expert.GetAsync($"/api/v1/awards/reviews/{theirs[0].GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await expert.PostAsJsonAsync($"/api/v1/awards/reviews/{theirs[0].GetProperty("id").GetGuid()}/score", new { scores = new { innovation = 1, science = 1, practice = 1 }, version = 0 }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var a1 = mine.Single(a => a.GetProperty("entryTitle").GetString() == "校园雨水回收灌溉装置").GetProperty("id").GetGuid();
        var detail = await expert.GetFromJsonAsync<JsonElement>($"/api/v1/awards/reviews/{a1}");
        detail.GetProperty("blind").GetBoolean().ShouldBeTrue();
        detail.GetProperty("applicantName").ValueKind.ShouldBe(JsonValueKind.Null);
        detail.GetProperty("applicantUnit").ValueKind.ShouldBe(JsonValueKind.Null);
        detail.GetProperty("others").ValueKind.ShouldBe(JsonValueKind.Null);

        // Out-of-range and missing criteria are refused; a score is kept with the form version.
        await Refused(await expert.PostAsJsonAsync($"/api/v1/awards/reviews/{a1}/score", new { scores = new { innovation = 45, science = 20, practice = 20 }, version = 0 }), HttpStatusCode.BadRequest, "之间");
        await Refused(await expert.PostAsJsonAsync($"/api/v1/awards/reviews/{a1}/score", new { scores = new { innovation = 35 }, version = 0 }), HttpStatusCode.BadRequest, "请为");
        var formBefore = (await Call(city, callId)).GetProperty("rounds")[0];
        var form = formBefore.GetProperty("form");
        // Before scoring the form can change: a new version.
        var changed = JsonSerializer.Deserialize<JsonElement>(form.GetRawText().Replace("\"实用性\"", "\"实用价值\""));
        var newVersion = (await Json(await city.PutAsJsonAsync($"{round}/form", new { form = changed, version = formBefore.GetProperty("version").GetInt32() }))).GetProperty("formVersion").GetInt32();
        newVersion.ShouldBe(formBefore.GetProperty("formVersion").GetInt32() + 1);
        await Ok(await expert.PostAsJsonAsync($"/api/v1/awards/reviews/{a1}/score", new { scores = new { innovation = 38, science = 28, practice = 25 }, comment = "构思巧妙", version = 0 }));
        var scored = await expert.GetFromJsonAsync<JsonElement>($"/api/v1/awards/reviews/{a1}");
        scored.GetProperty("total").GetDecimal().ShouldBe(91m);
        scored.GetProperty("scoredWithVersion").GetInt32().ShouldBe(newVersion);
        // After the first score the form is frozen.
        var frozen = (await Call(city, callId)).GetProperty("rounds")[0];
        frozen.GetProperty("frozen").GetBoolean().ShouldBeTrue();
        await Refused(await city.PutAsJsonAsync($"{round}/form", new { form = form, version = frozen.GetProperty("version").GetInt32() }), HttpStatusCode.BadRequest, "锁定");

        // A declared conflict sends the entry to the reserve; a scored entry cannot be declined.
        var a2 = mine.Single(a => a.GetProperty("entryTitle").GetString() == "基于图像识别的垃圾分类箱").GetProperty("id").GetGuid();
        await Refused(await expert.PostAsJsonAsync($"/api/v1/awards/reviews/{a1}/conflict", new { reason = "学生是亲属", version = 1 }), HttpStatusCode.BadRequest);
        var conflict = await Json(await expert.PostAsJsonAsync($"/api/v1/awards/reviews/{a2}/conflict", new { reason = "作者是本人学生", version = 0 }));
        conflict.GetProperty("replaced").GetBoolean().ShouldBeTrue();
        await Refused(await expert.PostAsJsonAsync($"/api/v1/awards/reviews/{a2}/score", new { scores = new { innovation = 30, science = 20, practice = 20 }, version = 1 }), HttpStatusCode.BadRequest, "回避");
        var reserveTasks = (await kepu.GetFromJsonAsync<JsonElement>("/api/v1/awards/reviews")).EnumerateArray().Where(a => a.GetProperty("callId").GetGuid() == callId).ToList();
        reserveTasks.Select(a => a.GetProperty("entryTitle").GetString()).ShouldBe(["基于图像识别的垃圾分类箱"]);

        // Progress board and reminders; ranking waits for every score.
        var board = await city.GetFromJsonAsync<JsonElement>($"{round}/panel");
        board.GetProperty("pending").GetInt32().ShouldBe(5);
        (await Json(await city.PostAsJsonAsync($"{round}/remind", new { }))).GetProperty("reminded").GetInt32().ShouldBe(3);
        await Refused(await city.PostAsJsonAsync($"{round}/rank", new { }), HttpStatusCode.BadRequest, "未完成");

        async Task ScoreAll(HttpClient c, int innovation)
        {
            foreach (var a in (await c.GetFromJsonAsync<JsonElement>("/api/v1/awards/reviews")).EnumerateArray()
                         .Where(a => a.GetProperty("callId").GetGuid() == callId && a.GetProperty("status").GetString() == "Assigned"))
            {
                var id = a.GetProperty("id").GetGuid();
                var version = (await c.GetFromJsonAsync<JsonElement>($"/api/v1/awards/reviews/{id}")).GetProperty("version").GetInt32();
                await Ok(await c.PostAsJsonAsync($"/api/v1/awards/reviews/{id}/score",
                    new { scores = new { innovation = a.GetProperty("entryTitle").GetString() == "基于图像识别的垃圾分类箱" ? 40 : innovation, science = 20, practice = 20 }, version }));
            }
        }
        await ScoreAll(expert, 30);
        await ScoreAll(xuehui, 25);
        await ScoreAll(kepu, 35);
        // Others' scores stay hidden (the call does not allow them).
        (await xuehui.GetFromJsonAsync<JsonElement>($"/api/v1/awards/reviews/{theirs[0].GetProperty("id").GetGuid()}")).GetProperty("others").ValueKind.ShouldBe(JsonValueKind.Null);

        // Confirmation needs ranked results; ranking is audited, puts each category into its own tiers.
        await Refused(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/confirm", new { version = (await Call(city, callId)).GetProperty("version").GetInt32() }), HttpStatusCode.BadRequest);
        (await Json(await city.PostAsJsonAsync($"{round}/rank", new { }))).GetProperty("ranked").GetInt32().ShouldBe(3);
        (await Call(city, callId)).GetProperty("status").GetString().ShouldBe("Ranked");
        var results = (await city.GetFromJsonAsync<JsonElement>($"/api/v1/awards/calls/{callId}/results"))[0].GetProperty("rows").EnumerateArray().ToList();
        var byId = results.ToDictionary(r => r.GetProperty("entryId").GetGuid());
        byId[e2].GetProperty("tier").GetString().ShouldBe("一等奖"); // 40+20+20 from both reviewers
        byId[e2].GetProperty("score").GetDecimal().ShouldBe(80m);
        byId[e1].GetProperty("tier").GetString().ShouldBe("一等奖"); // 12 first prizes: both students get one
        byId[e1].GetProperty("rank").GetInt32().ShouldBe(2);
        byId[e3].GetProperty("tier").GetString().ShouldBe("辅导员一等奖");
        byId[e3].GetProperty("rank").GetInt32().ShouldBe(1);

        // Only the chair confirms; audited.
        (await xuehui.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/confirm", new { version = (await Call(city, callId)).GetProperty("version").GetInt32() }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Ok(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/confirm", new { note = "同意评审委员会意见", version = (await Call(city, callId)).GetProperty("version").GetInt32() }));
        var confirmed = await Call(city, callId);
        confirmed.GetProperty("status").GetString().ShouldBe("ChairConfirmed");
        confirmed.GetProperty("chairConfirmedBy").GetString().ShouldNotBeNullOrEmpty();
        await using var db = App.SystemDb();
        (await db.AuditEntries.CountAsync(a => a.EntityId == callId.ToString() && a.Action == "transition")).ShouldBeGreaterThanOrEqualTo(4);
        // The metric counts the awards granted.
        (await db.Set<AwardResult>().CountAsync(r => r.CallId == callId && r.Tier != null)).ShouldBe(3);

        // 公示 through the platform: open for the configured working days, objections block finalisation.
        var publicityId = (await Json(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/publicise", new { version = (await Call(city, callId)).GetProperty("version").GetInt32() })))
            .GetProperty("publicityId").GetGuid();
        (await Call(city, callId)).GetProperty("status").GetString().ShouldBe("Publicised");
        var notice = await App.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/public/gongshi/{publicityId}");
        notice.GetProperty("items").GetArrayLength().ShouldBe(3);
        await Ok(await App.Anonymous().PostAsJsonAsync($"/api/v1/public/gongshi/{publicityId}/objections", new { name = "张三", contact = "13800001234", itemIndex = 0, content = "作品涉嫌抄袭" }));
        await Refused(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/finalise", new { version = (await Call(city, callId)).GetProperty("version").GetInt32() }), HttpStatusCode.BadRequest, "结束后");
        // The window closes (moved into the past); the open objection still blocks.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        await db.Set<Kexie.Web.Platform.Publicity.PublicNotice>().Where(n => n.Id == publicityId)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.StartDate, today.AddDays(-20)).SetProperty(n => n.EndDate, today.AddDays(-1)));
        await Refused(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/finalise", new { version = (await Call(city, callId)).GetProperty("version").GetInt32() }), HttpStatusCode.BadRequest, "异议");
        var objection = (await city.GetFromJsonAsync<JsonElement>($"/api/v1/platform/publicity/{publicityId}/objections")).EnumerateArray().Single();
        await Ok(await city.PostAsJsonAsync($"/api/v1/platform/publicity/objections/{objection.GetProperty("id").GetGuid()}/decide",
            new { upheld = false, reason = "经查为独立完成", version = objection.GetProperty("version").GetInt32() }));
        await Ok(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/finalise", new { version = (await Call(city, callId)).GetProperty("version").GetInt32() }));
        (await Call(city, callId)).GetProperty("status").GetString().ShouldBe("Final");

        // Certificates once, verifiable in public.
        (await Json(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/certificates", new { }))).GetProperty("issued").GetInt32().ShouldBe(3);
        (await Json(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/certificates", new { }))).GetProperty("issued").GetInt32().ShouldBe(0);
        var serial = await db.Set<AwardResult>().Where(r => r.EntryId == e2).Select(r => r.CertificateSerial).SingleAsync();
        serial.ShouldNotBeNull();
        var cert = await db.Set<Kexie.Web.Platform.Certificates.Certificate>().SingleAsync(c => c.Serial == serial);
        var verified = await App.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/public/certificates/{serial}?c={cert.VerificationCode}");
        verified.GetProperty("valid").GetBoolean().ShouldBeTrue();
        verified.GetProperty("tier").GetString().ShouldBe("一等奖");
    }

    [Fact]
    public async Task A_panel_is_drawn_from_the_expert_pool_avoiding_the_applicants_units()
    {
        var (city, callId) = await OpenYouthCallAsync();
        await using var db = App.SystemDb();
        // The employer with the most admitted experts: none of them may sit on the panel.
        var avoided = await db.Set<Person>().WithoutDataScope().Where(p => p.PoolStatus == PoolStatus.Admitted)
            .GroupBy(p => p.Employer).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        await EligibleAsync(city, callId, "山区水质监测", applicantUnit: avoided);
        var roundId = (await Call(city, callId)).GetProperty("rounds")[0].GetProperty("id").GetGuid();
        var round = $"/api/v1/awards/calls/{callId}/rounds/{roundId}";
        var panel = await Json(await city.PostAsJsonAsync($"{round}/draw", new { }));
        panel.GetProperty("sourceModule").GetString().ShouldBe("Awards");
        panel.GetProperty("criteria").GetProperty("avoidUnits").EnumerateArray().Select(x => x.GetString()).ShouldContain(avoided);
        var members = panel.GetProperty("members").EnumerateArray().ToList();
        members.Count.ShouldBe(5);
        members.ShouldAllBe(m => m.GetProperty("employer").GetString() != avoided);
        var board = await city.GetFromJsonAsync<JsonElement>($"{round}/panel");
        board.GetProperty("reviewers").GetArrayLength().ShouldBe(members.Count + panel.GetProperty("reserves").GetArrayLength());
        board.GetProperty("panelId").GetGuid().ShouldBe(panel.GetProperty("id").GetGuid());
        await Refused(await city.PostAsJsonAsync($"{round}/draw", new { }), HttpStatusCode.BadRequest, "已抽取");
    }
    [Fact]
    public async Task The_demo_city_shows_a_living_module_in_the_pages()
    {
        var city = await App.LoginAsync("city.admin");
        var list = await city.GetStringAsync("/awards");
        foreach (var name in new[] { "青年科技奖", "最美科技工作者", "优秀自然科学论文", "青少年科技创新大赛", "科普短视频大赛", "智库课题", "优秀科技调研报告" })
            list.ShouldContain(name);
        await using var db = App.SystemDb();
        var youth = await db.Set<AwardCall>().Where(c => c.TemplateKey == "youth-innovation" && c.Status == CallStatus.Review).OrderBy(c => c.CreatedAt).FirstAsync();
        var page = await city.GetStringAsync($"/awards/calls/{youth.Id}");
        page.ShouldContain("评审进度");
        page.ShouldContain("何秋实");
        var survey = await db.Set<AwardCall>().Where(c => c.TemplateKey == "survey-report").OrderBy(c => c.CreatedAt).FirstAsync();
        (await city.GetStringAsync($"/awards/calls/{survey.Id}")).ShouldContain("排名结果");

        // expert.heqiushi has demo review tasks, some still to score; the scoring page renders the round's form.
        var expert = await App.LoginAsync("expert.heqiushi");
        var reviews = await expert.GetFromJsonAsync<JsonElement>("/api/v1/awards/reviews");
        var pending = reviews.EnumerateArray().First(a => a.GetProperty("callId").GetGuid() == youth.Id && a.GetProperty("status").GetString() == "Assigned");
        var scoring = await expert.GetStringAsync($"/awards/reviews/{pending.GetProperty("id").GetGuid()}");
        scoring.ShouldContain("创新性");
        scoring.ShouldContain("申请回避");
        (await expert.GetStringAsync("/awards/reviews")).ShouldContain(pending.GetProperty("entryTitle").GetString()!);

        // An applicant sees the open calls and the entry form built from the call's fields.
        var applicant = await App.LoginAsync("public.demo", "Public@2026");
        (await applicant.GetStringAsync("/awards/mine")).ShouldContain("青年科技奖");
        var young = await db.Set<AwardCall>().Where(c => c.TemplateKey == "young-scientist").OrderBy(c => c.CreatedAt).FirstAsync();
        var form = await applicant.GetStringAsync($"/awards/calls/{young.Id}/apply");
        form.ShouldContain("主要事迹与成果");
        form.ShouldContain("推荐单位");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AwardsTests_Sqlite(SqliteApp app) : AwardsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AwardsTests_Postgres(PostgresApp app) : AwardsTests(app);
