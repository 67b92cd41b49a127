using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations.Features;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Platform.Audit.Features;

public sealed record AuditSearchRequest(string? Q = null, string? Action = null, string? EntityType = null, string? EntityId = null,
    string? Actor = null, DateOnly? From = null, DateOnly? To = null, bool LoginsOnly = false, int Page = 1, int PageSize = 50);

public sealed record AuditRow(long Seq, DateTime At, string ActorName, string? Ip, string Action, string ActionName, string EntityType, string? EntityId,
    string Summary, string? Changes, string Hash);

/// <summary>Searches the audit trail (and, with <see cref="AuditSearchRequest.LoginsOnly"/>, the login log) and verifies the chain.</summary>
public sealed class AuditSearch(AppDbContext db, CurrentUser user)
{
    private static readonly string[] LoginActions = [AuditActions.Login, AuditActions.LoginFailed, AuditActions.Lockout, AuditActions.Logout, AuditActions.ForcedLogout];

    public async Task<PagedResult<AuditRow>> HandleAsync(AuditSearchRequest r, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.AuditView);
        var q = db.AuditEntries.AsNoTracking();
        if (r.LoginsOnly) q = q.Where(a => LoginActions.Contains(a.Action));
        if (r.Action.Clean() is { } action) q = q.Where(a => a.Action == action);
        if (r.EntityType.Clean() is { } et) q = q.Where(a => a.EntityType == et);
        if (r.EntityId.Clean() is { } eid) q = q.Where(a => a.EntityId == eid);
        if (r.Actor.Clean() is { } actor) q = q.Where(a => a.ActorName.Contains(actor));
        if (r.Q.Clean() is { } kw) q = q.Where(a => a.Summary.Contains(kw) || (a.Changes != null && a.Changes.Contains(kw)));
        if (r.From is { } from) { var f = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8); q = q.Where(a => a.At >= f); }
        if (r.To is { } to) { var t = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8); q = q.Where(a => a.At < t); }
        var total = await q.CountAsync(ct);
        var page = Math.Max(1, r.Page);
        var size = Math.Clamp(r.PageSize, 1, 500);
        var rows = await q.OrderByDescending(a => a.Seq).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<AuditRow>(rows.Select(a => new AuditRow(a.Seq, a.At, a.ActorName, a.Ip, a.Action, AuditActions.Zh(a.Action), a.EntityType,
            a.EntityId, a.Summary, a.Changes, a.Hash)).ToList(), total, page, size);
    }

    public Task<AuditChain.VerifyResult> VerifyAsync(CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.AuditView);
        return AuditChain.VerifyAsync(db, ct);
    }
}
