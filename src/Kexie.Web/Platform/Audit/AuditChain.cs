using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Privacy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Kexie.Web.Platform.Audit;

/// <summary>An audit row waiting for its place in the chain. <see cref="Entry"/> is read after the save for generated keys.</summary>
internal sealed record PendingAudit(string Action, string EntityType, string? EntityId, string Summary,
    Guid? OrganisationId, string? Changes, EntityEntry? Entry);

/// <summary>Turns the change tracker's added, modified and deleted entities into audit rows, masking personal data.</summary>
internal static class AuditCapture
{
    private static readonly HashSet<Type> Skipped = [typeof(IdentityUserToken<Guid>), typeof(IdentityUserLogin<Guid>), typeof(DataProtectionKey), typeof(IdentityUserClaim<Guid>)];

    public static List<PendingAudit> Capture(DbContext db)
    {
        var list = new List<PendingAudit>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var type = entry.Entity.GetType();
            if (Skipped.Contains(type) || type.GetCustomAttribute<NotAuditedAttribute>() is not null) continue;
            var changes = new JsonObject();
            foreach (var prop in entry.Properties)
            {
                var meta = prop.Metadata;
                if (meta.IsShadowProperty() && !meta.IsForeignKey()) continue;
                var pi = meta.PropertyInfo;
                if (pi?.GetCustomAttribute<AuditIgnoreAttribute>() is not null) continue;
                if (meta.Name is nameof(Entity.CreatedAt) or nameof(Entity.UpdatedAt) or nameof(IVersioned.Version)) continue;
                var pii = pi?.GetCustomAttribute<PiiAttribute>()?.Kind;
                switch (entry.State)
                {
                    case EntityState.Added:
                        if (prop.CurrentValue is not null) changes[meta.Name] = new JsonObject { ["new"] = Value(prop.CurrentValue, pii) };
                        break;
                    case EntityState.Deleted:
                        changes[meta.Name] = new JsonObject { ["old"] = Value(prop.OriginalValue, pii) };
                        break;
                    default:
                        if (prop.IsModified && !Equals(prop.OriginalValue, prop.CurrentValue))
                            changes[meta.Name] = new JsonObject { ["old"] = Value(prop.OriginalValue, pii), ["new"] = Value(prop.CurrentValue, pii) };
                        break;
                }
            }
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;
            var action = entry.State switch
            {
                EntityState.Added => AuditActions.Create,
                EntityState.Deleted => AuditActions.Delete,
                _ => AuditActions.Update,
            };
            var display = PlatformModel.DisplayName(type);
            var org = entry.Entity is IOrgScoped s ? s.OrganisationId : entry.Entity is Organisations.Organisation o ? o.Id : (Guid?)null;
            list.Add(new PendingAudit(action, display, null, $"{AuditActions.Zh(action)}{display}", org,
                changes.ToJsonString(JsonOptions), entry));
        }
        return list;
    }

    internal static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonNode? Value(object? v, PiiKind? pii)
    {
        if (v is null) return null;
        if (pii is { } kind)
        {
            var s = v.ToString();
            return kind switch
            {
                PiiKind.IdNumber => Mask.IdNumber(s),
                PiiKind.Phone => Mask.Phone(s),
                PiiKind.Name => Mask.Name(s),
                PiiKind.Email => Mask.Email(s),
                PiiKind.Cipher => "(已加密)",
            };
        }
        return v switch
        {
            DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Enum e => e.ToString(),
            bool b => b,
            int i => i,
            long l => l,
            double x => x,
            decimal m => m,
            _ => v.ToString(),
        };
    }

    public static string KeyOf(EntityEntry entry)
    {
        if (entry.Entity is IdentityUserRole<Guid> ur) return $"{ur.UserId}:{ur.RoleId}";
        if (entry.Entity is IdentityRoleClaim<Guid> rc) return $"{rc.RoleId}:{rc.ClaimValue}";
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null) return "";
        return string.Join(":", key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue ?? entry.Property(p.Name).OriginalValue, CultureInfo.InvariantCulture)));
    }
}

