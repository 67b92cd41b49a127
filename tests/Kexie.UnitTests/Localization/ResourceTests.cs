using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Localization;

/// <summary>Every UI text has its English (the Chinese text is the key; Resources/SharedResource.en.resx holds the English).</summary>
public sealed class ResourceTests
{
    /// <summary>Folders whose pages are fully translated. A module joins the list once its texts are translated.</summary>
    private static readonly string[] Translated = ["Components", "Platform"];

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

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kexie.slnx"))) dir = dir.Parent;
        return dir!.FullName;
    }
}
