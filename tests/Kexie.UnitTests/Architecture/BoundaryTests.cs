using System.Reflection;
using System.Text.RegularExpressions;
using Kexie.Web.Platform.Data;
using NetArchTest.Rules;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Architecture;

/// <summary>Executable boundaries: modules meet only through Contracts; the data scope is bypassed only by Platform code.</summary>
public sealed class BoundaryTests
{
    private static readonly Assembly Web = typeof(AppDbContext).Assembly;

    private static List<string> Modules() =>
        Web.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith("Kexie.Web.Modules.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[3]).Distinct().ToList();

    [Fact]
    public void A_module_uses_another_module_only_through_its_contracts()
    {
        var modules = Modules();
        foreach (var module in modules)
        {
            foreach (var other in modules.Where(m => m != module))
            {
                var offending = Types.InAssembly(Web).That().ResideInNamespaceStartingWith($"Kexie.Web.Modules.{module}")
                    .Should().NotHaveDependencyOnAny(
                        $"Kexie.Web.Modules.{other}.Domain", $"Kexie.Web.Modules.{other}.Data", $"Kexie.Web.Modules.{other}.Features")
                    .GetResult();
                (offending.FailingTypeNames ?? []).ShouldBeEmpty($"{module} reaches into {other} beyond {other}.Contracts");
            }
        }
    }

    [Fact]
    public void Platform_does_not_depend_on_modules()
    {
        var result = Types.InAssembly(Web).That().ResideInNamespaceStartingWith("Kexie.Web.Platform")
            .Should().NotHaveDependencyOn("Kexie.Web.Modules").GetResult();
        (result.FailingTypeNames ?? []).ShouldBeEmpty();
    }

    [Fact]
    public void Every_org_owned_entity_is_scoped()
    {
        // An entity with an OrganisationId that does not implement IOrgScoped would escape the data-scope filter.
        var exempt = new HashSet<Type> { typeof(Kexie.Web.Platform.Identity.AppUser) };
        var leaks = Web.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(Entity).IsAssignableFrom(t) && !exempt.Contains(t))
            .Where(t => t.GetProperty("OrganisationId") is not null && !typeof(IOrgScoped).IsAssignableFrom(t))
            .Select(t => t.FullName).ToList();
        leaks.ShouldBeEmpty("entities with an OrganisationId must implement IOrgScoped (or be exempted here with a reason)");
    }

    [Fact]
    public void Only_platform_code_bypasses_the_data_scope()
    {
        var root = FindRepoRoot();
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src", "Kexie.Web", "Modules"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => Regex.IsMatch(File.ReadAllText(f), @"IgnoreQueryFilters\s*\("))
            .Select(f => Path.GetRelativePath(root, f)).ToList();
        offenders.ShouldBeEmpty("modules must not call IgnoreQueryFilters; use a Platform contract (e.g. OrganisationDirectory) instead");
    }

    [Fact]
    public void Time_comes_from_TimeProvider()
    {
        var root = FindRepoRoot();
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src", "Kexie.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains("Migrations", StringComparison.Ordinal))
            .Where(f => Regex.IsMatch(File.ReadAllText(f), @"DateTime(Offset)?\.(Utc)?Now\b|DateTime\.Today\b"))
            .Select(f => Path.GetRelativePath(root, f)).ToList();
        offenders.ShouldBeEmpty("use TimeProvider (or AppDbContext.UtcNow) so deadlines and windows are testable");
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kexie.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
