using System.Globalization;
using System.Text;

namespace Kexie.Web.Platform.Privacy;

/// <summary>
/// Display masking of personal data (lists, exports, logs). Every method is null-safe (null or blank →
/// empty string), never throws, and masks whatever it is given sensibly even when the input is not a
/// valid value of that kind. Lengths are counted in user-perceived characters (grapheme clusters), so
/// rare Han characters outside the BMP are never split.
/// </summary>
public static class Mask
{
    /// <summary>The masking character.</summary>
    public const char Star = '*';

    /// <summary>
    /// ID number: first 4 and last 4 characters kept, e.g. "610102199001011234" → "6101**********1234".
    /// Inner whitespace is dropped. Shorter input keeps at most a quarter of its length at each end ("12345678" → "12****78").
    /// </summary>
    public static string IdNumber(string? value)
    {
        var elements = Elements(value);
        elements.RemoveAll(e => string.IsNullOrWhiteSpace(e));
        var keep = Math.Min(4, elements.Count / 4);
        return KeepEnds(elements, keep, keep);
    }

    /// <summary>
    /// Phone number. A mobile (any accepted notation) becomes "138****5678"; a landline keeps its area code,
    /// the last 4 digits of an 8-digit (3 of a 7-digit) local number and the extension:
    /// "0916-2345678" → "0916-****678", "010-62345678-801" → "010-****5678-801". Anything else keeps at most
    /// 3 leading and 4 trailing characters, never more than a quarter of its length at each end.
    /// </summary>
    public static string Phone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var parsed = ChinesePhone.Validate(value);
        if (parsed is { IsValid: true, Normalized: { } normalized })
        {
            if (parsed.Kind == PhoneKind.Mobile)
            {
                return string.Concat(normalized.AsSpan(0, 3), "****", normalized.AsSpan(7));
            }

            var parts = normalized.Split('-');
            var local = parts[1];
            var keep = local.Length >= 8 ? 4 : 3;
            var masked = parts[0] + "-" + new string(Star, local.Length - keep) + local[^keep..];
            return parts.Length > 2 ? masked + "-" + parts[2] : masked;
        }

        var elements = Elements(value);
        return KeepEnds(elements, Math.Min(3, elements.Count / 4), Math.Min(4, elements.Count / 4));
    }

    /// <summary>
    /// Personal name: the first character kept, every other character starred —
    /// "张三丰" → "张**", "张三" → "张*", "欧阳娜娜" → "欧***"; a one-character value becomes "*".
    /// Spaces and the middle dot of transliterated names are kept ("阿依·买买提" → "阿**·***").
    /// </summary>
    public static string Name(string? value)
    {
        var elements = Elements(value);
        if (elements.Count <= 1)
        {
            return new string(Star, elements.Count);
        }

        var builder = new StringBuilder(elements[0]);
        for (var i = 1; i < elements.Count; i++)
        {
            builder.Append(elements[i] is " " or "·" or "•" or "・" ? elements[i] : Star.ToString());
        }

        return builder.ToString();
    }

    /// <summary>
    /// E-mail: the first character of the local part and the whole domain kept, the rest replaced by
    /// a fixed "***" so the length is not revealed: "zhangsan@example.com" → "z***@example.com".
    /// A one-character local part becomes "***@…"; input without a usable "@" is masked like other text.
    /// </summary>
    public static string Email(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var trimmed = value.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
        {
            return Text(trimmed, 1, 1);
        }

        var local = Elements(trimmed[..at]);
        var head = local.Count > 1 ? local[0] : string.Empty;
        return head + "***" + trimmed[at..];
    }

    /// <summary>
    /// Generic masking: keeps <paramref name="keepStart"/> leading and <paramref name="keepEnd"/> trailing
    /// characters and stars the rest. The kept ends are shortened when needed so that at least half of the
    /// value is always masked.
    /// </summary>
    public static string Text(string? value, int keepStart, int keepEnd)
    {
        var elements = Elements(value);
        var head = Math.Clamp(keepStart, 0, elements.Count);
        var tail = Math.Clamp(keepEnd, 0, elements.Count);
        while (head + tail > elements.Count / 2)
        {
            if (head >= tail)
            {
                head--;
            }
            else
            {
                tail--;
            }
        }

        return KeepEnds(elements, head, tail);
    }

    private static string KeepEnds(List<string> elements, int head, int tail)
    {
        if (elements.Count == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < elements.Count; i++)
        {
            if (i < head || i >= elements.Count - tail)
            {
                builder.Append(elements[i]);
            }
            else
            {
                builder.Append(Star);
            }
        }

        return builder.ToString();
    }

    private static List<string> Elements(string? value)
    {
        var elements = new List<string>();
        if (string.IsNullOrWhiteSpace(value))
        {
            return elements;
        }

        var text = value.Trim();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        return elements;
    }
}
