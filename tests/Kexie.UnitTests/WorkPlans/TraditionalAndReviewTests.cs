using Kexie.Web.Modules.WorkPlans.Parsing;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.WorkPlans;

public class TraditionalAndReviewTests
{
    [Fact]
    public void Traditional_text_is_parsed_as_simplified_and_the_original_is_kept()
    {
        const string text = """
            寶雞市科學技術協會2024年工作要點

            一、提升全民科學素質
            1、辦好品牌科普活動。全年開展各類科普活動300場次以上，參與公眾達到20萬人次。
            2、加強科普陣地建設。建設農技協示範站兩個。
            """;
        var plan = WorkPlanParser.Parse(text);

        plan.ConvertedFromTraditional.ShouldBeTrue();
        plan.OriginalText.ShouldBe(text);
        plan.Title.ShouldBe("宝鸡市科学技术协会2024年工作要点");
        plan.Organisation.ShouldBe("宝鸡市科学技术协会");
        var items = plan.Parts.Single().Items;
        items[0].Title.ShouldBe("办好品牌科普活动");
        items[0].Targets.Select(t => (t.Value, t.Unit, t.Subject, t.Bound)).ShouldBe([
            (300m, "场次", "科普活动", QuantityBound.AtLeast),
            (200000m, "人次", "公众", QuantityBound.Exact)]);
        items[1].Targets.Single().Value.ShouldBe(2m);

        // Offsets point into the original, traditional text.
        var target = items[0].Targets[0];
        text.Substring(target.Start, target.Length).ShouldBe("300場次以上");
        text.Substring(items[1].Start, items[1].Length).ShouldStartWith("2、加強科普陣地建設");
    }

    [Fact]
    public void Simplified_text_is_left_alone()
    {
        ChineseTextNormaliser.LooksTraditional("汉中市科学技术协会2022年工作要点，于是干部了望。").ShouldBeFalse();
        var normalised = ChineseTextNormaliser.Normalise("干部瞭望台", out var converted);
        converted.ShouldBeFalse();
        normalised.ShouldBe("干部瞭望台");
    }

    [Fact]
    public void Conversion_keeps_the_length()
    {
        const string text = "萬人次，兩個，「學術金秋」，１２３％";
        var normalised = ChineseTextNormaliser.Normalise(text, out var converted);
        converted.ShouldBeTrue();
        normalised.Length.ShouldBe(text.Length);
        normalised.ShouldBe("万人次，两个，「学术金秋」，123%");
    }

    [Fact]
    public void A_review_only_document_yields_figures_and_no_tasks()
    {
        const string text = """
            荆州市科协2023年工作综述

            2023年，市科协团结带领全市广大科技工作者，各项工作取得新成效。

            一、科学普及工作亮点纷呈
            科普活动覆盖面持续扩大。全年开展科普活动60多场次，参加公众10多万人次。
            科普阵地建设稳步推进。科技馆参观人数5万余人次。
            二、组织建设不断加强
            （一）院士专家工作站建设提质增效。全年新建专家工作站8家，其中省级7家、市级1家。
            （二）志愿服务队伍壮大。注册志愿者4000余人。
            """;
        var plan = WorkPlanParser.Parse(text);

        plan.Kind.ShouldBe(WorkPlanDocumentKind.Review);
        plan.Year.ShouldBe(2023);
        plan.Parts.ShouldAllBe(p => p.Kind == WorkPlanPartKind.Review);
        plan.Parts.SelectMany(p => p.Items).ShouldAllBe(i => i.Kind == WorkPlanPartKind.Review && i.Targets.Count == 0);
        var figures = plan.Parts.SelectMany(p => p.Items).SelectMany(i => i.Figures).ToList();
        figures.Select(f => (f.Value, f.Unit, f.Subject, f.Bound)).ShouldBe([
            (60m, "场次", "科普活动", QuantityBound.Approx),
            (100000m, "人次", "公众", QuantityBound.Approx),
            (50000m, "人次", "科技馆参观人数", QuantityBound.Approx),
            (8m, "家", "专家工作站", QuantityBound.Exact),
            (7m, "家", "省级专家工作站", QuantityBound.Exact),
            (1m, "家", "市级专家工作站", QuantityBound.Exact),
            (4000m, "人", "志愿者", QuantityBound.Approx)]);
    }

    [Fact]
    public void Review_part_then_plan_part()
    {
        const string text = """
            安康市科协2023年工作总结及2024年工作安排

            一、2023年工作回顾
            （一）科普工作扎实开展。一是全年举办各类科普活动156场次；二是建成社区科普大学教学点12个。
            二、2024年工作安排
            （一）提升公民科学素质。一是全年开展科普活动不少于150场次；二是新建科普示范社区（村）10个。（责任单位：科普部、青少年科技中心）
            """;
        var plan = WorkPlanParser.Parse(text);

        plan.Kind.ShouldBe(WorkPlanDocumentKind.ReviewAndPlan);
        plan.Year.ShouldBe(2024);
        plan.Parts.Select(p => p.Kind).ShouldBe([WorkPlanPartKind.Review, WorkPlanPartKind.Plan]);

        var review = plan.Parts[0].Items;
        review.Select(i => i.Path).ShouldBe(["1.1", "1.1.1", "1.1.2"]);
        review.SelectMany(i => i.Figures).Select(f => f.Value).ShouldBe([156m, 12m]);
        review.ShouldAllBe(i => i.Targets.Count == 0);

        var plannedItems = plan.Parts[1].Items;
        plannedItems.Select(i => (i.Path, i.Label, i.Title)).ShouldBe([
            ("2.1", "（一）", "提升公民科学素质"),
            ("2.1.1", "一是", "全年开展科普活动不少于150场次"),
            ("2.1.2", "二是", "新建科普示范社区（村）10个")]);
        plannedItems.ShouldAllBe(i => i.ResponsibleUnits.SequenceEqual(new[] { "科普部", "青少年科技中心" }));
        plannedItems[1].Targets.Single().Bound.ShouldBe(QuantityBound.AtLeast);
        plannedItems[2].Targets.Single().Subject.ShouldBe("科普示范社区（村）");
    }
}
