using System.Text.RegularExpressions;
using Kexie.Web.Platform.Demo;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Demo;

public sealed partial class DemoCityDataTests
{
    private static readonly DemoCity City = DemoCityData.City;

    [GeneratedRegex("^6199[0-9]{2}$")]
    private static partial Regex CountyCodePattern();

    [GeneratedRegex("^[0-9]{9}$")]
    private static partial Regex TownCodePattern();

    [GeneratedRegex("^17[01]0000[0-9]{4}$")]
    private static partial Regex DemoPhonePattern();

    [GeneratedRegex("^[a-z][a-z0-9.]*$")]
    private static partial Regex UserNamePattern();

    [Fact]
    public void City_has_its_code_and_at_least_five_counties()
    {
        City.RegionCode.ShouldBe("619900");
        City.Name.ShouldBe("示范市");
        City.Counties.Count.ShouldBeGreaterThanOrEqualTo(5);
        City.FindCounty(City.SeatCountyCode).ShouldNotBeNull();
    }

    [Fact]
    public void County_codes_are_unique_six_digits_under_the_city_prefix()
    {
        foreach (var county in City.Counties)
        {
            CountyCodePattern().IsMatch(county.Code).ShouldBeTrue(county.Code);
            county.Code.ShouldNotBe(City.RegionCode);
            new[] { "区", "县", "市" }.ShouldContain(county.Kind);
            county.Name.ShouldEndWith(county.Kind);
            county.NameEn.ShouldNotBeNullOrWhiteSpace();
        }

        City.Counties.Select(c => c.Code).ShouldBeUnique();
        City.Counties.Select(c => c.Name).ShouldBeUnique();
    }

    [Fact]
    public void Towns_are_well_formed_and_belong_to_their_county()
    {
        foreach (var county in City.Counties)
        {
            county.Towns.Count.ShouldBeInRange(6, 12, county.Name);
            foreach (var town in county.Towns)
            {
                TownCodePattern().IsMatch(town.Code).ShouldBeTrue(town.Code);
                town.Code.ShouldStartWith(county.Code);
                town.CountyCode.ShouldBe(county.Code);
                town.IsStreet.ShouldBe(town.Name.EndsWith("街道", StringComparison.Ordinal), town.Name);
                (town.Name.EndsWith('镇') || town.Name.EndsWith('乡') || town.Name.EndsWith("街道", StringComparison.Ordinal))
                    .ShouldBeTrue(town.Name);
            }

            // Codes run 001, 002, … within the county.
            county.Towns.Select(t => int.Parse(t.Code[6..], System.Globalization.CultureInfo.InvariantCulture))
                .ShouldBe(Enumerable.Range(1, county.Towns.Count));
        }

        City.AllTowns().Select(t => t.Code).ShouldBeUnique();
        City.AllTowns().Select(t => t.Name).ShouldBeUnique();
    }

    [Fact]
    public void Town_association_coverage_is_about_eighty_percent()
    {
        var towns = City.AllTowns().ToList();
        var coverage = (double)towns.Count(t => t.HasAssociation) / towns.Count;
        coverage.ShouldBeInRange(0.7, 0.9);
        City.Counties.ShouldAllBe(c => c.Towns.Any(t => t.HasAssociation));
    }

    [Fact]
    public void Parks_sit_in_existing_counties()
    {
        City.Parks.Count.ShouldBe(2);
        City.Parks.ShouldAllBe(p => City.FindCounty(p.CountyCode) != null);
        City.Parks.Select(p => p.Name).ShouldBe(["示范高新区", "示范经开区"]);
    }

    [Fact]
    public void City_departments_and_direct_units_are_the_expected_ones()
    {
        City.CityDepartments.Select(d => d.Name)
            .ShouldBe(["办公室", "组织人事部", "学会学术部", "科学技术普及部", "科技服务部"]);
        City.CityDepartments.ShouldAllBe(d => !string.IsNullOrWhiteSpace(d.NameEn));
        City.DirectUnits.Select(d => d.Name).ShouldBe(["示范市科技馆", "示范市青少年科技中心"]);
    }

