namespace Kexie.Web.Platform.Demo;

/// <summary>
/// The fictional demo city 示范市 (Shifan City) and everything in its 科协 network.
/// Plain data: the app seeds its database from it, tests check it is consistent.
/// </summary>
/// <param name="Name">Chinese name of the city, e.g. 示范市.</param>
/// <param name="NameEn">English name.</param>
/// <param name="RegionCode">GB/T 2260-style 6-digit code of the city (619900).</param>
/// <param name="SeatCountyCode">County/district where the city organs sit (市科协, its direct units, the societies' offices).</param>
/// <param name="Counties">县(市、区) with their towns and streets.</param>
/// <param name="Parks">园区 (高新区, 经开区).</param>
/// <param name="CityDepartments">市科协机关各部室.</param>
/// <param name="DirectUnits">市科协直属事业单位.</param>
/// <param name="Societies">所属学会/协会/研究会.</param>
/// <param name="Enterprises">企业 (规上企业), some with a 企业科协.</param>
/// <param name="Universities">高校, some with a 高校科协.</param>
/// <param name="Institutes">科研院所, some with a 院所科协.</param>
/// <param name="PublicInstitutions">Hospitals, schools, agricultural stations and other public bodies that employ S&amp;T workers.</param>
/// <param name="RuralTechAssociations">农村专业技术协会 (农技协).</param>
/// <param name="MemberUnits">Member units of the city's 全民科学素质工作领导小组.</param>
/// <param name="SanZhang">三长 serving as part-time leaders of town 科协s.</param>
/// <param name="People">科技工作者; those with <see cref="DemoPerson.IsExpert"/> form the 专家库.</param>
public sealed record DemoCity(
    string Name,
    string NameEn,
    string RegionCode,
    string SeatCountyCode,
    IReadOnlyList<DemoCounty> Counties,
    IReadOnlyList<DemoPark> Parks,
    IReadOnlyList<DemoOrgUnit> CityDepartments,
    IReadOnlyList<DemoOrgUnit> DirectUnits,
    IReadOnlyList<DemoSociety> Societies,
    IReadOnlyList<DemoUnit> Enterprises,
    IReadOnlyList<DemoUnit> Universities,
    IReadOnlyList<DemoUnit> Institutes,
    IReadOnlyList<DemoUnit> PublicInstitutions,
    IReadOnlyList<DemoRuralTechAssociation> RuralTechAssociations,
    IReadOnlyList<DemoMemberUnit> MemberUnits,
    IReadOnlyList<DemoSanZhang> SanZhang,
    IReadOnlyList<DemoPerson> People)
{
    /// <summary>Name of the city association itself, e.g. 示范市科协.</summary>
    public string AssociationName => $"{Name}科协";

    /// <summary>Full name of the city association, e.g. 示范市科学技术协会.</summary>
    public string AssociationFullName => $"{Name}科学技术协会";

    /// <summary>All towns of all counties.</summary>
    public IEnumerable<DemoTown> AllTowns() => Counties.SelectMany(c => c.Towns);

    /// <summary>Enterprises, universities, institutes and public institutions together.</summary>
    public IEnumerable<DemoUnit> AllUnits() =>
        Enterprises.Concat(Universities).Concat(Institutes).Concat(PublicInstitutions);

    /// <summary>The county with this 6-digit code, or null.</summary>
    public DemoCounty? FindCounty(string code) => Counties.FirstOrDefault(c => c.Code == code);

    /// <summary>
    /// Every node of the 科协 network as the platform would hold it, parents before children: the city 科协,
    /// its departments (部室), direct units and the member units of the leadership group; county 科协s, park
    /// 科协s, town 科协s; enterprise, university and institute 科协s; societies with their branches; 农技协s.
    /// Only bodies that actually have an association are included (see the HasAssociation flags).
    /// </summary>
    public IReadOnlyList<DemoOrganisation> AllOrganisations()
    {
        var city = AssociationName;
        var list = new List<DemoOrganisation>
        {
            new(city, DemoOrganisationKind.CityAssociation, null, RegionCode, ShortName: AssociationName),
        };
        list.AddRange(CityDepartments.Select(d => new DemoOrganisation(d.Name, DemoOrganisationKind.CityDepartment, city, RegionCode)));
        list.AddRange(DirectUnits.Select(u => new DemoOrganisation(u.Name, DemoOrganisationKind.DirectUnit, city, RegionCode)));
        list.AddRange(MemberUnits.Where(m => m.FullName != AssociationFullName)
            .Select(m => new DemoOrganisation(m.FullName, DemoOrganisationKind.MemberUnit, city, RegionCode, ShortName: m.Name)));
        list.AddRange(Counties.Select(c => new DemoOrganisation(c.AssociationName, DemoOrganisationKind.CountyAssociation, city, c.Code)));
        list.AddRange(Parks.Where(p => p.HasAssociation)
            .Select(p => new DemoOrganisation(p.AssociationName, DemoOrganisationKind.ParkAssociation, city, p.CountyCode)));
        foreach (var county in Counties)
        {
            list.AddRange(county.Towns.Where(t => t.HasAssociation)
                .Select(t => new DemoOrganisation(t.AssociationName, DemoOrganisationKind.TownAssociation, county.AssociationName, t.Code)));
        }

        foreach (var unit in AllUnits().Where(u => u.HasAssociation))
        {
            list.Add(new DemoOrganisation(unit.AssociationName, KindOf(unit.Kind), ParentOf(unit), unit.CountyCode));
        }

        foreach (var society in Societies)
        {
            list.Add(new DemoOrganisation(society.Name, DemoOrganisationKind.Society, city, RegionCode,
                ShortName: society.ShortName, HasPartyOrganisation: society.HasPartyOrganisation, MemberCount: society.MemberCount));
            list.AddRange(society.Branches.Select(b =>
                new DemoOrganisation($"{society.Name}{b}", DemoOrganisationKind.SocietyBranch, society.Name, RegionCode, ShortName: b)));
        }

        list.AddRange(RuralTechAssociations.Select(r => new DemoOrganisation(
            r.Name, DemoOrganisationKind.RuralTechAssociation, CountyAssociation(r.CountyCode), r.CountyCode, MemberCount: r.MemberCount)));
        return list;
    }

    /// <summary>Names of <see cref="AllOrganisations"/>: the organisations a demo account may belong to.</summary>
    public IReadOnlyList<string> AllOrganisationNames() => AllOrganisations().Select(o => o.Name).ToList();

    /// <summary>
    /// Every body a demo person may name as employer: the city 科协 and its direct units, the county 科协s,
    /// all units, the societies, the 农技协s (for 乡土人才), the member units of the leadership group (by full name)
    /// and the town schools, clinics and stations the 三长 head.
    /// </summary>
    public IReadOnlySet<string> AllEmployerNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { AssociationName };
        names.UnionWith(DirectUnits.Select(u => u.Name));
        names.UnionWith(Counties.Select(c => c.AssociationName));
        names.UnionWith(AllUnits().Select(u => u.Name));
        names.UnionWith(Societies.Select(s => s.Name));
        names.UnionWith(RuralTechAssociations.Select(r => r.Name));
        names.UnionWith(MemberUnits.Select(m => m.FullName));
        names.UnionWith(SanZhang.Select(s => s.UnitName));
        return names;
    }

    private string CountyAssociation(string countyCode) =>
        FindCounty(countyCode)?.AssociationName ?? AssociationName;

    private string ParentOf(DemoUnit unit)
    {
        if (unit.ParkName is not null)
        {
            var park = Parks.FirstOrDefault(p => p.Name == unit.ParkName);
            if (park is { HasAssociation: true })
                return park.AssociationName;
        }

        return unit.Kind is DemoUnitKind.University or DemoUnitKind.Institute
            ? AssociationName
            : CountyAssociation(unit.CountyCode);
    }

    // Hospitals, schools and stations rarely have their own 科协; if one does, it is filed like an institute's.
    private static DemoOrganisationKind KindOf(DemoUnitKind kind) => kind switch
    {
        DemoUnitKind.Enterprise => DemoOrganisationKind.EnterpriseAssociation,
        DemoUnitKind.University => DemoOrganisationKind.UniversityAssociation,
        DemoUnitKind.Institute => DemoOrganisationKind.InstituteAssociation,
        DemoUnitKind.Hospital => DemoOrganisationKind.InstituteAssociation,
        DemoUnitKind.School => DemoOrganisationKind.InstituteAssociation,
        DemoUnitKind.AgriStation => DemoOrganisationKind.InstituteAssociation,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>A 县(市、区). <paramref name="Kind"/> is 区, 县 or 市 (county-level city).</summary>
public sealed record DemoCounty(string Code, string Name, string NameEn, string Kind, IReadOnlyList<DemoTown> Towns)
{
    /// <summary>Name of its 科协, e.g. 秦川区科协.</summary>
    public string AssociationName => $"{Name}科协";
}

/// <summary>A 镇, 乡 or 街道 with its 9-digit code; <paramref name="HasAssociation"/> tells whether it has a 科协 yet.</summary>
public sealed record DemoTown(string Code, string Name, bool IsStreet, bool HasAssociation)
{
    /// <summary>Name of its 科协, e.g. 石门镇科协 (exists only when <see cref="HasAssociation"/>).</summary>
    public string AssociationName => $"{Name}科协";

    /// <summary>The 6-digit code of the county it lies in.</summary>
    public string CountyCode => Code[..6];
}

/// <summary>A park (园区) sitting in the county <paramref name="CountyCode"/>; <paramref name="Name"/> is the usual short name (示范高新区).</summary>
public sealed record DemoPark(string Name, string CountyCode, bool HasAssociation, string FullName)
{
    /// <summary>Name of its 科协, e.g. 示范高新区科协.</summary>
    public string AssociationName => $"{Name}科协";
}

/// <summary>A department (部室) or direct unit (直属事业单位) of the city 科协.</summary>
public sealed record DemoOrgUnit(string Name, string NameEn);

/// <summary>An affiliated society (学会/协会/研究会).</summary>
/// <param name="Name">Full name, e.g. 示范市农学会.</param>
/// <param name="ShortName">Short name, e.g. 市农学会.</param>
/// <param name="DisciplineCode">GB/T 13745 first-level discipline code (see <see cref="DemoDictionaries.Disciplines"/>).</param>
/// <param name="HasPartyOrganisation">学会党组织 "两个覆盖": whether a Party organisation covers it.</param>
/// <param name="Branches">分支机构 (0–3).</param>
/// <param name="MemberCount">Individual members.</param>
public sealed record DemoSociety(
    string Name,
    string ShortName,
    string DisciplineCode,
    bool HasPartyOrganisation,
    IReadOnlyList<string> Branches,
    int MemberCount);

/// <summary>Kinds of <see cref="DemoUnit"/>.</summary>
public enum DemoUnitKind
{
    Enterprise,
    University,
    Institute,
    Hospital,
    School,
    AgriStation,
}

/// <summary>
/// A unit employing S&amp;T workers. <paramref name="HasAssociation"/> tells whether it has its own 科协
/// (named <see cref="AssociationName"/>); <paramref name="ParkName"/> is set for enterprises inside a park.
/// </summary>
public sealed record DemoUnit(string Name, string CountyCode, DemoUnitKind Kind, bool HasAssociation, string? ParkName = null)
{
    /// <summary>Name of its 科协, e.g. 示范航空装备有限公司科协 (exists only when <see cref="HasAssociation"/>).</summary>
    public string AssociationName => $"{Name}科协";
}

/// <summary>A 农村专业技术协会 (农技协) in a county.</summary>
public sealed record DemoRuralTechAssociation(string Name, string CountyCode, int MemberCount);

/// <summary>A member unit of the city's 全民科学素质工作领导小组, e.g. 市教育局 / 示范市教育局.</summary>
public sealed record DemoMemberUnit(string Name, string FullName);

/// <summary>
/// A 三长 (head of a school, hospital or agricultural station) serving as a part-time leader of a town 科协.
/// <paramref name="Kind"/> is 校长, 院长 or 站长; <paramref name="Post"/> e.g. 兼职副主席.
/// </summary>
public sealed record DemoSanZhang(string TownCode, string PersonName, string Kind, string UnitName, string Post);

/// <summary>
/// A 科技工作者. Title, Education and PoliticalStatus are dictionary names from <see cref="DemoDictionaries"/>;
/// DisciplineCode a GB/T 13745 first-level code; IndustrySection a GB/T 4754 section letter (A–T).
/// Phones are in the unassigned-for-demo range 170/171 0000 xxxx so that no real person is reached.
/// </summary>
public sealed record DemoPerson(
    string Name,
    string Gender,
    DateOnly BirthDate,
    string Employer,
    string EmployerCountyCode,
    string Title,
    string Education,
    string DisciplineCode,
    string IndustrySection,
    string PoliticalStatus,
    string Phone,
    IReadOnlyList<string> Keywords,
    string Bio,
    bool IsExpert,
    IReadOnlyList<string> Honours);

/// <summary>
/// Kinds of node in the 科协 network. The names match Kexie.Web.Platform.Organisations.OrganisationType one to
/// one, so a seeder can map with <c>Enum.Parse</c> while this folder stays free of app types.
/// </summary>
public enum DemoOrganisationKind
{
    CityAssociation,
    CityDepartment,
    DirectUnit,
    CountyAssociation,
    ParkAssociation,
    TownAssociation,
    EnterpriseAssociation,
    UniversityAssociation,
    InstituteAssociation,
    Society,
    SocietyBranch,
    RuralTechAssociation,
    MemberUnit,
}

/// <summary>
/// A node of the 科协 network; <paramref name="ParentName"/> is null only for the city 科协. RegionCode is the
/// GB/T 2260 code of the region it serves (the county for units and parks, the town for town 科协s).
/// </summary>
public sealed record DemoOrganisation(
    string Name,
    DemoOrganisationKind Kind,
    string? ParentName,
    string RegionCode,
    string? ShortName = null,
    bool? HasPartyOrganisation = null,
    int? MemberCount = null);

/// <summary>A dictionary entry (学科, 行业, 职称, 学历, 政治面貌).</summary>
public sealed record DemoDictionaryItem(string Code, string Name, string NameEn);

/// <summary>
/// A demo login. Roles are names from <see cref="DemoRoles"/>. OrganisationName is a name from
/// <see cref="DemoCity.AllOrganisationNames"/>, null only for the public user (public users belong to no
/// organisation); Department is the 部室 of city staff, e.g. 科学技术普及部.
/// </summary>
public sealed record DemoAccount(
    string UserName,
    string Password,
    string DisplayName,
    IReadOnlyList<string> Roles,
    string? OrganisationName,
    string? Department);
