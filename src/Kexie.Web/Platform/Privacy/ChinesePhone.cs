using System.Text;

namespace Kexie.Web.Platform.Privacy;

/// <summary>Kind of a mainland China phone number.</summary>
public enum PhoneKind
{
    /// <summary>手机 (11 digits, 13x–19x).</summary>
    Mobile = 1,

    /// <summary>固定电话 (area code + local number, optional extension).</summary>
    Landline = 2,
}

/// <summary>Outcome of a <see cref="ChinesePhone"/> validation.</summary>
/// <param name="IsValid">True when the number is well-formed.</param>
/// <param name="Normalized">
/// Canonical form when valid: a mobile as 11 digits ("13812345678"); a landline as
/// "area-local" or "area-local-extension" ("0916-2345678", "010-62345678-801").
/// </param>
/// <param name="Kind">Mobile or landline, when valid.</param>
/// <param name="Error">A Chinese message for the user when invalid.</param>
public sealed record PhoneResult(bool IsValid, string? Normalized, PhoneKind? Kind, string? Error)
{
    internal static PhoneResult Fail(string error) => new(false, null, null, error);
}

/// <summary>
/// Validation and normalisation of mainland China phone numbers. Full-width digits are accepted;
/// spaces, dashes and parentheses are ignored; a +86 / 0086 / 86 country prefix is removed. Never throws.
/// </summary>
public static class ChinesePhone
{
    /// <summary>Message for an invalid mobile number.</summary>
    public const string MobileError = "手机号码格式不正确";

    /// <summary>Message for an invalid landline number.</summary>
    public const string LandlineError = "固定电话号码格式不正确";

    /// <summary>Message for a number that is neither.</summary>
    public const string PhoneError = "电话号码格式不正确";

    private const int MaxInputLength = 64;

    /// <summary>
    /// A mobile number: 11 digits starting 13–19, optionally preceded by +86, 0086 or 86.
    /// "+86 138-1234-5678" → "13812345678".
    /// </summary>
    public static PhoneResult ValidateMobile(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return PhoneResult.Fail("请填写手机号码");
        }