    [Fact]
    public void Societies_are_many_and_use_known_discipline_codes()
    {
        City.Societies.Count.ShouldBeGreaterThanOrEqualTo(24);
        City.Societies.Select(s => s.Name).ShouldBeUnique();
        City.Societies.Select(s => s.ShortName).ShouldBeUnique();
        var codes = DemoDictionaries.Disciplines.Select(d => d.Code).ToHashSet();
        foreach (var society in City.Societies)
        {
            society.Name.ShouldStartWith("示范市");
            codes.ShouldContain(society.DisciplineCode, society.Name);
            society.Branches.Count.ShouldBeInRange(0, 3);
            society.MemberCount.ShouldBeGreaterThan(0);
        }

        City.Societies.ShouldContain(s => s.HasPartyOrganisation);
        City.Societies.ShouldContain(s => !s.HasPartyOrganisation);
        City.Societies.Select(s => s.DisciplineCode).Distinct().Count().ShouldBeGreaterThanOrEqualTo(15);
    }

    [Fact]
    public void Units_have_the_requested_sizes_kinds_and_counties()
    {
        City.Enterprises.Count.ShouldBeGreaterThanOrEqualTo(20);
        City.Universities.Count.ShouldBeInRange(3, 4);
        City.Institutes.Count.ShouldBeInRange(3, 4);
        City.Enterprises.ShouldAllBe(u => u.Kind == DemoUnitKind.Enterprise);
        City.Universities.ShouldAllBe(u => u.Kind == DemoUnitKind.University);
        City.Institutes.ShouldAllBe(u => u.Kind == DemoUnitKind.Institute);
        City.AllUnits().Select(u => u.Name).ShouldBeUnique();
        City.AllUnits().ShouldAllBe(u => City.FindCounty(u.CountyCode) != null);

        var parks = City.Parks.ToDictionary(p => p.Name);
        foreach (var unit in City.AllUnits().Where(u => u.ParkName != null))
        {
            parks.ShouldContainKey(unit.ParkName!);
            parks[unit.ParkName!].CountyCode.ShouldBe(unit.CountyCode, unit.Name);
        }

        City.Enterprises.ShouldContain(u => u.ParkName != null);
        City.Enterprises.ShouldContain(u => u.ParkName == null);
        City.Enterprises.ShouldContain(u => !u.HasAssociation);
    }

    [Fact]
    public void Rural_tech_associations_and_member_units_are_present()
    {
        City.RuralTechAssociations.Count.ShouldBeGreaterThanOrEqualTo(6);
        City.RuralTechAssociations.ShouldAllBe(r => City.FindCounty(r.CountyCode) != null);
        City.RuralTechAssociations.ShouldAllBe(r => r.Name.StartsWith(City.FindCounty(r.CountyCode)!.Name));
        City.MemberUnits.Count.ShouldBeInRange(20, 35);
        City.MemberUnits.Select(m => m.Name).ShouldBeUnique();
        foreach (var expected in new[] { "市委宣传部", "市教育局", "市科技局", "市农业农村局", "市卫健委", "市科协" })
            City.MemberUnits.ShouldContain(m => m.Name == expected, expected);
    }

    [Fact]
    public void SanZhang_serve_towns_that_have_an_association()
    {
        var towns = City.AllTowns().ToDictionary(t => t.Code);
        foreach (var sz in City.SanZhang)
        {
            towns.ShouldContainKey(sz.TownCode);
            towns[sz.TownCode].HasAssociation.ShouldBeTrue(sz.TownCode);
            new[] { "校长", "院长", "站长" }.ShouldContain(sz.Kind);
            sz.Post.ShouldStartWith("兼职");
            sz.UnitName.ShouldNotBeNullOrWhiteSpace();
        }

        var perTown = City.SanZhang.GroupBy(s => s.TownCode).ToList();
        perTown.ShouldAllBe(g => g.Count() >= 1 && g.Count() <= 3);
        perTown.ShouldAllBe(g => g.Select(s => s.Kind).Distinct().Count() == g.Count());
        var withAssociation = towns.Values.Count(t => t.HasAssociation);
        perTown.Count.ShouldBeGreaterThan(withAssociation / 2, "most towns with a 科协 have 三长");
        City.SanZhang.Select(s => s.PersonName).ShouldBeUnique();
    }

    [Fact]
    public void People_are_many_and_about_sixty_percent_experts()
    {
        City.People.Count.ShouldBeGreaterThanOrEqualTo(200);
        var share = (double)City.People.Count(p => p.IsExpert) / City.People.Count;
        share.ShouldBeInRange(0.5, 0.7);
        City.People.Select(p => p.Name[0]).Distinct().Count().ShouldBeGreaterThan(40, "varied surnames");
        City.People.Select(p => p.Phone).ShouldBeUnique();
        City.People.Select(p => p.EmployerCountyCode).Distinct().Count().ShouldBe(City.Counties.Count);
    }

