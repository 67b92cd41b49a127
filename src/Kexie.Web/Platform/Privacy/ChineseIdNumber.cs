using System.Globalization;
using System.Text;

namespace Kexie.Web.Platform.Privacy;

/// <summary>Gender as encoded in an ID number (17th digit: odd = 男, even = 女).</summary>
public enum Gender
{
    /// <summary>男</summary>
    Male = 1,

    /// <summary>女</summary>
    Female = 2,
}

/// <summary>Outcome of <see cref="ChineseIdNumber.Validate"/>.</summary>
/// <param name="IsValid">True when the number passed every check.</param>
/// <param name="Normalized">The 18-character number (upper-case X) when valid, otherwise null.</param>
/// <param name="Error">A Chinese message for the user when invalid, otherwise null.</param>
/// <param name="BirthDate">Birth date encoded in the number, when valid.</param>
/// <param name="Gender">Gender encoded in the number, when valid.</param>
public sealed record IdNumberResult(bool IsValid, string? Normalized, string? Error, DateOnly? BirthDate, Gender? Gender)
{
    internal static IdNumberResult Fail(string error) => new(false, null, error, null, null);
}

/// <summary>
/// 公民身份号码 (GB 11643-1999): 6-digit region code, 8-digit birth date (yyyyMMdd), 3-digit sequence
/// (odd = 男), and an ISO 7064 MOD 11-2 check character (0–9 or X).
/// </summary>
/// <remarks>
/// Input is trimmed, full-width digits/X are accepted (NFKC), inner spaces are removed and a lower-case
/// x is normalised to X. Old 15-digit numbers are rejected ("应为18位"). The province (first two digits)
/// must be one of the codes of GB/T 2260 (11–65), 71 台湾, 81 香港, 82 澳门, or 83 (used by 台湾居民居住证);
/// the remaining four region digits are only checked to be digits, because county codes change over time.
/// 外国人永久居留身份证 numbers (leading 9) are not accepted.
/// </remarks>
public static class ChineseIdNumber
{
    /// <summary>Length of a current ID number.</summary>
    public const int Length = 18;

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private static readonly HashSet<int> ProvinceCodes =
    [
        11, 12, 13, 14, 15,
        21, 22, 23,
        31, 32, 33, 34, 35, 36, 37,
        41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54,
        61, 62, 63, 64, 65,
        71, 81, 82, 83,
    ];

    private static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    /// <summary>
    /// Validates an ID number against today's date (pass it from a <see cref="TimeProvider"/> in the
    /// caller's time zone, e.g. China Standard Time). Never throws.
    /// </summary>
    public static IdNumberResult Validate(string? input, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return IdNumberResult.Fail("请填写身份证号");
        }

        var value = Clean(input);
        if (value.Length != Length)
        {
            return IdNumberResult.Fail("身份证号应为18位");
        }

        for (var i = 0; i < Length - 1; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return IdNumberResult.Fail("身份证号格式不正确：前17位应为数字");
            }
        }

        if (!char.IsAsciiDigit(value[^1]) && value[^1] != 'X')
        {
            return IdNumberResult.Fail("身份证号格式不正确：最后一位应为数字或X");
        }

        if (!ProvinceCodes.Contains(int.Parse(value.AsSpan(0, 2), CultureInfo.InvariantCulture)))
        {
            return IdNumberResult.Fail("身份证号地区码无效");
        }

        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate)
            || birthDate < EarliestBirthDate
            || birthDate > today)
        {
            return IdNumberResult.Fail("身份证号出生日期无效");
        }

        if (ComputeCheckCharacter(value.AsSpan(0, Length - 1)) != value[^1])
        {
            return IdNumberResult.Fail("身份证号校验位错误");
        }

        var gender = (value[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;
        return new IdNumberResult(true, value, null, birthDate, gender);
    }

    /// <summary>
    /// The check character (0–9 or X) for the first 17 digits:
    /// <c>"10X98765432"[Σ digitᵢ·weightᵢ mod 11]</c> with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2.
    /// </summary>
    /// <exception cref="ArgumentException">Unless exactly 17 ASCII digits are given.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17Digits)
    {
        if (first17Digits.Length != Length - 1)
        {
            throw new ArgumentException("需要身份证号的前17位数字", nameof(first17Digits));
        }

        var sum = 0;
        for (var i = 0; i < first17Digits.Length; i++)
        {
            var c = first17Digits[i];
            if (!char.IsAsciiDigit(c))
            {
                throw new ArgumentException("需要身份证号的前17位数字", nameof(first17Digits));
            }

            sum += (c - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>
    /// Builds a checksum-valid number from its parts, for tests and fictional demo data:
    /// <paramref name="regionCode"/> (6 digits), the birth date and a 3-digit
    /// <paramref name="sequence"/> (0–999; odd = 男).
    /// </summary>
    /// <exception cref="ArgumentException">Bad region code or a date outside 1900–9999.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Sequence outside 0–999.</exception>
    public static string Compose(string regionCode, DateOnly birthDate, int sequence)
    {
        if (regionCode is null || regionCode.Length != 6 || !regionCode.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("地区码应为6位数字", nameof(regionCode));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);
        if (birthDate < EarliestBirthDate)
        {
            throw new ArgumentException("出生日期不能早于1900年", nameof(birthDate));
        }

        var first17 = string.Concat(
            regionCode,
            birthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            sequence.ToString("D3", CultureInfo.InvariantCulture));
        return first17 + ComputeCheckCharacter(first17);
    }

    private static string Clean(string input)
    {
        var text = PrivacyText.NormalizeWidth(input);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c == 'x' ? 'X' : c);
            }
        }

        return builder.ToString();
    }
}
