using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kexie.Web.Modules.Experts;
using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Modules.Kepu;
using Kexie.Web.Modules.Kepu.Domain;
using Kexie.Web.Modules.WorkPlans;
using Kexie.Web.Modules.WorkPlans.Domain;
using Kexie.Web.Modules.WorkPlans.Pages;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Localization;

/// <summary>Every UI text has its English (the Chinese text is the key; Resources/SharedResource.en.resx holds the English).</summary>
public sealed class ResourceTests
{
    /// <summary>Folders whose pages are fully translated: all of them, so a new module page needs its English too.</summary>
    private static readonly string[] Translated = ["Components", "Platform", "Modules"];

    private static readonly Lazy<HashSet<string>> English = new(() =>
        XDocument.Load(Path.Combine(Root(), "src", "Kexie.Web", "Resources", "SharedResource.en.resx")).Root!
            .Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet());

    [Fact]
    public void Every_literal_text_of_translated_pages_has_english()
    {
        var missing = Translated.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root(), "src", "Kexie.Web", folder), "*.razor", SearchOption.AllDirectories))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), "L\\[\"([^\"]+)\"\\]").Select(m => m.Groups[1].Value))
            .Where(k => !English.Value.Contains(k)).Distinct().ToList();
        missing.ShouldBeEmpty("add them with scripts/resx.py");
    }

    [Fact]
    public void Names_shown_through_the_localizer_have_english()
    {
        var names = Enum.GetValues<OrganisationType>().Select(t => t.Zh())
            .Concat(Enum.GetValues<DataScopeKind>().Select(s => s.Zh()))
            .Concat(Enum.GetValues<SanZhangKind>().Select(s => s.Zh()))
            .Concat(Enum.GetValues<CoverageUnitKind>().Select(s => s.Zh()))
            .Concat(PlatformPermissions.All.Select(p => p.DisplayName));
        names.Where(n => !English.Value.Contains(n)).ShouldBeEmpty();
    }

    [Fact]
    public void Module_names_shown_through_the_localizer_have_english()
    {
        var permissions = ExpertPermissions.All.Concat(KepuPermissions.All).Concat(WorkPlansPermissions.All).ToList();
        var names = permissions.Select(p => p.DisplayName).Concat(permissions.Select(p => p.Module))
            .Concat(Enum.GetValues<PersonStatus>().Select(s => s.Zh()))
            .Concat(Enum.GetValues<PoolStatus>().Select(s => s.Zh()))
            .Concat(Enum.GetValues<Availability>().Select(a => a.Zh()))
            .Concat(Enum.GetValues<PersonSource>().Select(s => s.Zh()))
            .Concat(Enum.GetValues<CampaignKind>().Select(k => k.Zh()))
            .Concat(Enum.GetValues<ActivityType>().Select(t => t.Zh()))
            .Concat(Enum.GetValues<AudienceGroup>().Select(a => a.Zh()))
            .Concat(Enum.GetValues<ActivityStatus>().Select(s => s.Zh()))
            .Concat(Enum.GetValues<RegistrationStatus>().Select(s => s.Zh()))
            .Concat(Enum.GetValues<VenueKind>().Select(k => k.Zh()))
            .Concat(Enum.GetValues<VenueLevel>().Select(l => l.Zh()))
            .Concat(Enum.GetValues<VenueStatus>().Select(s => s.Zh()))
            .Concat(Enum.GetValues<WorkTaskStatus>().Select(s => s.Zh()))
            .Concat(Enum.GetValues<ReportRhythm>().Select(r => r.Zh()))
            .Concat(Enum.GetValues<TaskGrade>().Select(g => g.Zh()))
            .Concat(Enum.GetValues<TrafficLight>().Select(l => l.Zh()))
            .Concat(Enum.GetValues<Kexie.Web.Modules.WorkPlans.Parsing.WorkPlanDocumentKind>().Select(WorkPlansPage.KindText))
            .Concat(Enum.GetValues<WorkPlanStatus>().Select(WorkPlansPage.StatusText));
        names.Where(n => !English.Value.Contains(n)).Distinct().ShouldBeEmpty();
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kexie.slnx"))) dir = dir.Parent;
        return dir!.FullName;
    }
}
