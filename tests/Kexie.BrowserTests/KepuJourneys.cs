using Shouldly;
using Xunit;

namespace Kexie.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class KepuJourneys(BrowserFixture app)
{
    /// <summary>On a phone: a town reports, its county approves and publishes, the public registers, staff check in, the statistics move.</summary>
    [Fact]
    public async Task A_town_activity_is_approved_registered_checked_in_and_counted()
    {
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");
        var title = "田间课堂" + Guid.NewGuid().ToString("N")[..6];

        var town = await app.NewPageAsync(phone: true);
        await app.LoginAsync(town, "town.shimen");
        await town.WaitForURLAsync("**/console");
        await town.GotoAsync("/kepu/activities/new");
        await town.FillAsync("#kp-title", title);
        await town.FillAsync("#kp-place", "石门村村民活动广场");
        await town.FillAsync("#kp-start", today);
        await town.FillAsync("#kp-end", today);
        await town.FillAsync("#kp-capacity", "5");
        var post = await town.RunAndWaitForResponseAsync(() => town.ClickAsync("#kp-save"), r => r.Request.Method == "POST");
        try
        {
            await town.WaitForURLAsync("**/kepu/activities/*-*");
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"{post.Status} {post.Url} {post.Request.PostData} {await town.InnerHTMLAsync("main")}");
        }
        var activityUrl = town.Url;
        await town.ClickAsync("#kp-submit");
        await town.Locator("#kp-success").WaitForAsync();

        var county = await app.NewPageAsync(phone: true);
        await app.LoginAsync(county, "county.qinchuan");
        await county.WaitForURLAsync("**/console");
        await county.GotoAsync("/kepu/stats");
        var before = int.Parse((await county.TextContentAsync("#kp-total-participants"))!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await county.GotoAsync("/kepu/activities?inbox=true");
        await county.ClickAsync($"text={title}");
        await county.ClickAsync("#kp-approve");
        await county.Locator("#kp-publish").WaitForAsync();
        await county.ClickAsync("#kp-publish");
        await county.Locator("#kp-success").WaitForAsync();

        var visitor = await app.NewPageAsync(phone: true);
        await visitor.GotoAsync("/kepu");
        await visitor.ClickAsync($"text={title}");
        await visitor.ClickAsync("#kp-register-link");
        await visitor.FillAsync("#kp-reg-name", "赵小满");
        await visitor.FillAsync("#kp-reg-phone", "13912345678");
        await visitor.ClickAsync("#kp-register");
        await visitor.WaitForURLAsync("**/kepu/r/*");
        (await visitor.Locator("#kp-qr").IsVisibleAsync()).ShouldBeTrue();
        var code = (await visitor.TextContentAsync("#kp-code-text"))!.Trim();

        await town.GotoAsync(activityUrl + "/checkin");
        await town.FillAsync("#kp-code", code);
        await town.ClickAsync("#kp-checkin");
        (await town.Locator("#kp-success").TextContentAsync())!.ShouldContain("签到成功");
        (await town.TextContentAsync("#kp-checked-count"))!.Trim().ShouldBe("1");

        await town.GotoAsync(activityUrl);
        await town.FillAsync("#kp-volunteers", "2");
        await town.ClickAsync("#kp-complete");
        await town.Locator("#kp-actual").WaitForAsync();
        (await town.TextContentAsync("#kp-actual"))!.Trim().ShouldBe("1");

        await county.GotoAsync("/kepu/stats");
        var after = int.Parse((await county.TextContentAsync("#kp-total-participants"))!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        after.ShouldBe(before + 1);
    }

    /// <summary>The public portal draws the county map with ECharts (a canvas) once its GeoJSON and counts load; the bars give way to it.</summary>
    [Fact]
    public async Task The_portal_draws_the_county_map_and_a_county_opens_the_filtered_list()
    {
        var page = await app.NewPageAsync(phone: true);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.GotoAsync("/kepu");
        try
        {
            await page.Locator("#kp-county-chart[data-map-ready='true'] canvas").First.WaitForAsync(new() { Timeout = 15000 });
        }
        catch (TimeoutException)
        {
            var lib = await page.APIRequest.GetAsync("/lib/echarts/echarts.min.js");
            throw new InvalidOperationException($"console: {string.Join("; ", errors)}; echarts {lib.Status}; {await page.InnerHTMLAsync("#kp-county-map")}");
        }
        (await page.Locator("#kp-county-bars").IsHiddenAsync()).ShouldBeTrue();
        var box = await page.Locator("#kp-county-chart canvas").First.BoundingBoxAsync();
        box.ShouldNotBeNull();
        box.Width.ShouldBeGreaterThan(100);
        box.Height.ShouldBeGreaterThan(100);
        errors.ShouldBeEmpty(string.Join("; ", errors));

        // Arriving by Blazor's enhanced navigation (no page load, page scripts inert): the map still draws.
        await page.GotoAsync("/gongshi");
        await page.EvaluateAsync("() => Blazor.navigateTo('/kepu')");
        await page.WaitForURLAsync("**/kepu");
        await page.Locator("#kp-county-chart[data-map-ready='true'] canvas").First.WaitForAsync(new() { Timeout = 15000 });
        errors.ShouldBeEmpty(string.Join("; ", errors));
    }
}
