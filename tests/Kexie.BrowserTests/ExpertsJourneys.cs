using Kexie.Web.Platform.Privacy;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Kexie.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ExpertsJourneys(BrowserFixture app)
{
    [Fact]
    public async Task A_scientist_registers_is_confirmed_admitted_found_by_a_two_character_search_and_drawn()
    {
        var n = Random.Shared.Next(100, 999);
        var user = $"lansy{n}";
        var name = "蓝思远";
        var keyword = $"蓝莓{n}号";

        // 1. The scientist registers on the public site (on a phone) and completes a profile, choosing 示范市农学会.
        var sci = await app.NewPageAsync(phone: true);
        await sci.GotoAsync("/register");
        await sci.FillAsync("#reg-username", user);
        await sci.FillAsync("#reg-name", name);
        await sci.FillAsync("#reg-phone", $"13700{n}123");
        await sci.FillAsync("#reg-password", "Blue-Berry-2026");
        await sci.FillAsync("#reg-confirm", "Blue-Berry-2026");
        await sci.ClickAsync("#reg-submit");
        await sci.GetByText("注册成功").WaitForAsync();
        await app.LoginAsync(sci, user, "Blue-Berry-2026");
        await sci.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await sci.GotoAsync("/experts/me");
        await sci.SelectOptionAsync("#me-org", new SelectOptionValue { Label = "示范市农学会" });
        await sci.FillAsync("#p-name", name);
        await sci.FillAsync("#p-id", ChineseIdNumber.Compose("619902", new DateOnly(1985, 3, 1).AddDays(n), n));
        await sci.FillAsync("#p-phone", $"13700{n}123");
        await sci.FillAsync("#p-employer", "示范市浆果研究所");
        await sci.FillAsync("#p-keywords", $"{keyword}、浆果栽培");
        await sci.FillAsync("#p-codes", "210");
        await sci.ClickAsync("#me-save");
        await Assertions.Expect(sci.Locator("#me-status")).ToContainTextAsync("待确认");

        // 2. The society's liaison confirms it.
        var liaison = await app.NewPageAsync();
        await app.LoginAsync(liaison, "society.nongxue");
        await liaison.WaitForURLAsync("**/console");
        await liaison.GotoAsync($"/experts/people?status=Pending&q={Uri.EscapeDataString(name)}");
        await liaison.Locator("#people-table tbody tr td a", new() { HasTextString = name }).First.ClickAsync();
        await liaison.ClickAsync("#person-confirm");
        await Assertions.Expect(liaison.Locator("#person-name")).ToContainTextAsync("已确认");

        // 3. The scientist applies to the pool.
        await sci.GotoAsync("/experts/me");
        await sci.ClickAsync("#me-apply");
        await Assertions.Expect(sci.Locator("#me-pool")).ToContainTextAsync("已申请");

        // 4. The city reviews and admits, then finds the expert with a two-character search.
        var city = await app.NewPageAsync();
        await app.LoginAsync(city, "city.admin");
        await city.WaitForURLAsync("**/console");
        await city.GotoAsync($"/experts/pool?q={Uri.EscapeDataString(name)}");
        await city.Locator("#people-table tbody tr td a", new() { HasTextString = name }).First.ClickAsync();
        await city.SelectOptionAsync("#pool-action", "Review");
        await city.ClickAsync("#pool-run");
        await Assertions.Expect(city.Locator("#person-name")).ToContainTextAsync("已审核");
        await city.SelectOptionAsync("#pool-action", "Admit");
        await city.ClickAsync("#pool-run");
        await Assertions.Expect(city.Locator("#person-name")).ToContainTextAsync("在库");
        await city.GotoAsync("/experts/pool?q=" + Uri.EscapeDataString("蓝莓"));
        await Assertions.Expect(city.Locator("#people-table")).ToContainTextAsync(name);
        (await city.Locator("#people-table mark").AllTextContentsAsync()).ShouldContain("蓝莓");

        // 5. A one-person panel drawn on the keyword takes the only matching expert.
        await city.GotoAsync("/experts/panels");
        await city.FillAsync("#draw-title", $"浆果项目评审{n}");
        await city.FillAsync("#draw-keywords", keyword);
        await city.FillAsync("#draw-members", "1");
        await city.FillAsync("#draw-reserves", "0");
        await city.ClickAsync("#draw-run");
        await city.WaitForURLAsync("**/experts/panels/*");
        await Assertions.Expect(city.Locator("#panel-members")).ToContainTextAsync(name);
        (await city.Locator("#panel-seed").TextContentAsync()).ShouldNotBeNullOrWhiteSpace();
    }
}