        var digits = MobileDigits(input);
        return digits is not null && IsMobile(digits)
            ? new PhoneResult(true, digits, PhoneKind.Mobile, null)
            : PhoneResult.Fail(MobileError);
    }

    /// <summary>
    /// A landline: area code of 3–4 digits starting with 0 (parentheses, a dash or a space may separate it;
    /// without a separator 010 and 02x are taken as 3-digit codes and all others as 4-digit, which is how
    /// the mainland plan is laid out), a local number of 7–8 digits starting 2–9, and an optional extension
    /// of 1–6 digits after "-", "转", "ext", "x" or "#". "+86 10 6234 5678" is read as 010-62345678.
    /// </summary>
    public static PhoneResult ValidateLandline(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return PhoneResult.Fail("请填写电话号码");
        }

        var normalized = ParseLandline(input);
        return normalized is null
            ? PhoneResult.Fail(LandlineError)
            : new PhoneResult(true, normalized, PhoneKind.Landline, null);
    }

    /// <summary>
    /// Either kind: a mobile when it looks like one, otherwise a landline. The error names the kind the
    /// input resembles ("手机号码格式不正确" for input starting with 1, "固定电话号码格式不正确" for 0).
    /// </summary>
    public static PhoneResult Validate(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return PhoneResult.Fail("请填写电话号码");
        }

        var mobile = ValidateMobile(input);
        if (mobile.IsValid)
        {
            return mobile;
        }

        var landline = ValidateLandline(input);
        if (landline.IsValid)
        {
            return landline;
        }

        var digits = MobileDigits(input);
        return digits switch
        {
            ['1', ..] => PhoneResult.Fail(MobileError),
            ['0', ..] => PhoneResult.Fail(LandlineError),
            _ => PhoneResult.Fail(PhoneError),
        };
    }

    internal static bool IsMobile(string digits) =>
        digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9' && digits.All(char.IsAsciiDigit);

    /// <summary>Digits of the input with separators and a country prefix removed; null if other characters occur.</summary>
    private static string? MobileDigits(string input)
    {
        if (input.Length > MaxInputLength)
        {
            return null;
        }

        var text = PrivacyText.NormalizeWidth(input);
        var builder = new StringBuilder(text.Length);
        var plus = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                builder.Append(c);
            }
            else if (c == '+' && builder.Length == 0 && !plus)
            {
                plus = true;
            }
            else if (!IsSeparator(c))
            {
                return null;
            }
        }

        var digits = builder.ToString();
        if (plus)
        {
            return digits.StartsWith("86", StringComparison.Ordinal) ? digits[2..] : null;
        }

        if (digits.Length == 15 && digits.StartsWith("0086", StringComparison.Ordinal))
        {
            return digits[4..];
        }

        return digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal) ? digits[2..] : digits;
    }

    private static string? ParseLandline(string input)
    {
        if (input.Length > MaxInputLength)
        {
            return null;
        }

        var text = PrivacyText.NormalizeWidth(input).Trim().ToLowerInvariant();

        // An explicit extension marker splits the text first.
        string? extension = null;
        var marker = IndexOfExtensionMarker(text, out var markerLength);
        if (marker >= 0)
        {
            extension = string.Concat(text[(marker + markerLength)..].Where(c => !IsSeparator(c) && c != '.' && c != ':'));
            text = text[..marker];
            if (extension.Length is 0 or > 6 || !extension.All(char.IsAsciiDigit))
            {
                return null;
            }
        }

        var international = false;
        if (text.StartsWith('+'))
        {
            text = text[1..].TrimStart();
            if (!text.StartsWith("86", StringComparison.Ordinal))
            {
                return null;
            }

            text = text[2..];
            international = true;
        }
        else if (text.StartsWith("0086", StringComparison.Ordinal))
        {
            text = text[4..];
            international = true;
        }

        var groups = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                current.Append(c);
                continue;
            }

            if (!IsSeparator(c))
            {
                return null;
            }

            if (current.Length > 0)
            {
                groups.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            groups.Add(current.ToString());
        }

        if (groups.Count == 0)
        {
            return null;
        }

        if (international && !groups[0].StartsWith('0'))
        {
            groups[0] = "0" + groups[0];
        }

        string area;
        var local = new StringBuilder();
        var next = 1;
        if (groups[0].Length > 4)
        {
            // No separator after the area code: 010 and 02x are 3 digits, all other codes 4.
            var first = groups[0];
            var areaLength = first.Length > 2 && first[0] == '0' && first[1] is '1' or '2' ? 3 : 4;
            area = first[..areaLength];
            local.Append(first[areaLength..]);
        }
        else
        {
            area = groups[0];
        }

        while (next < groups.Count && local.Length < 7)
        {
            local.Append(groups[next++]);
        }

        if (next < groups.Count)
        {
            if (extension is not null || next != groups.Count - 1)
            {
                return null;
            }

            extension = groups[next];
            if (extension.Length > 6)
            {
                return null;
            }
        }

        var localNumber = local.ToString();
        if (area.Length is < 3 or > 4 || area[0] != '0' || area[1] == '0'
            || localNumber.Length is < 7 or > 8 || localNumber[0] is '0' or '1')
        {
            return null;
        }

        return extension is null ? $"{area}-{localNumber}" : $"{area}-{localNumber}-{extension}";
    }

    private static int IndexOfExtensionMarker(string text, out int length)
    {
        foreach (var marker in (ReadOnlySpan<string>)["转", "ext", "#", "x"])
        {
            var index = text.IndexOf(marker, StringComparison.Ordinal);
            if (index > 0)
            {
                length = marker.Length;
                return index;
            }
        }

        length = 0;
        return -1;
    }

    private static bool IsSeparator(char c) => c is ' ' or '-' or '(' or ')' || char.IsWhiteSpace(c);
}
