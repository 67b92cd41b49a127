using Shouldly;
using Xunit;

namespace Kexie.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PlatformJourneys(BrowserFixture app)
{
    [Fact]
    public async Task A_county_admin_logs_in_and_sees_only_that_countys_organisations()
    {
        var page = await app.NewPageAsync();
        await app.LoginAsync(page, "county.qinchuan");
        await page.WaitForURLAsync("**/console");
        (await page.TextContentAsync("h1")).ShouldBe("工作台");

        await page.GotoAsync("/orgs?sort=tree");
        var names = await page.Locator("#org-table tbody tr td:first-child a").AllTextContentsAsync();
        names.ShouldContain("秦川区科协");
        names.ShouldNotContain("云岭县科协");
        names.ShouldNotContain("示范市科协");

        // Drilling into the county shows its towns, and another county's page is a 404.
        await page.GotoAsync("/orgs?q=云岭");
        (await page.Locator("#org-table tbody tr").CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_public_user_cannot_open_the_console()
    {
        var page = await app.NewPageAsync(phone: true);
        await app.LoginAsync(page, "public.demo", "Public@2026");
        await page.WaitForURLAsync("**/forbidden**");
        (await page.TextContentAsync("h1")).ShouldBe("无权访问");
        var response = await page.GotoAsync("/orgs");
        page.Url.ShouldContain("/forbidden");
        response.ShouldNotBeNull();
    }

    [Fact]
    public async Task The_sixth_wrong_password_finds_the_account_locked()
    {
        var page = await app.NewPageAsync();
        for (var i = 1; i <= 5; i++)
        {
            await app.LoginAsync(page, "city.xuehui", "Wrong-password-1");
            await page.Locator(".alert.error").WaitForAsync();
        }
        await app.LoginAsync(page, "city.xuehui", "Kexie@2026");
        var message = await page.Locator(".alert.error").TextContentAsync();
        message.ShouldNotBeNull();
        message.ShouldContain("锁定");
        page.Url.ShouldContain("/login");
    }
}
