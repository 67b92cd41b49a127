using System.Globalization;
using System.Text.Json;

namespace Kexie.Web.Modules.WorkPlans.Parsing;

/// <summary>Scores of the parser on one corpus document against its hand-checked expected file.</summary>
/// <param name="Name">The document's file name without extension.</param>
/// <param name="Origin">"sample" (real documents, seen while developing), "written" (written for the corpus), or "heldout" (written after the parser was frozen).</param>
/// <param name="ExpectedItems">Items in the expected file.</param>
/// <param name="ActualItems">Items the parser produced.</param>
/// <param name="MatchedItems">Items matched on part number and (normalised) title.</param>
/// <param name="ExpectedTargets">Targets in the expected file.</param>
/// <param name="ActualTargets">Targets the parser produced.</param>
/// <param name="MatchedTargets">Targets matched on part, value, upper value and unit, with a fuzzy subject.</param>
/// <param name="TargetBoundsCorrect">Matched targets whose bound kind is also right.</param>
/// <param name="ExpectedFigures">Review figures in the expected file.</param>
/// <param name="ActualFigures">Review figures the parser produced.</param>
/// <param name="MatchedFigures">Review figures matched like targets.</param>
/// <param name="ExpectedUnitLists">Items whose responsible units the expected file states.</param>
/// <param name="CorrectUnitLists">Of those, items whose responsible (and supporting) units match exactly.</param>
/// <param name="TitleCorrect">Document title, year, organisation and kind all right.</param>
/// <param name="FurnitureCorrect">The furniture kinds found are exactly the expected ones.</param>
/// <param name="Unplaced">Fragments left unplaced.</param>
/// <param name="ExpectedUnplaced">Fragments the expected file says cannot be placed (a cover letter, an issuer line).</param>
/// <param name="Uncovered">Fragments of the input covered by nothing (must be 0).</param>
/// <param name="Misses">Human-readable notes on every miss and every spurious result.</param>
public sealed record CorpusDocumentScore(
    string Name,
    string Origin,
    int ExpectedItems,
    int ActualItems,
    int MatchedItems,
    int ExpectedTargets,
    int ActualTargets,
    int MatchedTargets,
    int TargetBoundsCorrect,
    int ExpectedFigures,
    int ActualFigures,
    int MatchedFigures,
    int ExpectedUnitLists,
    int CorrectUnitLists,
    bool TitleCorrect,
    bool FurnitureCorrect,
    int Unplaced,
    int ExpectedUnplaced,
    int Uncovered,
    IReadOnlyList<string> Misses);

/// <summary>Totals over a set of corpus documents.</summary>
public sealed record CorpusTotals(
    int Documents,
    double ItemPrecision,
    double ItemRecall,
    double TargetPrecision,
    double TargetRecall,
    double TargetBoundAccuracy,
    double FigurePrecision,
    double FigureRecall,
    int ExpectedItems,
    int ExpectedTargets,
    int ExpectedFigures);

/// <summary>The result of <see cref="CorpusEvaluation.Run"/>.</summary>
public sealed record CorpusEvaluationResult(IReadOnlyList<CorpusDocumentScore> Documents)
{
    /// <summary>Totals over every document.</summary>
    public CorpusTotals Total => CorpusEvaluation.Totals(Documents);

    /// <summary>Totals over the documents of one origin ("sample", "written", "heldout").</summary>
    public CorpusTotals TotalFor(string origin) => CorpusEvaluation.Totals([.. Documents.Where(d => d.Origin == origin)]);
}

