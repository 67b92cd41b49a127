using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Jobs;
using Kexie.Web.Platform.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;
using Xunit;

namespace Kexie.IntegrationTests.Platform;

/// <summary>Two instances of Kexie on one PostgreSQL database, as behind a load balancer.</summary>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private readonly string _database = "kexie_two_" + Guid.NewGuid().ToString("N")[..8];
    private Instance _a = default!;
    private Instance _b = default!;

    public async ValueTask InitializeAsync()
    {
        var admin = KexieApp.PostgresAdminConnectionString();
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {_database} ENCODING 'UTF8' TEMPLATE template0", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = _database }.ConnectionString;
        var dir = Path.Combine(Path.GetTempPath(), "kexie-two-" + Guid.NewGuid().ToString("N")[..6]);
        _a = new Instance(cs, dir);
        _ = _a.Server; // migrates and seeds
        _b = new Instance(cs, dir);
        _ = _b.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(KexieApp.PostgresAdminConnectionString());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_cookie_issued_by_one_instance_is_honoured_by_the_other_and_a_forced_sign_out_reaches_both()
    {
        var onA = _a.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await onA.PostAsJsonAsync("/api/v1/account/login", new { userName = "town.shimen", password = "Kexie@2026" });
        login.EnsureSuccessStatusCode();
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        var onB = _b.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        onB.DefaultRequestHeaders.Add("Cookie", cookie);
        var me = await onB.GetFromJsonAsync<JsonElement>("/api/v1/account/me");
        me.GetProperty("userName").GetString().ShouldBe("town.shimen");

        var admin = _a.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await admin.PostAsJsonAsync("/api/v1/account/login", new { userName = "admin", password = "Kexie@2026" })).EnsureSuccessStatusCode();
        var sessions = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/sessions");
        var sid = sessions.EnumerateArray().First(s => s.GetProperty("userName").GetString() == "town.shimen").GetProperty("id").GetGuid();
        (await admin.PostAsync($"/api/v1/admin/sessions/{sid}/end", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await onB.GetAsync("/api/v1/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Each_job_runs_exactly_once_across_instances()
    {
        using var scope = _a.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = CurrentUser.System("测试");
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        var ids = new List<Guid>();
        for (var i = 0; i < 20; i++) ids.Add(await queue.EnqueueAsync(CountingJob.TypeName, "计数", new { }));
        _b.Services.GetRequiredService<JobSignal>().Notify();

        var db = scope.ServiceProvider.GetRequiredService<Kexie.Web.Platform.Data.AppDbContext>();
        for (var i = 0; i < 200 && await db.Jobs.AsNoTracking().CountAsync(j => ids.Contains(j.Id) && j.Status != JobStatus.Succeeded) > 0; i++)
            await Task.Delay(100);
        var jobs = await db.Jobs.AsNoTracking().Where(j => ids.Contains(j.Id)).ToListAsync();
        jobs.ShouldAllBe(j => j.Status == JobStatus.Succeeded && j.Attempts == 1);
        var marks = await db.Notifications.AsNoTracking().Where(n => n.Title.StartsWith("job:")).Select(n => n.Title).ToListAsync();
        foreach (var id in ids) marks.Count(m => m == $"job:{id}").ShouldBe(1);
        jobs.Select(j => j.LeaseOwner).ShouldAllBe(o => o == null);
    }

    [Fact]
    public async Task A_recurring_job_runs_on_one_instance_per_interval()
    {
        var db = _a.Services.GetRequiredService<IDbContextFactoryAccessor>().CreateSystem();
        await using (db)
        {
            for (var i = 0; i < 100 && !await db.Notifications.AnyAsync(n => n.Title == "recurring"); i++) await Task.Delay(100);
            await Task.Delay(500);
            (await db.Notifications.CountAsync(n => n.Title == "recurring")).ShouldBe(1);
        }
    }

    private sealed class Instance(string connectionString, string dir) : WebApplicationFactory<Kexie.Web.Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Kexie:Database:Provider", "Postgres");
            builder.UseSetting("Kexie:Database:ConnectionString", connectionString);
            builder.UseSetting("Kexie:Files:Root", Path.Combine(dir, "files"));
            builder.UseSetting("Kexie:Privacy:KeyFile", Path.Combine(dir, "privacy-keys.json"));
            builder.UseSetting("Kexie:Security:SessionCheckSeconds", "0");
            builder.ConfigureTestServices(s =>
            {
                s.AddJobHandler<CountingJob>();
                s.AddRecurringJob<MarkOnce>();
            });
        }
    }

    /// <summary>Leaves one mark per run, so a job run twice would show.</summary>
    private sealed class CountingJob(Kexie.Web.Platform.Data.AppDbContext db) : IJobHandler
    {
        public const string TypeName = "test-count";
        public string Type => TypeName;

        public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken ct)
        {
            await Task.Delay(20, ct);
            db.Notifications.Add(new Notification { UserId = Guid.Empty, Title = $"job:{run.Job.Id}", CreatedAt = db.UtcNow });
            await db.SaveChangesAsync(ct);
            return new JobOutcome(true, "ok");
        }
    }

    private sealed class MarkOnce : IRecurringJob
    {
        public string Name => "test-mark-once";
        public TimeSpan Interval => TimeSpan.FromHours(1);

        public async Task RunAsync(IServiceProvider scopedServices, CancellationToken ct)
        {
            var db = scopedServices.GetRequiredService<Kexie.Web.Platform.Data.AppDbContext>();
            db.Notifications.Add(new Notification { UserId = Guid.Empty, Title = "recurring", CreatedAt = db.UtcNow });
            await db.SaveChangesAsync(ct);
        }
    }
}
