using Kexie.Web.Platform.Privacy;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Privacy;

public class ChineseIdNumberTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    private static string WithCheck(string first17) => first17 + ChineseIdNumber.ComputeCheckCharacter(first17);

    [Theory]
    [InlineData("11010519491231002", 'X')] // the example in GB 11643-1999
    [InlineData("44052418800101001", '4')] // the other example in the standard
    [InlineData("61010219900101123", '1')]
    [InlineData("61010219900101124", 'X')]
    [InlineData("32010620000229003", '5')]
    public void Check_character_matches_independently_computed_values(string first17, char expected) =>
        ChineseIdNumber.ComputeCheckCharacter(first17).ShouldBe(expected);

    [Theory]
    [InlineData("1234567890123456")]
    [InlineData("123456789012345678")]
    [InlineData("1101051949123100A")]
    public void Check_character_requires_exactly_17_digits(string input) =>
        Should.Throw<ArgumentException>(() => ChineseIdNumber.ComputeCheckCharacter(input));

    [Fact]
    public void Valid_female_number_with_X_is_parsed()
    {
        var result = ChineseIdNumber.Validate("11010519491231002X", Today);

        result.IsValid.ShouldBeTrue();
        result.Error.ShouldBeNull();
        result.Normalized.ShouldBe("11010519491231002X");
        result.BirthDate.ShouldBe(new DateOnly(1949, 12, 31));
        result.Gender.ShouldBe(Gender.Female);
    }

    [Fact]
    public void Valid_male_number_is_parsed()
    {
        var result = ChineseIdNumber.Validate("610102199001011231", Today);

        result.IsValid.ShouldBeTrue();
        result.BirthDate.ShouldBe(new DateOnly(1990, 1, 1));
        result.Gender.ShouldBe(Gender.Male);
    }

    [Theory]
    [InlineData("11010519491231002x")]
    [InlineData(" 110105 19491231 002x ")]
    [InlineData("１１０１０５１９４９１２３１００２Ｘ")]
    public void Lower_case_x_spaces_and_full_width_are_normalised(string input)
    {
        var result = ChineseIdNumber.Validate(input, Today);

        result.IsValid.ShouldBeTrue(result.Error);
        result.Normalized.ShouldBe("11010519491231002X");
    }

    [Fact]
    public void Wrong_check_digit_is_rejected()
    {
        var result = ChineseIdNumber.Validate("110105194912310021", Today);

        result.IsValid.ShouldBeFalse();
        result.Error.ShouldBe("身份证号校验位错误");
        result.Normalized.ShouldBeNull();
        result.BirthDate.ShouldBeNull();
        result.Gender.ShouldBeNull();
    }

    [Theory]
    [InlineData("61010219900230123")] // 30 February
    [InlineData("61010219890229123")] // 29 February in a common year
    [InlineData("61010219901301123")] // month 13
    [InlineData("61010219900100123")] // day 0
    [InlineData("61010220250602123")] // tomorrow
    [InlineData("61010230000101123")] // far future
    [InlineData("44052418800101001")] // 1880, the standard's own example, before 1900
    public void Invalid_or_out_of_range_birth_date_is_rejected(string first17)
    {
        var result = ChineseIdNumber.Validate(WithCheck(first17), Today);

        result.IsValid.ShouldBeFalse();
        result.Error.ShouldBe("身份证号出生日期无效");
    }

    [Fact]
    public void Leap_day_and_today_are_valid_birth_dates()
    {
        ChineseIdNumber.Validate(WithCheck("32010620000229003"), Today).IsValid.ShouldBeTrue();
        ChineseIdNumber.Validate(WithCheck("61010220250601123"), Today).IsValid.ShouldBeTrue();
        ChineseIdNumber.Validate(WithCheck("61010219000101123"), Today).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("61010219900101123")]
    [InlineData("6101021990010112345")]
    [InlineData("610102900101123")] // old 15-digit number
    public void Wrong_length_is_rejected(string input) =>
        ChineseIdNumber.Validate(input, Today).Error.ShouldBe("身份证号应为18位");

    [Theory]
    [InlineData("61010219900101123A")]
    [InlineData("6101021990010112X1")]
    [InlineData("61010219900101-231")]
    public void Non_digits_are_rejected_as_format_errors(string input) =>
        ChineseIdNumber.Validate(input, Today).Error!.ShouldStartWith("身份证号格式不正确");

    [Theory]
    [InlineData("10")]
    [InlineData("16")]
    [InlineData("20")]
    [InlineData("66")]
    [InlineData("84")]
    [InlineData("91")]
    [InlineData("00")]
    public void Unknown_province_code_is_rejected(string province) =>
        ChineseIdNumber.Validate(WithCheck(province + "010219900101123"), Today).Error.ShouldBe("身份证号地区码无效");

    [Theory]
    [InlineData("11")]
    [InlineData("46")]
    [InlineData("65")]
    [InlineData("71")]
    [InlineData("81")]
    [InlineData("82")]
    [InlineData("83")]
    public void Known_province_codes_are_accepted(string province) =>
        ChineseIdNumber.Validate(WithCheck(province + "000019900101123"), Today).IsValid.ShouldBeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_input_asks_for_a_value(string? input) =>
        ChineseIdNumber.Validate(input, Today).Error.ShouldBe("请填写身份证号");

    [Fact]
    public void Malformed_text_never_throws()
    {
        ChineseIdNumber.Validate("\uD800" + new string('1', 17), Today).IsValid.ShouldBeFalse();
        ChineseIdNumber.Validate(new string('9', 10_000), Today).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Compose_builds_valid_fictional_numbers_with_the_requested_gender()
    {
        var male = ChineseIdNumber.Compose("610102", new DateOnly(1985, 7, 9), 101);
        var female = ChineseIdNumber.Compose("610102", new DateOnly(1985, 7, 9), 102);

        male.ShouldStartWith("61010219850709101");
        male.Length.ShouldBe(18);
        ChineseIdNumber.Validate(male, Today).Gender.ShouldBe(Gender.Male);
        ChineseIdNumber.Validate(female, Today).Gender.ShouldBe(Gender.Female);
        ChineseIdNumber.Compose("110105", new DateOnly(1949, 12, 31), 2).ShouldBe("11010519491231002X");
    }

    [Fact]
    public void Compose_validates_its_arguments()
    {
        Should.Throw<ArgumentException>(() => ChineseIdNumber.Compose("61010", new DateOnly(1990, 1, 1), 1));
        Should.Throw<ArgumentException>(() => ChineseIdNumber.Compose("61010A", new DateOnly(1990, 1, 1), 1));
        Should.Throw<ArgumentOutOfRangeException>(() => ChineseIdNumber.Compose("610102", new DateOnly(1990, 1, 1), 1000));
        Should.Throw<ArgumentOutOfRangeException>(() => ChineseIdNumber.Compose("610102", new DateOnly(1990, 1, 1), -1));
        Should.Throw<ArgumentException>(() => ChineseIdNumber.Compose("610102", new DateOnly(1899, 12, 31), 1));
    }

    [Fact]
    public void Every_single_digit_change_is_detected()
    {
        var valid = ChineseIdNumber.Compose("330106", new DateOnly(1978, 3, 15), 417);
        for (var position = 0; position < 18; position++)
        {
            foreach (var replacement in "0123456789X")
            {
                if (replacement == valid[position] || (position < 17 && replacement == 'X'))
                {
                    continue;
                }

                var changed = valid[..position] + replacement + valid[(position + 1)..];
                ChineseIdNumber.Validate(changed, Today).IsValid.ShouldBeFalse(changed);
            }
        }
    }
}
