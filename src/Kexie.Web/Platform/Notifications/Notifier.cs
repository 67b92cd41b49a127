using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Platform.Notifications;

/// <summary>In-app notifications. <see cref="Notify"/> adds rows to the caller's unit of work (saved with it).</summary>
public sealed class Notifier(AppDbContext db, CurrentUser user, IDbContextFactoryAccessor dbs)
{
    public void Notify(IEnumerable<Guid> userIds, string title, string? body = null, string? link = null)
    {
        var now = db.UtcNow;
        foreach (var id in userIds.Distinct())
            db.Notifications.Add(new Notification { UserId = id, Title = title, Body = body, Link = link, CreatedAt = now });
    }

    /// <summary>
    /// The bell count. The layout asks for it while the page renders and queries the request's context at the
    /// same time, so it uses a context of its own (a DbContext is not safe for concurrent use).
    /// </summary>
    public async Task<int> UnreadCountAsync(CancellationToken ct = default)
    {
        if (user.UserId is not { } id) return 0;
        await using var own = dbs.CreateFor(user);
        return await own.Notifications.CountAsync(n => n.UserId == id && n.ReadAt == null, ct);
    }

    public async Task<List<Notification>> MineAsync(int take = 50, CancellationToken ct = default) => user.UserId is { } id
        ? await db.Notifications.AsNoTracking().Where(n => n.UserId == id).OrderByDescending(n => n.CreatedAt).Take(take).ToListAsync(ct)
        : [];

    public async Task MarkReadAsync(Guid? notificationId, CancellationToken ct = default)
    {
        if (user.UserId is not { } id) return;
        var now = db.UtcNow;
        await db.Notifications.Where(n => n.UserId == id && n.ReadAt == null && (notificationId == null || n.Id == notificationId))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
