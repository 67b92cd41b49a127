using Kexie.Web.Modules.Experts.Data;
using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Demo;
using Kexie.Web.Platform.Privacy;
using Microsoft.EntityFrameworkCore;
using Dicts = Kexie.Web.Platform.Dictionaries.DictionaryCategories;

namespace Kexie.Web.Modules.Experts.Features;

/// <summary>
/// The 249 科技工作者 of 示范市 (<see cref="DemoPeopleData.All"/>), about 150 of them admitted to the 专家库, with fictional
/// checksum-valid ID numbers composed from their county code and birth date. 何秋实 is linked to the expert.heqiushi account.
/// </summary>
internal sealed class ExpertDemoSeeder(PersonPrivacy privacy) : DemoSeeder.IModuleSeeder
{
    public int Order => 200;

    public async Task SeedAsync(IServiceProvider services, AppDbContext db, CancellationToken ct)
    {
        var city = DemoCityData.City;
        var orgs = await db.Organisations.WithoutDataScope().Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var byName = orgs.GroupBy(o => o.Name).ToDictionary(g => g.Key, g => g.First().Id);
        var dict = await db.DictionaryItems.AsNoTracking().Select(d => new { d.Category, d.Code, d.Name }).ToListAsync(ct);
        string? Code(string category, string? name) => name is null ? null : dict.FirstOrDefault(d => d.Category == category && (d.Name == name || d.Code == name))?.Code ?? name;
        var expertUser = await db.Users.WithoutDataScope().Where(u => u.UserName == "expert.heqiushi").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var admitted = db.UtcNow.AddDays(-200);
        var index = 0;
        foreach (var d in DemoPeopleData.All)
        {
            index++;
            var orgId = byName.TryGetValue(d.Employer + "科协", out var own) ? own
                : byName.TryGetValue(d.Employer, out var same) ? same
                : city.FindCounty(d.EmployerCountyCode) is { } county && byName.TryGetValue(county.AssociationName, out var c) ? c
                : byName[city.AssociationName];
            var male = d.Gender == "男";
            var id = ChineseIdNumber.Compose(d.EmployerCountyCode, d.BirthDate, ((index % 500) * 2) + (male ? 1 : 0));
            var p = new Person
            {
                OrganisationId = orgId,
                OwnerUserId = d.Name == "何秋实" && index == 1 ? expertUser : null,
                Name = d.Name,
                Gender = d.Gender,
                BirthYear = d.BirthDate.Year,
                Employer = d.Employer,
                Title = Code(Dicts.Title, d.Title),
                Education = Code(Dicts.Education, d.Education),
                DisciplineCode = d.DisciplineCode,
                IndustryCode = d.IndustrySection,
                RegionCode = d.EmployerCountyCode,
                PoliticalStatus = Code(Dicts.PoliticalStatus, d.PoliticalStatus),
                Honours = d.Honours.Count > 0 ? string.Join('、', d.Honours) : null,
                Keywords = d.Keywords.Count > 0 ? string.Join('、', d.Keywords) : null,
                Bio = d.Bio,
                Source = PersonSource.Registered,
                Status = PersonStatus.Confirmed,
                PoolStatus = d.IsExpert ? PoolStatus.Admitted : PoolStatus.None,
                ExpertiseCodes = d.IsExpert ? d.DisciplineCode : null,
                AdmittedAt = d.IsExpert ? admitted : null,
                Availability = index % 17 == 0 ? Availability.Busy : Availability.Available,
            };
            privacy.SetIdNumber(p, id);
            privacy.SetPhone(p, ChinesePhone.Validate(d.Phone).Normalized ?? d.Phone);
            p.RefreshSearchTokens();
            db.People().Add(p);
        }
        await db.SaveChangesAsync(ct);
    }
}
