using Kexie.Web.Modules.WorkPlans.Parsing;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.WorkPlans;

public class QuantityExtractorTests
{
    private static ExtractedQuantity Single(string sentence)
    {
        var found = QuantityExtractor.Extract(sentence);
        found.Count.ShouldBe(1, $"in 「{sentence}」 found {string.Join(" | ", found.Select(f => f.Text + "/" + f.Subject))}");
        return found[0];
    }

    [Fact]
    public void Reads_subject_before_the_number()
    {
        var q = Single("新建院士专家工作站5家。");
        q.Value.ShouldBe(5m);
        q.Unit.ShouldBe("家");
        q.Subject.ShouldBe("院士专家工作站");
        q.Verb.ShouldBe("新建");
        q.Bound.ShouldBe(QuantityBound.Exact);
        q.Sentence.ShouldBe("新建院士专家工作站5家。");
    }

    [Fact]
    public void Reads_subject_after_verb_and_number()
    {
        var q = Single("实施5项科普服务重点工程。");
        q.Value.ShouldBe(5m);
        q.Unit.ShouldBe("项");
        q.Subject.ShouldBe("科普服务重点工程");
        q.Verb.ShouldBe("实施");
    }

    [Theory]
    [InlineData("全年开展各类科普体验活动50次以上。", 50, QuantityBound.AtLeast)]
    [InlineData("全年开展科普活动不少于150场次。", 150, QuantityBound.AtLeast)]
    [InlineData("至少举办培训班3期。", 3, QuantityBound.AtLeast)]
    [InlineData("参与人数超过10万人次。", 100000, QuantityBound.AtLeast)]
    [InlineData("公民具备科学素质比例达到15%以上。", 15, QuantityBound.AtLeast)]
    [InlineData("每个项目资助经费不超过5万元。", 5, QuantityBound.AtMost)]
    [InlineData("运行经费控制在30万元以内。", 30, QuantityBound.AtMost)]
    [InlineData("支持学会开展学术交流活动30场左右。", 30, QuantityBound.Approx)]
    [InlineData("受益群众约15万人次。", 150000, QuantityBound.Approx)]
    [InlineData("参观人数5万余人次。", 50000, QuantityBound.Approx)]
    [InlineData("全年开展科普活动60多场次。", 60, QuantityBound.Approx)]
    [InlineData("注册志愿者4000余人。", 4000, QuantityBound.Approx)]
    [InlineData("组建科技志愿服务队56支。", 56, QuantityBound.Exact)]
    [InlineData("公民具备科学素质比例达到14%。", 14, QuantityBound.Exact)]
    public void Reads_bounds(string sentence, int value, QuantityBound bound)
    {
        var q = Single(sentence);
        q.Value.ShouldBe(value);
        q.Bound.ShouldBe(bound);
    }

    [Theory]
    [InlineData("重点扶持30—50所精品社区科普大学。", 30, 50, "所", "精品社区科普大学")]
    [InlineData("新建科普示范基地30-50个。", 30, 50, "个", "科普示范基地")]
    [InlineData("培育市级科普教育基地3至5个。", 3, 5, "个", "市级科普教育基地")]
    [InlineData("新建科普示范基地8～10个。", 8, 10, "个", "科普示范基地")]
    [InlineData("新建院士专家工作站3——5家。", 3, 5, "家", "院士专家工作站")]
    [InlineData("培训农民3-5万人次。", 30000, 50000, "人次", "农民")]
    public void Reads_ranges(string sentence, int lower, int upper, string unit, string subject)
    {
        var q = Single(sentence);
        q.Value.ShouldBe(lower);
        q.UpperValue.ShouldBe(upper);
        q.Bound.ShouldBe(QuantityBound.Range);
        q.Unit.ShouldBe(unit);
        q.Subject.ShouldBe(subject);
    }

    [Theory]
    [InlineData("参观人数5万人次。", 50000, "人次")]
    [InlineData("参加公众10.2万人次。", 102000, "人次")]
    [InlineData("参加公众10多万人次。", 100000, "人次")]
    [InlineData("争取中省项目资金120万元。", 120, "万元")]
    [InlineData("投入资金1.2亿元。", 1.2, "亿元")]
    [InlineData("投入资金500余万元。", 500, "万元")]
    [InlineData("建设农技协示范站两个。", 2, "个")]
    [InlineData("培训农民五万人次。", 50000, "人次")]
    [InlineData("举办讲座三十场。", 30, "场")]
    [InlineData("比例提高1.5个百分点。", 1.5, "个百分点")]
    [InlineData("全年开展科普活动300场次。", 300, "场次")]
    [InlineData("征集学术论文350篇。", 350, "篇")]
    [InlineData("引进高层次人才14名。", 14, "名")]
    public void Reads_numbers_and_units(string sentence, double value, string unit)
    {
        var q = Single(sentence);
        q.Value.ShouldBe((decimal)value);
        q.Unit.ShouldBe(unit);
    }

