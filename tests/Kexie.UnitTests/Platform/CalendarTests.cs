using Kexie.Web.Platform.Calendar;
using Kexie.Web.Platform.Publicity;
using Kexie.Web.Platform.Voting;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Platform;

/// <summary>Working-day arithmetic on the 2026 schedule of the 国务院办公厅 notice.</summary>
public sealed class CalendarTests
{
    private static readonly Dictionary<DateOnly, CalendarDayKind> Y2026 = WorkingDays.Schedule2026.ToDictionary(d => d.Date, d => d.Kind);

    private static DateOnly D(int m, int d) => new(2026, m, d);

    [Fact]
    public void Five_working_days_from_a_Monday_end_on_Friday()
    {
        WorkingDays.AddWorkingDays(D(11, 23), 5, Y2026).ShouldBe(D(11, 27));
        WorkingDays.AddWorkingDays(D(11, 23), 1, Y2026).ShouldBe(D(11, 23));
        WorkingDays.CountWorkingDays(D(11, 23), D(11, 29), Y2026).ShouldBe(5);
    }

    [Fact]
    public void A_window_starting_on_a_weekend_counts_from_the_next_working_day()
    {
        WorkingDays.AddWorkingDays(D(11, 21), 5, Y2026).ShouldBe(D(11, 27));
    }

    [Fact]
    public void A_window_spanning_the_national_day_holiday_skips_it_and_counts_the_make_up_Saturday()
    {
        // 9/28 Mon, 9/29, 9/30 | 10/1–10/7 off | 10/8 Thu, 10/9 Fri, 10/10 Sat (调休上班), 10/12 Mon…
        WorkingDays.AddWorkingDays(D(9, 28), 5, Y2026).ShouldBe(D(10, 9));
        WorkingDays.AddWorkingDays(D(9, 28), 6, Y2026).ShouldBe(D(10, 10));
        WorkingDays.AddWorkingDays(D(9, 28), 7, Y2026).ShouldBe(D(10, 12));
        WorkingDays.AddWorkingDays(D(10, 1), 1, Y2026).ShouldBe(D(10, 8));
        WorkingDays.CountWorkingDays(D(9, 28), D(10, 12), Y2026).ShouldBe(7);
        // 9/20 is a Sunday worked for 国庆.
        WorkingDays.IsWorkingDay(D(9, 20), Y2026).ShouldBeTrue();
        WorkingDays.CountWorkingDays(D(9, 19), D(9, 20), Y2026).ShouldBe(1);
    }

    [Fact]
    public void The_2026_schedule_has_the_published_days()
    {
        WorkingDays.IsWorkingDay(D(1, 1), Y2026).ShouldBeFalse();
        WorkingDays.IsWorkingDay(D(1, 4), Y2026).ShouldBeTrue();
        WorkingDays.IsWorkingDay(D(2, 14), Y2026).ShouldBeTrue();
        WorkingDays.IsWorkingDay(D(2, 23), Y2026).ShouldBeFalse();
        WorkingDays.IsWorkingDay(D(2, 28), Y2026).ShouldBeTrue();
        WorkingDays.IsWorkingDay(D(5, 5), Y2026).ShouldBeFalse();
        WorkingDays.IsWorkingDay(D(5, 9), Y2026).ShouldBeTrue();
        WorkingDays.IsWorkingDay(D(6, 19), Y2026).ShouldBeFalse();
        WorkingDays.IsWorkingDay(D(9, 25), Y2026).ShouldBeFalse();
        WorkingDays.CountWorkingDays(D(2, 9), D(3, 1), Y2026).ShouldBe(11); // 2/9–2/13, 2/14, 2/24–2/27, 2/28
        WorkingDays.Schedule2026.Count(d => d.Kind == CalendarDayKind.MakeUpWorkday).ShouldBe(6);
    }

    [Fact]
    public void Import_text_is_parsed_and_bad_lines_are_named()
    {
        var (days, errors) = WorkingDays.Parse("2027-10-01,放假,国庆节\n2027-10-09\t上班\tx\n");
        errors.ShouldBeEmpty();
        days.Count.ShouldBe(2);
        days[1].Kind.ShouldBe(CalendarDayKind.MakeUpWorkday);
        var (_, bad) = WorkingDays.Parse("2027-13-01,放假\n2027-10-02,休假,x");
        bad.Count.ShouldBe(2);
        bad[0].ShouldStartWith("第1行");
        bad[1].ShouldContain("放假");
    }

    [Fact]
    public void Zero_days_is_not_a_window() =>
        Should.Throw<ArgumentOutOfRangeException>(() => WorkingDays.AddWorkingDays(D(1, 5), 0, Y2026));

    [Fact]
    public void Publicity_state_follows_china_calendar_days()
    {
        PublicityService.StateOn(D(9, 27), D(9, 28), D(10, 9)).ShouldBe(PublicityState.Scheduled);
        PublicityService.StateOn(D(10, 9), D(9, 28), D(10, 9)).ShouldBe(PublicityState.Open);
        PublicityService.StateOn(D(10, 10), D(9, 28), D(10, 9)).ShouldBe(PublicityState.Closed);
    }

    [Fact]
    public void Burst_networks_are_slash_24_and_slash_48()
    {
        VotingService.Network("10.1.2.77").ShouldBe("10.1.2.0/24");
        VotingService.Network("::ffff:10.1.2.77").ShouldBe("10.1.2.0/24");
        VotingService.Network("2001:db8:abcd:12::1").ShouldBe("2001:0db8:abcd::/48");
        VotingService.Network(null).ShouldBe("unknown");
    }
}
