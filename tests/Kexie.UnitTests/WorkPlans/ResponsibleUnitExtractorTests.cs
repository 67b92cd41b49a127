using Kexie.Web.Modules.WorkPlans.Parsing;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.WorkPlans;

public class ResponsibleUnitExtractorTests
{
    [Theory]
    [InlineData("开展科普活动。（责任单位：市科协、市科技局）", new[] { "市科协", "市科技局" })]
    [InlineData("开展科普活动（责任单位:市科协，市教育局；市科技局）", new[] { "市科协", "市教育局", "市科技局" })]
    [InlineData("责任部门：科普部、青少年科技中心", new[] { "科普部", "青少年科技中心" })]
    [InlineData("【责任单位】办公室", new[] { "办公室" })]
    [InlineData("（责任单位：市科协（牵头）、市教育局）", new[] { "市科协", "市教育局" })]
    public void Reads_responsible_units(string text, string[] units)
    {
        var clauses = ResponsibleUnitExtractor.FindClauses(text);
        clauses.Count.ShouldBe(1);
        clauses[0].Responsible.ShouldBe(units);
    }

    [Fact]
    public void Separates_lead_and_supporting_units()
    {
        var clause = ResponsibleUnitExtractor.FindClauses("发展会员500人以上。（牵头单位：组织人事部；配合单位：各县区科协、市农学会）").Single();
        clause.Responsible.ShouldBe(["组织人事部"]);
        clause.Supporting.ShouldBe(["各县区科协", "市农学会"]);
    }

    [Fact]
    public void Clause_span_covers_the_brackets()
    {
        const string text = "做好工作（责任单位：办公室）。";
        var clause = ResponsibleUnitExtractor.FindClauses(text).Single();
        text.Substring(clause.Start, clause.Length).ShouldBe("（责任单位：办公室）");
    }

    [Fact]
    public void Text_without_a_clause_has_none() =>
        ResponsibleUnitExtractor.FindClauses("加强单位建设，明确责任。").ShouldBeEmpty();
}
