using Kexie.Web.Modules.WorkPlans.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Jobs;
using Kexie.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.WorkPlans.Features;

/// <summary>
/// Reminds the responsible unit's users of tasks due within <see cref="DaysBefore"/> days (again every three
/// days until done), and of 督办 notices whose answer date has come.
/// </summary>
public sealed class DeadlineReminders : IRecurringJob
{
    public const int DaysBefore = 7;

    public string Name => "workplans.deadline-reminders";

    public TimeSpan Interval => TimeSpan.FromHours(6);

    public async Task RunAsync(IServiceProvider scopedServices, CancellationToken ct)
    {
        var db = scopedServices.GetRequiredService<AppDbContext>();
        var notifier = scopedServices.GetRequiredService<Notifier>();
        var time = scopedServices.GetRequiredService<TimeProvider>();
        await RemindAsync(db, notifier, time, ct);
    }

    /// <summary>Sends what is due today; returns the number of tasks reminded.</summary>
    public static async Task<int> RemindAsync(AppDbContext db, Notifier notifier, TimeProvider time, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().AddHours(8).DateTime);
        var horizon = today.AddDays(DaysBefore);
        var again = today.AddDays(-3);
        var due = await db.Set<WorkTask>().AsNoTracking()
            .Where(t => t.Status != WorkTaskStatus.Completed && t.Deadline >= today && t.Deadline <= horizon
                && (t.LastRemindedOn == null || t.LastRemindedOn <= again))
            .Select(t => new { t.Id, t.Title, t.Deadline, t.OrganisationId }).ToListAsync(ct);
        foreach (var t in due)
        {
            var days = t.Deadline.DayNumber - today.DayNumber;
            notifier.Notify(await AssignTask.UsersOfAsync(db, t.OrganisationId, ct), $"任务即将到期：{t.Title}",
                days == 0 ? "今天是完成时限" : $"距完成时限还有 {days} 天（{t.Deadline:yyyy年M月d日}）", $"/workplans/tasks/{t.Id}");
        }
        await db.SaveChangesAsync(ct);
        var ids = due.Select(t => t.Id).ToList();
        // Not a change anyone edits: no version bump, so open forms are not invalidated.
        if (ids.Count > 0)
            await db.Set<WorkTask>().Where(t => ids.Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastRemindedOn, today), ct);
        return ids.Count;
    }
}
