using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Modules.Awards.Features;
using Kexie.Web.Platform.Errors;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Awards;

public sealed class AwardAggregatorTests
{
    private static readonly ScoringForm Form = new(ScoringMethod.Weighted,
        [new("a", "创新性", 1m, 0, 50), new("b", "科学性", 0.5m, 0, 100)]);

    private static readonly Guid R1 = Guid.NewGuid(), R2 = Guid.NewGuid(), R3 = Guid.NewGuid(), R4 = Guid.NewGuid();

    private static ReviewScore S(Guid entry, Guid reviewer, decimal a, decimal b)
    {
        var values = new Dictionary<string, decimal> { ["a"] = a, ["b"] = b };
        return new ReviewScore(entry, reviewer, AwardAggregator.WeightedTotal(Form, values), values);
    }

    [Fact]
    public void Weighted_total_multiplies_each_criterion_by_its_weight()
    {
        AwardAggregator.WeightedTotal(Form, new Dictionary<string, decimal> { ["a"] = 40, ["b"] = 80 }).ShouldBe(80m);
    }

    [Fact]
    public void Trimmed_mean_drops_highest_and_lowest_only_from_three_scores()
    {
        AwardAggregator.Mean([10, 50, 60, 100], trimmed: true).ShouldBe(55m);
        AwardAggregator.Mean([10, 100], trimmed: true).ShouldBe(55m);
        AwardAggregator.Mean([10, 20, 90], trimmed: false).ShouldBe(40m);
        AwardAggregator.Mean([10, 20, 90], trimmed: true).ShouldBe(20m);
    }

    [Fact]
    public void Trimmed_mean_changes_the_ranking_when_one_reviewer_is_an_outlier()
    {
        var x = Guid.NewGuid();
        var y = Guid.NewGuid();
        // x: one reviewer gives 100, the others 60 → plain mean 73.3, trimmed 60; y: 65 from everyone.
        var scores = new[] { S(x, R1, 50, 100), S(x, R2, 30, 60), S(x, R3, 30, 60), S(y, R1, 35, 60), S(y, R2, 35, 60), S(y, R3, 35, 60) };
        var entries = new[] { new AggregateEntry(x, null), new AggregateEntry(y, null) };
        var plain = AwardAggregator.Aggregate(Form, new CallConfig { Tiers = [new("一等奖", Count: 1)] }, entries, scores);
        plain.Single(r => r.Tier == "一等奖").EntryId.ShouldBe(x);
        var trimmed = AwardAggregator.Aggregate(Form, new CallConfig { TrimmedMean = true, Tiers = [new("一等奖", Count: 1)] }, entries, scores);
        trimmed.Single(r => r.Tier == "一等奖").EntryId.ShouldBe(y);
        trimmed.Single(r => r.EntryId == x).Score.ShouldBe(60m);
    }

    [Fact]
    public void Equal_totals_are_separated_by_the_first_criterion_then_by_first_places_then_flagged()
    {
        var hiFirst = Guid.NewGuid();
        var loFirst = Guid.NewGuid();
        // Both total 60 for each reviewer; hiFirst has more on criterion a.
        var scores = new[] { S(hiFirst, R1, 40, 40), S(loFirst, R1, 20, 80), S(hiFirst, R2, 40, 40), S(loFirst, R2, 20, 80) };
        var res = AwardAggregator.Aggregate(Form, new CallConfig(), [new(loFirst, null), new(hiFirst, null)], scores);
        res.Single(r => r.EntryId == hiFirst).Rank.ShouldBe(1);
        res.Single(r => r.EntryId == loFirst).Rank.ShouldBe(2);
        res.ShouldAllBe(r => !r.TieFlagged);

        // Same everything: flagged for a staff decision, same rank.
        var p = Guid.NewGuid();
        var q = Guid.NewGuid();
        var same = new[] { S(p, R1, 30, 60), S(q, R1, 30, 60) };
        var tied = AwardAggregator.Aggregate(Form, new CallConfig(), [new(p, null), new(q, null)], same);
        tied.ShouldAllBe(r => r.TieFlagged && r.Rank == 1);

        // The staff order settles it.
        var decided = AwardAggregator.Aggregate(Form, new CallConfig(), [new(p, null), new(q, null)], same, [q, p]);
        decided.Single(r => r.EntryId == q).Rank.ShouldBe(1);
        decided.Single(r => r.EntryId == p).Rank.ShouldBe(2);
        decided.ShouldAllBe(r => !r.TieFlagged);
    }

