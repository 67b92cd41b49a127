using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Modules.Experts.Features;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Excel;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shouldly;
using Xunit;

namespace Kexie.IntegrationTests.Experts;

/// <summary>科技工作者 registry and 专家库 through the real app, once per provider.</summary>
public abstract class ExpertsTests(KexieApp app)
{
    private static int _seq = 100;

    protected KexieApp App { get; } = app;

    private static string NewId(string region = "619902")
    {
        var n = Interlocked.Increment(ref _seq);
        return ChineseIdNumber.Compose(region, new DateOnly(1980, 1, 1).AddDays(n), n % 1000);
    }

    private static string NewPhone() => "139" + Random.Shared.Next(10_000_000, 99_999_999);

    private static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        r.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<List<string>> NamesAsync(HttpClient c, string url)
    {
        var page = await Json(await c.GetAsync(url));
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
    }

    /// <summary>Every hit of a search, page by page (other tests add people who match the same words, newer ones first).</summary>
    private static async Task<List<string>> AllNamesAsync(HttpClient c, string q)
    {
        var names = new List<string>();
        for (var page = 1; page <= 20; page++)
        {
            var batch = await NamesAsync(c, $"/api/v1/experts/people?q={Uri.EscapeDataString(q)}&pageSize=50&page={page}");
            names.AddRange(batch);
            if (batch.Count < 50) break;
        }
        return names;
    }

