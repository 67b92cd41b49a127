namespace Kexie.Web.Modules.WorkPlans.Parsing;

/// <summary>Checks that nothing of the input was lost: every non-whitespace character lies in some placed range.</summary>
public static class WorkPlanCoverage
{
    /// <summary>
    /// The ranges of the original text (whitespace excluded, one fragment per run within a line) that no part of the
    /// result covers: title, preamble, part headings, items, furniture and the unplaced list. Empty when nothing is lost.
    /// </summary>
    public static IReadOnlyList<TextFragment> FindUncovered(ParsedWorkPlan plan)
    {
        var text = plan.OriginalText;
        var covered = new bool[text.Length];

        void Cover(int start, int length)
        {
            for (var i = Math.Max(0, start); i < Math.Min(text.Length, start + length); i++)
            {
                covered[i] = true;
            }
        }

        if (plan.TitleStart >= 0)
        {
            Cover(plan.TitleStart, plan.TitleLength);
        }

        foreach (var p in plan.PreambleParagraphs)
        {
            Cover(p.Start, p.Length);
        }

        foreach (var part in plan.Parts)
        {
            Cover(part.Start, part.Length);
            foreach (var item in part.Items)
            {
                Cover(item.Start, item.Length);
            }
        }

        foreach (var f in plan.Furniture)
        {
            Cover(f.Start, f.Length);
        }

        foreach (var u in plan.Unplaced)
        {
            Cover(u.Start, u.Length);
        }

        var result = new List<TextFragment>();
        var i = 0;
        while (i < text.Length)
        {
            if (covered[i] || IsBlank(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var lastNonBlank = i;
            while (i < text.Length && !covered[i] && text[i] != '\n')
            {
                if (!IsBlank(text[i]))
                {
                    lastNonBlank = i;
                }

                i++;
            }

            result.Add(new TextFragment(text[start..(lastNonBlank + 1)], start, lastNonBlank + 1 - start));
        }

        return result;
    }

    /// <summary>True when <see cref="FindUncovered"/> finds nothing.</summary>
    public static bool CoversEverything(ParsedWorkPlan plan) => FindUncovered(plan).Count == 0;

    private static bool IsBlank(char c) => char.IsWhiteSpace(c) || c is '\u3000' or '\u200B' or '\uFEFF';
}
