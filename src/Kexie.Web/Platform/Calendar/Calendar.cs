using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Web.Platform.Calendar;

public enum CalendarDayKind
{
    /// <summary>放假: a weekday (or weekend day) off.</summary>
    Holiday,

    /// <summary>调休上班: a weekend day worked.</summary>
    MakeUpWorkday,
}

/// <summary>A dated exception to the Monday–Friday week: 放假 or 调休上班, with the holiday's name. One row per date.</summary>
public sealed class CalendarDay : Entity
{
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }
    public string Name { get; set; } = "";
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> e)
    {
        e.ToTable("cal_days");
        e.HasIndex(d => d.Date).IsUnique();
        e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(d => d.Name).HasMaxLength(50).IsRequired();
    }
}

public static class CalendarPermissions
{
    public const string Manage = "platform.calendar.manage";

    public static IEnumerable<PermissionDefinition> All =>
    [
        new(Manage, "平台", "维护工作日历（法定节假日与调休）", "Maintain the working-day calendar", [RoleNames.SystemAdmin, RoleNames.CityAdmin]),
    ];
}

/// <summary>
/// Working days for deadlines and 公示 windows. A working day is a 调休上班 day, or a Monday–Friday that is not
/// a 放假 day (see <see cref="WorkingDays"/> for the exact window definition).
/// </summary>
public interface IWorkingDayCalendar
{
    Task<bool> IsWorkingDayAsync(DateOnly day, CancellationToken ct = default);

    /// <summary>The last day (inclusive, ends at 24:00) of a window of <paramref name="days"/> ≥ 1 working days starting on <paramref name="start"/>.</summary>
    Task<DateOnly> AddWorkingDaysAsync(DateOnly start, int days, CancellationToken ct = default);

    /// <summary>Working days in [from, to], both included.</summary>
    Task<int> CountWorkingDaysAsync(DateOnly from, DateOnly to, CancellationToken ct = default);
}

public sealed class WorkingDayCalendar(AppDbContext db) : IWorkingDayCalendar
{
    private Task<Dictionary<DateOnly, CalendarDayKind>> ExceptionsAsync(DateOnly from, DateOnly to, CancellationToken ct) =>
        db.Set<CalendarDay>().AsNoTracking().Where(d => d.Date >= from && d.Date <= to).ToDictionaryAsync(d => d.Date, d => d.Kind, ct);

    public async Task<bool> IsWorkingDayAsync(DateOnly day, CancellationToken ct = default) =>
        WorkingDays.IsWorkingDay(day, await ExceptionsAsync(day, day, ct));

    public async Task<DateOnly> AddWorkingDaysAsync(DateOnly start, int days, CancellationToken ct = default)
    {
        if (days < 1) throw new DomainException("工作日数至少为1天", "WorkingDays");
        if (days > 3650) throw new DomainException("工作日数过大", "WorkingDays");
        // A generous horizon (holidays never take more than a few weeks of a year); widened if ever too short.
        var horizon = start.AddDays(days * 2 + 60);
        while (true)
        {
            var exceptions = await ExceptionsAsync(start, horizon, ct);
            var end = WorkingDays.AddWorkingDays(start, days, exceptions);
            if (end <= horizon) return end;
            horizon = horizon.AddDays(days * 2 + 60);
        }
    }

    public async Task<int> CountWorkingDaysAsync(DateOnly from, DateOnly to, CancellationToken ct = default) =>
        to < from ? 0 : WorkingDays.CountWorkingDays(from, to, await ExceptionsAsync(from, to, ct));
}

public sealed record CalendarDayInput(DateOnly Date, CalendarDayKind Kind, string Name);

public sealed record CalendarDayView(Guid Id, DateOnly Date, CalendarDayKind Kind, string Name);

public sealed record CalendarImportRequest(int Year, string? Text, bool ReplaceYear = true);

public sealed record CalendarImportResult(int Year, int Days);

