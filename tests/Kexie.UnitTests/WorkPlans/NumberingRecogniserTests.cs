using Kexie.Web.Modules.WorkPlans.Parsing;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.WorkPlans;

public class NumberingRecogniserTests
{
    [Theory]
    [InlineData("一、加强政治建设", NumberingStyle.ChineseComma, 1, "一、")]
    [InlineData("十二、其他", NumberingStyle.ChineseComma, 12, "十二、")]
    [InlineData("三．加强组织建设", NumberingStyle.ChineseComma, 3, "三．")]
    [InlineData("二.服务科技人才", NumberingStyle.ChineseComma, 2, "二.")]
    [InlineData("一、2023年工作回顾", NumberingStyle.ChineseComma, 1, "一、")]
    [InlineData("第二部分 主要目标", NumberingStyle.Section, 2, "第二部分")]
    [InlineData("（一）加强思想政治建设", NumberingStyle.ChineseParen, 1, "（一）")]
    [InlineData("(三)组织建设", NumberingStyle.ChineseParen, 3, "(三)")]
    [InlineData("1.强化政治思想引领。", NumberingStyle.Arabic, 1, "1.")]
    [InlineData("2、加强科技工作者联系服务", NumberingStyle.Arabic, 2, "2、")]
    [InlineData("3．办好群众性科普活动", NumberingStyle.Arabic, 3, "3．")]
    [InlineData("12. 第十二项", NumberingStyle.Arabic, 12, "12.")]
    [InlineData("（1）开展科技活动周活动", NumberingStyle.ArabicParen, 1, "（1）")]
    [InlineData("(2)开展全国科普日活动", NumberingStyle.ArabicParen, 2, "(2)")]
    [InlineData("3）落实", NumberingStyle.ArabicParen, 3, "3）")]
    [InlineData("②第二条", NumberingStyle.Circled, 2, "②")]
    public void Recognises_numbering_styles(string line, NumberingStyle style, int number, string label)
    {
        var marker = NumberingRecogniser.MatchAt(line);
        marker.ShouldNotBeNull();
        marker.Style.ShouldBe(style);
        marker.Number.ShouldBe(number);
        marker.Label.ShouldBe(label);
    }

    [Theory]
    [InlineData("2022年是党的二十大召开之年")]
    [InlineData("1.5万人次参加活动")]
    [InlineData("一年来，市科协")]
    [InlineData("十九大精神")]
    [InlineData("一是加强")]
    [InlineData("加强政治建设")]
    public void Does_not_take_ordinary_text_for_numbering(string line) =>
        NumberingRecogniser.MatchAt(line).ShouldBeNull();

    [Fact]
    public void Finds_yi_shi_er_shi_enumerations_in_order()
    {
        var markers = NumberingRecogniser.FindEnumeration("围绕科普工作：一是办好活动；二是建好阵地；三是壮大队伍。统一是前提。");
        markers.Select(m => m.Label).ShouldBe(["一是", "二是", "三是"]);
        markers.Select(m => m.Number).ShouldBe([1, 2, 3]);
    }

    [Fact]
    public void A_lone_yi_shi_is_not_an_enumeration() =>
        NumberingRecogniser.FindEnumeration("这一是非问题，一是否定。").ShouldBeEmpty();
}