    [Fact]
    public void Every_person_has_a_known_employer_in_an_existing_county()
    {
        var employers = City.AllEmployerNames();
        // Where the employer has a known place, the person's county must be that place.
        var placed = City.AllUnits().Select(u => (u.Name, u.CountyCode))
            .Concat(City.RuralTechAssociations.Select(r => (r.Name, r.CountyCode)))
            .Concat(City.Counties.Select(c => (c.AssociationName, c.Code)))
            .ToDictionary(x => x.Item1, x => x.Item2);
        foreach (var person in City.People)
        {
            employers.ShouldContain(person.Employer, person.Name);
            City.FindCounty(person.EmployerCountyCode).ShouldNotBeNull(person.Name);
            if (placed.TryGetValue(person.Employer, out var countyCode))
                person.EmployerCountyCode.ShouldBe(countyCode, person.Name);
        }
    }

    [Fact]
    public void Every_person_uses_dictionary_values_and_a_demo_phone()
    {
        var titles = DemoDictionaries.Titles.Select(d => d.Name).ToHashSet();
        var educations = DemoDictionaries.Educations.Select(d => d.Name).ToHashSet();
        var disciplines = DemoDictionaries.Disciplines.Select(d => d.Code).ToHashSet();
        var industries = DemoDictionaries.Industries.Select(d => d.Code).ToHashSet();
        var statuses = DemoDictionaries.PoliticalStatuses.Select(d => d.Name).ToHashSet();
        foreach (var p in City.People)
        {
            new[] { "男", "女" }.ShouldContain(p.Gender, p.Name);
            p.Name.Length.ShouldBeInRange(2, 4);
            titles.ShouldContain(p.Title, p.Name);
            educations.ShouldContain(p.Education, p.Name);
            disciplines.ShouldContain(p.DisciplineCode, p.Name);
            industries.ShouldContain(p.IndustrySection, p.Name);
            statuses.ShouldContain(p.PoliticalStatus, p.Name);
            DemoPhonePattern().IsMatch(p.Phone).ShouldBeTrue(p.Phone);
            p.BirthDate.Year.ShouldBeInRange(1955, 2002, p.Name);
            p.Keywords.Count.ShouldBeInRange(1, 6, p.Name);
            p.Keywords.ShouldBeUnique(p.Name);
            p.Bio.ShouldNotBeNullOrWhiteSpace();
            p.Honours.ShouldBeUnique(p.Name);
        }
    }

    [Fact]
    public void People_contain_the_search_fixtures()
    {
        // Overlap: several people per popular field.
        foreach (var keyword in new[] { "育种", "电池", "茶", "中医" })
            City.People.Count(p => p.Keywords.Any(k => k.Contains(keyword, StringComparison.Ordinal))).ShouldBeGreaterThanOrEqualTo(4, keyword);

        // Two people share a name but not an employer.
        var namesakes = City.People.GroupBy(p => p.Name).Where(g => g.Count() > 1).ToList();
        namesakes.Count.ShouldBe(1);
        namesakes[0].Select(p => p.Employer).ShouldBeUnique();

        // A person whose name is also an expertise keyword of others.
        var keywords = City.People.SelectMany(p => p.Keywords).ToHashSet();
        City.People.ShouldContain(p => keywords.Contains(p.Name));
    }

