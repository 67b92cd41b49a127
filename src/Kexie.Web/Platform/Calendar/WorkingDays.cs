namespace Kexie.Web.Platform.Calendar;

/// <summary>
/// Working-day arithmetic over a set of dated exceptions (pure; <see cref="WorkingDayCalendar"/> loads the exceptions).
/// A day is a working day when it is a 调休上班 day, or a Monday–Friday that is not a 放假 day.
/// </summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly day, IReadOnlyDictionary<DateOnly, CalendarDayKind> exceptions) =>
        exceptions.TryGetValue(day, out var kind)
            ? kind == CalendarDayKind.MakeUpWorkday
            : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// The last day of a window of <paramref name="days"/> working days that starts on <paramref name="start"/>:
    /// <paramref name="start"/> counts as the first working day when it is one; otherwise counting begins at the next
    /// working day. The window ends at the end (24:00) of the returned day. 5 working days from Monday 2026-11-23 end on
    /// Friday 2026-11-27.
    /// </summary>
    public static DateOnly AddWorkingDays(DateOnly start, int days, IReadOnlyDictionary<DateOnly, CalendarDayKind> exceptions)
    {
        if (days < 1) throw new ArgumentOutOfRangeException(nameof(days), "a window has at least one working day");
        var d = start;
        var counted = 0;
        while (true)
        {
            if (IsWorkingDay(d, exceptions) && ++counted == days) return d;
            d = d.AddDays(1);
        }
    }

    /// <summary>Working days in [from, to], both ends included; 0 when to &lt; from.</summary>
    public static int CountWorkingDays(DateOnly from, DateOnly to, IReadOnlyDictionary<DateOnly, CalendarDayKind> exceptions)
    {
        var n = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
            if (IsWorkingDay(d, exceptions)) n++;
        return n;
    }

    /// <summary>The 2026 schedule of the 国务院办公厅 notice on holidays (editable: each year's notice is imported on /admin/calendar).</summary>
    public static IReadOnlyList<(DateOnly Date, CalendarDayKind Kind, string Name)> Schedule2026 { get; } = Build2026();

    private static List<(DateOnly, CalendarDayKind, string)> Build2026()
    {
        var list = new List<(DateOnly, CalendarDayKind, string)>();
        void Off(string name, int m1, int d1, int m2, int d2)
        {
            for (var d = new DateOnly(2026, m1, d1); d <= new DateOnly(2026, m2, d2); d = d.AddDays(1)) list.Add((d, CalendarDayKind.Holiday, name));
        }
        void Work(string name, int m, int d) => list.Add((new DateOnly(2026, m, d), CalendarDayKind.MakeUpWorkday, name + "调休上班"));
        Off("元旦", 1, 1, 1, 3);
        Work("元旦", 1, 4);
        Off("春节", 2, 15, 2, 23);
        Work("春节", 2, 14);
        Work("春节", 2, 28);
        Off("清明节", 4, 4, 4, 6);
        Off("劳动节", 5, 1, 5, 5);
        Work("劳动节", 5, 9);
        Off("端午节", 6, 19, 6, 21);
        Off("中秋节", 9, 25, 9, 27);
        Off("国庆节", 10, 1, 10, 7);
        Work("国庆节", 9, 20);
        Work("国庆节", 10, 10);
        return list;
    }

    /// <summary>
    /// Parses an import: one day per line, <c>yyyy-MM-dd,放假|上班,名称</c> (also Holiday/MakeUpWorkday, tab or comma).
    /// Every bad line is reported with its number.
    /// </summary>
    public static (List<(DateOnly Date, CalendarDayKind Kind, string Name)> Days, List<string> Errors) Parse(string? text)
    {
        var days = new List<(DateOnly, CalendarDayKind, string)>();
        var errors = new List<string>();
        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split([',', '\t', '，'], StringSplitOptions.TrimEntries);
            if (parts.Length < 2 || !DateOnly.TryParseExact(parts[0], ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d"], out var date))
            {
                errors.Add($"第{i + 1}行：格式应为“日期,放假或上班,名称”，例如 2026-10-01,放假,国庆节");
                continue;
            }
            CalendarDayKind? kind = parts[1] switch
            {
                "放假" or "休" or "Holiday" or "holiday" => CalendarDayKind.Holiday,
                "上班" or "班" or "调休上班" or "MakeUpWorkday" or "makeupworkday" => CalendarDayKind.MakeUpWorkday,
                _ => null,
            };
            if (kind is null)
            {
                errors.Add($"第{i + 1}行：类型只能是“放假”或“上班”");
                continue;
            }
            var name = parts.Length > 2 && parts[2].Length > 0 ? parts[2] : kind == CalendarDayKind.Holiday ? "放假" : "调休上班";
            if (name.Length > 50) errors.Add($"第{i + 1}行：名称不能超过50字");
            else days.Add((date, kind.Value, name));
        }
        foreach (var dup in days.GroupBy(d => d.Item1).Where(g => g.Count() > 1))
            errors.Add($"{dup.Key:yyyy-MM-dd} 出现了多次");
        return (days, errors);
    }
}
