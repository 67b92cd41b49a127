using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Kexie.BrowserTests;

/// <summary>The real app on Kestrel (SQLite, demo city) and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : WebApplicationFactory<Kexie.Web.Program>, IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kexie-bt-" + Guid.NewGuid().ToString("N")[..8]);
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>
    /// The app's clock: real time plus an offset a journey may move forward (and must <see cref="OffsetClock.Reset"/> when
    /// done, so the journeys after it see the real time).
    /// </summary>
    public OffsetClock Clock { get; } = new();
    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Serve wwwroot and the framework scripts as in development (the test host is not a published app).
        builder.UseStaticWebAssets();
        builder.UseSetting("Kexie:Database:Provider", "Sqlite");
        builder.UseSetting("Kexie:Database:ConnectionString", $"Data Source={Path.Combine(_dir, "kexie.db")}");
        builder.UseSetting("Kexie:Files:Root", Path.Combine(_dir, "files"));
        builder.UseSetting("Kexie:Privacy:KeyFile", Path.Combine(_dir, "privacy-keys.json"));
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A fresh browser context (own cookies) with a phone-sized or desktop viewport.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            Locale = "zh-CN",
        });
        return await context.NewPageAsync();
    }

    public async Task LoginAsync(IPage page, string user, string password = "Kexie@2026")
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login-submit");
    }

    public new async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}

/// <summary>The system clock moved by an offset (zero unless a journey moves it).</summary>
public sealed class OffsetClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