    [Fact]
    public void Organisations_form_a_tree_with_unique_names()
    {
        var orgs = City.AllOrganisations();
        orgs.Select(o => o.Name).ShouldBeUnique();
        orgs.Count(o => o.ParentName == null).ShouldBe(1);
        orgs[0].Name.ShouldBe(City.AssociationName);

        var seen = new HashSet<string>();
        foreach (var org in orgs)
        {
            if (org.ParentName != null)
                seen.ShouldContain(org.ParentName, $"{org.Name} comes after its parent");
            seen.Add(org.Name);
            (org.RegionCode == City.RegionCode || City.FindCounty(org.RegionCode) != null
                || City.AllTowns().Any(t => t.Code == org.RegionCode)).ShouldBeTrue(org.Name);
        }

        var names = City.AllOrganisationNames();
        names.ShouldContain("秦川区科协");
        names.ShouldContain("示范高新区科协");
        names.ShouldContain("科学技术普及部");
        names.ShouldContain("示范市农学会水稻专业委员会");
        names.ShouldContain("示范市教育局");
        names.ShouldNotContain("示范经开区科协");
        City.AllTowns().Where(t => !t.HasAssociation).ShouldAllBe(t => !names.Contains(t.AssociationName));
        City.AllUnits().Where(u => !u.HasAssociation).ShouldAllBe(u => !names.Contains(u.AssociationName));

        var byKind = orgs.ToLookup(o => o.Kind);
        byKind[DemoOrganisationKind.CountyAssociation].Count().ShouldBe(City.Counties.Count);
        byKind[DemoOrganisationKind.TownAssociation].Count().ShouldBe(City.AllTowns().Count(t => t.HasAssociation));
        byKind[DemoOrganisationKind.Society].Count().ShouldBe(City.Societies.Count);
        byKind[DemoOrganisationKind.SocietyBranch].Count().ShouldBe(City.Societies.Sum(s => s.Branches.Count));
        byKind[DemoOrganisationKind.MemberUnit].Count().ShouldBe(City.MemberUnits.Count - 1, "the 科协 itself is not a second node");
        Enum.GetValues<DemoOrganisationKind>().ShouldAllBe(k => byKind[k].Any());
    }

    [Fact]
    public void Organisation_parents_are_of_an_allowed_kind()
    {
        // Mirrors OrganisationTypes.CanBeChildOf in the app.
        var orgs = City.AllOrganisations().ToDictionary(o => o.Name);
        foreach (var org in orgs.Values.Where(o => o.ParentName != null))
        {
            var parent = orgs[org.ParentName!].Kind;
            var allowed = org.Kind switch
            {
                DemoOrganisationKind.CityDepartment or DemoOrganisationKind.DirectUnit or DemoOrganisationKind.MemberUnit
                    or DemoOrganisationKind.CountyAssociation => parent == DemoOrganisationKind.CityAssociation,
                DemoOrganisationKind.ParkAssociation => parent is DemoOrganisationKind.CityAssociation or DemoOrganisationKind.CountyAssociation,
                DemoOrganisationKind.TownAssociation => parent is DemoOrganisationKind.CountyAssociation or DemoOrganisationKind.ParkAssociation,
                DemoOrganisationKind.EnterpriseAssociation or DemoOrganisationKind.UniversityAssociation or DemoOrganisationKind.InstituteAssociation
                    => parent is DemoOrganisationKind.CityAssociation or DemoOrganisationKind.CountyAssociation or DemoOrganisationKind.ParkAssociation,
                DemoOrganisationKind.Society => parent is DemoOrganisationKind.CityAssociation or DemoOrganisationKind.CountyAssociation,
                DemoOrganisationKind.SocietyBranch => parent is DemoOrganisationKind.Society or DemoOrganisationKind.SocietyBranch,
                DemoOrganisationKind.RuralTechAssociation => parent is DemoOrganisationKind.CountyAssociation
                    or DemoOrganisationKind.TownAssociation or DemoOrganisationKind.CityAssociation,
                DemoOrganisationKind.CityAssociation => false,
                _ => false,
            };
            allowed.ShouldBeTrue($"{org.Name} ({org.Kind}) under {org.ParentName} ({parent})");
        }
    }

    [Fact]
    public void Every_role_is_covered_by_an_account()
    {
        var covered = DemoAccounts.All.SelectMany(a => a.Roles).ToHashSet();
        DemoRoles.All.ShouldAllBe(r => covered.Contains(r));
        DemoRoles.All.Count.ShouldBe(7);
        DemoAccounts.All.SelectMany(a => a.Roles).ShouldAllBe(r => DemoRoles.All.Contains(r));
    }

