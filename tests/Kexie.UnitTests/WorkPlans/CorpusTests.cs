using Kexie.Web.Modules.WorkPlans.Parsing;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.WorkPlans;

public class CorpusTests(ITestOutputHelper output)
{
    /// <summary>The corpus folder: copied next to the test assembly, or found by walking up to the repository.</summary>
    internal static string CorpusDirectory()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "WorkPlans", "Corpus");
        if (Directory.Exists(local))
        {
            return local;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Kexie.UnitTests", "WorkPlans", "Corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("WorkPlans/Corpus not found next to the tests or above them");
    }

    public static TheoryData<string> Documents() =>
        [.. Directory.GetFiles(CorpusDirectory(), "*.txt").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void Corpus_meets_the_quality_bar()
    {
        var result = CorpusEvaluation.Run(CorpusDirectory());
        foreach (var d in result.Documents)
        {
            output.WriteLine($"{d.Name} [{d.Origin}] items {d.MatchedItems}/{d.ExpectedItems} (got {d.ActualItems}), targets {d.MatchedTargets}/{d.ExpectedTargets} (got {d.ActualTargets}), figures {d.MatchedFigures}/{d.ExpectedFigures} (got {d.ActualFigures})");
            foreach (var miss in d.Misses)
            {
                output.WriteLine("    " + miss);
            }
        }

        var total = result.Total;
        output.WriteLine($"TOTAL items P={total.ItemPrecision:F3} R={total.ItemRecall:F3} targets P={total.TargetPrecision:F3} R={total.TargetRecall:F3} bounds={total.TargetBoundAccuracy:F3} figures P={total.FigurePrecision:F3} R={total.FigureRecall:F3}");

        result.Documents.Count.ShouldBeGreaterThanOrEqualTo(6);
        result.Documents.Count(d => d.Origin == "sample").ShouldBe(2);
        total.ItemRecall.ShouldBeGreaterThanOrEqualTo(0.95);
        total.TargetPrecision.ShouldBeGreaterThanOrEqualTo(0.9);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_document_loses_nothing_and_matches_its_header(string name)
    {
        var dir = CorpusDirectory();
        var plan = WorkPlanParser.Parse(File.ReadAllText(Path.Combine(dir, name + ".txt")));

        WorkPlanCoverage.FindUncovered(plan).ShouldBeEmpty();

        var score = CorpusEvaluation.Run(dir).Documents.Single(d => d.Name == name);
        score.Unplaced.ShouldBe(score.ExpectedUnplaced, string.Join("\n", score.Misses));
        score.TitleCorrect.ShouldBeTrue(string.Join("\n", score.Misses));
        score.FurnitureCorrect.ShouldBeTrue(string.Join("\n", score.Misses));
        score.CorrectUnitLists.ShouldBe(score.ExpectedUnitLists, string.Join("\n", score.Misses));
    }

    [Fact]
    public void Review_documents_carry_no_targets()
    {
        foreach (var file in Directory.GetFiles(CorpusDirectory(), "*.txt"))
        {
            var plan = WorkPlanParser.Parse(File.ReadAllText(file));
            plan.Parts.Where(p => p.Kind == WorkPlanPartKind.Review).SelectMany(p => p.Items).ShouldAllBe(i => i.Targets.Count == 0);
            plan.Parts.Where(p => p.Kind == WorkPlanPartKind.Plan).SelectMany(p => p.Items).ShouldAllBe(i => i.Figures.Count == 0);
        }
    }
}
