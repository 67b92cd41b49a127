using Kexie.Web.Modules.Experts.Contracts;
using Kexie.Web.Modules.Experts.Data;
using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Experts.Features;

/// <summary><see cref="IPersonLookup"/> over the registry within the caller's data scope (the query filter applies).</summary>
public sealed class PersonLookup(AppDbContext db, CurrentUser user) : IPersonLookup
{
    private static PersonRef Ref(Guid id, string name, string employer, string? idMasked) =>
        new(id, name, string.Join(" · ", new[] { name, employer, idMasked }.Where(s => !string.IsNullOrWhiteSpace(s))));

    public async Task<IReadOnlyList<PersonRef>> SearchAsync(string? name, int take = 20, CancellationToken ct = default)
    {
        if (user.UserId is null || name.Clean() is not { } kw) return [];
        var rows = await db.People().AsNoTracking().Where(p => p.Status != PersonStatus.Merged && p.Name.Contains(kw))
            .OrderBy(p => p.Name == kw ? 0 : 1).ThenBy(p => p.Name.Length).ThenBy(p => p.Name).ThenBy(p => p.Id).Take(Math.Clamp(take, 1, 50))
            .Select(p => new { p.Id, p.Name, p.Employer, p.IdNumberMasked }).ToListAsync(ct);
        return rows.Select(p => Ref(p.Id, p.Name, p.Employer, p.IdNumberMasked)).ToList();
    }

    public async Task<PersonRef?> FindAsync(Guid id, CancellationToken ct = default)
    {
        if (user.UserId is null) return null;
        var p = await db.People().AsNoTracking().Where(x => x.Id == id && x.Status != PersonStatus.Merged)
            .Select(x => new { x.Id, x.Name, x.Employer, x.IdNumberMasked }).FirstOrDefaultAsync(ct);
        return p is null ? null : Ref(p.Id, p.Name, p.Employer, p.IdNumberMasked);
    }
}
