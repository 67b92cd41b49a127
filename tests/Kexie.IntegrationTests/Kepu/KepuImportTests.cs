using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Modules.Kepu.Domain;
using Kexie.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shouldly;
using Xunit;

namespace Kexie.IntegrationTests.Kepu;

/// <summary>Excel import of 科普 activities through the platform's import API and job.</summary>
public abstract class KepuImportTests(KexieApp app)
{
    protected KexieApp App { get; } = app;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static Dictionary<string, object?> Row(string title, string? organiser = null, string? region = "619902001", string type = "科普进农村",
        string audience = "农民", object? start = null, string? campaign = null, object? capacity = null) => new()
        {
            ["活动名称"] = title,
            ["活动品牌"] = campaign,
            ["主办单位"] = organiser,
            ["行政区划代码"] = region,
            ["活动地点"] = "石门镇文化广场",
            ["活动类型"] = type,
            ["受众人群"] = audience,
            ["开始日期"] = start ?? Today.AddDays(20).ToString("yyyy-MM-dd"),
            ["结束日期"] = null,
            ["预计参与人数"] = 120,
            ["报名名额"] = capacity,
        };

    private static async Task<JsonElement> ImportAsync(HttpClient client, IEnumerable<Dictionary<string, object?>> rows)
    {
        using var ms = new MemoryStream();
        await ms.SaveAsAsync(rows);
        return await UploadAsync(client, ms.ToArray());
    }

