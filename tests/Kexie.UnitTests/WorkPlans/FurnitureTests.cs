using Kexie.Web.Modules.WorkPlans.Parsing;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.WorkPlans;

public class FurnitureTests
{
    [Theory]
    [InlineData("— 3 —", FurnitureKind.PageNumber)]
    [InlineData("- 12 -", FurnitureKind.PageNumber)]
    [InlineData("第 2 页", FurnitureKind.PageNumber)]
    [InlineData("第2页 共5页", FurnitureKind.PageNumber)]
    [InlineData("3/5", FurnitureKind.PageNumber)]
    [InlineData("7", FurnitureKind.PageNumber)]
    [InlineData("附件", FurnitureKind.AttachmentMark)]
    [InlineData("附件1", FurnitureKind.AttachmentMark)]
    [InlineData("附件2：", FurnitureKind.AttachmentMark)]
    [InlineData("2022年3月1日", FurnitureKind.Date)]
    [InlineData("二〇二二年三月一日", FurnitureKind.Date)]
    [InlineData("（2022年3月1日）", FurnitureKind.Date)]
    [InlineData("汉科协发〔2022〕5号", FurnitureKind.DocumentNumber)]
    [InlineData("■■■", FurnitureKind.Symbol)]
    [InlineData("※", FurnitureKind.Symbol)]
    [InlineData("（此件公开发布）", FurnitureKind.Notice)]
    [InlineData("抄送：市委办公室，市政府办公室。", FurnitureKind.Signature)]
    [InlineData("汉中市科学技术协会办公室       2022年3月2日印发", FurnitureKind.Signature)]
    public void Recognises_single_line_furniture(string line, FurnitureKind kind) =>
        FurnitureRecogniser.Classify(line).ShouldBe(kind);

    [Theory]
    [InlineData("1.强化政治思想引领。")]
    [InlineData("一、加强政治建设")]
    [InlineData("2022年是党的二十大召开之年。")]
    [InlineData("附件材料要齐全。")]
    public void Leaves_content_alone(string line) =>
        FurnitureRecogniser.Classify(line).ShouldBeNull();

    [Fact]
    public void Page_furniture_is_set_aside_and_paragraphs_broken_by_a_page_are_joined()
    {
        const string text = """
            附件

            长治市科协2023年工作要点

            一、强化政治引领
            1.深入学习贯彻党的二十大精神。组织开展专题学习研讨，举办科技工作者专题培训班2期，培训骨干200人，推动学习往深里走、往

            — 3 —

            长治市科协2023年工作要点

            实里走、往心里走。
            2.落实全面从严治党责任。开展廉政教育活动4次。
            ● 3.加强阵地建设。新建科普e站20个。

            长治市科学技术协会
            2023年2月20日
            """;
        var plan = WorkPlanParser.Parse(text);

        plan.Title.ShouldBe("长治市科协2023年工作要点");
        plan.Furniture.Select(f => f.Kind).ShouldBe([
            FurnitureKind.AttachmentMark, FurnitureKind.PageNumber, FurnitureKind.RunningHeader,
            FurnitureKind.Symbol, FurnitureKind.Signature, FurnitureKind.Date]);
        var items = plan.Parts.Single().Items;
        items.Select(i => i.Title).ShouldBe(["深入学习贯彻党的二十大精神", "落实全面从严治党责任", "加强阵地建设"]);
        items[0].Text.ShouldEndWith("往深里走、往实里走、往心里走。");
        plan.Unplaced.ShouldBeEmpty();
        WorkPlanCoverage.FindUncovered(plan).ShouldBeEmpty();
    }

    [Fact]
    public void Windows_line_endings_and_full_width_spaces_do_not_matter()
    {
        var text = "汉中市科协2022年工作要点\r\n\r\n\u3000\u3000总体思路是：服务科技工作者。\r\n一、加强政治建设\r\n\u3000\u30001．强化政治思想引领。紧紧围绕中心。\r\n\u3000\u30002．持续提升作风能力。举办培训班２期。\r\n";
        var plan = WorkPlanParser.Parse(text);

        plan.Preamble.ShouldBe("总体思路是：服务科技工作者。");
        var items = plan.Parts.Single().Items;
        items.Select(i => i.Label).ShouldBe(["1．", "2．"]);
        items[1].Targets.Single().Value.ShouldBe(2m);
        WorkPlanCoverage.FindUncovered(plan).ShouldBeEmpty();
    }
}
