using Kexie.Web.Modules.Experts.Contracts;
using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Experts.Features;

/// <summary>Links between registry people and accounts, for modules that let drawn experts sign in (the pool is shared: no data scope).</summary>
internal sealed class ExpertAccounts(AppDbContext db) : IExpertAccounts
{
    public async Task<IReadOnlyDictionary<Guid, Guid>> UserIdsAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct = default)
    {
        var ids = personIds.Distinct().ToList();
        var rows = await db.Set<Person>().WithoutDataScope().AsNoTracking()
            .Where(p => ids.Contains(p.Id) && p.OwnerUserId != null)
            .Select(p => new { p.Id, p.OwnerUserId }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => r.OwnerUserId!.Value);
    }

    public async Task<Guid?> PersonIdOfUserAsync(Guid userId, CancellationToken ct = default) =>
        await db.Set<Person>().WithoutDataScope().AsNoTracking().Where(p => p.OwnerUserId == userId).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
}
