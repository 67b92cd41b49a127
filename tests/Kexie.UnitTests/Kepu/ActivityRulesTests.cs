using Kexie.Web.Modules.Kepu.Domain;
using Kexie.Web.Modules.Kepu.Features;
using Kexie.Web.Platform.Errors;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Kepu;

public sealed class ActivityRulesTests
{
    private static readonly DateTime Now = new(2026, 5, 1, 2, 0, 0, DateTimeKind.Utc);

    private static Activity Draft() => new()
    {
        Title = "科技助农田间课堂",
        Place = "石门村",
        RegionCode = "619902008",
        StartDate = new DateOnly(2026, 5, 10),
        EndDate = new DateOnly(2026, 5, 10),
        ExpectedParticipants = 100,
    };

    [Fact]
    public void The_happy_path_ends_completed_with_check_ins_counted_over_the_report()
    {
        var a = Draft();
        a.Submit(Now);
        a.Approve(Guid.NewGuid(), "县审核人", Now);
        a.Publish(Now);
        a.Complete(300, checkedIn: 42, volunteers: 5, "好", [], new DateOnly(2026, 5, 10), Now);
        a.Status.ShouldBe(ActivityStatus.Completed);
        a.ActualParticipants.ShouldBe(42);
        a.ReportedParticipants.ShouldBe(300);
    }

    [Fact]
    public void A_return_needs_a_reason_and_the_reason_survives_resubmission()
    {
        var a = Draft();
        a.Submit(Now);
        Should.Throw<DomainException>(() => a.Return("  ", Guid.NewGuid(), "x", Now));
        a.Return("地点不具体", Guid.NewGuid(), "x", Now);
        a.IsEditable.ShouldBeTrue();
        a.Submit(Now);
        a.Status.ShouldBe(ActivityStatus.Submitted);
        a.ReturnReason.ShouldBe("地点不具体");
    }

    [Fact]
    public void Out_of_order_transitions_are_refused()
    {
        var a = Draft();
        Should.Throw<DomainException>(() => a.Approve(Guid.NewGuid(), "x", Now));
        Should.Throw<DomainException>(() => a.Publish(Now));
        Should.Throw<DomainException>(() => a.Complete(1, 0, 0, null, [], new DateOnly(2026, 5, 10), Now));
        a.Submit(Now);
        Should.Throw<DomainException>(() => a.Submit(Now));
        Should.Throw<DomainException>(() => a.EnsureEditable());
        a.Approve(Guid.NewGuid(), "x", Now);
        Should.Throw<DomainException>(() => a.Return("晚了", Guid.NewGuid(), "x", Now));
        a.Publish(Now);
        Should.Throw<DomainException>(() => a.Complete(1, 0, 0, null, [], new DateOnly(2026, 5, 9), Now)); // before the start
        Should.Throw<DomainException>(() => a.Complete(null, 0, 0, null, [], new DateOnly(2026, 5, 10), Now)); // no count at all
    }

    [Fact]
    public void Invalid_fields_are_refused_on_submit()
    {
        var a = Draft();
        a.EndDate = a.StartDate.AddDays(-1);
        Should.Throw<DomainException>(() => a.Submit(Now)).Field.ShouldBe(nameof(Activity.EndDate));
        a.EndDate = a.StartDate;
        a.Capacity = 0;
        Should.Throw<DomainException>(() => a.Submit(Now)).Field.ShouldBe(nameof(Activity.Capacity));
    }

    [Theory]
    [InlineData("食品安全进社区宣传", "食品安全进社区宣传活动", true)]
    [InlineData("科普大篷车进乡村巡展", "科普大篷车进乡村巡展（第二站）", true)]
    [InlineData("食品安全进社区宣传", "青少年机器人编程体验", false)]
    [InlineData("健康讲座", "防诈讲座", false)]
    public void Similar_titles_are_likely_duplicates(string a, string b, bool duplicate) =>
        (DuplicateDetector.Similarity(a, b) >= DuplicateDetector.Threshold).ShouldBe(duplicate);

    [Fact]
    public void Registration_codes_are_unambiguous_and_distinct()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => Registrations.NewCode()).ToList();
        codes.Distinct().Count().ShouldBe(1000);
        codes.ShouldAllBe(c => c.Length == 14 && c.StartsWith("KP") && !c.Contains('0') && !c.Contains('O') && !c.Contains('1') && !c.Contains('I'));
    }
}
