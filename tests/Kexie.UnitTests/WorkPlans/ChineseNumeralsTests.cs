using Kexie.Web.Modules.WorkPlans.Parsing;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.WorkPlans;

public class ChineseNumeralsTests
{
    [Theory]
    [InlineData("五", 5)]
    [InlineData("十", 10)]
    [InlineData("十五", 15)]
    [InlineData("两", 2)]
    [InlineData("三十", 30)]
    [InlineData("三十二", 32)]
    [InlineData("一百二十", 120)]
    [InlineData("一百零五", 105)]
    [InlineData("两千", 2000)]
    [InlineData("五万", 50000)]
    [InlineData("十二万", 120000)]
    [InlineData("一亿", 100000000)]
    [InlineData("二〇二二", 2022)]
    public void Reads_chinese_numerals(string text, long expected)
    {
        ChineseNumerals.TryParse(text, out var value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("十四五")]
    [InlineData("")]
    [InlineData("万")]
    [InlineData("五a")]
    public void Rejects_what_is_not_one_number(string text) =>
        ChineseNumerals.TryParse(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("一", 1)]
    [InlineData("十二", 12)]
    [InlineData("12", 12)]
    public void Reads_label_numbers(string text, int expected) =>
        ChineseNumerals.ParseLabelNumber(text).ShouldBe(expected);
}
