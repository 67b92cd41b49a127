using System.Text.RegularExpressions;

namespace Kexie.Web.Modules.WorkPlans.Parsing;

/// <summary>
/// Numbering styles in the order of GB/T 9704 (official documents): 一、 above （一） above 1. above （1）.
/// The enum order is the nesting rank; a document's highest style present becomes its parts.
/// </summary>
public enum NumberingStyle
{
    /// <summary>第一部分.</summary>
    Section,
    /// <summary>一、 一． 一.</summary>
    ChineseComma,
    /// <summary>（一） (一).</summary>
    ChineseParen,
    /// <summary>1. 1、 1．</summary>
    Arabic,
    /// <summary>（1） (1) 1）.</summary>
    ArabicParen,
    /// <summary>① ②.</summary>
    Circled,
    /// <summary>一是…二是… inside a paragraph.</summary>
    Enumeration,
}

/// <summary>A numbering label at the start of a paragraph or inside one.</summary>
/// <param name="Style">Which style it is.</param>
/// <param name="Number">Its value (（三） is 3).</param>
/// <param name="Label">The label as written, trimmed ("1.", "（一）", "一是").</param>
/// <param name="Start">Where the label starts in the text it was found in.</param>
/// <param name="Length">Characters taken by the label and the spaces after it.</param>
public sealed record NumberingMarker(NumberingStyle Style, int Number, string Label, int Start, int Length);

/// <summary>Recognises numbering labels.</summary>
public static partial class NumberingRecogniser
{
    /// <summary>The numbering label at <paramref name="start"/>, or null when the text there is not numbered.</summary>
    public static NumberingMarker? MatchAt(string text, int start = 0)
    {
        foreach (var (style, regex) in LeadingPatterns)
        {
            var m = regex.Match(text, start);
            if (!m.Success || m.Index != start)
            {
                continue;
            }

            var numberText = m.Groups["n"].Value;
            int? number = style == NumberingStyle.Circled
                ? numberText[0] - '①' + 1
                : ChineseNumerals.ParseLabelNumber(numberText);
            if (number is null or < 1)
            {
                continue;
            }

            return new NumberingMarker(style, number.Value, m.Groups["label"].Value.Trim(), start, m.Length);
        }

        return null;
    }

    /// <summary>
    /// Finds a "一是…；二是…；三是…" enumeration: markers that follow a sentence or clause break and run
    /// 一, 二, 三… in order. Returns an empty list unless at least 一是 and 二是 are present.
    /// </summary>
    public static IReadOnlyList<NumberingMarker> FindEnumeration(string text)
    {
        var result = new List<NumberingMarker>();
        var expected = 1;
        foreach (Match m in EnumerationPattern().Matches(text))
        {
            var number = ChineseNumerals.ParseLabelNumber(m.Groups["n"].Value);
            if (number != expected)
            {
                continue;
            }

            var length = m.Length;
            result.Add(new NumberingMarker(NumberingStyle.Enumeration, expected, m.Groups["label"].Value, m.Groups["label"].Index, m.Index + length - m.Groups["label"].Index));
            expected++;
        }

        return result.Count >= 2 ? result : [];
    }

    private static readonly (NumberingStyle Style, Regex Regex)[] LeadingPatterns =
    [
        (NumberingStyle.Section, SectionPattern()),
        (NumberingStyle.ChineseParen, ChineseParenPattern()),
        (NumberingStyle.ChineseComma, ChineseCommaPattern()),
        (NumberingStyle.ArabicParen, ArabicParenPattern()),
        (NumberingStyle.Arabic, ArabicPattern()),
        (NumberingStyle.Circled, CircledPattern()),
    ];

    [GeneratedRegex(@"\G(?<label>第\s*(?<n>[一二三四五六七八九十]{1,3})\s*(?:部分|篇))\s*[、:：.．,，]?\s*")]
    private static partial Regex SectionPattern();

    [GeneratedRegex(@"\G(?<label>(?<n>[一二三四五六七八九十]{1,3})\s*(?:、|[.．](?![\d.．])))\s*")]
    private static partial Regex ChineseCommaPattern();

    [GeneratedRegex(@"\G(?<label>[（(]\s*(?<n>[一二三四五六七八九十]{1,3})\s*[）)])\s*[、.．]?\s*")]
    private static partial Regex ChineseParenPattern();

    [GeneratedRegex(@"\G(?<label>(?<n>\d{1,2})\s*(?:、|[.．](?![\d.．])))\s*")]
    private static partial Regex ArabicPattern();

    [GeneratedRegex(@"\G(?<label>[（(]\s*(?<n>\d{1,2})\s*[）)]|(?<n>\d{1,2})[)）])\s*[、.．]?\s*")]
    private static partial Regex ArabicParenPattern();

    [GeneratedRegex(@"\G(?<label>(?<n>[①-⑳]))\s*")]
    private static partial Regex CircledPattern();

    [GeneratedRegex(@"(?:^|(?<=[。；;，,：:\s）)]))(?<label>(?<n>[一二三四五六七八九十]{1,2})是)(?![否非])\s*")]
    private static partial Regex EnumerationPattern();
}
