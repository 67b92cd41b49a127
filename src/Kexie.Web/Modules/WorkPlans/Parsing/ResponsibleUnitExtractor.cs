using System.Text.RegularExpressions;

namespace Kexie.Web.Modules.WorkPlans.Parsing;

/// <summary>Where a responsible-unit clause was found in a text, and what it names.</summary>
/// <param name="Start">Start of the clause, including an opening bracket.</param>
/// <param name="Length">Length of the clause, including a closing bracket.</param>
/// <param name="Responsible">Units from 责任单位/牵头单位/责任部门/主责单位/负责单位/承办单位.</param>
/// <param name="Supporting">Units from 配合单位/协办单位/参与单位/协同单位.</param>
public sealed record ResponsibleUnitClause(int Start, int Length, IReadOnlyList<string> Responsible, IReadOnlyList<string> Supporting);

/// <summary>Reads "（责任单位：市科协、市科技局）", "牵头单位：…；配合单位：…", "责任部门：…" clauses.</summary>
public static partial class ResponsibleUnitExtractor
{
    /// <summary>All responsible-unit clauses in <paramref name="text"/>.</summary>
    public static IReadOnlyList<ResponsibleUnitClause> FindClauses(string text)
    {
        var result = new List<ResponsibleUnitClause>();
        var searchFrom = 0;
        while (searchFrom < text.Length)
        {
            var m = LabelPattern().Match(text, searchFrom);
            if (!m.Success)
            {
                break;
            }

            var open = m.Groups["open"].Success ? m.Groups["open"].Index : m.Index;
            var bracketed = m.Groups["open"].Success;
            var end = FindClauseEnd(text, m.Index + m.Length, bracketed);
            var responsible = new List<string>();
            var supporting = new List<string>();

            // Split the clause into labelled segments: 牵头单位：A；配合单位：B、C
            var labels = LabelOnlyPattern().Matches(text[open..end]);
            for (var i = 0; i < labels.Count; i++)
            {
                var valueStart = labels[i].Index + labels[i].Length;
                var valueEnd = i + 1 < labels.Count ? labels[i + 1].Index : end - open;
                var value = text.Substring(open + valueStart, valueEnd - valueStart);
                var target = IsSupporting(labels[i].Groups["kind"].Value) ? supporting : responsible;
                target.AddRange(SplitUnits(value));
            }

            var closeEnd = end;
            if (bracketed && closeEnd < text.Length && text[closeEnd] is '）' or ')' or '】' or ']')
            {
                closeEnd++;
            }

            result.Add(new ResponsibleUnitClause(open, closeEnd - open, responsible, supporting));
            searchFrom = Math.Max(closeEnd, m.Index + m.Length);
        }

        return result;
    }

    /// <summary>Splits "市科协、市科技局，市教育局" into unit names, dropping notes such as "（牵头）".</summary>
    public static IReadOnlyList<string> SplitUnits(string value)
    {
        var units = new List<string>();
        foreach (var raw in value.Split(['、', '，', ',', '；', ';', '/', '／'], StringSplitOptions.RemoveEmptyEntries))
        {
            var unit = NotePattern().Replace(raw, string.Empty).Trim().Trim('。', '.', ' ', '：', ':');
            if (unit.EndsWith('等') && unit.Length > 2)
            {
                unit = unit[..^1];
            }

            if (unit.Length > 0 && !units.Contains(unit, StringComparer.Ordinal))
            {
                units.Add(unit);
            }
        }

        return units;
    }

    private static int FindClauseEnd(string text, int from, bool bracketed)
    {
        var depth = 0;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '（' or '(')
            {
                depth++;
            }
            else if (c is '）' or ')' or '】' or ']')
            {
                if (depth == 0)
                {
                    return i;
                }

                depth--;
            }
            else if (c is '\n' || (!bracketed && c is '。'))
            {
                return i;
            }
        }

        return text.Length;
    }

    private static bool IsSupporting(string kind) => kind is "配合" or "协办" or "参与" or "协同" or "协作";

    [GeneratedRegex(@"(?<open>[（(【\[]\s*)?(?:(?:责任|牵头|主责|负责|承办|配合|协办|参与|协同|协作)(?:单位|部门|处室|科室))\s*[：:】\]]\s*")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"(?<kind>责任|牵头|主责|负责|承办|配合|协办|参与|协同|协作)(?:单位|部门|处室|科室)\s*[：:】\]]\s*")]
    private static partial Regex LabelOnlyPattern();

    [GeneratedRegex(@"[（(](?:牵头|配合|协办|负责|主责|按职责分工负责|分别负责)[）)]")]
    private static partial Regex NotePattern();
}
