using System.Globalization;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Kexie.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AwardsJourneys(BrowserFixture app)
{
    private async Task<IPage> SignedInAsync(string user, string password = "Kexie@2026")
    {
        var page = await app.NewPageAsync();
        await app.LoginAsync(page, user, password);
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    private static async Task ClickAndWaitAsync(IPage page, string click, string appears)
    {
        await page.ClickAsync(click);
        try
        {
            await page.Locator(appears).First.WaitForAsync(new() { Timeout = 15000 });
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"after {click}: {page.Url} {await page.InnerTextAsync("main")}");
        }
    }

    /// <summary>
    /// A whole 青少年科技创新大赛: staff create the call from the template and set it up, a student applies (with an
    /// organisation picked by name), the county recommends, the city passes it, a chosen panel member scores, the round is
    /// ranked and confirmed by the chair, the 公示 opens, the public objects, staff decide, and after the window the
    /// results become final on the public results page.
    /// </summary>
    [Fact]
    public async Task A_youth_innovation_contest_runs_from_call_to_final_results()
    {
        var edition = "第" + Guid.NewGuid().ToString("N")[..6] + "届";
        var title = "校园雨水回收灌溉装置" + Guid.NewGuid().ToString("N")[..4];
        var today = DateTime.UtcNow.AddHours(8);
        try
        {
            // Staff: new call from the template, then the setup page (a picker field, 5 working days of 公示), then open.
            var city = await SignedInAsync("city.admin");
            await city.GotoAsync("/awards");
            await city.SelectOptionAsync("#aw-template", "youth-innovation");
            await city.FillAsync("#aw-edition", edition);
            await city.FillAsync("#aw-deadline", today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await city.ClickAsync("#aw-create");
            await city.WaitForURLAsync("**/awards/calls/*-*");
            var callUrl = city.Url;
            await city.ClickAsync("#aw-setup-link");
            await city.WaitForURLAsync("**/setup");
            var fieldCount = await city.Locator(".aw-s-field-label").CountAsync();
            await city.Locator(".aw-s-field-label").Nth(fieldCount - 3).FillAsync("推荐学校");
            await city.Locator(".aw-s-field-type").Nth(fieldCount - 3).SelectOptionAsync("Organisation");
            await city.FillAsync("#aw-s-publicity", "5");
            await ClickAndWaitAsync(city, "#aw-s-save", "#aw-success:has-text('已保存配置')");
            await city.GotoAsync(callUrl);
            await ClickAndWaitAsync(city, "#aw-open", "#aw-review");
            var callId = callUrl.Split('/')[^1];

            // The entrant applies; the organisation picker takes a name and stores the unit.
            var student = await SignedInAsync("public.demo", "Public@2026");
            await student.GotoAsync($"/awards/calls/{callId}/apply");
            await student.FillAsync("#aw-title", title);
            await student.SelectOptionAsync("#aw-category", "学生科技创新成果");
            await student.FillAsync("#aw-applicant", "王小明");
            await student.FillAsync("#aw-unit", "秦川区实验中学");
            await student.SelectOptionAsync("#aw-recommender", new SelectOptionValue { Label = "秦川区科协" });
            await student.FillAsync("#aw-f-school", "秦川区实验中学");
            await student.SelectOptionAsync("#aw-f-grade", "初中");
            await student.SelectOptionAsync("#aw-f-discipline", "工程");
            await student.FillAsync("#aw-f-abstract", "收集屋顶雨水，按土壤湿度自动灌溉校园绿地。");
            await student.FillAsync("#aw-f-f1", "秦川区科协");
            await student.ClickAsync("#aw-save");
            try
            {
                await student.WaitForURLAsync("**/awards/entries/*-*");
            }
            catch (TimeoutException)
            {
                throw new InvalidOperationException(await student.InnerTextAsync("main"));
            }
            var entryUrl = student.Url;
            await ClickAndWaitAsync(student, "#aw-submit", "#aw-success:has-text('已提交')");
            (await student.InnerTextAsync("main")).ShouldContain("秦川区科协");

            // The recommending unit endorses it; the city passes the eligibility check.
            var county = await SignedInAsync("county.qinchuan");
            await county.GotoAsync(entryUrl);
            await ClickAndWaitAsync(county, "#aw-recommend", "#aw-success:has-text('已推荐')");
            await city.GotoAsync(entryUrl);
            await ClickAndWaitAsync(city, "#aw-pass", "#aw-success:has-text('已记录形式审查结果')");

            // Entries close; staff choose the panel and assign; the reviewer scores.
            await city.GotoAsync(callUrl);
            await ClickAndWaitAsync(city, "#aw-review", ".aw-assign");
            await city.Locator(".aw-reviewer").First.FillAsync("city.admin");
            await ClickAndWaitAsync(city, ".aw-add-reviewer", "#aw-success:has-text('已加入评审组')");
            await ClickAndWaitAsync(city, ".aw-assign", "#aw-success:has-text('已分配评审任务')");
            await city.GotoAsync("/awards/reviews");
            await city.ClickAsync($"text={title}");
            await city.FillAsync("#aw-s-innovation", "38");
            await city.FillAsync("#aw-s-science", "28");
            await city.FillAsync("#aw-s-practice", "25");
            await ClickAndWaitAsync(city, "#aw-score", "#aw-success:has-text('已保存评分')");

            // Ranking into tiers, the chair's confirmation, the 公示.
            await city.GotoAsync(callUrl);
            await ClickAndWaitAsync(city, ".aw-rank", "#aw-confirm");
            (await city.InnerTextAsync(".aw-results")).ShouldContain("一等奖");
            await city.FillAsync("#aw-note", "同意评审委员会意见");
            await ClickAndWaitAsync(city, "#aw-confirm", "#aw-publicise");
            await ClickAndWaitAsync(city, "#aw-publicise", "#aw-publicity");
            var noticeHref = await city.Locator("#aw-publicity a[href^='/gongshi/']").GetAttributeAsync("href");
            noticeHref.ShouldNotBeNull();

            // A member of the public objects on the 公示 page.
            var visitor = await app.NewPageAsync(phone: true);
            await visitor.GotoAsync(noticeHref);
            (await visitor.InnerTextAsync("#gs-items")).ShouldContain(title);
            await visitor.FillAsync("#gs-name", "张三");
            await visitor.FillAsync("#gs-contact", "13800001234");
            await visitor.SelectOptionAsync("#gs-item", new SelectOptionValue { Index = 1 });
            await visitor.FillAsync("#gs-content", "该作品与往届作品相似，请核查。");
            await ClickAndWaitAsync(visitor, "#gs-submit", "#gs-receipt");

            // Staff record the decision.
            await city.GotoAsync("/admin" + noticeHref);
            var objection = city.Locator("section[id^='obj-']").First;
            var decide = objection.Locator("form:has(select[name='Upheld'])");
            await decide.Locator("textarea[name='Reason']").FillAsync("经核查为学生独立完成的原创作品");
            await decide.Locator("button[type='submit']").ClickAsync();
            await city.Locator("section[id^='obj-'] .badge:has-text('不成立')").First.WaitForAsync(new() { Timeout = 15000 });

            // After the window (the app's clock moves on), the chair makes the results final; the public results page shows the winner.
            app.Clock.Advance(TimeSpan.FromDays(30));
            var chair = await SignedInAsync("city.admin");
            await chair.GotoAsync(callUrl);
            await ClickAndWaitAsync(chair, "#aw-finalise", "#aw-final-link");
            var results = await app.NewPageAsync(phone: true);
            await results.GotoAsync($"/awards/results/{callId}");
            var table = await results.InnerTextAsync("#aw-final-results");
            table.ShouldContain(title);
            table.ShouldContain("一等奖");
            table.ShouldContain("王小明");
        }
        finally
        {
            app.Clock.Reset();
        }
    }
}