/// <summary>
/// Runs the parser over a corpus folder of <c>name.txt</c> + <c>name.json</c> pairs and scores it.
/// Items match on part number and normalised title (letters and digits only; a bigram Dice of at least 0.85
/// also counts); targets and figures match on part, value, upper value and unit, with a subject that contains
/// or is contained in the expected one, or has a bigram Dice of at least 0.5.
/// </summary>
public static class CorpusEvaluation
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Scores every document of <paramref name="corpusDir"/>, in file-name order.</summary>
    public static CorpusEvaluationResult Run(string corpusDir)
    {
        var scores = new List<CorpusDocumentScore>();
        foreach (var expectedPath in Directory.GetFiles(corpusDir, "*.json").Order(StringComparer.Ordinal))
        {
            var textPath = Path.ChangeExtension(expectedPath, ".txt");
            if (!File.Exists(textPath))
            {
                continue;
            }

            var expected = JsonSerializer.Deserialize<ExpectedDocument>(File.ReadAllText(expectedPath), JsonOptions)
                ?? throw new InvalidDataException($"{expectedPath} is empty");
            var actual = WorkPlanParser.Parse(File.ReadAllText(textPath));
            scores.Add(Score(Path.GetFileNameWithoutExtension(textPath), expected, actual));
        }

        return new CorpusEvaluationResult(scores);
    }

    /// <summary>Scores one parsed document against its expectation.</summary>
    internal static CorpusDocumentScore Score(string name, ExpectedDocument expected, ParsedWorkPlan actual)
    {
        var misses = new List<string>();

        // Items.
        var expectedItems = expected.Parts.SelectMany(p => p.Items.Select(i => (Part: p.Number, Item: i))).ToList();
        var actualItems = actual.Parts.SelectMany(p => p.Items.Select(i => (Part: p.Number ?? p.Index, Item: i))).ToList();
        var usedItems = new bool[actualItems.Count];
        var matchedItems = 0;
        var expectedUnitLists = 0;
        var correctUnitLists = 0;
        foreach (var (part, item) in expectedItems)
        {
            var k = FindItem(actualItems, usedItems, part, item.Title);
            if (k < 0)
            {
                misses.Add($"item missed: part {part} {item.Path} {item.Label} 「{item.Title}」");
            }
            else
            {
                usedItems[k] = true;
                matchedItems++;
            }

            if (item.ResponsibleUnits is not null)
            {
                expectedUnitLists++;
                var got = k >= 0 ? actualItems[k].Item : null;
                if (got is not null && got.ResponsibleUnits.SequenceEqual(item.ResponsibleUnits)
                    && got.SupportingUnits.SequenceEqual(item.SupportingUnits ?? []))
                {
                    correctUnitLists++;
                }
                else
                {
                    misses.Add($"units wrong: {item.Path} expected [{string.Join('、', item.ResponsibleUnits)}] got [{string.Join('、', got?.ResponsibleUnits ?? [])}]");
                }
            }
        }

        for (var k = 0; k < actualItems.Count; k++)
        {
            if (!usedItems[k])
            {
                misses.Add($"item spurious: part {actualItems[k].Part} {actualItems[k].Item.Path} 「{actualItems[k].Item.Title}」");
            }
        }

        // Targets and figures.
        var actualTargets = actual.Parts.SelectMany(p => p.Items.SelectMany(i => i.Targets.Select(t => (Part: p.Number ?? p.Index, Q: t)))).ToList();
        var actualFigures = actual.Parts.SelectMany(p => p.Items.SelectMany(i => i.Figures.Select(t => (Part: p.Number ?? p.Index, Q: t)))).ToList();
        var (matchedTargets, boundsCorrect) = MatchQuantities("target", expected.Targets, actualTargets, misses);
        var (matchedFigures, _) = MatchQuantities("figure", expected.Figures, actualFigures, misses);

        var titleCorrect = Normalise(actual.Title) == Normalise(expected.Title)
            && actual.Year == expected.Year
            && actual.Organisation == expected.Organisation
            && actual.Kind.ToString() == expected.Kind
            && (expected.ConvertedFromTraditional is null || expected.ConvertedFromTraditional == actual.ConvertedFromTraditional);
        if (!titleCorrect)
        {
            misses.Add($"document: got 「{actual.Title}」 {actual.Year} {actual.Organisation} {actual.Kind} traditional={actual.ConvertedFromTraditional}");
        }

        for (var p = 0; p < Math.Min(expected.Parts.Count, actual.Parts.Count); p++)
        {
            if (Normalise(expected.Parts[p].Title) != Normalise(actual.Parts[p].Title) || expected.Parts[p].Kind != actual.Parts[p].Kind.ToString())
            {
                titleCorrect = false;
                misses.Add($"part {p + 1}: got 「{actual.Parts[p].Title}」 {actual.Parts[p].Kind}");
            }
        }

        if (expected.Parts.Count != actual.Parts.Count)
        {
            titleCorrect = false;
            misses.Add($"parts: expected {expected.Parts.Count}, got {actual.Parts.Count}");
        }

        var furnitureCorrect = expected.Furniture is null
            || expected.Furniture.Order(StringComparer.Ordinal).SequenceEqual(actual.Furniture.Select(f => f.Kind.ToString()).Order(StringComparer.Ordinal));
        if (!furnitureCorrect)
        {
            misses.Add($"furniture: got {string.Join(", ", actual.Furniture.Select(f => $"{f.Kind}「{f.Text}」"))}");
        }

        foreach (var u in actual.Unplaced)
        {
            misses.Add($"unplaced: 「{u.Text}」");
        }

        var uncovered = WorkPlanCoverage.FindUncovered(actual).Count;
        return new CorpusDocumentScore(
            name, expected.Origin ?? "written",
            expectedItems.Count, actualItems.Count, matchedItems,
            expected.Targets.Count, actualTargets.Count, matchedTargets, boundsCorrect,
            expected.Figures.Count, actualFigures.Count, matchedFigures,
            expectedUnitLists, correctUnitLists,
            titleCorrect, furnitureCorrect, actual.Unplaced.Count, expected.Unplaced, uncovered, misses);
    }

    internal static CorpusTotals Totals(IReadOnlyList<CorpusDocumentScore> docs)
    {
        static double Ratio(int a, int b) => b == 0 ? 1.0 : (double)a / b;
        return new CorpusTotals(
            docs.Count,
            Ratio(docs.Sum(d => d.MatchedItems), docs.Sum(d => d.ActualItems)),
            Ratio(docs.Sum(d => d.MatchedItems), docs.Sum(d => d.ExpectedItems)),
            Ratio(docs.Sum(d => d.MatchedTargets), docs.Sum(d => d.ActualTargets)),
            Ratio(docs.Sum(d => d.MatchedTargets), docs.Sum(d => d.ExpectedTargets)),
            Ratio(docs.Sum(d => d.TargetBoundsCorrect), docs.Sum(d => d.MatchedTargets)),
            Ratio(docs.Sum(d => d.MatchedFigures), docs.Sum(d => d.ActualFigures)),
            Ratio(docs.Sum(d => d.MatchedFigures), docs.Sum(d => d.ExpectedFigures)),
            docs.Sum(d => d.ExpectedItems),
            docs.Sum(d => d.ExpectedTargets),
            docs.Sum(d => d.ExpectedFigures));
    }

    /// <summary>Letters and digits only, so that punctuation and spacing differences do not count.</summary>
    public static string Normalise(string? text) =>
        string.Concat((text ?? string.Empty).Where(char.IsLetterOrDigit));

    /// <summary>True when two subjects name the same thing: one contains the other, or their bigram Dice is at least 0.5.</summary>
    public static bool SubjectsMatch(string expected, string actual)
    {
        var e = Normalise(expected);
        var a = Normalise(actual);
        if (e.Length == 0 || a.Length == 0)
        {
            return e.Length == a.Length;
        }

        return (Math.Min(e.Length, a.Length) >= 2 && (e.Contains(a, StringComparison.Ordinal) || a.Contains(e, StringComparison.Ordinal)))
            || e == a
            || Dice(e, a) >= 0.5;
    }

    private static int FindItem(List<(int Part, WorkPlanItem Item)> actual, bool[] used, int part, string title)
    {
        var want = Normalise(title);
        var fuzzy = -1;
        for (var k = 0; k < actual.Count; k++)
        {
            if (used[k] || actual[k].Part != part)
            {
                continue;
            }

            var got = Normalise(actual[k].Item.Title);
            if (got == want)
            {
                return k;
            }

            if (fuzzy < 0 && want.Length > 0 && got.Length > 0 && Dice(want, got) >= 0.85)
            {
                fuzzy = k;
            }
        }

        return fuzzy;
    }

    private static (int Matched, int BoundsCorrect) MatchQuantities(
        string what, IReadOnlyList<ExpectedQuantity> expected, List<(int Part, ExtractedQuantity Q)> actual, List<string> misses)
    {
        var used = new bool[actual.Count];
        var matched = 0;
        var bounds = 0;
        foreach (var e in expected)
        {
            var k = -1;
            for (var i = 0; i < actual.Count && k < 0; i++)
            {
                var a = actual[i];
                if (!used[i] && a.Part == e.Part && a.Q.Value == e.Value && a.Q.UpperValue == e.Upper && a.Q.Unit == e.Unit && SubjectsMatch(e.Subject, a.Q.Subject))
                {
                    k = i;
                }
            }

            if (k < 0)
            {
                misses.Add($"{what} missed: part {e.Part} {e.Value.ToString(CultureInfo.InvariantCulture)}{(e.Upper is null ? string.Empty : "-" + e.Upper.Value.ToString(CultureInfo.InvariantCulture))} {e.Unit} 「{e.Subject}」");
                continue;
            }

            used[k] = true;
            matched++;
            if (actual[k].Q.Bound.ToString() == e.Bound)
            {
                bounds++;
            }
            else
            {
                misses.Add($"{what} bound: 「{e.Subject}」 expected {e.Bound}, got {actual[k].Q.Bound}");
            }
        }

        for (var i = 0; i < actual.Count; i++)
        {
            if (!used[i])
            {
                var q = actual[i].Q;
                misses.Add($"{what} spurious: part {actual[i].Part} {q.Value.ToString(CultureInfo.InvariantCulture)} {q.Unit} 「{q.Subject}」 in 「{q.Sentence}」");
            }
        }

        return (matched, bounds);
    }

    private static double Dice(string a, string b)
    {
        if (a.Length < 2 || b.Length < 2)
        {
            return a == b ? 1 : 0;
        }

        var bigrams = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < a.Length - 1; i++)
        {
            var g = a.Substring(i, 2);
            bigrams[g] = bigrams.GetValueOrDefault(g) + 1;
        }

        var common = 0;
        for (var i = 0; i < b.Length - 1; i++)
        {
            var g = b.Substring(i, 2);
            if (bigrams.TryGetValue(g, out var n) && n > 0)
            {
                bigrams[g] = n - 1;
                common++;
            }
        }

        return 2.0 * common / (a.Length - 1 + b.Length - 1);
    }

    /// <summary>The shape of a corpus expectation file.</summary>
    internal sealed class ExpectedDocument
    {
        public string? Origin { get; set; }

        public string Title { get; set; } = string.Empty;

        public int? Year { get; set; }

        public string? Organisation { get; set; }

        public string Kind { get; set; } = string.Empty;

        public bool? ConvertedFromTraditional { get; set; }

        public List<ExpectedPart> Parts { get; set; } = [];

        public List<ExpectedQuantity> Targets { get; set; } = [];

        public List<ExpectedQuantity> Figures { get; set; } = [];

        public List<string>? Furniture { get; set; }

        public int Unplaced { get; set; }
    }

    internal sealed class ExpectedPart
    {
        public int Number { get; set; }

        public string Title { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public List<ExpectedItem> Items { get; set; } = [];
    }

    internal sealed class ExpectedItem
    {
        public string Path { get; set; } = string.Empty;

        public string? Label { get; set; }

        public string Title { get; set; } = string.Empty;

        public List<string>? ResponsibleUnits { get; set; }

        public List<string>? SupportingUnits { get; set; }
    }

    internal sealed class ExpectedQuantity
    {
        public int Part { get; set; }

        public decimal Value { get; set; }

        public decimal? Upper { get; set; }

        public string Unit { get; set; } = string.Empty;

        public string Subject { get; set; } = string.Empty;

        public string Bound { get; set; } = string.Empty;
    }
}
