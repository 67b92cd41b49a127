using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Voting;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static Kexie.IntegrationTests.Awards.AwardsFlow;

namespace Kexie.IntegrationTests.Awards;

/// <summary>Public voting blended into the ranking, the setup page's API, the pickers and the tie page's decisions.</summary>
public abstract partial class AwardsVotingSetupTests(KexieApp app)
{
    private readonly AwardsFlow _flow = new(app);

    [Fact]
    public async Task Public_votes_are_counted_exactly_one_per_person_per_day_and_blend_into_the_final_ranking()
    {
        var (city, callId) = await _flow.OpenCallAsync("most-beautiful", DateTime.UtcNow.AddDays(1));
        var a = await _flow.EligibleAsync(city, callId, "山区农技推广", null, PersonValues());
        var b = await _flow.EligibleAsync(city, callId, "城市供水安全", null, PersonValues());
        (await Call(city, callId)).GetProperty("config").GetProperty("votingWeightPercent").GetInt32().ShouldBe(30);

        // Voting opens on the eligible entries once entries close.
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(1);
        await Refused(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/voting", new { closesOn = tomorrow, version = await CallVersion(city, callId) }),
            HttpStatusCode.BadRequest, "进入评审后");
        var round = await ReviewByCityAdminAsync(city, callId);
        var county = await app.LoginAsync("county.qinchuan");
        (await county.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/voting", new { closesOn = tomorrow, version = await CallVersion(city, callId) }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Refused(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/voting", new { closesOn = tomorrow, version = 0 }), HttpStatusCode.Conflict);
        // Two staff open it at once from the same page: one wins, the other is refused, and only one ballot exists.
        var version = await CallVersion(city, callId);
        var city2 = await app.LoginAsync("city.admin");
        var both = await Task.WhenAll(
            city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/voting", new { closesOn = tomorrow, version }),
            city2.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/voting", new { closesOn = tomorrow, version }));
        both.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        both.Count(r => r.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest).ShouldBe(1);
        var ballotId = (await Json(both.Single(r => r.StatusCode == HttpStatusCode.OK))).GetProperty("ballotId").GetGuid();
        await using (var db = app.SystemDb())
            (await db.Set<Ballot>().CountAsync(x => x.SourceModule == "Awards" && x.SourceRef == callId.ToString())).ShouldBe(1);
        await Refused(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/voting", new { closesOn = tomorrow, version = await CallVersion(city, callId) }),
            HttpStatusCode.BadRequest, "已经开启");

        // The public page needs no console login; an unidentified voter is refused.
        var anonymous = app.Anonymous();
        var view = await Json(await anonymous.GetAsync($"/api/v1/awards/public/calls/{callId}/voting"));
        view.GetProperty("candidates").GetArrayLength().ShouldBe(2);
        (await anonymous.GetStringAsync($"/awards/vote/{callId}")).ShouldContain("城市供水安全");
        await Refused(await anonymous.PostAsJsonAsync($"/api/v1/awards/public/calls/{callId}/votes", new { entryId = a }), HttpStatusCode.BadRequest, "请先登录或验证手机号");

        // One vote per account per day; signed-in accounts of any kind may vote.
        var applicant = await app.LoginAsync("public.demo", "Public@2026");
        await Ok(await applicant.PostAsJsonAsync($"/api/v1/awards/public/calls/{callId}/votes", new { entryId = a }));
        await Refused(await applicant.PostAsJsonAsync($"/api/v1/awards/public/calls/{callId}/votes", new { entryId = b }), HttpStatusCode.BadRequest, "今天");
        await Ok(await county.PostAsJsonAsync($"/api/v1/awards/public/calls/{callId}/votes", new { entryId = a }));
        await Ok(await city.PostAsJsonAsync($"/api/v1/awards/public/calls/{callId}/votes", new { entryId = b }));
        await Refused(await city.PostAsJsonAsync($"/api/v1/awards/public/calls/{callId}/votes", new { entryId = Guid.NewGuid() }), HttpStatusCode.BadRequest, "不在投票名单");

        var counts = await Json(await anonymous.GetAsync($"/api/v1/awards/public/calls/{callId}/voting"));
        counts.GetProperty("totalVotes").GetInt32().ShouldBe(3);
        var byEntry = counts.GetProperty("candidates").EnumerateArray().ToDictionary(c => c.GetProperty("entryId").GetGuid(), c => c.GetProperty("votes").GetInt32());
        byEntry[a].ShouldBe(2);
        byEntry[b].ShouldBe(1);
        var staff = await Json(await city.GetAsync($"/api/v1/awards/calls/{callId}/voting"));
        staff.GetProperty("heldVotes").GetInt32().ShouldBe(0);
        staff.GetProperty("ballotId").GetGuid().ShouldBe(ballotId);
        (await county.GetAsync($"/api/v1/awards/calls/{callId}/voting")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await city.GetStringAsync($"/awards/calls/{callId}")).ShouldContain("待审核异常票");

        // The experts prefer B (100 against 80 of 100); the voting rule stops the vote from changing once open.
        await ScoreAsync(city, callId, title => title == "山区农技推广" ? new { deeds = 30, spirit = 25, influence = 25 } : new { deeds = 40, spirit = 30, influence = 30 });
        var setup = await Json(await city.GetAsync($"/api/v1/awards/calls/{callId}/setup"));
        var s = setup.GetProperty("setup");
        await Refused(await city.PutAsJsonAsync($"/api/v1/awards/calls/{callId}/setup", With(s, "votesPerPersonPerDay", 3)), HttpStatusCode.BadRequest, "投票规则不能再修改");
        // The scored form is frozen: a change to it is refused, not edited.
        var changedForm = JsonNodeReplace(s, "\"先进事迹\"", "\"先进事迹与贡献\"");
        await Refused(await city.PutAsJsonAsync($"/api/v1/awards/calls/{callId}/setup", changedForm), HttpStatusCode.BadRequest, "已锁定");

        // Ranking waits for the vote to close; then 70% experts + 30% votes: A = 70×0.8 + 30×1 = 86, B = 70×1 + 30×0.5 = 85.
        await Refused(await city.PostAsJsonAsync($"{round}/rank", new { }), HttpStatusCode.BadRequest, "结束后");
        await using (var db = app.SystemDb())
            await db.Set<Ballot>().Where(x => x.Id == ballotId)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.OpensAt, DateTime.UtcNow.AddDays(-2)).SetProperty(x => x.ClosesAt, DateTime.UtcNow.AddMinutes(-1)));
        await Refused(await applicant.PostAsJsonAsync($"/api/v1/awards/public/calls/{callId}/votes", new { entryId = b }), HttpStatusCode.BadRequest, "已结束");
        await Ok(await city.PostAsJsonAsync($"{round}/rank", new { }));
        var rows = (await Json(await city.GetAsync($"/api/v1/awards/calls/{callId}/results")))[0].GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("entryId").GetGuid());
        rows[a].GetProperty("rank").GetInt32().ShouldBe(1);
        rows[a].GetProperty("score").GetDecimal().ShouldBe(86m);
        rows[a].GetProperty("expertScore").GetDecimal().ShouldBe(80m);
        rows[a].GetProperty("votes").GetInt32().ShouldBe(2);
        rows[b].GetProperty("rank").GetInt32().ShouldBe(2);
        rows[b].GetProperty("score").GetDecimal().ShouldBe(85m);
    }

    private static JsonElement With(JsonElement setup, string property, object value)
    {
        var d = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(setup.GetRawText())!;
        d[property] = JsonSerializer.SerializeToElement(value);
        return JsonSerializer.SerializeToElement(d);
    }

    private static JsonElement JsonNodeReplace(JsonElement e, string from, string to) => JsonSerializer.Deserialize<JsonElement>(e.GetRawText().Replace(from, to));

    [Fact]
    public async Task Staff_set_up_a_call_without_json_with_chinese_validation_locks_after_submission_and_409_on_a_stale_version()
    {
        var city = await app.LoginAsync("city.admin");
        var callId = await IdOf(await city.PostAsJsonAsync("/api/v1/awards/calls/from-template", new { templateKey = "youth-innovation", year = 2026, edition = Unique("第") }));
        var s = (await Json(await city.GetAsync($"/api/v1/awards/calls/{callId}/setup"))).GetProperty("setup");
        var qinchuan = await _flow.OrgId("秦川区科协");

        var d = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(s.GetRawText())!;
        var fields = JsonSerializer.Deserialize<List<Dictionary<string, object?>>>(d["fields"].GetRawText())!;
        fields.Add(new() { ["key"] = "", ["label"] = "参赛形式", ["type"] = "Choice", ["required"] = true, ["choices"] = new[] { "个人", "集体" } });
        fields.Add(new() { ["key"] = "", ["label"] = "推荐学校", ["type"] = "Organisation", ["required"] = false });
        d["fields"] = JsonSerializer.SerializeToElement(fields);
        d["name"] = JsonSerializer.SerializeToElement("青少年科技创新大赛（配置页）");
        d["publicityWorkingDays"] = JsonSerializer.SerializeToElement(6);
        d["submissionDeadline"] = JsonSerializer.SerializeToElement(DateTime.UtcNow.AddDays(3));
        d["tiers"] = JsonSerializer.SerializeToElement(new object[] { new { name = "一等奖", count = 1 }, new { name = "二等奖", share = 0.5m } });
        d["quotas"] = JsonSerializer.SerializeToElement(new[] { new { organisationId = qinchuan, quota = 4 } });
        d["rounds"] = JsonSerializer.SerializeToElement(new object[]
        {
            new { name = "初评", form = new { method = "PassFail", criteria = Array.Empty<object>() }, panelSize = 3, reserves = 1 },
            new { name = "终评", form = new { method = "Weighted", criteria = new[] { new { key = "", name = "创新性", weight = 1, min = 0, max = 50 }, new { key = "", name = "科学性", weight = 1, min = 0, max = 50 } } }, panelSize = 5, reserves = 2 },
        });

        // Clear Chinese refusals.
        var bad = new Dictionary<string, JsonElement>(d);
        var badFields = new List<Dictionary<string, object?>>(fields) { new() { ["key"] = "", ["label"] = "学段", ["type"] = "Choice", ["choices"] = Array.Empty<string>() } };
        bad["fields"] = JsonSerializer.SerializeToElement(badFields);
        await Refused(await city.PutAsJsonAsync($"/api/v1/awards/calls/{callId}/setup", bad), HttpStatusCode.BadRequest, "需要至少一个选项");
        bad = new Dictionary<string, JsonElement>(d) { ["tiers"] = JsonSerializer.SerializeToElement(new object[] { new { name = "一等奖", count = 1, share = 0.1m } }) };
        await Refused(await city.PutAsJsonAsync($"/api/v1/awards/calls/{callId}/setup", bad), HttpStatusCode.BadRequest, "名额或比例之一");
        bad = new Dictionary<string, JsonElement>(d) { ["votingWeightPercent"] = JsonSerializer.SerializeToElement(20) };
        await Refused(await city.PutAsJsonAsync($"/api/v1/awards/calls/{callId}/setup", bad), HttpStatusCode.BadRequest, "未开启网络投票");
        var county = await app.LoginAsync("county.qinchuan");
        (await county.PutAsJsonAsync($"/api/v1/awards/calls/{callId}/setup", d)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        await Ok(await city.PutAsJsonAsync($"/api/v1/awards/calls/{callId}/setup", d));
        // The same version again is stale: 409 with a Chinese message.
        await Refused(await city.PutAsJsonAsync($"/api/v1/awards/calls/{callId}/setup", d), HttpStatusCode.Conflict, "已被他人修改");

        var call = await Call(city, callId);
        call.GetProperty("name").GetString().ShouldBe("青少年科技创新大赛（配置页）");
        var config = call.GetProperty("config");
        config.GetProperty("publicityWorkingDays").GetInt32().ShouldBe(6);
        var added = config.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("label").GetString() == "参赛形式");
        added.GetProperty("key").GetString().ShouldBe("f1");
        var rounds = call.GetProperty("rounds").EnumerateArray().ToList();
        rounds.Select(r => r.GetProperty("name").GetString()).ShouldBe(["初评", "终评"]);
        rounds[1].GetProperty("form").GetProperty("criteria")[1].GetProperty("key").GetString().ShouldBe("c2");
        call.GetProperty("quotas").EnumerateArray().Single(q => q.GetProperty("organisationId").GetGuid() == qinchuan).GetProperty("quota").GetInt32().ShouldBe(4);
        call.GetProperty("quotas").GetArrayLength().ShouldBe(1);
        (await city.GetStringAsync($"/awards/calls/{callId}/setup")).ShouldContain("参赛形式");

        // Once an entry is submitted the form is fixed (other settings still change).
        await Ok(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/open", new { version = await CallVersion(city, callId) }));
        var applicant = await app.LoginAsync("public.demo", "Public@2026");
        var values = YouthValues();
        values["f1"] = "个人";
        var entry = await IdOf(await applicant.PostAsJsonAsync("/api/v1/awards/entries", new
        {
            callId,
            title = "配置页作品",
            category = "学生科技创新成果",
            applicantName = "王小明",
            applicantUnit = "秦川区实验中学",
            recommendingUnitId = qinchuan,
            values,
        }));
        await Ok(await applicant.PostAsJsonAsync($"/api/v1/awards/entries/{entry}/submit", new { version = await EntryVersion(applicant, entry) }));
        var now = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>((await Json(await city.GetAsync($"/api/v1/awards/calls/{callId}/setup"))).GetProperty("setup").GetRawText())!;
        var locked = new Dictionary<string, JsonElement>(now) { ["categories"] = JsonSerializer.SerializeToElement(new[] { "学生科技创新成果" }) };
        await Refused(await city.PutAsJsonAsync($"/api/v1/awards/calls/{callId}/setup", locked), HttpStatusCode.BadRequest, "已有申报提交，类别不能再修改");
        now["publicityWorkingDays"] = JsonSerializer.SerializeToElement(7);
        await Ok(await city.PutAsJsonAsync($"/api/v1/awards/calls/{callId}/setup", now));
        (await Call(city, callId)).GetProperty("config").GetProperty("publicityWorkingDays").GetInt32().ShouldBe(7);
    }

    [Fact]
    public async Task Person_and_organisation_pickers_search_within_scope_show_masked_data_and_store_ids_with_names()
    {
        var (_, callId) = await _flow.OpenCallAsync("think-tank", DateTime.UtcNow.AddDays(1));
        var county = await app.LoginAsync("county.qinchuan");
        var qinchuan = await _flow.OrgId("秦川区科协");
        var yunling = await _flow.OrgId("云岭县科协");
        string mine, theirs;
        Guid theirsId;
        await using (var db = app.SystemDb())
        {
            var inQinchuan = db.OrganisationClosures.Where(c => c.AncestorId == qinchuan).Select(c => c.DescendantId);
            var inYunling = db.OrganisationClosures.Where(c => c.AncestorId == yunling).Select(c => c.DescendantId);
            var people = db.Set<Person>().WithoutDataScope().AsNoTracking().Where(p => p.Status != PersonStatus.Merged);
            var names = await people.GroupBy(p => p.Name).Where(g => g.Count() == 1).Select(g => g.Key).ToListAsync();
            mine = await people.Where(p => inQinchuan.Contains(p.OrganisationId) && names.Contains(p.Name) && p.IdNumberMasked != null).OrderBy(p => p.Name).Select(p => p.Name).FirstAsync();
            var other = await people.Where(p => inYunling.Contains(p.OrganisationId) && names.Contains(p.Name)).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).FirstAsync();
            (theirs, theirsId) = (other.Name, other.Id);
        }

        var found = (await Json(await county.GetAsync($"/api/v1/awards/lookup/people?q={Uri.EscapeDataString(mine)}"))).EnumerateArray().ToList();
        var hit = found.Single(p => p.GetProperty("name").GetString() == mine);
        var display = hit.GetProperty("display").GetString()!;
        display.ShouldContain("*");
        FullIdNumber().IsMatch(display).ShouldBeFalse(display);
        FullPhone().IsMatch(display).ShouldBeFalse(display);
        (await Json(await county.GetAsync($"/api/v1/awards/lookup/people?q={Uri.EscapeDataString(theirs)}"))).EnumerateArray()
            .ShouldNotContain(p => p.GetProperty("id").GetGuid() == theirsId);
        var orgs = (await Json(await county.GetAsync($"/api/v1/awards/lookup/organisations?q={Uri.EscapeDataString("云岭")}"))).EnumerateArray().ToList();
        orgs.ShouldContain(o => o.GetProperty("id").GetGuid() == yunling);
        (await app.Anonymous().GetAsync("/api/v1/awards/lookup/people?q=a")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        object Entry(string leader, string unit) => new
        {
            callId,
            title = Unique("课题"),
            category = "重点课题",
            applicantName = "秦川区科协",
            applicantUnit = "秦川区科协",
            recommendingUnitId = qinchuan,
            values = new Dictionary<string, string> { ["leader"] = leader, ["unit"] = unit, ["budget"] = "5", ["plan"] = "调研" },
        };
        // A person outside the caller's scope is refused, by id or by name; an unknown unit too.
        await Refused(await county.PostAsJsonAsync("/api/v1/awards/entries", Entry(theirsId.ToString(), yunling.ToString())), HttpStatusCode.BadRequest, "科技工作者库中的人员");
        await Refused(await county.PostAsJsonAsync("/api/v1/awards/entries", Entry(theirs, "云岭县科协")), HttpStatusCode.BadRequest, "没有找到");
        await Refused(await county.PostAsJsonAsync("/api/v1/awards/entries", Entry(hit.GetProperty("id").GetGuid().ToString(), "不存在的单位")), HttpStatusCode.BadRequest, "没有找到名为");
        // By name (unique) or by id: stored as ids, with the display names.
        var id = await IdOf(await county.PostAsJsonAsync("/api/v1/awards/entries", Entry(mine, "云岭县科协")));
        var values = (await Json(await county.GetAsync($"/api/v1/awards/entries/{id}"))).GetProperty("values");
        values.GetProperty("leader").GetString().ShouldBe(hit.GetProperty("id").GetGuid().ToString());
        values.GetProperty("leader:name").GetString().ShouldBe(mine);
        values.GetProperty("unit").GetString().ShouldBe(yunling.ToString());
        values.GetProperty("unit:name").GetString().ShouldBe("云岭县科协");
        await using (var db = app.SystemDb())
            (await db.Set<AwardEntry>().Where(e => e.Id == id).Select(e => e.ApplicantPersonId).SingleAsync()).ShouldBe(hit.GetProperty("id").GetGuid());
        (await county.GetStringAsync($"/awards/entries/{id}")).ShouldContain(mine);
    }

    [Fact]
    public async Task A_tie_the_rule_cannot_break_is_shown_resolved_with_an_audited_reason_and_then_the_chair_confirms()
    {
        var (city, callId) = await _flow.OpenCallAsync("youth-innovation", DateTime.UtcNow.AddDays(1));
        var s = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>((await Json(await city.GetAsync($"/api/v1/awards/calls/{callId}/setup"))).GetProperty("setup").GetRawText())!;
        s["tiers"] = JsonSerializer.SerializeToElement(new object[] { new { name = "一等奖", count = 1 }, new { name = "二等奖", count = 1 } });
        await Ok(await city.PutAsJsonAsync($"/api/v1/awards/calls/{callId}/setup", s));
        var x = await _flow.EligibleAsync(city, callId, "并列甲", "学生科技创新成果", YouthValues());
        var y = await _flow.EligibleAsync(city, callId, "并列乙", "学生科技创新成果", YouthValues());
        var round = await ReviewByCityAdminAsync(city, callId);
        await ScoreAsync(city, callId, _ => new { innovation = 30, science = 20, practice = 20 });
        await Ok(await city.PostAsJsonAsync($"{round}/rank", new { }));
        await Refused(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/confirm", new { version = await CallVersion(city, callId) }), HttpStatusCode.BadRequest, "并列");

        var ties = await Json(await city.GetAsync($"{round}/ties"));
        var group = ties.GetProperty("groups").EnumerateArray().Single();
        group.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("entryId").GetGuid()).ShouldBe([x, y], ignoreOrder: true);
        group.GetProperty("note").GetString()!.ShouldContain("剩余名额");
        (await city.GetStringAsync($"/awards/calls/{callId}/rounds/{round.Split('/')[^1]}/ties")).ShouldContain("并列甲");
        var county = await app.LoginAsync("county.qinchuan");
        (await county.PostAsJsonAsync($"{round}/ties", new { entryIds = new[] { y, x }, reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Refused(await city.PostAsJsonAsync($"{round}/ties", new { entryIds = new[] { y, x } }), HttpStatusCode.BadRequest, "理由");
        await Ok(await city.PostAsJsonAsync($"{round}/ties", new { entryIds = new[] { y, x }, reason = "乙的现场答辩更好（评审委员会议定）" }));

        var rows = (await Json(await city.GetAsync($"/api/v1/awards/calls/{callId}/results")))[0].GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("entryId").GetGuid());
        rows[y].GetProperty("tier").GetString().ShouldBe("一等奖");
        rows[x].GetProperty("tier").GetString().ShouldBe("二等奖");
        rows.Values.ShouldAllBe(r => !r.GetProperty("tieFlagged").GetBoolean());
        (await Json(await city.GetAsync($"{round}/ties"))).GetProperty("groups").GetArrayLength().ShouldBe(0);
        await using (var db = app.SystemDb())
            (await db.AuditEntries.AnyAsync(a => a.Summary.Contains("乙的现场答辩更好"))).ShouldBeTrue();
        await Ok(await city.PostAsJsonAsync($"/api/v1/awards/calls/{callId}/confirm", new { version = await CallVersion(city, callId) }));
    }

    [GeneratedRegex(@"\d{17}[\dXx]")]
    private static partial Regex FullIdNumber();

    [GeneratedRegex(@"1[3-9]\d{9}")]
    private static partial Regex FullPhone();
}

[Collection(SqliteCollection.Name)]
public sealed class AwardsVotingSetupTests_Sqlite(SqliteApp app) : AwardsVotingSetupTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AwardsVotingSetupTests_Postgres(PostgresApp app) : AwardsVotingSetupTests(app);
