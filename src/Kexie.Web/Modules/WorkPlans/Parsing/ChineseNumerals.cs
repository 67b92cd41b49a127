namespace Kexie.Web.Modules.WorkPlans.Parsing;

/// <summary>Reads Chinese numerals: 五, 十, 十五, 三十, 两, 一百二十, 五万, and digit strings such as 二〇二二.</summary>
public static class ChineseNumerals
{
    /// <summary>The characters a Chinese numeral is made of.</summary>
    public const string NumeralCharacters = "零〇一二两三四五六七八九十百千万亿";

    /// <summary>True for a character that can be part of a Chinese numeral.</summary>
    public static bool IsNumeralChar(char c) => NumeralCharacters.Contains(c, StringComparison.Ordinal);

    /// <summary>True for the digit characters 零〇一…九 and 两 (not the multipliers 十百千万亿).</summary>
    public static bool IsDigitChar(char c) => Digit(c) >= 0;

    /// <summary>Parses a whole string of Chinese numeral characters; false when it is not a well-formed numeral.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        var hasMultiplier = false;
        foreach (var c in text)
        {
            if (!IsNumeralChar(c))
            {
                return false;
            }

            if (Digit(c) < 0)
            {
                hasMultiplier = true;
            }
        }

        if (!hasMultiplier)
        {
            // 二〇二二 is read digit by digit; a lone digit is itself.
            foreach (var c in text)
            {
                value = (value * 10) + Digit(c);
            }

            return true;
        }

        long total = 0;   // completed 亿 groups
        long section = 0; // completed 万 group below 亿
        long small = 0;   // below 万
        long digit = -1;
        foreach (var c in text)
        {
            var d = Digit(c);
            if (d >= 0)
            {
                if (digit > 0)
                {
                    return false; // two digits in a row (三四) are not one number; 零 only holds a place
                }

                digit = d;
                continue;
            }

            switch (c)
            {
                case '十':
                case '百':
                case '千':
                    var unit = c == '十' ? 10 : c == '百' ? 100 : 1000;
                    small += (digit < 0 ? 1 : digit) * unit;
                    digit = -1;
                    break;
                case '万':
                    section += (small + Math.Max(digit, 0)) * 10_000;
                    if (section == 0)
                    {
                        return false;
                    }

                    small = 0;
                    digit = -1;
                    break;
                default: // 亿
                    total += (section + small + Math.Max(digit, 0)) * 100_000_000;
                    if (total == 0)
                    {
                        return false;
                    }

                    section = 0;
                    small = 0;
                    digit = -1;
                    break;
            }
        }

        value = total + section + small + Math.Max(digit, 0);
        return value > 0;
    }

    /// <summary>Parses an ordinal label such as 一, 十二, 1, 12 used in numbering; null when it is neither.</summary>
    public static int? ParseLabelNumber(ReadOnlySpan<char> text)
    {
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var arabic))
        {
            return arabic;
        }

        return TryParse(text, out var value) && value < 1000 ? (int)value : null;
    }

    private static int Digit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };
}
