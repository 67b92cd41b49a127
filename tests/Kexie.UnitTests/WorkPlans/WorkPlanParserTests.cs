using System.Text.Json;
using Kexie.Web.Modules.WorkPlans.Parsing;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.WorkPlans;

public class WorkPlanParserTests
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private const string Plan = """
        汉中市科学技术协会2022年工作要点
        全市科协工作的总体思路是：以服务科技工作者为根本，推动科技经济融合。

        一、加强政治建设，激发干事创业热情

        1.强化政治思想引领。紧紧围绕迎接、宣传、贯彻党的二十大，增强“四个意识”。
        2.持续提升作风能力。举办科协系统能力提升培训班。
        二、推进科学普及，提升公众科学素质
        1.认真履行领导小组办公室职责。开展5项科学素质提升行动，实施5项科普服务重点工程。
                                          汉中市科学技术协会
        """;

    [Fact]
    public void Reads_title_year_organisation_preamble_and_parts()
    {
        var plan = WorkPlanParser.Parse(Plan);

        plan.Title.ShouldBe("汉中市科学技术协会2022年工作要点");
        plan.Year.ShouldBe(2022);
        plan.Organisation.ShouldBe("汉中市科学技术协会");
        plan.Kind.ShouldBe(WorkPlanDocumentKind.Plan);
        plan.Preamble.ShouldBe("全市科协工作的总体思路是：以服务科技工作者为根本，推动科技经济融合。");
        plan.Parts.Select(p => (p.Label, p.Number, p.Title)).ShouldBe([
            ("一、", (int?)1, "加强政治建设，激发干事创业热情"),
            ("二、", (int?)2, "推进科学普及，提升公众科学素质")]);
        plan.Furniture.Single().Kind.ShouldBe(FurnitureKind.Signature);
    }

    [Fact]
    public void Items_have_label_title_body_and_offsets()
    {
        var plan = WorkPlanParser.Parse(Plan);
        var item = plan.Parts[0].Items[0];

        item.Path.ShouldBe("1.1");
        item.Level.ShouldBe(1);
        item.Label.ShouldBe("1.");
        item.Number.ShouldBe(1);
        item.Title.ShouldBe("强化政治思想引领");
        item.HasShortTitle.ShouldBeTrue();
        item.Body.ShouldBe("紧紧围绕迎接、宣传、贯彻党的二十大，增强“四个意识”。");
        Plan.Substring(item.Start, item.Length).ShouldBe(item.Text);
        item.Targets.ShouldBeEmpty();

        var targets = plan.Parts[1].Items[0].Targets;
        targets.Select(t => (t.Value, t.Unit, t.Subject, t.Verb)).ShouldBe([
            (5m, "项", "科学素质提升行动", "开展"),
            (5m, "项", "科普服务重点工程", "实施")]);
        Plan.Substring(targets[1].Start, targets[1].Length).ShouldBe("5项");
    }

    [Fact]
    public void Sub_sections_nest_items_by_path()
    {
        const string text = """
            长治市科协2023年工作要点
            一、提升公民科学素质
            （一）办好群众性科普活动
            1.组织宣传月活动。开展科普宣传活动100场次。
            2.办好全国科普日活动。参与公众不少于30万人次。
            （二）加强科普阵地建设
            新建科普e站。新建科普e站20个。
            推进科技馆建设。开展科普教育活动50场。
            （三）加强青少年科技教育：举办青少年科技创新大赛。
            （1）组织初赛。
            （2）组织决赛。
            """;
        var items = WorkPlanParser.Parse(text).Parts.Single().Items;

        items.Select(i => (i.Path, i.Level, i.Label, i.Title)).ShouldBe([
            ("1.1", 1, "（一）", "办好群众性科普活动"),
            ("1.1.1", 2, "1.", "组织宣传月活动"),
            ("1.1.2", 2, "2.", "办好全国科普日活动"),
            ("1.2", 1, "（二）", "加强科普阵地建设"),
            ("1.2.1", 2, null, "新建科普e站"),
            ("1.2.2", 2, null, "推进科技馆建设"),
            ("1.3", 1, "（三）", "加强青少年科技教育"),
            ("1.3.1", 2, "（1）", "组织初赛"),
            ("1.3.2", 2, "（2）", "组织决赛")]);
        items[6].Body.ShouldBe("举办青少年科技创新大赛。");
    }

    [Fact]
    public void Numbered_items_run_together_in_one_paragraph_are_split()
    {
        const string text = """
            渭南市科协2025年工作计划
            一、服务科技人才
            1.关心科技工作者。慰问一线科技工作者50名。2.加强智库建设。报送调研报告不少于8篇。3.做好举荐。（1）推荐候选人2名；（2）组织答辩。
            """;
        var items = WorkPlanParser.Parse(text).Parts.Single().Items;

        items.Select(i => (i.Path, i.Title)).ShouldBe([
            ("1.1", "关心科技工作者"),
            ("1.2", "加强智库建设"),
            ("1.3", "做好举荐"),
            ("1.3.1", "推荐候选人2名"),
            ("1.3.2", "组织答辩")]);
    }

    [Fact]
    public void Unnumbered_paragraphs_open_items_only_with_a_short_title_sentence()
    {
        const string text = """
            某市科协2024年工作要点
            一、加强组织建设
            强化基层组织。推进镇街科协建设。
            这一段没有标题句，它紧接着上一段，继续说明基层组织建设的具体做法和要求，应当并入上一条。
            加强学会建设。指导学会换届。
            """;
        var items = WorkPlanParser.Parse(text).Parts.Single().Items;

        items.Select(i => i.Title).ShouldBe(["强化基层组织", "加强学会建设"]);
        items[0].Body.ShouldBe("推进镇街科协建设。\n这一段没有标题句，它紧接着上一段，继续说明基层组织建设的具体做法和要求，应当并入上一条。");
    }

    [Fact]
    public void Parts_headed_di_yi_bu_fen_hold_chinese_numbered_sections()
    {
        const string text = """
            渭南市科学技术协会2025年工作计划
            第一部分 2024年工作回顾
            一．科普工作。全年开展科普活动60多场次。
            第二部分 2025年工作要点
            一．深化科普工作
            1．推进科普阵地建设。新建科普示范基地8～10个。
            """;
        var plan = WorkPlanParser.Parse(text);

        plan.Kind.ShouldBe(WorkPlanDocumentKind.ReviewAndPlan);
        plan.Parts.Select(p => (p.Label, p.Title, p.Kind)).ShouldBe([
            ("第一部分", "2024年工作回顾", WorkPlanPartKind.Review),
            ("第二部分", "2025年工作要点", WorkPlanPartKind.Plan)]);
        plan.Parts[0].Items.Single().Figures.Single().Value.ShouldBe(60m);
        plan.Parts[1].Items.Select(i => i.Path).ShouldBe(["2.1", "2.1.1"]);
        plan.Parts[1].Items[1].Targets.Single().UpperValue.ShouldBe(10m);
    }

    [Fact]
    public void A_cover_letter_before_the_title_is_unplaced_not_lost()
    {
        const string text = """
            旬阳市科协文件
            旬科协发〔2025〕3号
            关于印发《旬阳市科协2025年工作要点》的通知
            各镇（街道）科协：
            现将《旬阳市科协2025年工作要点》印发给你们，请认真抓好落实。

            旬阳市科协2025年工作要点
            一、科普惠民行动
            1、开展群众性科普活动
            围绕科技活动周、全国科普日，
            组织开展各类科普活动1—2次/月，
            全年受益群众两千人次以上。
            """;
        var plan = WorkPlanParser.Parse(text);

        plan.Title.ShouldBe("旬阳市科协2025年工作要点");
        plan.Furniture.Select(f => f.Kind).ShouldBe([FurnitureKind.RunningHeader, FurnitureKind.DocumentNumber]);
        plan.Unplaced.Select(u => u.Text).ShouldBe([
            "关于印发《旬阳市科协2025年工作要点》的通知",
            "各镇（街道）科协：",
            "现将《旬阳市科协2025年工作要点》印发给你们，请认真抓好落实。"]);

        // Lines broken after every comma are one paragraph: the heading's body.
        var item = plan.Parts.Single().Items.Single();
        item.Title.ShouldBe("开展群众性科普活动");
        item.Body.ShouldBe("围绕科技活动周、全国科普日，组织开展各类科普活动1—2次/月，全年受益群众两千人次以上。");
        item.Targets.Select(t => (t.Value, t.UpperValue, t.Unit)).ShouldBe([(1m, (decimal?)2m, "次"), (2000m, null, "人次")]);
    }

    [Fact]
    public void Plain_text_without_structure_is_kept_whole()
    {
        var plan = WorkPlanParser.Parse("这是一段随便粘贴的文字，没有标题，也没有编号。\n第二段也没有编号。");

        plan.Title.ShouldBe(string.Empty);
        plan.TitleStart.ShouldBe(-1);
        WorkPlanCoverage.FindUncovered(plan).ShouldBeEmpty();
        string.Concat(plan.PreambleParagraphs.Select(p => p.Text).Concat(plan.Parts.SelectMany(p => p.Items).Select(i => i.Text)))
            .ShouldBe("这是一段随便粘贴的文字，没有标题，也没有编号。第二段也没有编号。");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("一、")]
    [InlineData("1.")]
    [InlineData("（一）\n1.\n一是二是")]
    public void Degenerate_input_does_not_throw(string text)
    {
        var plan = WorkPlanParser.Parse(text);
        WorkPlanCoverage.FindUncovered(plan).ShouldBeEmpty();
    }

    [Fact]
    public void Serialises_to_json_with_enums_as_strings()
    {
        var plan = WorkPlanParser.Parse(Plan);
        var json = JsonSerializer.Serialize(plan, WebJson);

        json.ShouldContain("\"kind\":\"Plan\"");
        json.ShouldContain("\"bound\":\"Exact\"");
        json.ShouldContain("\"kind\":\"Signature\"");
        var back = JsonSerializer.Deserialize<ParsedWorkPlan>(json, WebJson);
        back.ShouldNotBeNull();
        back.Parts[1].Items[0].Targets[0].Subject.ShouldBe("科学素质提升行动");
    }
}
