using Kexie.Web.Modules.WorkPlans;
using Kexie.Web.Modules.WorkPlans.Domain;
using Kexie.Web.Modules.WorkPlans.Features;
using Kexie.Web.Modules.WorkPlans.Parsing;
using Kexie.Web.Platform.Errors;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.WorkPlans;

public class WorkPlanDomainTests
{
    private static WorkTask Task(DateOnly deadline, ReportRhythm rhythm = ReportRhythm.Quarterly) => new()
    {
        PlanYear = 2026,
        Deadline = deadline,
        Rhythm = rhythm,
        CreatedAt = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc),
    };

    [Theory]
    [InlineData("2026-02-01", 0, false, TrafficLight.Green)]
    [InlineData("2026-05-01", 0, false, TrafficLight.Yellow)]   // two thirds of the time gone, nothing done
    [InlineData("2026-05-01", 50, false, TrafficLight.Green)]   // within 25 points of the schedule
    [InlineData("2026-05-01", 50, true, TrafficLight.Red)]      // a 督办 past its answer date
    [InlineData("2026-06-20", 70, false, TrafficLight.Yellow)]  // 10 days left, under 80%
    [InlineData("2026-06-20", 85, false, TrafficLight.Green)]
    [InlineData("2026-07-01", 99, false, TrafficLight.Red)]     // past the deadline
    public void Traffic_light_follows_schedule_deadline_and_supervision(string today, int percent, bool overdueNotice, TrafficLight expected)
    {
        var t = Task(new DateOnly(2026, 6, 30));
        t.LastReportAt = new DateTime(2026, 4, 20, 0, 0, 0, DateTimeKind.Utc);
        t.Light(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), percent, overdueNotice).ShouldBe(expected);
    }

    [Fact]
    public void A_missed_reporting_period_turns_the_light_yellow()
    {
        var t = Task(new DateOnly(2026, 12, 31), ReportRhythm.Monthly);
        t.LastReportAt = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        t.Light(new DateOnly(2026, 3, 1), 30, false).ShouldBe(TrafficLight.Green);
        t.Light(new DateOnly(2026, 3, 15), 30, false).ShouldBe(TrafficLight.Yellow);
    }

    [Fact]
    public void A_missed_milestone_turns_the_light_yellow_and_is_marked_done_once()
    {
        var t = Task(new DateOnly(2026, 12, 31));
        t.LastReportAt = new DateTime(2026, 3, 20, 0, 0, 0, DateTimeKind.Utc);
        t.Light(new DateOnly(2026, 4, 2), 40, false, overdueMilestone: false).ShouldBe(TrafficLight.Green);
        t.Light(new DateOnly(2026, 4, 2), 40, false, overdueMilestone: true).ShouldBe(TrafficLight.Yellow);
        t.Light(new DateOnly(2027, 1, 2), 40, false, overdueMilestone: true).ShouldBe(TrafficLight.Red);
        var m = new WorkMilestone { Title = "方案", Due = new DateOnly(2026, 3, 31) };
        m.IsOverdue(new DateOnly(2026, 3, 31)).ShouldBeFalse();
        m.IsOverdue(new DateOnly(2026, 4, 1)).ShouldBeTrue();
        m.MarkDone("已印发", "张三", new DateTime(2026, 4, 2, 0, 0, 0, DateTimeKind.Utc));
        m.IsOverdue(new DateOnly(2026, 4, 2)).ShouldBeFalse();
        Should.Throw<DomainException>(() => m.MarkDone(null, "李四", DateTime.UtcNow));
    }

    [Fact]
    public void Completion_is_submitted_then_graded_and_a_fail_sends_it_back()
    {
        var t = Task(new DateOnly(2026, 12, 31));
        var now = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        Should.Throw<DomainException>(() => t.Assess(TaskGrade.Good, null, now));
        t.SubmitCompletion(now);
        Should.Throw<DomainException>(() => t.SubmitCompletion(now));
        t.Assess(TaskGrade.Fail, "缺佐证", now);
        t.Status.ShouldBe(WorkTaskStatus.InProgress);
        t.SubmitCompletion(now);
        t.Assess(TaskGrade.Excellent, null, now);
        t.Status.ShouldBe(WorkTaskStatus.Completed);
        t.Light(new DateOnly(2027, 1, 5), 0, true).ShouldBe(TrafficLight.Done);
        Should.Throw<DomainException>(() => t.Report(50, now));
    }

    [Fact]
    public void Periods_are_months_or_quarters()
    {
        ProgressReport.PeriodOf(ReportRhythm.Monthly, new DateOnly(2026, 3, 5)).ShouldBe("2026-03");
        ProgressReport.PeriodOf(ReportRhythm.Quarterly, new DateOnly(2026, 3, 5)).ShouldBe("2026Q1");
        ProgressReport.PeriodOf(ReportRhythm.Quarterly, new DateOnly(2026, 10, 1)).ShouldBe("2026Q4");
    }

    [Fact]
    public void Target_lines_round_trip_and_bad_lines_are_named()
    {
        var targets = EditPlanDraft.ParseTargets("院士专家工作站；5；家\n社区科普大学；30；所；50\n科普活动;200;场次;以上\n");
        targets.Count.ShouldBe(3);
        targets[1].Bound.ShouldBe(QuantityBound.Range);
        targets[1].Upper.ShouldBe(50);
        targets[2].Bound.ShouldBe(QuantityBound.AtLeast);
        EditPlanDraft.TargetsText(targets).ShouldBe("院士专家工作站；5；家\n社区科普大学；30；所；50\n科普活动；200；场次；以上");
        Should.Throw<DomainException>(() => EditPlanDraft.ParseTargets("a；5")).Message.ShouldContain("第 1 行");
        Should.Throw<DomainException>(() => EditPlanDraft.ParseTargets("a；5；个\nb；9；个；3")).Message.ShouldContain("第 2 行");
    }

    [Fact]
    public void Milestone_lines_need_a_date_and_a_text()
    {
        AssignTask.ParseMilestones("2026-06-30 中期评估\n\n2026-11-30　年终总结").Select(m => m.Title).ShouldBe(["中期评估", "年终总结"]);
        Should.Throw<DomainException>(() => AssignTask.ParseMilestones("6月底 中期评估"));
    }

    [Fact]
    public void Target_completion_uses_the_lower_end_of_a_range_and_caps_at_100()
    {
        TargetView V(decimal value, decimal? actual, QuantityBound bound = QuantityBound.Exact, decimal? upper = null) =>
            new(Guid.Empty, Guid.Empty, "x", value, upper, bound, "所", "", null, null, null, false, actual, null, null);
        V(30, 15, QuantityBound.Range, 50).Percent.ShouldBe(50);
        V(30, 45, QuantityBound.Range, 50).Percent.ShouldBe(100);
        V(5, null).Percent.ShouldBeNull();
        V(10, 8, QuantityBound.AtMost).Percent.ShouldBe(100);
        var task = Task(new DateOnly(2026, 12, 31));
        task.ReportedPercent = 20;
        TargetProgress.TaskPercent(task, [V(10, 5), V(10, 10)]).ShouldBe(75);
        TargetProgress.TaskPercent(task, [V(10, null)]).ShouldBe(20);
    }

    [Fact]
    public void The_demo_plan_parses_into_fifteen_tasks_with_units_and_targets()
    {
        var parsed = WorkPlanParser.Parse(WorkPlansDemoSeeder.PlanText);
        parsed.Parts.Count.ShouldBe(5);
        var items = ImportPlan.DraftOf(parsed);
        items.Count.ShouldBe(15);
        items.ShouldAllBe(i => i.Units.Count >= 1);
        items[10].Units.ShouldBe(["市教育局", "市科技局"]);
        items[12].Units.ShouldBe(["市卫健委", "市民政局"]);
        items[0].Targets.Single().Value.ShouldBe(3);
        items[5].Targets.Single().Bound.ShouldBe(QuantityBound.Range);
        items[6].Targets.Single().Subject.ShouldContain("作品"); // the demo binds it to the awards module's entries
        items.Count(i => i.Targets.Count > 0).ShouldBeGreaterThanOrEqualTo(12);
    }

    [Fact]
    public void Enumerations_stay_inside_their_item_and_numbered_sub_items_become_the_tasks()
    {
        const string text = """
            某市科协2026年工作要点

            一、科学普及
            （一）加强阵地建设
            1.建设科普基地。新建科普基地5个。
            2.建设社区科普大学。扶持30—50所社区科普大学。
            （二）办好品牌活动。开展科普日活动200场次。一是四级联动。二是线上发布活动100项。
            """;
        var items = ImportPlan.DraftOf(WorkPlanParser.Parse(text));
        items.Select(i => i.Title).ShouldBe(["建设科普基地", "建设社区科普大学", "办好品牌活动"]);
        items[2].Targets.Select(t => t.Value).ShouldBe([200m, 100m], ignoreOrder: true);
    }
}

public class WorkPlanCommandLineTests
{
    [Fact]
    public void Parse_workplan_prints_json_or_an_outline_and_ignores_other_arguments()
    {
        var file = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, WorkPlansDemoSeeder.PlanText);
        try
        {
            using var json = new StringWriter();
            WorkPlansCommandLine.TryRun(["parse-workplan", file], json, TextWriter.Null).ShouldBeTrue();
            json.ToString().ShouldContain("\"title\": \"示范市科学技术协会2026年工作要点\"");
            using var outline = new StringWriter();
            WorkPlansCommandLine.TryRun(["parse-workplan", file, "--summary"], outline, TextWriter.Null).ShouldBeTrue();
            outline.ToString().ShouldContain("  3.1 建设院士专家工作站 ⟨院士专家工作站 5家⟩ 〔科技服务部〕");
            WorkPlansCommandLine.TryRun(["--urls", "http://x"], TextWriter.Null, TextWriter.Null).ShouldBeFalse();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