    [Fact]
    public void More_first_places_break_a_tie_on_total_and_first_criterion()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var c = Guid.NewGuid();
        // a and b average the same on every criterion; a is R1's and R2's best, b is only R3's best... and R4 evens the means.
        var scores = new[]
        {
            S(a, R1, 40, 60), S(b, R1, 30, 60), S(c, R1, 10, 10),
            S(a, R2, 40, 60), S(b, R2, 30, 60), S(c, R2, 10, 10),
            S(a, R3, 20, 60), S(b, R3, 40, 60), S(c, R3, 50, 100),
            S(a, R4, 20, 60), S(b, R4, 20, 60), S(c, R4, 10, 10),
        };
        var res = AwardAggregator.Aggregate(Form, new CallConfig(), [new(a, null), new(b, null), new(c, null)], scores);
        res.Single(r => r.EntryId == a).Score.ShouldBe(res.Single(r => r.EntryId == b).Score);
        res.Single(r => r.EntryId == a).Rank.ShouldBeLessThan(res.Single(r => r.EntryId == b).Rank);
    }

    [Fact]
    public void Staff_decision_rule_flags_every_equal_total()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var scores = new[] { S(a, R1, 40, 40), S(b, R1, 20, 80) };
        var res = AwardAggregator.Aggregate(Form, new CallConfig { TieRule = TieRule.StaffDecision }, [new(a, null), new(b, null)], scores);
        res.ShouldAllBe(r => r.TieFlagged && r.Rank == 1);
    }

    [Fact]
    public void Tiers_are_filled_by_count_and_share_within_each_category()
    {
        var config = new CallConfig
        {
            Categories = ["学生", "辅导员"],
            Tiers = [new("一等奖", Count: 1, Category: "学生"), new("二等奖", Share: 0.5m, Category: "学生"), new("辅导员奖", Count: 1, Category: "辅导员")],
        };
        var students = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        var teachers = Enumerable.Range(0, 2).Select(_ => Guid.NewGuid()).ToList();
        var scores = students.Select((e, i) => S(e, R1, 40 - i, 40)).Concat(teachers.Select((e, i) => S(e, R1, 30 - i, 40))).ToList();
        var entries = students.Select(e => new AggregateEntry(e, "学生")).Concat(teachers.Select(e => new AggregateEntry(e, "辅导员"))).ToList();
        var res = AwardAggregator.Aggregate(Form, config, entries, scores);
        res.Single(r => r.EntryId == students[0]).Tier.ShouldBe("一等奖");
        res.Where(r => r.Tier == "二等奖").Select(r => r.EntryId).ShouldBe([students[1], students[2]], ignoreOrder: true);
        res.Single(r => r.EntryId == students[3]).Tier.ShouldBeNull();
        res.Single(r => r.EntryId == teachers[0]).Tier.ShouldBe("辅导员奖");
        res.Single(r => r.EntryId == teachers[0]).Rank.ShouldBe(1);
        res.Single(r => r.EntryId == teachers[1]).Tier.ShouldBeNull();
    }

    [Fact]
    public void A_tie_across_a_tier_boundary_never_exceeds_the_count_and_is_flagged()
    {
        var top = Guid.NewGuid();
        var t1 = Guid.NewGuid();
        var t2 = Guid.NewGuid();
        var scores = new[] { S(top, R1, 50, 100), S(t1, R1, 30, 60), S(t2, R1, 30, 60) };
        var config = new CallConfig { Tiers = [new("一等奖", Count: 2), new("二等奖", Count: 5)] };
        var res = AwardAggregator.Aggregate(Form, config, [new(top, null), new(t1, null), new(t2, null)], scores);
        res.Count(r => r.Tier == "一等奖").ShouldBe(1);
        res.Where(r => r.EntryId != top).ShouldAllBe(r => r.Tier == "二等奖" && r.TieFlagged && r.TieNote!.Contains("一等奖"));
    }

    [Fact]
    public void Pass_fail_and_grade_rounds_aggregate_by_majority_and_median()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var pf = new ScoringForm(ScoringMethod.PassFail, []);
        var res = AwardAggregator.Aggregate(pf, new CallConfig(), [new(a, null), new(b, null)],
            [new(a, R1, 1, Pass: true), new(a, R2, 1, Pass: true), new(a, R3, 0, Pass: false), new(b, R1, 0, Pass: false), new(b, R2, 1, Pass: true), new(b, R3, 0, Pass: false)]);
        res.Single(r => r.EntryId == a).Tier.ShouldBe("通过");
        res.Single(r => r.EntryId == b).Tier.ShouldBe("未通过");

        var grade = new ScoringForm(ScoringMethod.Grade, [], ["优秀", "合格", "不合格"]);
        var g = AwardAggregator.Aggregate(grade, new CallConfig(), [new(a, null), new(b, null)],
            [new(a, R1, null, Grade: "优秀"), new(a, R2, null, Grade: "优秀"), new(a, R3, null, Grade: "合格"), new(b, R1, null, Grade: "不合格"), new(b, R2, null, Grade: "合格"), new(b, R3, null, Grade: "不合格")]);
        g.Single(r => r.EntryId == a).Tier.ShouldBe("优秀");
        g.Single(r => r.EntryId == b).Tier.ShouldBe("不合格");
    }

    [Fact]
    public void Every_shipped_template_is_a_valid_configuration_that_survives_json()
    {
        AwardTemplates.All.Count.ShouldBe(7);
        foreach (var t in AwardTemplates.All)
        {
            t.Config.Validate();
            var back = CallConfig.FromJson(t.Config.ToJson());
            back.ToJson().ShouldBe(t.Config.ToJson());
        }
        var youth = AwardTemplates.Find("youth-innovation")!.Config;
        youth.Tiers.Where(x => x.Category == "学生科技创新成果").Select(x => x.Count).ShouldBe([12, 28, 102]);
        youth.Tiers.Where(x => x.Category == "科技辅导员科技教育创新成果").Select(x => x.Count).ShouldBe([4, 8, 12]);
        AwardTemplates.Find("think-tank")!.Config.Rounds.Select(r => r.Form.Method).ShouldBe([ScoringMethod.PassFail, ScoringMethod.Grade]);
        AwardTemplates.Find("most-beautiful")!.Config.PublicVoting.ShouldBeTrue();
    }

    [Fact]
    public void Bad_configurations_and_values_are_refused_in_chinese()
    {
        Should.Throw<DomainException>(() => new CallConfig { Rounds = [] }.Validate()).Message.ShouldContain("评审轮次");
        Should.Throw<DomainException>(() => new CallConfig { Rounds = [new("评审", new ScoringForm(ScoringMethod.Weighted, [new("a", "x", 1, 10, 5)]))] }.Validate())
            .Message.ShouldContain("最高分");
        Should.Throw<DomainException>(() => CallConfig.FromJson("{not json")).Message.ShouldContain("配置格式不正确");
        FieldDef[] fields = [new("n", "数量", FieldType.Number, true), new("v", "视频", FieldType.VideoLink), new("c", "年级", FieldType.Choice, Choices: ["初中", "高中"]), new("d", "日期", FieldType.Date)];
        Should.Throw<DomainException>(() => EntryFormValidator.Validate(fields, new Dictionary<string, string?> { ["n"] = "abc" }, false)).Message.ShouldContain("应为数字");
        Should.Throw<DomainException>(() => EntryFormValidator.Validate(fields, new Dictionary<string, string?> { ["v"] = "ftp://x" }, false)).Message.ShouldContain("视频链接");
        Should.Throw<DomainException>(() => EntryFormValidator.Validate(fields, new Dictionary<string, string?> { ["c"] = "大学" }, false)).Message.ShouldContain("选项");
        Should.Throw<DomainException>(() => EntryFormValidator.Validate(fields, new Dictionary<string, string?> { ["d"] = "2026/5/1" }, false)).Message.ShouldContain("日期");
        Should.Throw<DomainException>(() => EntryFormValidator.Validate(fields, new Dictionary<string, string?>(), true)).Message.ShouldContain("请填写「数量」");
        Should.Throw<DomainException>(() => EntryFormValidator.Validate(fields, new Dictionary<string, string?> { ["x"] = "1" }, false)).Message.ShouldContain("没有字段");
        EntryFormValidator.Validate(fields, new Dictionary<string, string?> { ["n"] = "3.5", ["c"] = "高中", ["d"] = "2026-05-01", ["v"] = "https://v.cn/1" }, true).Count.ShouldBe(4);
    }

    [Fact]
    public void The_public_vote_blends_in_with_the_configured_weight_as_a_share_of_the_most_voted()
    {
        // Form maximum 50×1 + 100×0.5 = 100. x: experts 90, 10 votes; y: experts 100, 40 votes.
        var x = Guid.NewGuid();
        var y = Guid.NewGuid();
        var scores = new[] { S(x, R1, 40, 100), S(y, R1, 50, 100) };
        var config = new CallConfig { PublicVoting = true, VotingWeightPercent = 50, Tiers = [new("一等奖", Count: 1)] };
        var votes = new Dictionary<Guid, int> { [x] = 40, [y] = 10 };
        var res = AwardAggregator.Aggregate(Form, config, [new(x, null), new(y, null)], scores, votes: votes);
        var rx = res.Single(r => r.EntryId == x);
        rx.Score.ShouldBe(95m); // 50% × 0.9 + 50% × 1
        rx.ExpertScore.ShouldBe(90m);
        rx.Votes.ShouldBe(40);
        rx.Tier.ShouldBe("一等奖");
        res.Single(r => r.EntryId == y).Score.ShouldBe(62.5m); // 50% × 1 + 50% × 0.25
        // Without a weight the vote does not count.
        var plain = AwardAggregator.Aggregate(Form, config with { VotingWeightPercent = 0 }, [new(x, null), new(y, null)], scores, votes: votes);
        plain.Single(r => r.Tier == "一等奖").EntryId.ShouldBe(y);
        plain.ShouldAllBe(r => r.Votes == null);
    }

    [Fact]
    public void A_vote_weight_needs_public_voting_and_a_scorable_final_round()
    {
        Should.Throw<DomainException>(() => new CallConfig { VotingWeightPercent = 10, Rounds = [new("评审", Form)] }.Validate()).Message.ShouldContain("未开启网络投票");
        Should.Throw<DomainException>(() => new CallConfig { PublicVoting = true, VotingWeightPercent = 10, Rounds = [new("验收", new ScoringForm(ScoringMethod.Grade, [], ["优秀", "合格"]))] }.Validate())
            .Message.ShouldContain("最后一轮");
        Should.Throw<DomainException>(() => new CallConfig { PublicVoting = true, VotingByAccount = false, VotingByPhone = false, Rounds = [new("评审", Form)] }.Validate())
            .Message.ShouldContain("至少允许一种");
    }
}
