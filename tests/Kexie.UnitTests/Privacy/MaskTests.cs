using Kexie.Web.Platform.Privacy;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Privacy;

public class MaskTests
{
    [Theory]
    [InlineData("610102199001011234", "6101**********1234")]
    [InlineData("11010519491231002X", "1101**********002X")]
    [InlineData(" 610102 19900101 1234 ", "6101**********1234")]
    [InlineData("610102900101123", "610*********123")] // old 15-digit number
    [InlineData("12345678", "12****78")]
    [InlineData("123", "***")]
    [InlineData("1", "*")]
    public void IdNumber_keeps_first_and_last_four(string input, string expected) =>
        Mask.IdNumber(input).ShouldBe(expected);

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("+86 138-1234-5678", "138****5678")]
    [InlineData("0916-2345678", "0916-****678")]
    [InlineData("010-62345678", "010-****5678")]
    [InlineData("010-62345678-801", "010-****5678-801")]
    [InlineData("(0916)2345678", "0916-****678")]
    [InlineData("1381234", "1*****4")] // not a phone number: masked generically
    [InlineData("12", "**")]
    public void Phone_masks_the_middle(string input, string expected) =>
        Mask.Phone(input).ShouldBe(expected);

    [Theory]
    [InlineData("张三丰", "张**")]
    [InlineData("张三", "张*")]
    [InlineData("张", "*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData(" 李四 ", "李*")]
    [InlineData("阿依·买买提", "阿*·***")]
    [InlineData("𠮷野家", "𠮷**")] // surrogate pair kept whole
    [InlineData("John Smith", "J*** *****")]
    public void Name_keeps_the_first_character(string input, string expected) =>
        Mask.Name(input).ShouldBe(expected);

    [Theory]
    [InlineData("zhangsan@example.com", "z***@example.com")]
    [InlineData("a@example.com", "***@example.com")]
    [InlineData(" li.si@kexie.org.cn ", "l***@kexie.org.cn")]
    [InlineData("not-an-email", "n**********l")]
    [InlineData("@example.com", "@**********m")]
    public void Email_keeps_first_character_and_domain(string input, string expected) =>
        Mask.Email(input).ShouldBe(expected);

    [Fact]
    public void Everything_is_null_and_blank_safe()
    {
        foreach (var value in new string?[] { null, "", "   " })
        {
            Mask.IdNumber(value).ShouldBe(string.Empty);
            Mask.Phone(value).ShouldBe(string.Empty);
            Mask.Name(value).ShouldBe(string.Empty);
            Mask.Email(value).ShouldBe(string.Empty);
            Mask.Text(value, 3, 4).ShouldBe(string.Empty);
        }
    }

    [Fact]
    public void Malformed_input_never_throws_and_is_never_returned_whole()
    {
        var hostile = new[] { "\uD800\uD800abc", "@", "@@", "x@", "<script>", new string('9', 5000), "\u0301\u0301" };
        foreach (var value in hostile)
        {
            Mask.IdNumber(value).ShouldNotBe(value);
            Mask.Phone(value).ShouldNotBe(value);
            Mask.Name(value).ShouldNotBe(value);
            Mask.Email(value).ShouldNotBe(value);
        }
    }

    [Theory]
    [InlineData("abcdefghij", 3, 4, "ab*****hij")]
    [InlineData("abcdefghijklmnop", 3, 4, "abc*********mnop")]
    [InlineData("abcd", 10, 10, "a**d")]
    [InlineData("abcdef", -1, 2, "****ef")]
    [InlineData("abcdef", int.MaxValue, int.MaxValue, "a***ef")]
    public void Text_always_masks_at_least_half(string input, int start, int end, string expected) =>
        Mask.Text(input, start, end).ShouldBe(expected);
}
