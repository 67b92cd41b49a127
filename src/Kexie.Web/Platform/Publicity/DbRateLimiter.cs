using Kexie.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Web.Platform.Publicity;

/// <summary>A fixed-window hit counter row (client address, network, phone…): shared by every instance through the database.</summary>
[NotAudited("rate-limit counters, no business data")]
public sealed class RateCounter
{
    public string Bucket { get; set; } = "";

    /// <summary>Start of the window, Unix seconds.</summary>
    public long Slot { get; set; }

    public int Hits { get; set; }
}

internal sealed class RateCounterConfiguration : IEntityTypeConfiguration<RateCounter>
{
    public void Configure(EntityTypeBuilder<RateCounter> e)
    {
        e.ToTable("rl_counters");
        e.HasKey(x => new { x.Bucket, x.Slot });
        e.Property(x => x.Bucket).HasMaxLength(200);
        e.HasIndex(x => x.Slot);
    }
}

/// <summary>
/// Database-backed fixed-window counters: one upsert (<c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>, same SQL on
/// SQLite and PostgreSQL) counts a hit and returns the window's total, so the limit holds across instances.
/// Old windows are deleted now and then.
/// </summary>
public sealed class DbRateLimiter(AppDbContext db)
{
    /// <summary>Counts one hit in the current window of <paramref name="window"/> and returns the hits so far (this one included).</summary>
    public async Task<int> HitAsync(string bucket, TimeSpan window, CancellationToken ct = default)
    {
        var now = db.UtcNow;
        var seconds = (long)(now - DateTime.UnixEpoch).TotalSeconds;
        var size = Math.Max(1, (long)window.TotalSeconds);
        var slot = seconds - seconds % size;
        if (bucket.Length > 200) bucket = bucket[..200];
        var hits = await db.Database.SqlQuery<int>(
            $"INSERT INTO rl_counters (bucket, slot, hits) VALUES ({bucket}, {slot}, 1) ON CONFLICT (bucket, slot) DO UPDATE SET hits = rl_counters.hits + 1 RETURNING hits AS \"Value\"")
            .ToListAsync(ct);
        if (Random.Shared.Next(500) == 0)
        {
            var old = seconds - 2 * 86400;
            await db.Database.ExecuteSqlAsync($"DELETE FROM rl_counters WHERE slot < {old}", ct);
        }
        return hits[0];
    }

    /// <summary>True when this hit is within <paramref name="limit"/> per window.</summary>
    public async Task<bool> AllowAsync(string bucket, int limit, TimeSpan window, CancellationToken ct = default) =>
        await HitAsync(bucket, window, ct) <= limit;
}
