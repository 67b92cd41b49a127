using System.Diagnostics;
using Kexie.Web.Modules.WorkPlans.Parsing;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.WorkPlans;

public class RobustnessTests
{
    private static string[] CorpusLines() =>
        [.. Directory.GetFiles(CorpusTests.CorpusDirectory(), "*.txt").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines)];

    [Fact]
    public void Shuffled_corpus_lines_never_throw_and_nothing_is_lost()
    {
        var lines = CorpusLines();
        var state = 12345u;
        for (var doc = 0; doc < 200; doc++)
        {
            var count = 1 + (int)(Next(ref state) % 40);
            var picked = Enumerable.Range(0, count).Select(_ => lines[Next(ref state) % (uint)lines.Length]);
            var separator = doc % 3 == 0 ? "\r\n" : doc % 3 == 1 ? "\n\n" : "\n";
            var text = string.Join(separator, picked);

            var plan = WorkPlanParser.Parse(text);

            WorkPlanCoverage.FindUncovered(plan).ShouldBeEmpty($"document {doc}:\n{text}");
            foreach (var item in plan.Parts.SelectMany(p => p.Items))
            {
                item.Start.ShouldBeGreaterThanOrEqualTo(0);
                (item.Start + item.Length).ShouldBeLessThanOrEqualTo(text.Length);
                foreach (var q in item.Targets.Concat(item.Figures))
                {
                    (q.Start + q.Length).ShouldBeLessThanOrEqualTo(text.Length);
                }
            }
        }
    }

    [Fact]
    public void Every_prefix_of_a_document_parses()
    {
        var text = File.ReadAllText(Path.Combine(CorpusTests.CorpusDirectory(), "05-ankang-2023-review-and-2024-plan.txt"));
        for (var n = 0; n <= text.Length; n += 7)
        {
            var plan = WorkPlanParser.Parse(text[..n]);
            WorkPlanCoverage.FindUncovered(plan).ShouldBeEmpty($"prefix {n}");
        }
    }

    [Fact]
    public void A_long_document_parses_quickly()
    {
        var text = string.Join("\n", Enumerable.Repeat(string.Join("\n", CorpusLines()), 10));
        WorkPlanParser.Parse(text); // warm up
        var watch = Stopwatch.StartNew();
        var plan = WorkPlanParser.Parse(text);
        watch.Stop();

        WorkPlanCoverage.FindUncovered(plan).ShouldBeEmpty();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), $"{text.Length} characters");
    }

    private static uint Next(ref uint state)
    {
        state = (state * 1664525u) + 1013904223u;
        return state >> 8;
    }
}