/// <summary>Admin use cases of the calendar: list a year, add or change a day, remove one, import a year (audited by SaveChanges).</summary>
public sealed class CalendarAdmin(AppDbContext db, CurrentUser user)
{
    public async Task<IReadOnlyList<CalendarDayView>> ListAsync(int year, CancellationToken ct = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return await db.Set<CalendarDay>().AsNoTracking().Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date)
            .Select(d => new CalendarDayView(d.Id, d.Date, d.Kind, d.Name)).ToListAsync(ct);
    }

    public async Task<Guid> SaveAsync(CalendarDayInput input, CancellationToken ct = default)
    {
        user.Demand(CalendarPermissions.Manage);
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) throw new DomainException("请填写名称，例如“国庆节”", nameof(CalendarDayInput.Name));
        if (name.Length > 50) throw new DomainException("名称不能超过50字", nameof(CalendarDayInput.Name));
        if (input.Date.Year is < 2000 or > 2100) throw new DomainException("日期超出范围", nameof(CalendarDayInput.Date));
        var day = await db.Set<CalendarDay>().FirstOrDefaultAsync(d => d.Date == input.Date, ct);
        if (day is null)
        {
            day = new CalendarDay { Date = input.Date };
            db.Add(day);
        }
        day.Kind = input.Kind;
        day.Name = name;
        await db.SaveChangesAsync(ct);
        return day.Id;
    }

    public async Task RemoveAsync(Guid id, CancellationToken ct = default)
    {
        user.Demand(CalendarPermissions.Manage);
        var day = await db.Set<CalendarDay>().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("日历条目");
        db.Remove(day);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Imports one year's schedule (text lines, or the built-in 2026 schedule when the text is empty and the year is 2026); replaces that year's days.</summary>
    public async Task<CalendarImportResult> ImportAsync(CalendarImportRequest request, CancellationToken ct = default)
    {
        user.Demand(CalendarPermissions.Manage);
        List<(DateOnly Date, CalendarDayKind Kind, string Name)> days;
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            if (request.Year != 2026) throw new DomainException("请粘贴该年的放假与调休安排（每行：日期,放假或上班,名称）", nameof(CalendarImportRequest.Text));
            days = [.. WorkingDays.Schedule2026];
        }
        else
        {
            var (parsed, errors) = WorkingDays.Parse(request.Text);
            if (errors.Count > 0) throw new DomainException(string.Join("；", errors.Take(20)), nameof(CalendarImportRequest.Text));
            var outside = parsed.FirstOrDefault(d => d.Date.Year != request.Year);
            if (outside != default) throw new DomainException($"{outside.Date:yyyy-MM-dd} 不属于 {request.Year} 年", nameof(CalendarImportRequest.Text));
            days = parsed;
        }
        if (days.Count == 0) throw new DomainException("没有可导入的日期", nameof(CalendarImportRequest.Text));
        await ReplaceYearAsync(db, request.Year, days, request.ReplaceYear, ct);
        db.AuditEvent("calendar.import", nameof(CalendarDay), request.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), $"导入{request.Year}年工作日历：{days.Count}天");
        await db.SaveChangesAsync(ct);
        return new CalendarImportResult(request.Year, days.Count);
    }

    internal static async Task ReplaceYearAsync(AppDbContext db, int year, IEnumerable<(DateOnly Date, CalendarDayKind Kind, string Name)> days, bool replace, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var existing = await db.Set<CalendarDay>().Where(d => d.Date >= from && d.Date <= to).ToDictionaryAsync(d => d.Date, ct);
        var incoming = days.ToDictionary(d => d.Date);
        foreach (var (date, row) in existing)
            if (!incoming.ContainsKey(date) && replace) db.Remove(row);
        foreach (var (date, d) in incoming)
        {
            if (!existing.TryGetValue(date, out var row)) db.Add(row = new CalendarDay { Date = date });
            row.Kind = d.Kind;
            row.Name = d.Name;
        }
    }
}

/// <summary>Seeds the 2026 schedule once, at start-up, when the database has no day of 2026 (admins edit or re-import it later).</summary>
internal sealed class CalendarSeeder(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var from = new DateOnly(2026, 1, 1);
        var to = new DateOnly(2026, 12, 31);
        try
        {
            if (await db.Set<CalendarDay>().AnyAsync(d => d.Date >= from && d.Date <= to, cancellationToken)) return;
            await CalendarAdmin.ReplaceYearAsync(db, 2026, WorkingDays.Schedule2026, replace: false, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance seeded it at the same moment (unique date): nothing to do.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class CalendarModule
{
    public static IServiceCollection AddCalendar(this IServiceCollection s)
    {
        s.AddPermissions(CalendarPermissions.All);
        s.AddScoped<IWorkingDayCalendar, WorkingDayCalendar>();
        s.AddScoped<CalendarAdmin>();
        s.AddHostedService<CalendarSeeder>();
        s.AddNav(new NavItem("系统管理", "工作日历", "/admin/calendar", CalendarPermissions.Manage, 960, "▦"));
        return s;
    }

    public static void MapCalendar(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiGroup("/platform/calendar", "工作日历 Calendar");
        api.MapGet("/", async (int year, CalendarAdmin h) => TypedResults.Ok(await h.ListAsync(year))).WithSummary("某年的放假与调休安排");
        api.MapGet("/working-days", async (DateOnly start, int days, IWorkingDayCalendar c) =>
            TypedResults.Ok(new { start, days, end = await c.AddWorkingDaysAsync(start, days) })).WithSummary("从某日起 N 个工作日的最后一天（含起始日）");
        api.MapGet("/count", async (DateOnly from, DateOnly to, IWorkingDayCalendar c) =>
            TypedResults.Ok(new { from, to, workingDays = await c.CountWorkingDaysAsync(from, to) })).WithSummary("区间内工作日数（含两端）");
        api.MapPost("/", async (CalendarDayInput input, CalendarAdmin h) => TypedResults.Ok(new { id = await h.SaveAsync(input) })).WithSummary("新增或修改一天");
        api.MapDelete("/{id:guid}", async (Guid id, CalendarAdmin h) =>
        {
            await h.RemoveAsync(id);
            return TypedResults.NoContent();
        }).WithSummary("删除一天");
        api.MapPost("/import", async (CalendarImportRequest r, CalendarAdmin h) => TypedResults.Ok(await h.ImportAsync(r))).WithSummary("导入一年的安排（替换该年）");
    }
}
