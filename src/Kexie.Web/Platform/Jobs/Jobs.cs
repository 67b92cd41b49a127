using System.Text.Json;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Platform.Jobs;

/// <summary>Long work of one kind. Registered with <c>AddJobHandler&lt;T&gt;()</c>; runs in its own DI scope as the requesting user.</summary>
public interface IJobHandler
{
    string Type { get; }
    Task<JobOutcome> RunAsync(JobRun run, CancellationToken ct);
}

public sealed record JobOutcome(bool Succeeded, string Message, object? Result = null, Guid? ResultFileId = null);

/// <summary>What a running job sees: its arguments and a way to report progress (which also renews its lease).</summary>
public sealed class JobRun(BackgroundJob job, Func<int, string?, Task> report)
{
    public BackgroundJob Job { get; } = job;
    public T Args<T>() => JsonSerializer.Deserialize<T>(Job.ArgumentsJson, JobQueue.Json)!;
    public Task ReportAsync(int percent, string? message = null) => report(Math.Clamp(percent, 0, 100), message);
}

/// <summary>In-process wake-up so a job queued here starts at once; other instances find it on their next poll.</summary>
public sealed class JobSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);
    public void Notify() => _signal.Release();
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public void Dispose() => _signal.Dispose();
}

internal sealed record ActorSnapshot(Guid? UserId, string UserName, string DisplayName, Guid? OrganisationId, DataScopeKind Scope, string[] Permissions, string? Ip, bool IsSystem)
{
    public static ActorSnapshot Of(CurrentUser u) => new(u.UserId, u.UserName, u.DisplayName, u.OrganisationId, u.ScopeKind, [.. u.Permissions], u.Ip, u.IsSystem);

    public CurrentUser ToUser() => IsSystem ? CurrentUser.System(DisplayName)
        : new CurrentUser(UserId, UserName, DisplayName, OrganisationId, Scope, Permissions, Ip);
}

public sealed record JobView(Guid Id, string Type, string Title, JobStatus Status, int Progress, string? Message, string? ResultJson, Guid? ResultFileId, DateTime CreatedAt, DateTime? FinishedAt);

/// <summary>Queues jobs and reads their progress (only the requester, or the system, sees a job).</summary>
public sealed class JobQueue(AppDbContext db, CurrentUser user, JobSignal signal)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Guid> EnqueueAsync(string type, string title, object args, CancellationToken ct = default)
    {
        var job = new BackgroundJob
        {
            Type = type,
            Title = title,
            ArgumentsJson = JsonSerializer.Serialize(args, Json),
            Status = JobStatus.Queued,
            CreatedByUserId = user.UserId,
            ActorJson = JsonSerializer.Serialize(ActorSnapshot.Of(user), Json),
            CreatedAt = db.UtcNow,
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return job.Id;
    }

    public async Task<JobView?> GetAsync(Guid id, CancellationToken ct = default) =>
        await db.Jobs.AsNoTracking().Where(j => j.Id == id && (user.IsSystem || j.CreatedByUserId == user.UserId))
            .Select(j => new JobView(j.Id, j.Type, j.Title, j.Status, j.Progress, j.Message, j.ResultJson, j.ResultFileId, j.CreatedAt, j.FinishedAt))
            .FirstOrDefaultAsync(ct);

    public async Task<List<JobView>> MineAsync(int take = 20, CancellationToken ct = default) =>
        await db.Jobs.AsNoTracking().Where(j => j.CreatedByUserId == user.UserId).OrderByDescending(j => j.CreatedAt).Take(take)
            .Select(j => new JobView(j.Id, j.Type, j.Title, j.Status, j.Progress, j.Message, j.ResultJson, j.ResultFileId, j.CreatedAt, j.FinishedAt))
            .ToListAsync(ct);
}

