using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations;
using Kexie.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Platform.Home;

/// <summary>Collects the live figures every module contributes to the home page.</summary>
public sealed class HomeDashboard(IEnumerable<IDashboardTiles> sources, CurrentUser user)
{
    public async Task<List<DashboardTile>> TilesAsync(CancellationToken ct = default)
    {
        var tiles = new List<DashboardTile>();
        foreach (var s in sources) tiles.AddRange(await s.GetAsync(user, ct));
        return tiles;
    }
}

/// <summary>The platform's own figures: organisations in scope by kind, coverage, accounts, today's activity.</summary>
internal sealed class PlatformTiles(AppDbContext db) : IDashboardTiles
{
    public async Task<IReadOnlyList<DashboardTile>> GetAsync(CurrentUser user, CancellationToken ct)
    {
        if (!user.Has(PlatformPermissions.OrganisationsView)) return [];
        var byType = await db.Organisations.AsNoTracking().Where(o => o.IsActive).GroupBy(o => o.Type)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        int C(params OrganisationType[] t) => t.Sum(x => byType.GetValueOrDefault(x));
        var tiles = new List<DashboardTile>
        {
            new("组织机构", byType.Values.Sum().ToString("N0"), "/orgs", "本范围内启用的组织"),
            new("县(市、区)及园区科协", C(OrganisationType.CountyAssociation, OrganisationType.ParkAssociation).ToString("N0"), "/orgs?type=CountyAssociation"),
            new("镇(街道)科协", C(OrganisationType.TownAssociation).ToString("N0"), "/orgs/coverage"),
            new("学会/协会/研究会", C(OrganisationType.Society).ToString("N0"), "/orgs?type=Society"),
            new("企业、高校、院所科协", C(OrganisationType.EnterpriseAssociation, OrganisationType.UniversityAssociation, OrganisationType.InstituteAssociation).ToString("N0"), "/orgs?type=EnterpriseAssociation"),
            new("三长任职", (await db.SanZhangPosts.CountAsync(p => p.IsActive, ct)).ToString("N0"), "/orgs/sanzhang"),
        };
        if (user.Has(PlatformPermissions.UsersManage))
            tiles.Add(new("用户账号", (await db.Users.CountAsync(u => u.IsActive, ct)).ToString("N0"), "/admin/users"));
        return tiles;
    }
}