/// <summary>
/// The hash chain of the audit trail. Appends take a lock (an advisory lock on PostgreSQL; SQLite has
/// one writer) so rows get consecutive <see cref="AuditEntry.Seq"/> numbers and each row's hash covers
/// the previous one. Verification recomputes every hash in order.
/// </summary>
public static class AuditChain
{
    internal const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const long AdvisoryLockKey = 0x4B6578696541; // "KexieA"

    internal static async Task AppendAsync(AppDbContext db, List<PendingAudit> pending, DateTime now, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Postgres)
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Seq)
            .Select(a => new { a.Seq, a.Hash }).FirstOrDefaultAsync(ct);
        var seq = last?.Seq ?? 0;
        var prev = last?.Hash ?? Genesis;
        var actor = db.Actor;
        var at = Truncate(now);
        var rows = new List<AuditEntry>(pending.Count);
        foreach (var p in pending)
        {
            var row = new AuditEntry
            {
                Seq = ++seq,
                At = at,
                ActorUserId = actor.UserId,
                ActorName = actor.IsSystem ? actor.DisplayName : actor.UserName,
                Ip = actor.Ip,
                Action = p.Action,
                EntityType = p.EntityType,
                EntityId = p.EntityId ?? (p.Entry is null ? null : AuditCapture.KeyOf(p.Entry)),
                OrganisationId = p.OrganisationId,
                Summary = p.Summary,
                Changes = p.Changes,
                PrevHash = prev,
            };
            row.Hash = ComputeHash(row);
            prev = row.Hash;
            rows.Add(row);
        }
        db.AuditEntries.AddRange(rows);
        await db.SaveAuditRowsAsync(ct);
        foreach (var r in rows) db.Entry(r).State = EntityState.Detached;
    }

    /// <summary>Stored timestamps lose sub-millisecond precision on some providers; hash what survives.</summary>
    internal static DateTime Truncate(DateTime t) =>
        new(t.Ticks - (t.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    public static string ComputeHash(AuditEntry e)
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            e.Seq,
            DateTime.SpecifyKind(e.At, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            e.ActorUserId?.ToString("D") ?? "",
            e.ActorName,
            e.Ip ?? "",
            e.Action,
            e.EntityType,
            e.EntityId ?? "",
            e.OrganisationId?.ToString("D") ?? "",
            e.Summary,
            e.Changes ?? "",
            e.PrevHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>A broken link of the chain: which row and why.</summary>
    public sealed record Break(long Seq, string Reason);

    public sealed record VerifyResult(long RowsChecked, IReadOnlyList<Break> Breaks)
    {
        public bool Intact => Breaks.Count == 0;
    }

    /// <summary>Walks the whole trail in order, streaming. Reports every row whose hash, link or sequence is wrong.</summary>
    public static async Task<VerifyResult> VerifyAsync(AppDbContext db, CancellationToken ct = default)
    {
        var breaks = new List<Break>();
        long expected = 1;
        var prev = Genesis;
        long count = 0;
        await foreach (var row in db.AuditEntries.AsNoTracking().OrderBy(a => a.Seq).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (row.Seq != expected)
                breaks.Add(new Break(row.Seq, row.Seq > expected
                    ? $"第 {expected} 至 {row.Seq - 1} 条记录缺失（被删除）"
                    : $"序号 {row.Seq} 重复或乱序"));
            if (row.PrevHash != prev)
                breaks.Add(new Break(row.Seq, $"第 {row.Seq} 条记录与前一条的链接不符"));
            if (ComputeHash(row) != row.Hash)
                breaks.Add(new Break(row.Seq, $"第 {row.Seq} 条记录的内容被篡改（哈希不符）"));
            prev = row.Hash;
            expected = row.Seq + 1;
            if (breaks.Count > 1000) break;
        }
        return new VerifyResult(count, breaks);
    }
}
