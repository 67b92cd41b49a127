using Shouldly;
using Xunit;

namespace Kexie.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class WorkPlansJourneys(BrowserFixture app)
{
    private const string Plan = """
        示范市科学技术协会2026年工作要点（浏览器）

        一、夯实组织基础
        1.推进基层组织建设。年内新建镇(街道)科协3个。（责任单位：组织人事部）
        2.加强学会党建。推动学会党组织“两个覆盖”。（责任单位：学会学术部）

        二、提升全民科学素质
        3.提升青少年科学素质。开展科学家精神进校园活动100场次。（责任单位：市教育局）
        """;

    [Fact]
    public async Task Staff_import_a_plan_correct_it_assign_report_press_a_task_and_generate_the_review()
    {
        var page = await app.NewPageAsync();
        await app.LoginAsync(page, "city.admin");
        await page.WaitForURLAsync("**/console");

        // Import by pasting, then correct one item's title.
        await page.GotoAsync("/workplans");
        await page.FillAsync("#plan-text", Plan);
        await page.ClickAsync("#paste-submit");
        await page.WaitForURLAsync("**/draft");
        (await page.Locator("section.card h3").CountAsync()).ShouldBe(3);
        var second = page.Locator("#item-2");
        await second.Locator("input[name=Title]").FillAsync("加强学会党建工作");
        await second.Locator("button[value=Edit]").ClickAsync();
        await page.Locator(".alert.ok").WaitForAsync();
        (await page.Locator("#item-2 h3").TextContentAsync()).ShouldNotBeNull().ShouldContain("加强学会党建工作");

        // Confirm: the tasks appear on the dashboard, each with its unit.
        await page.ClickAsync("#activate");
        await page.WaitForURLAsync(u => !u.Contains("/draft", StringComparison.Ordinal));
        var rows = await page.Locator("#tasks tbody tr").AllTextContentsAsync();
        rows.Count.ShouldBe(3);
        rows[2].ShouldContain("市教育局");

        // Open the education task: assign a lead person, report progress, press it.
        await page.Locator("#tasks tbody tr").Nth(2).Locator("a").ClickAsync();
        await page.WaitForURLAsync("**/workplans/tasks/**");
        await page.FillAsync("#assign-lead", "王科长");
        await page.ClickAsync("#assign-submit");
        await page.Locator(".alert.ok").WaitForAsync();
        (await page.Locator("#task-facts").TextContentAsync()).ShouldNotBeNull().ShouldContain("王科长");

        await page.FillAsync("#progress-text", "开展进校园活动30场次");
        await page.FillAsync("#progress-percent", "30");
        await page.ClickAsync("#progress-submit");
        await page.Locator("#reports tbody tr").First.WaitForAsync();
        (await page.Locator("#reports tbody").TextContentAsync()).ShouldNotBeNull().ShouldContain("开展进校园活动30场次");
        (await page.Locator("#task-percent").TextContentAsync()).ShouldBe("30%");

        await page.FillAsync("#notice-text", "进度偏慢，请说明下一步安排");
        await page.ClickAsync("#notice-submit");
        await page.Locator(".notice").First.WaitForAsync();
        (await page.Locator(".notice").First.TextContentAsync()).ShouldNotBeNull().ShouldContain("进度偏慢");

        // The annual review from the records.
        await page.GotoAsync("/workplans");
        await page.Locator("#plans a", new() { HasText = "浏览器" }).ClickAsync();
        await page.ClickAsync("#annual-review");
        await page.ClickAsync("#review-generate");
        await page.Locator(".alert.ok").WaitForAsync();
        var text = await page.Locator("#review-form").InnerHTMLAsync();
        text.ShouldContain("本部分部署重点任务");
        (await page.Locator("#review-targets").TextContentAsync()).ShouldNotBeNull().ShouldContain("100场次");
    }
}