    private static async Task<JsonElement> UploadAsync(HttpClient client, byte[] file)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "activities.xlsx" } };
        var r = await client.PostAsync("/api/v1/imports/kepu-activities", form);
        r.StatusCode.ShouldBe(HttpStatusCode.Accepted, await r.Content.ReadAsStringAsync());
        var jobId = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid();
        for (var i = 0; i < 300; i++)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{jobId}");
            if (job.GetProperty("status").GetString() is "Succeeded" or "Failed") return job;
            await Task.Delay(100);
        }
        throw new TimeoutException("import job did not finish");
    }

    private static List<(int Row, string Message)> Errors(JsonElement job) =>
        JsonDocument.Parse(job.GetProperty("resultJson").GetString()!).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("message").GetString()!)).ToList();

    [Fact]
    public async Task A_file_that_is_no_workbook_or_lacks_a_required_column_is_refused_in_chinese()
    {
        var town = await App.LoginAsync("town.shimen");
        // Not a zip at all: refused at the upload.
        using (var form = new MultipartFormDataContent { { new ByteArrayContent("姓名,单位\n张三,某单位"u8.ToArray()), "file", "activities.xlsx" } })
        {
            var r = await town.PostAsync("/api/v1/imports/kepu-activities", form);
            r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await r.Content.ReadAsStringAsync()).ShouldContain("文件内容与扩展名不符");
        }
        // A zip that is no workbook: the import job says so.
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var w = new StreamWriter(archive.CreateEntry("readme.txt").Open()))
            w.Write("不是工作簿");
        var job = await UploadAsync(town, zip.ToArray());
        job.GetProperty("status").GetString().ShouldBe("Failed");
        Errors(job).ShouldContain(e => e.Row == 1 && e.Message.Contains("无法读取文件"));

        using var ms = new MemoryStream();
        await ms.SaveAsAsync(new[] { new Dictionary<string, object?> { ["备注"] = "没有活动名称这一列" } });
        job = await UploadAsync(town, ms.ToArray());
        job.GetProperty("status").GetString().ShouldBe("Failed");
        Errors(job).ShouldContain(e => e.Row == 1 && e.Message.Contains("缺少必填列") && e.Message.Contains("活动名称"));
    }

    [Fact]
    public async Task A_file_with_one_bad_row_commits_nothing_and_the_report_names_the_row()
    {
        var town = await App.LoginAsync("town.shimen");
        (await town.GetAsync("/api/v1/imports/kepu-activities/template")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var good = Row($"导入好行{tag}");
        var job = await ImportAsync(town, [good, Row($"导入坏行{tag}", type: "广场舞"), new Dictionary<string, object?>(good)]);
        job.GetProperty("status").GetString().ShouldBe("Failed");
        var errors = Errors(job);
        errors.ShouldContain(e => e.Row == 3 && e.Message.Contains("广场舞"));
        errors.ShouldNotContain(e => e.Row == 2 || e.Row == 4);
        job.GetProperty("resultFileId").ValueKind.ShouldBe(JsonValueKind.String);
        await using (var db = App.SystemDb())
            (await db.Set<Activity>().AnyAsync(a => a.Title.EndsWith(tag))).ShouldBeFalse("nothing is committed when any row is bad");
    }

    [Fact]
    public async Task Each_rule_is_checked_per_row_with_a_chinese_message()
    {
        var town = await App.LoginAsync("town.shimen");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var job = await ImportAsync(town,
        [
            Row($"品牌{tag}", campaign: "不存在的品牌"),
            Row($"越权{tag}", organiser: "云岭县科协"),
            Row($"上级{tag}", organiser: "秦川区科协"),
            Row($"区划{tag}", region: "12345"),
            Row($"区划2{tag}", region: "999999"),
            Row($"人群{tag}", audience: "外星人"),
            Row($"日期{tag}", start: "2026-13-45"),
            Row($"名额{tag}", capacity: 0),
            Row("", region: null),
        ]);
        job.GetProperty("status").GetString().ShouldBe("Failed");
        var errors = Errors(job);
        errors.ShouldContain(e => e.Row == 2 && e.Message.Contains("活动品牌「不存在的品牌」不存在"));
        errors.ShouldContain(e => e.Row == 3 && e.Message.Contains("不在您的管理范围内"));
        errors.ShouldContain(e => e.Row == 4 && e.Message.Contains("不在您的管理范围内"), "a town may not report for its county");
        errors.ShouldContain(e => e.Row == 5 && e.Message.Contains("6位或9位"));
        errors.ShouldContain(e => e.Row == 6 && e.Message.Contains("999999"));
        errors.ShouldContain(e => e.Row == 7 && e.Message.Contains("外星人"));
        errors.ShouldContain(e => e.Row == 8 && e.Message.Contains("日期格式不正确"));
        errors.ShouldContain(e => e.Row == 9 && e.Message.Contains("报名名额"));
        errors.ShouldContain(e => e.Row == 10 && e.Message.Contains("活动名称"));
    }

    [Fact]
    public async Task A_good_file_commits_every_row_as_drafts_and_likely_duplicates_are_flagged()
    {
        var county = await App.LoginAsync("county.qinchuan");
        string campaignName;
        await using (var db = App.SystemDb())
            campaignName = await db.Set<Campaign>().OrderBy(c => c.Name).Select(c => c.Name).FirstAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var date = Today.AddDays(30);
        // One already in the ledger, reported by hand.
        var existing = await county.PostAsJsonAsync("/api/v1/kepu/activities", new
        {
            title = $"秦川区防灾减灾科普讲座{tag}",
            place = "秦川区会堂",
            type = "Lecture",
            audience = "General",
            startDate = date,
            endDate = date,
            expectedParticipants = 50,
            organisationId = (Guid?)null,
        });
        existing.StatusCode.ShouldBe(HttpStatusCode.Created);
        var existingId = (await existing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var job = await ImportAsync(county,
        [
            Row($"秦川区防灾减灾科普讲座（第二场）{tag}", region: null, type: "讲座", audience: "社会公众", start: date.ToString("yyyy-MM-dd")),
            Row($"石门镇青少年科学营{tag}", organiser: "石门镇科协", type: "ToSchools", audience: "Youth", campaign: campaignName, capacity: 40),
            Row($"秦川区老年人防诈骗科普{tag}", region: "619902", type: "科普进社区", audience: "老年人", start: new DateTime(date.Year, date.Month, date.Day)),
        ]);
        job.GetProperty("status").GetString().ShouldBe("Succeeded", job.GetProperty("resultJson").GetString());

        await using var after = App.SystemDb();
        var imported = await after.Set<Activity>().AsNoTracking().Where(a => a.Title.EndsWith(tag) && a.Id != existingId).ToListAsync();
        imported.Count.ShouldBe(3);
        imported.ShouldAllBe(a => a.Status == ActivityStatus.Draft);
        var qinchuan = await after.Organisations.Where(o => o.Name == "秦川区科协").Select(o => new { o.Id, o.RegionCode }).FirstAsync();
        var shimen = await after.Organisations.Where(o => o.Name == "石门镇科协").Select(o => o.Id).FirstAsync();
        var second = imported.Single(a => a.Title.Contains("第二场"));
        second.OrganisationId.ShouldBe(qinchuan.Id);
        second.RegionCode.ShouldBe(qinchuan.RegionCode, "an empty region falls back to the organiser's");
        second.Type.ShouldBe(ActivityType.Lecture);
        var camp = imported.Single(a => a.Title.Contains("科学营"));
        camp.OrganisationId.ShouldBe(shimen);
        camp.CampaignId.ShouldNotBeNull();
        camp.Capacity.ShouldBe(40);
        camp.Audience.ShouldBe(AudienceGroup.Youth);
        imported.Single(a => a.Title.Contains("防诈骗")).StartDate.ShouldBe(date);
        (await after.AuditEntries.AnyAsync(a => a.Action == AuditActions.Import && a.Summary.Contains("1 行") && a.Summary.Contains("疑似重复"))).ShouldBeTrue();

        // The imported row that looks like the hand-reported one is flagged like any other likely duplicate.
        var detail = await county.GetFromJsonAsync<JsonElement>($"/api/v1/kepu/activities/{second.Id}");
        detail.GetProperty("possibleDuplicates").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ShouldBe([existingId]);
        var town = await App.LoginAsync("town.shimen");
        (await town.GetAsync($"/api/v1/kepu/activities/{camp.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class KepuImportTests_Sqlite(SqliteApp app) : KepuImportTests(app);

[Collection(PostgresCollection.Name)]
public sealed class KepuImportTests_Postgres(PostgresApp app) : KepuImportTests(app);
