using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Platform.Demo;

/// <summary>Writes 示范市 into an empty database: regions, the organisation tree, coverage units, 三长 and the demo accounts.</summary>
public static class DemoSeeder
{
    /// <summary>Modules that seed their own demo records after the platform (experts, activities…).</summary>
    public interface IModuleSeeder
    {
        int Order { get; }
        Task SeedAsync(IServiceProvider services, AppDbContext db, CancellationToken ct);
    }

    public static async Task SeedAsync(IServiceProvider sp, AppDbContext db, CancellationToken ct = default)
    {
        var city = DemoCityData.City;
        db.Regions.Add(new Region { Code = city.RegionCode, Name = city.Name, Level = RegionLevel.City, ParentCode = "610000" });
        foreach (var c in city.Counties)
        {
            db.Regions.Add(new Region { Code = c.Code, Name = c.Name, Level = RegionLevel.County, ParentCode = city.RegionCode });
            foreach (var t in c.Towns)
                db.Regions.Add(new Region { Code = t.Code, Name = t.Name, Level = RegionLevel.Town, ParentCode = c.Code, IsStreet = t.IsStreet });
        }

        // The tree in memory, parents first, with its closure.
        var byName = new Dictionary<string, Organisation>();
        var ancestors = new Dictionary<Guid, List<(Guid Id, int Distance)>>();
        var order = 0;
        foreach (var d in city.AllOrganisations())
        {
            var type = Enum.Parse<OrganisationType>(d.Kind.ToString());
            var parent = d.ParentName is null ? null : byName[d.ParentName];
            var org = new Organisation(d.Name, type, d.RegionCode, parent?.Id)
            {
                ShortName = d.ShortName,
                HasPartyOrganisation = d.HasPartyOrganisation,
                MemberCount = d.MemberCount,
                SortOrder = ++order,
            };
            org.Depth = parent is null ? 0 : parent.Depth + 1;
            var chain = new List<(Guid, int)> { (org.Id, 0) };
            if (parent is not null) chain.AddRange(ancestors[parent.Id].Select(a => (a.Id, a.Distance + 1)));
            else chain.Add((OrganisationClosure.VirtualRoot, 1));
            ancestors[org.Id] = chain;
            byName[d.Name] = org;
            db.Organisations.Add(org);
            foreach (var (a, dist) in chain)
                db.OrganisationClosures.Add(new OrganisationClosure { AncestorId = a, DescendantId = org.Id, Distance = dist });
        }

        foreach (var county in city.Counties)
        {
            var countyOrg = byName[county.AssociationName];
            foreach (var park in city.Parks.Where(p => p.CountyCode == county.Code))
                db.CoverageUnits.Add(new CoverageUnit
                {
                    OrganisationId = countyOrg.Id,
                    Name = park.FullName,
                    Kind = CoverageUnitKind.Park,
                    RegionCode = county.Code,
                    AssociationId = park.HasAssociation ? byName[park.AssociationName].Id : null,
                });
            foreach (var unit in city.Enterprises.Concat(city.Universities).Where(u => u.CountyCode == county.Code))
                db.CoverageUnits.Add(new CoverageUnit
                {
                    OrganisationId = countyOrg.Id,
                    Name = unit.Name,
                    Kind = unit.Kind == DemoUnitKind.University ? CoverageUnitKind.University : CoverageUnitKind.Enterprise,
                    RegionCode = county.Code,
                    AssociationId = unit.HasAssociation ? byName[unit.AssociationName].Id : null,
                });
        }

        var townOrgs = city.Counties.SelectMany(c => c.Towns).Where(t => t.HasAssociation).ToDictionary(t => t.Code, t => byName[t.AssociationName]);
        foreach (var s in city.SanZhang.Where(s => townOrgs.ContainsKey(s.TownCode)))
            db.SanZhangPosts.Add(new SanZhangPost
            {
                OrganisationId = townOrgs[s.TownCode].Id,
                PersonName = s.PersonName,
                Kind = SanZhangKinds.FromZh(s.Kind) ?? SanZhangKind.SchoolHead,
                UnitName = s.UnitName,
                Post = s.Post,
                TermStart = new DateOnly(2024, 1, 1),
                IsActive = true,
            });
        await db.SaveChangesAsync(ct);

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        foreach (var a in DemoAccounts.All)
        {
            var user = new AppUser
            {
                UserName = a.UserName,
                DisplayName = a.DisplayName,
                OrganisationId = a.OrganisationName is null ? null : byName[a.OrganisationName].Id,
                Department = a.Department,
                Kind = a.Roles.All(r => r is RoleNames.Public) ? AccountKind.Public : AccountKind.Staff,
                CreatedAt = db.UtcNow,
                LockoutEnabled = true,
            };
            var created = await users.CreateAsync(user, a.Password);
            if (!created.Succeeded) throw new InvalidOperationException($"Demo account {a.UserName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            var roles = await users.AddToRolesAsync(user, a.Roles);
            if (!roles.Succeeded) throw new InvalidOperationException($"Demo roles {a.UserName}: {string.Join("; ", roles.Errors.Select(e => e.Description))}");
        }

        foreach (var seeder in sp.GetServices<IModuleSeeder>().OrderBy(s => s.Order))
            await seeder.SeedAsync(sp, db, ct);
    }
}
