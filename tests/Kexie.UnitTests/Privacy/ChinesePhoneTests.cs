using Kexie.Web.Platform.Privacy;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Privacy;

public class ChinesePhoneTests
{
    [Theory]
    [InlineData("13812345678")]
    [InlineData("138 1234 5678")]
    [InlineData("138-1234-5678")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("+8613812345678")]
    [InlineData("8613812345678")]
    [InlineData("0086 13812345678")]
    [InlineData("(+86) 138-1234-5678")]
    [InlineData("１３８１２３４５６７８")]
    [InlineData(" 13812345678 ")]
    public void Mobile_notations_normalise_to_eleven_digits(string input)
    {
        var result = ChinesePhone.ValidateMobile(input);

        result.IsValid.ShouldBeTrue();
        result.Normalized.ShouldBe("13812345678");
        result.Kind.ShouldBe(PhoneKind.Mobile);
        result.Error.ShouldBeNull();
    }

    [Theory]
    [InlineData("13012345678")]
    [InlineData("14512345678")]
    [InlineData("16612345678")]
    [InlineData("19912345678")]
    public void All_mobile_prefixes_13_to_19_are_accepted(string input) =>
        ChinesePhone.ValidateMobile(input).IsValid.ShouldBeTrue();

    [Theory]
    [InlineData("1381234567")] // 10 digits
    [InlineData("138123456789")] // 12 digits
    [InlineData("12812345678")] // 12x
    [InlineData("10012345678")]
    [InlineData("23812345678")]
    [InlineData("1381234567a")]
    [InlineData("+1 13812345678")]
    [InlineData("+86 23812345678")]
    [InlineData("138.1234.5678")]
    public void Malformed_mobile_numbers_are_rejected(string input)
    {
        var result = ChinesePhone.ValidateMobile(input);

        result.IsValid.ShouldBeFalse();
        result.Error.ShouldBe("手机号码格式不正确");
        result.Normalized.ShouldBeNull();
    }

    [Theory]
    [InlineData("0916-2345678", "0916-2345678")]
    [InlineData("0916 2345678", "0916-2345678")]
    [InlineData("(0916)2345678", "0916-2345678")]
    [InlineData("（0916）2345678", "0916-2345678")]
    [InlineData("09162345678", "0916-2345678")]
    [InlineData("010-62345678", "010-62345678")]
    [InlineData("01062345678", "010-62345678")]
    [InlineData("02987654321", "029-87654321")]
    [InlineData("010-6234 5678", "010-62345678")]
    [InlineData("0916-2345678-801", "0916-2345678-801")]
    [InlineData("0916-2345678转801", "0916-2345678-801")]
    [InlineData("0916-2345678 ext. 801", "0916-2345678-801")]
    [InlineData("0916-2345678#8", "0916-2345678-8")]
    [InlineData("+86 10 6234 5678", "010-62345678")]
    [InlineData("0086-916-2345678", "0916-2345678")]
    [InlineData("０９１６－２３４５６７８", "0916-2345678")]
    public void Landline_notations_normalise(string input, string expected)
    {
        var result = ChinesePhone.ValidateLandline(input);

        result.IsValid.ShouldBeTrue(input);
        result.Normalized.ShouldBe(expected);
        result.Kind.ShouldBe(PhoneKind.Landline);
    }

    [Fact]
    public void Normalised_landlines_parse_to_themselves()
    {
        foreach (var value in new[] { "0916-2345678", "010-62345678-801", "029-87654321" })
        {
            ChinesePhone.ValidateLandline(value).Normalized.ShouldBe(value);
        }
    }

    [Theory]
    [InlineData("2345678")] // no area code
    [InlineData("0916-234567")] // local too short
    [InlineData("0916-234567890")] // local too long
    [InlineData("0916-0345678")] // local starting with 0
    [InlineData("0916-1345678")] // local starting with 1
    [InlineData("00916-2345678")] // area code too long
    [InlineData("09-2345678")] // area code too short
    [InlineData("1916-2345678")] // area code not starting with 0
    [InlineData("0916-2345678-1234567")] // extension too long
    [InlineData("0916-2345678转")] // empty extension
    [InlineData("0916-2345678-12-34")] // two extensions
    [InlineData("0916/2345678")]
    [InlineData("电话0916-2345678")]
    public void Malformed_landlines_are_rejected(string input)
    {
        var result = ChinesePhone.ValidateLandline(input);

        result.IsValid.ShouldBeFalse(input);
        result.Error.ShouldBe("固定电话号码格式不正确");
    }

    [Theory]
    [InlineData("+86 138 1234 5678", PhoneKind.Mobile, "13812345678")]
    [InlineData("0916-2345678", PhoneKind.Landline, "0916-2345678")]
    [InlineData("01062345678", PhoneKind.Landline, "010-62345678")]
    public void Validate_detects_the_kind(string input, PhoneKind kind, string normalized)
    {
        var result = ChinesePhone.Validate(input);

        result.Kind.ShouldBe(kind);
        result.Normalized.ShouldBe(normalized);
    }

    [Theory]
    [InlineData("1381234567", "手机号码格式不正确")]
    [InlineData("0916-23", "固定电话号码格式不正确")]
    [InlineData("abc", "电话号码格式不正确")]
    [InlineData("   ", "请填写电话号码")]
    [InlineData(null, "请填写电话号码")]
    public void Validate_reports_a_chinese_error_for_the_kind_the_input_resembles(string? input, string error) =>
        ChinesePhone.Validate(input).Error.ShouldBe(error);

    [Fact]
    public void Blank_and_hostile_input_never_throws()
    {
        ChinesePhone.ValidateMobile(null).Error.ShouldBe("请填写手机号码");
        ChinesePhone.ValidateLandline("").Error.ShouldBe("请填写电话号码");
        ChinesePhone.Validate(new string('1', 100_000)).IsValid.ShouldBeFalse();
        ChinesePhone.Validate("\uD800138").IsValid.ShouldBeFalse();
        ChinesePhone.Validate("+").IsValid.ShouldBeFalse();
        ChinesePhone.Validate("---").IsValid.ShouldBeFalse();
        ChinesePhone.Validate("转801").IsValid.ShouldBeFalse();
    }
}