    [Fact]
    public void Accounts_are_well_formed_and_belong_to_existing_organisations()
    {
        var organisations = City.AllOrganisationNames().ToHashSet();
        var departments = City.CityDepartments.Select(d => d.Name).ToHashSet();
        DemoAccounts.All.Select(a => a.UserName).ShouldBeUnique();
        foreach (var account in DemoAccounts.All)
        {
            UserNamePattern().IsMatch(account.UserName).ShouldBeTrue(account.UserName);
            if (account.Roles.SequenceEqual([DemoRoles.Public]))
                account.OrganisationName.ShouldBeNull("public users belong to no organisation");
            else
                organisations.ShouldContain(account.OrganisationName!, account.UserName);
            if (account.Department != null)
            {
                account.OrganisationName.ShouldBe(City.AssociationName);
                departments.ShouldContain(account.Department);
            }

            account.Roles.ShouldNotBeEmpty();
            account.DisplayName.ShouldNotBeNullOrWhiteSpace();
        }

        // Two county admins for two different counties.
        DemoAccounts.All.Where(a => a.Roles.Contains(DemoRoles.CountyAdmin))
            .Select(a => a.OrganisationName).Distinct().Count().ShouldBeGreaterThanOrEqualTo(2);
        DemoAccounts.All.Where(a => a.Roles.Contains(DemoRoles.CityStaff))
            .Select(a => a.Department).ShouldBe(["科学技术普及部", "学会学术部"], ignoreOrder: true);
    }

    [Fact]
    public void Passwords_are_strong_for_staff_and_long_enough_for_the_public()
    {
        foreach (var account in DemoAccounts.All)
        {
            var p = account.Password;
            p.Contains(account.UserName, StringComparison.OrdinalIgnoreCase).ShouldBeFalse("the app rejects passwords containing the user name");
            if (account.Roles.SequenceEqual([DemoRoles.Public]))
            {
                p.Length.ShouldBeGreaterThanOrEqualTo(8);
                continue;
            }

            p.Length.ShouldBeGreaterThanOrEqualTo(10, account.UserName);
            p.Any(char.IsUpper).ShouldBeTrue(account.UserName);
            p.Any(char.IsLower).ShouldBeTrue(account.UserName);
            p.Any(char.IsDigit).ShouldBeTrue(account.UserName);
            p.Any(c => !char.IsLetterOrDigit(c)).ShouldBeTrue(account.UserName);
        }
    }

    [Fact]
    public void The_expert_account_is_exactly_one_expert_person()
    {
        var expert = DemoAccounts.All.Single(a => a.Roles.Contains(DemoRoles.Expert));
        var person = City.People.Where(p => p.Name == expert.DisplayName).ShouldHaveSingleItem();
        person.IsExpert.ShouldBeTrue();
        expert.OrganisationName.ShouldBe($"{person.Employer}科协");
    }

    [Fact]
    public void Dictionaries_are_complete()
    {
        DemoDictionaries.Disciplines.Count.ShouldBe(62);
        DemoDictionaries.Disciplines.Select(d => d.Code).ShouldBeUnique();
        DemoDictionaries.Disciplines.ShouldAllBe(d => d.Code.Length == 3 && d.Code.All(char.IsDigit));
        DemoDictionaries.Disciplines.Select(d => d.Code).ShouldBe(DemoDictionaries.Disciplines.Select(d => d.Code).Order(StringComparer.Ordinal));
        DemoDictionaries.Disciplines.First(d => d.Code == "210").Name.ShouldBe("农学");
        DemoDictionaries.Disciplines.First(d => d.Code == "520").Name.ShouldBe("计算机科学技术");
        DemoDictionaries.Disciplines.First(d => d.Code == "910").Name.ShouldBe("统计学");

        DemoDictionaries.Industries.Count.ShouldBe(20);
        DemoDictionaries.Industries.Select(i => i.Code).ShouldBe(Enumerable.Range('A', 20).Select(c => ((char)c).ToString()));
        DemoDictionaries.Industries.First(i => i.Code == "M").Name.ShouldBe("科学研究和技术服务业");

        DemoDictionaries.Titles.Select(t => t.Name).ShouldBe(["正高级", "副高级", "中级", "初级", "其他"]);
        DemoDictionaries.Educations.Select(t => t.Name).ShouldBe(["博士研究生", "硕士研究生", "大学本科", "大学专科", "中专/高中", "其他"]);
        DemoDictionaries.PoliticalStatuses.Count.ShouldBe(13);
        foreach (var list in new[] { DemoDictionaries.Titles, DemoDictionaries.Educations, DemoDictionaries.PoliticalStatuses, DemoDictionaries.Industries })
        {
            list.Select(i => i.Code).ShouldBeUnique();
            list.Select(i => i.Name).ShouldBeUnique();
            list.ShouldAllBe(i => !string.IsNullOrWhiteSpace(i.NameEn));
        }
    }
}