/// <summary>
/// Polls for queued jobs and runs them one at a time per instance. A job is claimed with a conditional
/// update (queued, or running with an expired lease), so with several instances exactly one runs it.
/// </summary>
internal sealed class JobRunner(IServiceProvider services, IDbContextFactoryAccessor dbs, JobSignal signal, TimeProvider time, ILogger<JobRunner> log)
    : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private const int MaxAttempts = 3;
    private readonly string _owner = $"{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await RunOneAsync(stoppingToken))
                    await signal.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Job runner loop failed; retrying");
                try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); } catch (OperationCanceledException) { }
            }
        }
    }

    private async Task<bool> RunOneAsync(CancellationToken ct)
    {
        BackgroundJob? job;
        await using (var db = dbs.CreateSystem())
        {
            var now = time.GetUtcNow().UtcDateTime;
            var candidates = await db.Jobs.AsNoTracking()
                .Where(j => j.Status == JobStatus.Queued || (j.Status == JobStatus.Running && j.LeaseUntil < now))
                .OrderBy(j => j.CreatedAt).Select(j => j.Id).Take(5).ToListAsync(ct);
            job = null;
            foreach (var id in candidates)
            {
                var claimed = await db.Jobs
                    .Where(j => j.Id == id && (j.Status == JobStatus.Queued || (j.Status == JobStatus.Running && j.LeaseUntil < now)))
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Running).SetProperty(j => j.LeaseOwner, _owner)
                        .SetProperty(j => j.LeaseUntil, now + Lease).SetProperty(j => j.StartedAt, now)
                        .SetProperty(j => j.Attempts, j => j.Attempts + 1), ct);
                if (claimed == 1)
                {
                    job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == id, ct);
                    break;
                }
            }
        }
        if (job is null) return false;
        if (job.Attempts > MaxAttempts)
        {
            await FinishAsync(job.Id, new JobOutcome(false, "任务多次中断，已停止重试"), ct);
            return true;
        }

        JobOutcome outcome;
        try
        {
            await using var scope = services.CreateAsyncScope();
            var actor = job.ActorJson is null ? CurrentUser.System() : JsonSerializer.Deserialize<ActorSnapshot>(job.ActorJson, JobQueue.Json)!.ToUser();
            scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = actor;
            var handler = scope.ServiceProvider.GetServices<IJobHandler>().FirstOrDefault(h => h.Type == job.Type)
                ?? throw new InvalidOperationException($"No handler for job type {job.Type}");
            outcome = await handler.RunAsync(new JobRun(job, (p, m) => ReportAsync(job.Id, p, m, ct)), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Job {Id} ({Type}) failed", job.Id, job.Type);
            outcome = new JobOutcome(false, ex is Errors.DomainException ? ex.Message : "任务执行出错：" + ex.Message);
        }
        await FinishAsync(job.Id, outcome, ct);
        return true;
    }

    private async Task ReportAsync(Guid id, int percent, string? message, CancellationToken ct)
    {
        await using var db = dbs.CreateSystem();
        var until = time.GetUtcNow().UtcDateTime + Lease;
        await db.Jobs.Where(j => j.Id == id && j.LeaseOwner == _owner)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Progress, percent).SetProperty(j => j.Message, message).SetProperty(j => j.LeaseUntil, until), ct);
    }

    private async Task FinishAsync(Guid id, JobOutcome outcome, CancellationToken ct)
    {
        await using var db = dbs.CreateSystem();
        var now = time.GetUtcNow().UtcDateTime;
        var result = outcome.Result is null ? null : JsonSerializer.Serialize(outcome.Result, JobQueue.Json);
        await db.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, outcome.Succeeded ? JobStatus.Succeeded : JobStatus.Failed)
            .SetProperty(j => j.Progress, 100).SetProperty(j => j.Message, outcome.Message)
            .SetProperty(j => j.ResultJson, result).SetProperty(j => j.ResultFileId, outcome.ResultFileId)
            .SetProperty(j => j.FinishedAt, now).SetProperty(j => j.LeaseOwner, (string?)null), ct);
    }
}

/// <summary>Work that runs on a schedule on exactly one instance (reminders, clean-ups).</summary>
public interface IRecurringJob
{
    string Name { get; }
    TimeSpan Interval { get; }
    Task RunAsync(IServiceProvider scopedServices, CancellationToken ct);
}

/// <summary>Runs recurring jobs under a named lease row, so one instance at a time does each.</summary>
internal sealed class RecurringJobRunner(IServiceProvider services, IDbContextFactoryAccessor dbs, TimeProvider time, ILogger<RecurringJobRunner> log)
    : BackgroundService
{
    private readonly string _owner = $"{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var jobs = services.GetServices<IRecurringJob>().ToList();
        if (jobs.Count == 0) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var job in jobs)
            {
                try
                {
                    if (await TryAcquireAsync(job, stoppingToken))
                    {
                        await using var scope = services.CreateAsyncScope();
                        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = CurrentUser.System(job.Name);
                        await job.RunAsync(scope.ServiceProvider, stoppingToken);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
                catch (Exception ex) { log.LogWarning(ex, "Recurring job {Name} failed", job.Name); }
            }
            try { await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Takes the lease if it is free and the interval has passed since the last run.</summary>
    internal async Task<bool> TryAcquireAsync(IRecurringJob job, CancellationToken ct)
    {
        await using var db = dbs.CreateSystem();
        var now = time.GetUtcNow().UtcDateTime;
        var due = now - job.Interval;
        if (!await db.JobLeases.AnyAsync(l => l.Name == job.Name, ct))
        {
            try
            {
                db.JobLeases.Add(new JobLease { Name = job.Name, Owner = "", Until = DateTime.MinValue.ToUniversalTime() });
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) { db.ChangeTracker.Clear(); }
        }
        var n = await db.JobLeases.Where(l => l.Name == job.Name && l.Until < now && (l.LastRunAt == null || l.LastRunAt < due))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, _owner).SetProperty(l => l.Until, now + job.Interval)
                .SetProperty(l => l.LastRunAt, now), ct);
        return n == 1;
    }
}

public static class JobServiceCollectionExtensions
{
    public static IServiceCollection AddJobHandler<T>(this IServiceCollection services) where T : class, IJobHandler =>
        services.AddScoped<IJobHandler, T>();

    public static IServiceCollection AddRecurringJob<T>(this IServiceCollection services) where T : class, IRecurringJob =>
        services.AddSingleton<IRecurringJob, T>();
}