    [Theory]
    [InlineData("2022年是党的二十大召开之年，也是“十四五”规划实施的关键之年。")]
    [InlineData("增强“四个意识”、坚定“四个自信”、做到“两个维护”。")]
    [InlineData("增强四个意识、坚定四个自信、做到两个维护。")]
    [InlineData("精心组织开展汉中市第三十届“科技之春”宣传月。")]
    [InlineData("深入开展第十五届“学术金秋”活动。")]
    [InlineData("大力开展第五批市级院士专家工作站申报评审工作。")]
    [InlineData("建立“4+1”工作机制，落实1+N工作机制。")]
    [InlineData("争取进入全省前三名。")]
    [InlineData("推动市政府印发《汉中市贯彻<全民科学素质行动规划纲要（2021-2035年）>实施方案》。")]
    [InlineData("汉科协发〔2022〕5号")]
    [InlineData("2022年3月1日")]
    [InlineData("机关工作人员每周4天在机关工作，1天下基层工作。")]
    [InlineData("按照“三个一批”要求进行整改，实施三个一批。")]
    [InlineData("深入千家万户，坚持每周一学，编印一批科普读物，组织一线人员。")]
    [InlineData("推进二期工程建设，两个月内完成。")]
    [InlineData("实现100%覆盖的目标。")]
    public void Ignores_years_ordinals_and_slogans(string sentence) =>
        QuantityExtractor.Extract(sentence).ShouldBeEmpty();

    [Theory]
    [InlineData("组织开展各类科普活动1—2次/月。", 1, "次", "科普活动", QuantityBound.Range)]
    [InlineData("推荐百余名科技人员参加省级培训。", 100, "名", "科技人员", QuantityBound.Approx)]
    [InlineData("镇级科普活动站覆盖率提高到80%。", 80, "%", "镇级科普活动站覆盖率", QuantityBound.Exact)]
    [InlineData("新建（改建）科普馆2个。", 2, "个", "科普馆", QuantityBound.Exact)]
    [InlineData("对28家学会开展年度评价。", 28, "家", "学会", QuantityBound.Exact)]
    [InlineData("至少举办科普讲座3场。", 3, "场", "科普讲座", QuantityBound.AtLeast)]
    public void Reads_rates_vague_hundreds_and_notes(string sentence, int value, string unit, string subject, QuantityBound bound)
    {
        var q = Single(sentence);
        q.Value.ShouldBe(value);
        q.Unit.ShouldBe(unit);
        q.Subject.ShouldBe(subject);
        q.Bound.ShouldBe(bound);
    }

    [Theory]
    [InlineData("组织数十场科普讲座。")]
    [InlineData("坚持一个中心、两个基本点。")]
    [InlineData("深入开展百强企业评选。")]
    public void Vague_counts_are_not_targets(string sentence) =>
        QuantityExtractor.Extract(sentence).ShouldBeEmpty();

    [Fact]
    public void A_breakdown_in_brackets_keeps_its_own_subject()
    {
        var found = QuantityExtractor.Extract("新建专家工作站3家（其中院士工作站1家）。");
        found.Select(q => (q.Value, q.Subject)).ShouldBe([(3m, "专家工作站"), (1m, "院士工作站")]);
    }

    [Fact]
    public void Breakdown_after_qi_zhong_inherits_the_subject()
    {
        var found = QuantityExtractor.Extract("新建专家工作站8家，其中省级7家、市级1家。");
        found.Select(q => (q.Value, q.Subject)).ShouldBe([(8m, "专家工作站"), (7m, "省级专家工作站"), (1m, "市级专家工作站")]);
    }

    [Fact]
    public void Two_figures_in_one_sentence()
    {
        var found = QuantityExtractor.Extract("全年开展科普活动60多场次，参加公众10多万人次。");
        found.Count.ShouldBe(2);
        found[0].Subject.ShouldBe("科普活动");
        found[1].Subject.ShouldBe("公众");
        found[1].Value.ShouldBe(100000m);
    }

    [Fact]
    public void Offsets_point_at_the_quantity_phrase()
    {
        const string text = "全年开展各类科普体验活动50次以上。";
        var q = Single(text);
        text.Substring(q.Start, q.Length).ShouldBe("50次以上");
        q.Text.ShouldBe("50次以上");
    }
}