    private async Task<Guid> OrgIdAsync(string name)
    {
        await using var db = App.SystemDb();
        return await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).FirstAsync();
    }

    private static object Person(string name, string employer, string? keywords = null, string? bio = null, Guid? org = null, string? id = null, string? phone = null, string? codes = null) =>
        new { name, employer, idNumber = id ?? NewId(), phone = phone ?? NewPhone(), keywords, bio, organisationId = org, expertiseCodes = codes, availability = "Available" };

    private async Task<Guid> RegisterAsync(HttpClient c, object person)
    {
        var r = await c.PostAsJsonAsync("/api/v1/experts/people", person);
        return (await Json(r)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Two_character_words_are_found_and_exact_names_rank_first()
    {
        var c = await App.LoginAsync("city.admin");
        (await AllNamesAsync(c, "育种")).ShouldContain("何秋实");
        (await AllNamesAsync(c, "电池")).ShouldContain("曹振华");
        var agri = await Json(await c.GetAsync("/api/v1/experts/people?q=农业&pageSize=50"));
        agri.GetProperty("total").GetInt32().ShouldBeGreaterThan(0);
        agri.GetProperty("items")[0].GetProperty("employerHtml").GetString().ShouldNotBeNull();
        agri.GetProperty("items").EnumerateArray().Any(i => (i.GetProperty("employerHtml").GetString() + i.GetProperty("bioSnippetHtml").GetString()).Contains("<mark>农业</mark>")).ShouldBeTrue();

        // 杜仲 is a person and a keyword of several 中医 experts: the person comes first.
        var duzhong = await NamesAsync(c, "/api/v1/experts/people?q=杜仲&pageSize=50");
        duzhong[0].ShouldBe("杜仲");
        duzhong.Count.ShouldBeGreaterThan(1);
        // Two people are called 王建国; both come before anyone merely mentioning the name.
        var wang = await NamesAsync(c, "/api/v1/experts/people?q=王建国");
        wang.Take(2).ShouldAllBe(n => n == "王建国");
        // The page shows the same hits, highlighted.
        var html = await c.GetStringAsync("/experts/pool?q=育种");
        html.ShouldContain("<mark>育种</mark>");
        html.ShouldContain("何秋实");
        (await c.GetAsync("/experts/panels")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await c.GetAsync("/experts/people/new")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Words of one character and of several terms.
        (await NamesAsync(c, "/api/v1/experts/people?q=稻 育种&pageSize=50")).ShouldContain("何秋实");
    }

    [Fact]
    public async Task Ranking_puts_name_matches_first_then_everyone_else_newest_first()
    {
        var c = await App.LoginAsync("city.admin");
        var tag = "钯铑" + Random.Shared.Next(1000, 9999);
        await RegisterAsync(c, Person("甲" + Random.Shared.Next(100, 999), "示范市材料所", keywords: tag + "催化"));
        await RegisterAsync(c, Person("乙" + Random.Shared.Next(100, 999) + "号", "示范市材料所", keywords: tag + "催化"));
        await RegisterAsync(c, Person(tag + "课题组长", "示范市材料所"));
        await RegisterAsync(c, Person("首席" + tag, "示范市材料所"));
        await RegisterAsync(c, Person(tag, "示范市材料所"));
        var names = await NamesAsync(c, $"/api/v1/experts/people?q={tag}");
        names.Count.ShouldBe(5);
        // Exact name, name starts with the term, name contains it; then the others newest first (not by name length).
        names[0].ShouldBe(tag);
        names[1].ShouldBe(tag + "课题组长");
        names[2].ShouldBe("首席" + tag);
        names[3].ShouldStartWith("乙");
        names[4].ShouldStartWith("甲");
        // Paging cuts the same order.
        var second = await NamesAsync(c, $"/api/v1/experts/people?q={tag}&page=2&pageSize=2");
        second.ShouldBe([names[2], names[3]]);
    }

    [Fact]
    public async Task A_longer_term_finds_only_records_containing_it_whole_with_an_exact_count()
    {
        var c = await App.LoginAsync("city.admin");
        var tag = "Lt" + Random.Shared.Next(1000, 9999);
        // Both records hold every bigram of 锶钡锶 (锶钡, 钡锶), only the first holds the term itself: the tokens over-match,
        // and the result (PostgreSQL: in SQL; SQLite: post-filtered) must not.
        await RegisterAsync(c, Person("锶钡甲", "示范市" + tag + "材料所", keywords: "锶钡锶掺杂"));
        await RegisterAsync(c, Person("锶钡乙", "示范市" + tag + "材料所", keywords: "钡锶钡掺杂"));
        var page = await Json(await c.GetAsync($"/api/v1/experts/people?q={Uri.EscapeDataString("锶钡锶 " + tag.ToLowerInvariant())}"));
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ShouldBe(["锶钡甲"]);
        page.GetProperty("total").GetInt32().ShouldBe(1);
        // Full-width and upper-case input still finds it (normalised comparison).
        (await NamesAsync(c, $"/api/v1/experts/people?q={Uri.EscapeDataString("锶钡锶掺杂 " + tag.ToUpperInvariant())}")).ShouldBe(["锶钡甲"]);
    }

    [Fact]
    public async Task Mixed_latin_and_digits_are_searchable_right_after_save_and_after_edit()
    {
        var c = await App.LoginAsync("city.admin");
        var tag = "Zq" + Random.Shared.Next(1000, 9999);
        var id = await RegisterAsync(c, Person("柯思远", "示范市5G通信研究所", keywords: $"{tag}芯片、5G基站", bio: "从事AI芯片与5G基站研究"));
        (await NamesAsync(c, $"/api/v1/experts/people?q={tag.ToLowerInvariant()}")).ShouldBe(["柯思远"]);
        (await NamesAsync(c, "/api/v1/experts/people?q=5g基站")).ShouldContain("柯思远");
        (await NamesAsync(c, "/api/v1/experts/people?q=ＡＩ芯片")).ShouldContain("柯思远");
        var detail = await Json(await c.GetAsync($"/api/v1/experts/people/{id}"));
        var put = await c.PutAsJsonAsync($"/api/v1/experts/people/{id}", new { name = "柯思远", employer = "示范市通信研究所", keywords = "毫米波雷达", version = detail.GetProperty("version").GetInt32() });
        put.StatusCode.ShouldBe(HttpStatusCode.NoContent, await put.Content.ReadAsStringAsync());
        (await NamesAsync(c, $"/api/v1/experts/people?q={tag}")).ShouldBeEmpty();
        (await NamesAsync(c, "/api/v1/experts/people?q=毫米波")).ShouldContain("柯思远");
    }

    [Fact]
    public async Task A_one_character_term_is_found_at_the_start_middle_and_end_of_a_word_and_alone()
    {
        // The index holds a character as the first half of a bigram, or as a unigram where it ends a run (SearchTokens): a
        // one-character term must find it in every position.
        var c = await App.LoginAsync("city.admin");
        var tag = "Oc" + Random.Shared.Next(1000, 9999);
        await RegisterAsync(c, Person("甲" + tag, "示范市" + tag + "工艺所", keywords: "鎏金工艺"));
        await RegisterAsync(c, Person("乙" + tag, "示范市" + tag + "工艺所", keywords: "铜鎏、錾刻"));
        await RegisterAsync(c, Person("丙" + tag, "示范市" + tag + "工艺所", bio: "擅长 鎏 与 錾"));
        await RegisterAsync(c, Person("丁" + tag, "示范市" + tag + "工艺所", keywords: "錾鎏金"));
        await RegisterAsync(c, Person("戊" + tag, "示范市" + tag + "工艺所", keywords: "铜錾"));
        (await NamesAsync(c, $"/api/v1/experts/people?q={Uri.EscapeDataString("鎏 " + tag)}&pageSize=50")).Order()
            .ShouldBe(new[] { "丁" + tag, "丙" + tag, "乙" + tag, "甲" + tag }.Order());
        (await NamesAsync(c, $"/api/v1/experts/people?q={Uri.EscapeDataString("錾 " + tag)}&pageSize=50")).Order()
            .ShouldBe(new[] { "丁" + tag, "丙" + tag, "乙" + tag, "戊" + tag }.Order());
        // A one-letter run inside a term with a separator ("gb/t" needs "gb" and "t") and a digit alone.
        await RegisterAsync(c, Person("己" + tag, "示范市" + tag + "标准所", keywords: "GB/T 7714、第3版"));
        (await NamesAsync(c, $"/api/v1/experts/people?q={Uri.EscapeDataString("gb/t 3 " + tag)}")).ShouldBe(["己" + tag]);
        (await NamesAsync(c, $"/api/v1/experts/people?q={Uri.EscapeDataString("gb/q " + tag)}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Search_and_detail_respect_the_data_scope()
    {
        var city = await App.LoginAsync("city.admin");
        (await NamesAsync(city, "/api/v1/experts/people?q=香菇")).ShouldContain("蒲天明");
        var qinchuan = await App.LoginAsync("county.qinchuan");
        (await NamesAsync(qinchuan, "/api/v1/experts/people?q=香菇")).ShouldNotContain("蒲天明");
        // The hit count (on PostgreSQL run on a second connection, for the same user) is the scope's too.
        var cityTotal = (await Json(await city.GetAsync("/api/v1/experts/people?q=香菇&pageSize=100"))).GetProperty("total").GetInt32();
        var countyPage = await Json(await qinchuan.GetAsync("/api/v1/experts/people?q=香菇&pageSize=100"));
        countyPage.GetProperty("total").GetInt32().ShouldBe(countyPage.GetProperty("items").GetArrayLength());
        countyPage.GetProperty("total").GetInt32().ShouldBeLessThan(cityTotal);
        await using var db = App.SystemDb();
        var pu = await db.Set<Person>().Where(p => p.Name == "蒲天明").Select(p => p.Id).FirstAsync();
        (await qinchuan.GetAsync($"/api/v1/experts/people/{pu}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await qinchuan.GetAsync($"/experts/people/{pu}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await city.GetAsync($"/experts/people/{pu}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Personal_data_is_encrypted_masked_and_every_full_view_is_audited()
    {
        var admin = await App.LoginAsync("city.admin");
        var idNumber = NewId();
        var id = await RegisterAsync(admin, Person("隐私测试", "示范市测试单位", id: idNumber, phone: "13912345678"));
        await using (var db = App.SystemDb())
        {
            var p = await db.Set<Person>().AsNoTracking().FirstAsync(x => x.Id == id);
            p.IdNumberCipher!.ShouldNotContain(idNumber);
            p.PhoneCipher!.ShouldNotContain("13912345678");
            p.IdNumberMasked.ShouldBe(Mask.IdNumber(idNumber));
            p.PhoneMasked.ShouldBe("139****5678");
        }
        var detail = await admin.GetStringAsync($"/api/v1/experts/people/{id}");
        detail.ShouldNotContain(idNumber);
        detail.ShouldNotContain("13912345678");
        detail.ShouldContain("139****5678");
        var list = await admin.GetStringAsync("/api/v1/experts/people?q=隐私测试");
        list.ShouldNotContain("13912345678");

        var staff = await App.LoginAsync("county.qinchuan");
        (await staff.PostAsync($"/api/v1/experts/people/{id}/personal-data", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var kepu = await App.LoginAsync("city.kepu");
        (await kepu.PostAsync($"/api/v1/experts/people/{id}/personal-data", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var full = await Json(await admin.PostAsync($"/api/v1/experts/people/{id}/personal-data", null));
        full.GetProperty("idNumber").GetString().ShouldBe(idNumber);
        full.GetProperty("phone").GetString().ShouldBe("13912345678");
        await using var db2 = App.SystemDb();
        (await db2.AuditEntries.AnyAsync(a => a.Action == AuditActions.ViewPersonalData && a.EntityId == id.ToString())).ShouldBeTrue();
        // The audit trail never holds the number in clear.
        (await db2.AuditEntries.AnyAsync(a => a.Changes != null && a.Changes.Contains(idNumber))).ShouldBeFalse();

        var xlsx = await admin.GetByteArrayAsync("/api/v1/experts/people/export?q=隐私测试");
        var rows = MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        rows.Single()["身份证号"].ShouldBe(Mask.IdNumber(idNumber));
        rows.Single()["手机号"].ShouldBe("139****5678");
        (await db2.AuditEntries.AnyAsync(a => a.Action == AuditActions.Export && a.Summary.Contains("隐私测试"))).ShouldBeTrue();
    }

    [Fact]
    public async Task Invalid_id_numbers_and_duplicates_are_refused()
    {
        var admin = await App.LoginAsync("city.admin");
        var bad = await admin.PostAsJsonAsync("/api/v1/experts/people", Person("坏号", "单位", id: "610102199001011235"));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("校验位");
        var badPhone = await admin.PostAsJsonAsync("/api/v1/experts/people", Person("坏号", "单位", phone: "12345"));
        badPhone.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var idNumber = NewId();
        await RegisterAsync(admin, Person("重号甲", "单位", id: idNumber));
        var dup = await admin.PostAsJsonAsync("/api/v1/experts/people", Person("重号乙", "单位", id: idNumber));
        dup.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await dup.Content.ReadAsStringAsync()).ShouldContain("已在科技工作者库中登记");
    }

    [Fact]
    public async Task Duplicates_by_name_and_phone_are_shown_and_merged_keeping_both_histories()
    {
        var admin = await App.LoginAsync("city.admin");
        var phone = NewPhone();
        var a = await RegisterAsync(admin, Person("合并测试", "甲单位", keywords: "土壤改良", phone: phone));
        var b = await RegisterAsync(admin, new { name = "合并测试", employer = "甲单位", phone, keywords = "节水灌溉" });
        var da = await Json(await admin.GetAsync($"/api/v1/experts/people/{a}"));
        var dupes = da.GetProperty("possibleDuplicates").EnumerateArray().ToList();
        dupes.Select(d => d.GetProperty("id").GetGuid()).ShouldContain(b);
        await using (var db = App.SystemDb())
        {
            db.Set<ExpertUsage>().Add(new ExpertUsage { OrganisationId = (await db.Set<Person>().FirstAsync(p => p.Id == b)).OrganisationId, PersonId = b, Kind = "讲座", Title = "旧讲座", ProjectKey = "t:" + b, UsedOn = new DateOnly(2025, 5, 1) });
            await db.SaveChangesAsync();
        }
        var merge = await admin.PostAsJsonAsync($"/api/v1/experts/people/{a}/merge", new { duplicateId = b, version = da.GetProperty("version").GetInt32(), duplicateVersion = dupes[0].GetProperty("version").GetInt32() });
        merge.StatusCode.ShouldBe(HttpStatusCode.NoContent, await merge.Content.ReadAsStringAsync());
        var after = await Json(await admin.GetAsync($"/api/v1/experts/people/{a}"));
        after.GetProperty("usages").EnumerateArray().Select(u => u.GetProperty("title").GetString()).ShouldContain("旧讲座");
        after.GetProperty("keywords").GetString()!.ShouldContain("节水灌溉");
        var merged = await Json(await admin.GetAsync($"/api/v1/experts/people/{b}"));
        merged.GetProperty("status").GetString().ShouldBe("Merged");
        merged.GetProperty("mergedIntoId").GetGuid().ShouldBe(a);
        (await NamesAsync(admin, "/api/v1/experts/people?q=合并测试")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_second_of_two_concurrent_edits_is_refused()
    {
        var admin = await App.LoginAsync("city.admin");
        var id = await RegisterAsync(admin, Person("并发测试", "单位"));
        var v = (await Json(await admin.GetAsync($"/api/v1/experts/people/{id}"))).GetProperty("version").GetInt32();
        var first = await admin.PutAsJsonAsync($"/api/v1/experts/people/{id}", new { name = "并发测试", employer = "第一次保存", version = v });
        first.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var second = await admin.PutAsJsonAsync($"/api/v1/experts/people/{id}", new { name = "并发测试", employer = "第二次保存", version = v });
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await second.Content.ReadAsStringAsync()).ShouldContain("已被他人修改");
        (await Json(await admin.GetAsync($"/api/v1/experts/people/{id}"))).GetProperty("employer").GetString().ShouldBe("第一次保存");
    }

    [Fact]
    public async Task A_scientist_registers_the_organisation_confirms_and_the_pool_admits()
    {
        var pub = App.Anonymous();
        var user = "sci" + Random.Shared.Next(100000, 999999);
        (await pub.PostAsJsonAsync("/api/v1/account/register", new { userName = user, displayName = "童知行", phone = NewPhone(), password = "Green-Tea-2026", confirmPassword = "Green-Tea-2026" })).EnsureSuccessStatusCode();
        var me = await App.LoginAsync(user, "Green-Tea-2026");
        var org = await OrgIdAsync("示范市农学会");
        var orgs = await Json(await me.GetAsync("/api/v1/experts/organisations?q=农学会"));
        orgs.EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ShouldContain(org);
        var save = await me.PutAsJsonAsync("/api/v1/experts/me", Person("童知行", "示范市农技推广站", keywords: "果树修剪、猕猴桃", org: org));
        var id = (await Json(save)).GetProperty("id").GetGuid();
        var mine = await Json(await me.GetAsync("/api/v1/experts/me"));
        mine.GetProperty("status").GetString().ShouldBe("Pending");
        // Not in the scientist's own scope to confirm or to see others.
        (await me.GetAsync("/api/v1/experts/people?q=何秋实")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var liaison = await App.LoginAsync("society.nongxue");
        var version = mine.GetProperty("version").GetInt32();
        (await liaison.PostAsJsonAsync($"/api/v1/experts/people/{id}/confirm", new { version })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await liaison.PostAsJsonAsync($"/api/v1/experts/people/{id}/confirm", new { version = version + 1 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var qinchuan = await App.LoginAsync("county.yunling");
        (await qinchuan.PostAsJsonAsync($"/api/v1/experts/people/{id}/confirm", new { version = version + 1 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        async Task<int> V() => (await Json(await me.GetAsync("/api/v1/experts/me"))).GetProperty("version").GetInt32();
        (await me.PostAsJsonAsync($"/api/v1/experts/people/{id}/pool", new { action = "Apply", version = await V() })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await me.PostAsJsonAsync($"/api/v1/experts/people/{id}/pool", new { action = "Admit", version = await V() })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var city = await App.LoginAsync("city.admin");
        (await city.PostAsJsonAsync($"/api/v1/experts/people/{id}/pool", new { action = "Admit", version = await V() })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await city.PostAsJsonAsync($"/api/v1/experts/people/{id}/pool", new { action = "Review", version = await V() })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await city.PostAsJsonAsync($"/api/v1/experts/people/{id}/pool", new { action = "Admit", version = await V() })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await city.PostAsJsonAsync($"/api/v1/experts/people/{id}/pool", new { action = "Suspend", version = await V() })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await city.PostAsJsonAsync($"/api/v1/experts/people/{id}/pool", new { action = "Suspend", reason = "出国访学", version = await V() })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await city.PostAsJsonAsync($"/api/v1/experts/people/{id}/pool", new { action = "Admit", version = await V() })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await NamesAsync(city, "/api/v1/experts/people?q=猕猴桃&pool=Admitted")).ShouldContain("童知行");
        await using var db = App.SystemDb();
        (await db.AuditEntries.CountAsync(a => a.EntityId == id.ToString() && a.Action == AuditActions.Transition)).ShouldBeGreaterThanOrEqualTo(6);
    }

    private async Task<HttpClient> NewPublicUserAsync(string displayName)
    {
        var user = "claim" + Random.Shared.Next(100000, 999999);
        (await App.Anonymous().PostAsJsonAsync("/api/v1/account/register", new { userName = user, displayName, phone = NewPhone(), password = "Green-Tea-2026", confirmPassword = "Green-Tea-2026" }))
            .EnsureSuccessStatusCode();
        return await App.LoginAsync(user, "Green-Tea-2026");
    }

    [Fact]
    public async Task A_public_user_claims_an_existing_record_by_id_number_and_the_organisation_confirms()
    {
        var liaison = await App.LoginAsync("society.nongxue");
        var org = await OrgIdAsync("示范市农学会");
        var idNumber = NewId();
        var personId = await RegisterAsync(liaison, Person("柯认领", "认领测试研究所", keywords: "认领测试", org: org, id: idNumber));
        var me = await NewPublicUserAsync("柯认领");

        (await me.PostAsJsonAsync("/api/v1/experts/me/claim", new { idNumber = "610102199001011230" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest); // bad check digit
        (await me.PostAsJsonAsync("/api/v1/experts/me/claim", new { idNumber = NewId() })).StatusCode.ShouldBe(HttpStatusCode.BadRequest); // no such record
        var claimed = await me.PostAsJsonAsync("/api/v1/experts/me/claim", new { idNumber });
        var body = await claimed.Content.ReadAsStringAsync();
        var claim = await Json(claimed);
        claim.GetProperty("status").GetString().ShouldBe("Pending");
        claim.GetProperty("organisationName").GetString().ShouldBe("示范市农学会");
        // Until confirmed the claimant sees a masked confirmation only.
        claim.GetProperty("maskedName").GetString()!.ShouldContain("*");
        body.ShouldNotContain("柯认领");
        body.ShouldNotContain("认领测试研究所");
        body.ShouldNotContain(idNumber);
        (await me.GetStringAsync("/api/v1/experts/me")).ShouldNotContain("认领测试研究所");
        (await me.GetAsync($"/api/v1/experts/people/{personId}")).IsSuccessStatusCode.ShouldBeFalse();
        // A second submit returns the same claim; another account cannot claim the same record meanwhile.
        var again = await Json(await me.PostAsJsonAsync("/api/v1/experts/me/claim", new { idNumber }));
        again.GetProperty("id").GetGuid().ShouldBe(claim.GetProperty("id").GetGuid());
        var rival = await NewPublicUserAsync("冒认者");
        (await rival.PostAsJsonAsync("/api/v1/experts/me/claim", new { idNumber })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var claimId = claim.GetProperty("id").GetGuid();
        var pending = await Json(await liaison.GetAsync("/api/v1/experts/claims"));
        var row = pending.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == claimId);
        row.GetProperty("claimantName").GetString().ShouldBe("柯认领");
        var version = row.GetProperty("version").GetInt32();
        // Refusals: the claimant cannot decide, another county sees nothing, a stale version is a conflict.
        (await me.PostAsJsonAsync($"/api/v1/experts/claims/{claimId}/approve", new { version })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var yunling = await App.LoginAsync("county.yunling");
        (await yunling.PostAsJsonAsync($"/api/v1/experts/claims/{claimId}/approve", new { version })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Json(await yunling.GetAsync("/api/v1/experts/claims"))).EnumerateArray().ShouldNotContain(c => c.GetProperty("id").GetGuid() == claimId);
        (await liaison.PostAsJsonAsync($"/api/v1/experts/claims/{claimId}/approve", new { version = version + 1 })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await liaison.PostAsJsonAsync($"/api/v1/experts/claims/{claimId}/approve", new { version })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await liaison.PostAsJsonAsync($"/api/v1/experts/claims/{claimId}/approve", new { version = version + 1 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Now the record is the claimant's own profile; nobody else can claim it.
        var mine = await Json(await me.GetAsync("/api/v1/experts/me"));
        mine.GetProperty("id").GetGuid().ShouldBe(personId);
        mine.GetProperty("employer").GetString().ShouldBe("认领测试研究所");
        (await Json(await me.GetAsync("/api/v1/experts/me/claim"))).GetProperty("status").GetString().ShouldBe("Approved");
        (await me.PostAsJsonAsync("/api/v1/experts/me/claim", new { idNumber })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await rival.PostAsJsonAsync("/api/v1/experts/me/claim", new { idNumber })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await using var db = App.SystemDb();
        (await db.Set<PersonClaim>().CountAsync(c => c.PersonId == personId)).ShouldBe(1);
        (await db.AuditEntries.CountAsync(a => a.EntityId == claimId.ToString() && a.Action == AuditActions.Transition)).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_rejected_claim_needs_a_reason_and_may_be_made_again()
    {
        var liaison = await App.LoginAsync("society.nongxue");
        var idNumber = NewId();
        var personId = await RegisterAsync(liaison, Person("闻退回", "退回测试单位", org: await OrgIdAsync("示范市农学会"), id: idNumber));
        var me = await NewPublicUserAsync("闻退回");
        var claimId = (await Json(await me.PostAsJsonAsync("/api/v1/experts/me/claim", new { idNumber }))).GetProperty("id").GetGuid();
        (await liaison.PostAsJsonAsync($"/api/v1/experts/claims/{claimId}/reject", new { version = 0 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await liaison.PostAsJsonAsync($"/api/v1/experts/claims/{claimId}/reject", new { reason = "身份无法核实", version = 0 })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var mine = await Json(await me.GetAsync("/api/v1/experts/me/claim"));
        mine.GetProperty("status").GetString().ShouldBe("Rejected");
        mine.GetProperty("reason").GetString().ShouldBe("身份无法核实");
        await using (var db = App.SystemDb())
            (await db.Set<Person>().Where(p => p.Id == personId).Select(p => p.OwnerUserId).FirstAsync()).ShouldBeNull();
        var second = await Json(await me.PostAsJsonAsync("/api/v1/experts/me/claim", new { idNumber }));
        second.GetProperty("id").GetGuid().ShouldNotBe(claimId);
        second.GetProperty("status").GetString().ShouldBe("Pending");
    }

    [Fact]
    public async Task The_draw_matches_discipline_code_prefixes_and_declared_relations_bind_both_ways()
    {
        var city = await App.LoginAsync("city.admin");
        var tag = "学科" + Random.Shared.Next(1000, 9999);
        var code = "9" + Random.Shared.Next(10, 99); // a code nobody else uses
        var ids = new List<Guid>();
        // 0: main code; 1: expertise under the code (prefix); 2: another code; 3: related to a party (declared by the party); 4: same unit, differently written
        string[] codes = [code, code + "10", "110", code, code];
        string[] employers = ["甲研究所", "乙研究所", "丙研究所", "丁研究所", "示范市 回避测试 有限公司"];
        var idNumbers = Enumerable.Range(0, 5).Select(_ => NewId()).ToArray();
        for (var i = 0; i < 5; i++)
            ids.Add(await RegisterAsync(city, Person($"{tag}专家{i}", employers[i], keywords: "学科抽取", codes: codes[i], id: idNumbers[i])));
        var party = await RegisterAsync(city, Person($"{tag}申报人", "申报单位", codes: "110"));
        foreach (var id in ids)
            foreach (var action in new[] { "Recommend", "Review", "Admit" })
            {
                var v = (await Json(await city.GetAsync($"/api/v1/experts/people/{id}"))).GetProperty("version").GetInt32();
                (await city.PostAsJsonAsync($"/api/v1/experts/people/{id}/pool", new { action, version = v })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            }
        // The party declares the relation, naming the expert by 身份证号 (resolved to the record, not stored in clear).
        (await city.PostAsJsonAsync($"/api/v1/experts/people/{party}/relations", new { kind = "师生", relatedIdNumber = NewId() })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await city.PostAsJsonAsync($"/api/v1/experts/people/{party}/relations", new { kind = "师生", relatedPersonId = party })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await city.PostAsJsonAsync($"/api/v1/experts/people/{party}/relations", new { kind = "师生", relatedIdNumber = idNumbers[3] })).EnsureSuccessStatusCode();
        var detail = await Json(await city.GetAsync($"/api/v1/experts/people/{ids[3]}"));
        var inbound = detail.GetProperty("relations").EnumerateArray().Single();
        inbound.GetProperty("inbound").GetBoolean().ShouldBeTrue();
        inbound.GetProperty("relatedPersonId").GetGuid().ShouldBe(party);
        var criteria = new { disciplineCodes = new[] { code }, members = 1, reserves = 0, avoidUnits = new[] { "示范市回避测试有限公司" }, avoidPeople = new[] { party } };
        var draw = await Json(await city.PostAsJsonAsync("/api/v1/experts/panels", new { title = "学科抽取", sourceModule = "experts", criteria, seed = 7 }));
        draw.GetProperty("candidateCount").GetInt32().ShouldBe(2); // 0 and 1
        new[] { ids[0], ids[1] }.ShouldContain(draw.GetProperty("members")[0].GetProperty("personId").GetGuid());
    }

    [Fact]
    public async Task The_draw_honours_every_avoidance_rule_repeats_from_its_seed_and_is_visible_to_its_runners_only()
    {
        var city = await App.LoginAsync("city.admin");
        var tag = "回避" + Random.Shared.Next(1000, 9999);
        var ids = new List<Guid>();
        for (var i = 0; i < 10; i++)
            ids.Add(await RegisterAsync(city, Person($"抽取{i}号", i < 2 ? "申报单位甲有限公司" : $"独立单位{i}", keywords: tag, codes: "210")));
        foreach (var id in ids)
        {
            foreach (var action in new[] { "Recommend", "Review", "Admit" })
            {
                var v = (await Json(await city.GetAsync($"/api/v1/experts/people/{id}"))).GetProperty("version").GetInt32();
                (await city.PostAsJsonAsync($"/api/v1/experts/people/{id}/pool", new { action, version = v })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            }
        }
        // ids[2] declared a relation to the unit under review; ids[3] is a relative of a party (ids[9]).
        (await city.PostAsJsonAsync($"/api/v1/experts/people/{ids[2]}/relations", new { kind = "同事", relatedUnit = "被评审单位乙" })).EnsureSuccessStatusCode();
        (await city.PostAsJsonAsync($"/api/v1/experts/people/{ids[3]}/relations", new { kind = "亲属", relatedPersonId = ids[9] })).EnsureSuccessStatusCode();
        // ids[4] was used recently.
        await using (var db = App.SystemDb())
        {
            var org = await db.Set<Person>().Where(p => p.Id == ids[4]).Select(p => p.OrganisationId).FirstAsync();
            db.Set<ExpertUsage>().Add(new ExpertUsage { OrganisationId = org, PersonId = ids[4], Title = "近期评审", ProjectKey = "recent:" + tag, UsedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)) });
            await db.SaveChangesAsync();
        }
        var criteria = new { keywords = new[] { tag }, members = 3, reserves = 1, avoidUnits = new[] { "申报单位甲", "被评审单位乙" }, avoidPeople = new[] { ids[9] }, recentDays = 30 };
        var draw = await Json(await city.PostAsJsonAsync("/api/v1/experts/panels", new { title = "测试评审", sourceModule = "experts", criteria, seed = 12345 }));
        draw.GetProperty("candidateCount").GetInt32().ShouldBe(4); // ids 5..8
        var allowed = ids.Skip(5).Take(4).ToHashSet();
        var drawn = draw.GetProperty("members").EnumerateArray().Concat(draw.GetProperty("reserves").EnumerateArray()).Select(m => m.GetProperty("personId").GetGuid()).ToList();
        drawn.Count.ShouldBe(4);
        drawn.ShouldAllBe(id => allowed.Contains(id));

        var again = await Json(await city.PostAsJsonAsync("/api/v1/experts/panels", new { title = "复现", sourceModule = "experts", criteria, seed = 12345 }));
        again.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("personId").GetGuid()).ShouldBe(draw.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("personId").GetGuid()));
        again.GetProperty("candidateFingerprint").GetString().ShouldBe(draw.GetProperty("candidateFingerprint").GetString());

        var tooMany = await city.PostAsJsonAsync("/api/v1/experts/panels", new { title = "太多", criteria = new { keywords = new[] { tag }, members = 9, reserves = 0, avoidUnits = new[] { "申报单位甲" } } });
        tooMany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var panelId = draw.GetProperty("id").GetGuid();
        var first = draw.GetProperty("members")[0].GetProperty("personId").GetGuid();
        var reserve = draw.GetProperty("reserves")[0].GetProperty("personId").GetGuid();
        (await city.PostAsJsonAsync($"/api/v1/experts/panels/{panelId}/decline", new { personId = first, reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var declined = await Json(await city.PostAsJsonAsync($"/api/v1/experts/panels/{panelId}/decline", new { personId = first, reason = "时间冲突" }));
        declined.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("personId").GetGuid()).ShouldContain(reserve);
        declined.GetProperty("declined")[0].GetProperty("declineReason").GetString().ShouldBe("时间冲突");
        declined.GetProperty("declined")[0].GetProperty("replacedByPersonId").GetGuid().ShouldBe(reserve);

        // Only its runners see the panel: city staff who may draw, but did not run this one, get 404.
        var other = await App.LoginAsync("city.kepu");
        (await other.GetAsync($"/api/v1/experts/panels/{panelId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsJsonAsync($"/api/v1/experts/panels/{panelId}/decline", new { personId = reserve, reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var expert = await App.LoginAsync("expert.heqiushi");
        (await expert.GetAsync($"/api/v1/experts/panels/{panelId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var county = await App.LoginAsync("county.qinchuan");
        (await county.GetAsync($"/api/v1/experts/panels/{panelId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var closed = await Json(await city.PostAsJsonAsync($"/api/v1/experts/panels/{panelId}/close", new { }));
        closed.GetProperty("isClosed").GetBoolean().ShouldBeTrue();
        var member = closed.GetProperty("members")[0].GetProperty("personId").GetGuid();
        (await city.PostAsJsonAsync($"/api/v1/experts/panels/{panelId}/rate", new { personId = member, rating = 5, comment = "认真" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await city.PostAsJsonAsync($"/api/v1/experts/panels/{panelId}/rate", new { personId = member, rating = 4 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // Used now: a new draw with the recent-use rule leaves the panel's members out.
        var next = await city.PostAsJsonAsync("/api/v1/experts/panels", new { title = "再抽", criteria = new { keywords = new[] { tag }, members = 2, reserves = 0, avoidUnits = new[] { "申报单位甲", "被评审单位乙" }, avoidPeople = new[] { ids[9] }, recentDays = 30 } });
        next.StatusCode.ShouldBe(HttpStatusCode.BadRequest); // 4 candidates, 3 just used → only 1 left
        await using var db2 = App.SystemDb();
        (await db2.AuditEntries.CountAsync(a => a.EntityId == panelId.ToString() && a.Action == AuditActions.Transition)).ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task An_import_with_bad_rows_commits_nothing_and_names_each_bad_row_then_a_good_one_commits_everything()
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = CurrentUser.System("导入测试");
        var excel = scope.ServiceProvider.GetRequiredService<ExcelService>();
        var goodId = NewId();
        var dupId = NewId();
        List<Dictionary<string, object?>> rows =
        [
            new() { ["姓名"] = "导入甲", ["身份证号"] = goodId, ["手机号"] = NewPhone(), ["工作单位"] = "导入单位", ["职称"] = "正高级", ["关键词"] = "导入测试词" },
            new() { ["姓名"] = "导入乙", ["身份证号"] = "610102199001011235", ["手机号"] = NewPhone(), ["工作单位"] = "导入单位" },
            new() { ["姓名"] = "导入丙", ["身份证号"] = dupId, ["手机号"] = "123", ["工作单位"] = "导入单位" },
            new() { ["姓名"] = "导入丁", ["身份证号"] = goodId, ["手机号"] = NewPhone(), ["工作单位"] = "导入单位" },
            new() { ["姓名"] = "导入戊", ["身份证号"] = NewId(), ["手机号"] = NewPhone(), ["工作单位"] = "导入单位", ["职称"] = "不存在的职称" },
        ];
        var report = await excel.ImportAsync("experts", Xlsx(rows));
        report.Succeeded.ShouldBeFalse();
        report.Errors.Select(e => e.Row).Distinct().Order().ShouldBe([3, 4, 5, 6]);
        report.Errors.ShouldContain(e => e.Row == 3 && e.Message.Contains("校验位"));
        report.Errors.ShouldContain(e => e.Row == 5 && e.Message.Contains("第 2 行重复"));
        report.Errors.ShouldContain(e => e.Row == 4 && e.Message.Contains("手机"));
        report.Errors.ShouldContain(e => e.Row == 6 && e.Message.Contains("字典"));
        await using (var db = App.SystemDb())
            (await db.Set<Person>().AnyAsync(p => p.Employer == "导入单位")).ShouldBeFalse();

        var many = Enumerable.Range(0, 300).Select(i => new Dictionary<string, object?>
        {
            ["姓名"] = $"批量{i}",
            ["身份证号"] = NewId("619922"),
            ["手机号"] = NewPhone(),
            ["工作单位"] = "批量导入单位",
            ["学科"] = "210",
            ["关键词"] = "批量导入、育种",
        }).ToList();
        var ok = await excel.ImportAsync("experts", Xlsx(many));
        ok.Succeeded.ShouldBeTrue(string.Join("；", ok.Errors.Select(e => $"{e.Row}:{e.Message}")));
        ok.Imported.ShouldBe(300);
        await using (var db = App.SystemDb())
        {
            (await db.Set<Person>().CountAsync(p => p.Employer == "批量导入单位")).ShouldBe(300);
            (await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.Import && a.Summary.Contains("300"))).ShouldBeTrue();
        }
        var city = await App.LoginAsync("city.admin");
        (await Json(await city.GetAsync("/api/v1/experts/people?q=批量导入"))).GetProperty("total").GetInt32().ShouldBe(300);
        // Importing the same people again: every row is a duplicate of the registry.
        var again = await excel.ImportAsync("experts", Xlsx(many.Take(2).ToList()));
        again.Errors.ShouldAllBe(e => e.Message.Contains("已在科技工作者库中登记"));
    }

    [Fact]
    public async Task A_bulk_import_indexes_every_row_and_later_saves_stay_searchable()
    {
        // PostgreSQL: force the drop-copy-rebuild path of the GIN index; SQLite always bulk-fills FTS5 without the trigger.
        var rule = PersonImport.RebuildIndex;
        PersonImport.RebuildIndex = (_, _) => true;
        try
        {
            await using var scope = App.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = CurrentUser.System("导入测试");
            var excel = scope.ServiceProvider.GetRequiredService<ExcelService>();
            var tag = "整批" + Random.Shared.Next(1000, 9999);
            var rows = Enumerable.Range(0, 40).Select(i => new Dictionary<string, object?>
            {
                ["姓名"] = $"{tag}{i}",
                ["身份证号"] = NewId("619922"),
                ["手机号"] = NewPhone(),
                ["工作单位"] = tag + "研究所",
                ["关键词"] = "整批导入、光伏组件",
            }).ToList();
            var ok = await excel.ImportAsync("experts", Xlsx(rows));
            ok.Succeeded.ShouldBeTrue(string.Join("；", ok.Errors.Select(e => $"{e.Row}:{e.Message}")));
        }
        finally
        {
            PersonImport.RebuildIndex = rule;
        }
        var city = await App.LoginAsync("city.admin");
        (await Json(await city.GetAsync("/api/v1/experts/people?q=光伏组件&pageSize=100"))).GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(40);
        await using (var db = App.SystemDb())
        {
            if (db.Provider == Kexie.Web.Platform.Data.DatabaseProvider.Postgres)
            {
                (await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_indexes WHERE indexname = 'ix_exp_people_search'").SingleAsync()).ShouldBe(1);
                (await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_indexes WHERE indexname = 'ix_exp_people_name_tokens'").SingleAsync()).ShouldBe(1);
                // The rebuild lets the btrees use a parallel worker, then the table is serial again (migration ExpertsSearchPerf).
                (await db.Database.SqlQueryRaw<string>("SELECT array_to_string(reloptions, ',') AS \"Value\" FROM pg_class WHERE relname = 'exp_people'").SingleAsync()).ShouldContain("parallel_workers=0");
                (await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_constraint WHERE conrelid = 'exp_people'::regclass AND contype = 'f'").SingleAsync()).ShouldBe(1);
            }
            else
                (await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name = 'exp_people_fts_ai'").SingleAsync()).ShouldBe(1);
        }
        // The insert trigger is back (SQLite) and the index maintained (PostgreSQL): a record saved afterwards is found at once.
        await RegisterAsync(city, Person("导入后登记", "光伏组件测试厂"));
        (await NamesAsync(city, "/api/v1/experts/people?q=光伏组件测试厂")).ShouldContain("导入后登记");
    }

    [Fact]
    public async Task A_term_with_more_hits_than_the_count_shows_pages_name_matches_then_the_newest_through_id_windows()
    {
        // More hits than Paging.CountCap: "1,000+", and on PostgreSQL the page is read in windows of the newest ids while the
        // count runs on a second connection; a small first window makes the windows (and their widening) run on a small database.
        var window = SearchPeople.FirstWindow;
        SearchPeople.FirstWindow = 10; // page 1: 10 ids, then 80; page 3: 30, then 240
        var tag = "窗" + Random.Shared.Next(1000, 9999);
        try
        {
            await using (var scope = App.Services.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = CurrentUser.System("导入测试");
                var phone = Random.Shared.Next(1000, 9999);
                var rows = Enumerable.Range(0, 1050).Select(i => new Dictionary<string, object?>
                {
                    ["姓名"] = $"批员{i}",
                    ["身份证号"] = NewId("619922"),
                    ["手机号"] = $"136{phone}{i:D4}",
                    ["工作单位"] = "示范市窗口测试所",
                    ["关键词"] = tag + "检测",
                }).ToList();
                var ok = await scope.ServiceProvider.GetRequiredService<ExcelService>().ImportAsync("experts", Xlsx(rows));
                ok.Succeeded.ShouldBeTrue(string.Join("；", ok.Errors.Take(3).Select(e => $"{e.Row}:{e.Message}")));
            }
            var c = await App.LoginAsync("city.admin");
            await RegisterAsync(c, Person(tag + "组长", "示范市窗口测试所"));
            await RegisterAsync(c, Person("首席" + tag, "示范市窗口测试所"));
            List<string> newest;
            await using (var db = App.SystemDb())
                newest = await db.Set<Person>().Where(p => p.Keywords == tag + "检测").OrderByDescending(p => p.Id).Select(p => p.Name).Take(60).ToListAsync();

            var first = await Json(await c.GetAsync($"/api/v1/experts/people?q={tag}&pageSize=20"));
            first.GetProperty("total").GetInt32().ShouldBe(1000);
            first.GetProperty("totalIsLowerBound").GetBoolean().ShouldBeTrue();
            var names = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
            names.ShouldBe(new[] { tag + "组长", "首席" + tag }.Concat(newest.Take(18)));
            // Page 3: past the name tier, the 39th to 58th newest others.
            (await NamesAsync(c, $"/api/v1/experts/people?q={tag}&pageSize=20&page=3")).ShouldBe(newest.Skip(38).Take(20));
        }
        finally
        {
            SearchPeople.FirstWindow = window;
        }
    }

    [Fact]
    public async Task A_bad_row_after_writing_has_started_rolls_back_every_row_and_the_dropped_indexes()
    {
        // PostgreSQL: the COPY starts with the first row (indexes dropped for the rebuild); SQLite inserts from the first row.
        var (rule, decision) = (PersonImport.RebuildIndex, PersonImport.RebuildDecisionRows);
        PersonImport.RebuildIndex = (_, _) => true;
        PersonImport.RebuildDecisionRows = 1;
        var tag = "流式" + Random.Shared.Next(1000, 9999);
        List<Dictionary<string, object?>> Rows(int count) => Enumerable.Range(0, count).Select(i => new Dictionary<string, object?>
        {
            ["姓名"] = $"{tag}{i}",
            ["身份证号"] = NewId("619922"),
            ["手机号"] = NewPhone(),
            ["工作单位"] = tag + "研究院",
            ["关键词"] = "流式导入、储能电站",
            ["简介"] = "Ａ股ＡＩ芯片，储能电站运维 20 年",
        }).ToList();
        try
        {
            await using var scope = App.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = CurrentUser.System("导入测试");
            var excel = scope.ServiceProvider.GetRequiredService<ExcelService>();
            var rows = Rows(40);
            rows[30]["手机号"] = "12345";                                   // Excel row 32
            rows[39]["身份证号"] = rows[0]["身份证号"];                      // Excel row 41, the last
            var report = await excel.ImportAsync("experts", Xlsx(rows));
            report.Succeeded.ShouldBeFalse();
            report.Errors.Select(e => e.Row).Distinct().Order().ShouldBe([32, 41]);
            report.Errors.ShouldContain(e => e.Row == 41 && e.Message.Contains("第 2 行重复"));
            await using (var db = App.SystemDb())
            {
                (await db.Set<Person>().AnyAsync(p => p.Employer == tag + "研究院")).ShouldBeFalse();
                if (db.Provider == Kexie.Web.Platform.Data.DatabaseProvider.Postgres)
                    (await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_indexes WHERE indexname IN ('ix_exp_people_search', 'ix_exp_people_name_tokens')").SingleAsync()).ShouldBe(2);
                else
                    (await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name = 'exp_people_fts_ai'").SingleAsync()).ShouldBe(1);
            }

            var ok = await excel.ImportAsync("experts", Xlsx(Rows(40)));
            ok.Succeeded.ShouldBeTrue(string.Join("；", ok.Errors.Select(e => $"{e.Row}:{e.Message}")));
            ok.Imported.ShouldBe(40);
        }
        finally
        {
            (PersonImport.RebuildIndex, PersonImport.RebuildDecisionRows) = (rule, decision);
        }
        await using (var db = App.SystemDb())
        {
            (await db.Set<Person>().CountAsync(p => p.Employer == tag + "研究院")).ShouldBe(40);
            // What the import writes: confirmed, imported, outside the pool, no account, nothing merged.
            (await db.Set<Person>().CountAsync(p => p.Employer == tag + "研究院" && p.Status == PersonStatus.Confirmed && p.Source == PersonSource.Imported
                && p.PoolStatus == PoolStatus.None && p.OwnerUserId == null && p.StatusReason == null && p.MergedIntoId == null && p.PoolReason == null
                && p.AdmittedAt == null && p.IdNumberCipher != null && p.PhoneMasked != null)).ShouldBe(40);
            if (db.Provider == Kexie.Web.Platform.Data.DatabaseProvider.Postgres)
            {
                // The vector the import sent ready-made is exactly what the server would have computed.
                const string inStep = "SELECT count(*)::int AS \"Value\" FROM exp_people WHERE employer = {0} AND search_vector = strip(to_tsvector('simple', search_tokens)) AND name_vector = strip(exp_name_tokens(name))";
                (await db.Database.SqlQueryRaw<int>(inStep, tag + "研究院").SingleAsync()).ShouldBe(40);
                // Any other write keeps them in step (trigger on search_tokens and name).
                var edited = await db.Set<Person>().OrderBy(p => p.Id).FirstAsync(p => p.Employer == tag + "研究院");
                edited.Keywords = "改后关键词" + tag;
                edited.Name = "改名𠀀" + tag;
                edited.RefreshSearchTokens();
                await db.SaveChangesAsync();
                (await db.Database.SqlQueryRaw<int>(inStep, tag + "研究院").SingleAsync()).ShouldBe(40);
                (await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM exp_people WHERE name_vector @@ to_tsquery('simple', {0})", SearchPeople.NameTsQuery("名𠀀" + tag)).SingleAsync()).ShouldBe(1);
                (await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM exp_people WHERE search_vector @@ to_tsquery('simple', {0})", Kexie.Web.Platform.Search.SearchTokens.Parse("改后关键词" + tag).ToPostgresTsQuery()).SingleAsync()).ShouldBe(1);
            }
        }
        var city = await App.LoginAsync("city.admin");
        (await AllNamesAsync(city, tag + "研究院")).Count.ShouldBe(40);
        (await AllNamesAsync(city, "ai芯片 " + tag)).Count.ShouldBe(40);
    }

    [Fact]
    public async Task The_name_token_index_speaks_the_search_token_encoding()
    {
        await using var db = App.SystemDb();
        if (db.Provider != Kexie.Web.Platform.Data.DatabaseProvider.Postgres) return; // SQLite ranks without it
        async Task<bool> Hit(string name, string term) =>
            await db.Database.SqlQueryRaw<bool>("SELECT exp_name_tokens({0}) @@ to_tsquery('simple', {1}) AS \"Value\"", name, SearchPeople.NameTsQuery(term)).SingleAsync();
        (await Hit("王建国", "建国")).ShouldBeTrue();
        (await Hit("王建国", "王")).ShouldBeTrue();
        (await Hit("王建国", "王国")).ShouldBeFalse();
        (await Hit("𠀀𠀁林", "𠀁林")).ShouldBeTrue(); // beyond the BMP
        (await Hit("Ann·Lee", "n·l")).ShouldBeFalse(); // raw characters: no case folding (strpos decides the tier)
        (await Hit("Ann·Lee", "n·L")).ShouldBeTrue();
    }

    [Fact]
    public async Task Metrics_count_the_pool_within_the_scope()
    {
        var city = await App.LoginAsync("city.admin");
        var year = DateTime.UtcNow.Year;
        var total = await Json(await city.GetAsync($"/api/v1/metrics/experts.pool.total?year={year}"));
        await using var db = App.SystemDb();
        var admitted = await db.Set<Person>().CountAsync(p => p.PoolStatus == PoolStatus.Admitted && p.Status != PersonStatus.Merged && p.AdmittedAt != null);
        total.GetProperty("value").GetDecimal().ShouldBe(admitted);
        var county = await App.LoginAsync("county.qinchuan");
        var scoped = await Json(await county.GetAsync($"/api/v1/metrics/experts.pool.total?year={year}"));
        scoped.GetProperty("value").GetDecimal().ShouldBeLessThan(admitted);
    }

    private static MemoryStream Xlsx(List<Dictionary<string, object?>> rows)
    {
        string[] headers = ["姓名", "性别", "身份证号", "手机号", "工作单位", "职称", "学历", "学科", "行业", "行政区划", "政治面貌", "专业领域代码", "关键词", "简介", "荣誉", "所属组织"];
        var full = rows.Select(r => headers.ToDictionary(h => h, h => r.GetValueOrDefault(h))).ToList();
        var ms = new MemoryStream();
        ms.SaveAs(full);
        ms.Position = 0;
        return ms;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ExpertsTests_Sqlite(SqliteApp app) : ExpertsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ExpertsTests_Postgres(PostgresApp app) : ExpertsTests(app);
