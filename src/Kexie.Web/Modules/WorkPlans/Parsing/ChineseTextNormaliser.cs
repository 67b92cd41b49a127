using System.Collections.Frozen;

namespace Kexie.Web.Modules.WorkPlans.Parsing;

/// <summary>
/// Turns pasted text into the form the parser reads, one character for one character, so that every offset
/// in the normalised text is also an offset in the original: traditional to simplified (single characters,
/// OpenCC TSCharacters), full-width digits and letters to ASCII, ％ to %, and odd spaces (\r, \t, U+3000,
/// no-break space) to a plain space.
/// </summary>
public static class ChineseTextNormaliser
{
    private static readonly FrozenDictionary<char, char> TraditionalToSimplified = BuildTable();

    /// <summary>Normalises <paramref name="text"/>; the result always has the same length as the input.</summary>
    /// <param name="text">The pasted text.</param>
    /// <param name="convertedFromTraditional">True when the text looked traditional and was converted.</param>
    public static string Normalise(string text, out bool convertedFromTraditional)
    {
        convertedFromTraditional = LooksTraditional(text);
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (convertedFromTraditional && TraditionalToSimplified.TryGetValue(c, out var simplified))
            {
                chars[i] = simplified;
                continue;
            }

            chars[i] = NormaliseWidthAndSpace(c);
        }

        return new string(chars);
    }

    /// <summary>Converts traditional characters to simplified ones, character by character (same length).</summary>
    public static string ToSimplified(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (TraditionalToSimplified.TryGetValue(chars[i], out var simplified))
            {
                chars[i] = simplified;
            }
        }

        return new string(chars);
    }

    /// <summary>
    /// True when enough characters are traditional-only that the text is taken to be traditional.
    /// A simplified text is left alone, so that the few table entries which are also valid simplified
    /// characters (乾, 於, 瞭…) never change a simplified document.
    /// </summary>
    public static bool LooksTraditional(string text)
    {
        var han = 0;
        var traditional = 0;
        foreach (var c in text)
        {
            if (c is >= '\u4e00' and <= '\u9fff')
            {
                han++;
                if (TraditionalToSimplified.ContainsKey(c))
                {
                    traditional++;
                }
            }
        }

        return traditional >= 3 && traditional * 50 >= han;
    }

    internal static char NormaliseWidthAndSpace(char c) => c switch
    {
        >= '\uFF10' and <= '\uFF19' => (char)(c - '\uFF10' + '0'),
        >= '\uFF21' and <= '\uFF3A' => (char)(c - '\uFF21' + 'A'),
        >= '\uFF41' and <= '\uFF5A' => (char)(c - '\uFF41' + 'a'),
        '\uFF05' => '%',
        '\uFF0B' => '+',
        '\u3000' or '\u00A0' or '\t' or '\r' or '\f' or '\v' or '\u200B' or '\uFEFF' => ' ',
        _ => c,
    };

    private static FrozenDictionary<char, char> BuildTable()
    {
        var traditional = TraditionalChineseTable.Traditional;
        var simplified = TraditionalChineseTable.Simplified;
        var map = new Dictionary<char, char>(traditional.Length);
        for (var i = 0; i < traditional.Length; i++)
        {
            map[traditional[i]] = simplified[i];
        }

        return map.ToFrozenDictionary();
    }
}
