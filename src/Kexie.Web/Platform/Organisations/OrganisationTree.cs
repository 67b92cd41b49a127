using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Platform.Organisations;

/// <summary>Keeps <see cref="OrganisationClosure"/> and depths in step with parent links, in the caller's transaction.</summary>
public static class OrganisationTree
{
    /// <summary>Adds a new organisation under <paramref name="parent"/> (null for a root) with its closure rows.</summary>
    public static async Task AddAsync(AppDbContext db, Organisation org, Organisation? parent, CancellationToken ct)
    {
        if (parent is not null)
        {
            if (!parent.IsActive) throw new DomainException("上级组织已停用，不能在其下新建", "ParentId");
            if (!org.Type.CanBeChildOf(parent.Type))
                throw new DomainException($"「{org.Type.Zh()}」不能设在「{parent.Type.Zh()}」之下", "ParentId");
            org.Depth = parent.Depth + 1;
            // A parent created in the same unit of work (an import) has its closure rows only in the change tracker.
            var ancestors = db.Entry(parent).State == EntityState.Added
                ? db.OrganisationClosures.Local.Where(c => c.DescendantId == parent.Id).ToList()
                : await db.OrganisationClosures.AsNoTracking().Where(c => c.DescendantId == parent.Id).ToListAsync(ct);
            db.OrganisationClosures.AddRange(ancestors.Select(a => new OrganisationClosure { AncestorId = a.AncestorId, DescendantId = org.Id, Distance = a.Distance + 1 }));
        }
        else
        {
            if (org.Type != OrganisationType.CityAssociation) throw new DomainException("只有市科协可以作为顶级组织", "ParentId");
            org.Depth = 0;
            db.OrganisationClosures.Add(new OrganisationClosure { AncestorId = OrganisationClosure.VirtualRoot, DescendantId = org.Id, Distance = 1 });
        }
        org.SetParent(parent?.Id);
        db.Organisations.Add(org);
        db.OrganisationClosures.Add(new OrganisationClosure { AncestorId = org.Id, DescendantId = org.Id, Distance = 0 });
    }

    /// <summary>Moves <paramref name="org"/> and its subtree under <paramref name="newParent"/>.</summary>
    public static async Task MoveAsync(AppDbContext db, Organisation org, Organisation newParent, CancellationToken ct)
    {
        if (org.ParentId == newParent.Id) throw new DomainException("新上级与原上级相同", "ParentId");
        if (org.ParentId is null) throw new DomainException("顶级组织不能移动");
        if (!newParent.IsActive) throw new DomainException("目标上级组织已停用", "ParentId");
        if (!org.Type.CanBeChildOf(newParent.Type))
            throw new DomainException($"「{org.Type.Zh()}」不能设在「{newParent.Type.Zh()}」之下", "ParentId");
        var subtree = await db.OrganisationClosures.AsNoTracking().Where(c => c.AncestorId == org.Id).ToListAsync(ct);
        var subtreeIds = subtree.Select(s => s.DescendantId).ToList();
        if (subtreeIds.Contains(newParent.Id)) throw new DomainException("不能把组织移到它自己的下级之下", "ParentId");

        await db.OrganisationClosures.Where(c => subtreeIds.Contains(c.DescendantId) && !subtreeIds.Contains(c.AncestorId)).ExecuteDeleteAsync(ct);
        var newAncestors = await db.OrganisationClosures.AsNoTracking().Where(c => c.DescendantId == newParent.Id).ToListAsync(ct);
        foreach (var a in newAncestors)
            foreach (var d in subtree)
                db.OrganisationClosures.Add(new OrganisationClosure
                {
                    AncestorId = a.AncestorId,
                    DescendantId = d.DescendantId,
                    Distance = a.Distance + 1 + d.Distance,
                    DescendantInactive = d.DescendantInactive,
                });

        var delta = newParent.Depth + 1 - org.Depth;
        if (delta != 0)
        {
            var others = subtreeIds.Where(i => i != org.Id).ToList();
            if (others.Count > 0)
                await db.Organisations.IgnoreQueryFilters([AppDbContext.DataScopeFilter]).Where(o => others.Contains(o.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.Depth, o => o.Depth + delta), ct);
            org.Depth += delta;
        }
        org.SetParent(newParent.Id);
    }

    /// <summary>Copies the organisation's active state onto its closure rows (after Deactivate/Reactivate, same save).</summary>
    public static async Task SyncActiveAsync(AppDbContext db, Organisation org, CancellationToken ct)
    {
        foreach (var c in await db.OrganisationClosures.Where(c => c.DescendantId == org.Id).ToListAsync(ct))
            c.DescendantInactive = !org.IsActive;
    }
}
