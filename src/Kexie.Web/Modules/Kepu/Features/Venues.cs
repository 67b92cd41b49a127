using System.ComponentModel.DataAnnotations;
using Kexie.Web.Modules.Kepu.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Kepu.Features;

public sealed class VenueInput
{
    [Required(ErrorMessage = "名称不能为空"), StringLength(Lengths.LongName)]
    public string Name { get; set; } = "";

    public VenueKind Kind { get; set; } = VenueKind.EducationBase;
    public VenueLevel Level { get; set; } = VenueLevel.City;
    public VenueStatus Status { get; set; } = VenueStatus.Active;

    /// <summary>The managing organisation; the user's own when empty.</summary>
    public Guid? OrganisationId { get; set; }

    public string? RegionCode { get; set; }

    [StringLength(Lengths.LongName)]
    public string? Address { get; set; }

    [StringLength(Lengths.Name)]
    public string? OpeningDays { get; set; }

    public DateOnly? DesignatedOn { get; set; }
    public int Version { get; set; }
}

public sealed record VisitorsBody(DateOnly Month, int Visitors, int? OpenDays);

public sealed record VenueRow(Guid Id, string Name, VenueKind Kind, VenueLevel Level, VenueStatus Status, string OrganisationName, int VisitorsThisYear);

public sealed record VenueMonth(DateOnly Month, int Visitors, int? OpenDays);

public sealed record VenueDetail(Guid Id, string Name, VenueKind Kind, VenueLevel Level, VenueStatus Status, Guid OrganisationId, string OrganisationName,
    string RegionCode, string? Address, string? OpeningDays, DateOnly? DesignatedOn, int Version, IReadOnlyList<VenueMonth> Months);

public sealed class TourInput
{
    [Required(ErrorMessage = "名称不能为空"), StringLength(Lengths.LongName)]
    public string Name { get; set; } = "";

    public Guid? OrganisationId { get; set; }
    public Guid? CampaignId { get; set; }

    [StringLength(Lengths.Text)]
    public string? Route { get; set; }

    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public int Version { get; set; }
}

public sealed record StopBody(DateOnly Date, string Place, string? RegionCode, int Attendance);

public sealed record TourRow(Guid Id, string Name, string OrganisationName, DateOnly StartDate, DateOnly EndDate, int Stops, int Attendance);

public sealed record StopRow(Guid Id, DateOnly Date, string Place, string RegionCode, int Attendance);

public sealed record TourDetail(Guid Id, string Name, Guid OrganisationId, string OrganisationName, Guid? CampaignId, string? Route, DateOnly StartDate, DateOnly EndDate,
    int Version, IReadOnlyList<StopRow> Stops);

/// <summary>The 科普阵地 registry with monthly visitor counts, and 科普大篷车 tours with their stops.</summary>
public sealed class VenueService(AppDbContext db, CurrentUser user)
{
    private static void Validate(object input)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
            throw new ValidationFailedException(results.GroupBy(r => r.MemberNames.FirstOrDefault() ?? "").ToDictionary(g => g.Key, g => g.Select(r => r.ErrorMessage ?? "无效").ToArray()));
    }

    private async Task<(Guid Id, string Region)> OrganisationAsync(Guid? id, CancellationToken ct)
    {
        var orgId = id ?? user.OrganisationId ?? throw new DomainException("请选择管理单位", "OrganisationId");
        var org = await db.Organisations.AsNoTracking().Where(o => o.Id == orgId && o.IsActive).Select(o => new { o.Id, o.RegionCode }).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("管理单位不存在或不在您的管理范围内", "OrganisationId");
        return (org.Id, org.RegionCode);
    }

    private async Task<string> RegionAsync(string? code, string fallback, CancellationToken ct)
    {
        var region = code.Clean() ?? fallback;
        if (!await db.Regions.AnyAsync(r => r.Code == region, ct)) throw new DomainException($"行政区划代码 {region} 不存在", "RegionCode");
        return region;
    }

    public async Task<List<VenueRow>> ListVenuesAsync(VenueKind? kind, int year, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.View);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 1);
        var q = db.Set<Venue>().AsNoTracking();
        if (kind is { } k) q = q.Where(v => v.Kind == k);
        return await q.OrderBy(v => v.Kind).ThenBy(v => v.Name).Take(500)
            .Select(v => new VenueRow(v.Id, v.Name, v.Kind, v.Level, v.Status,
                db.Organisations.Where(o => o.Id == v.OrganisationId).Select(o => o.Name).FirstOrDefault() ?? "",
                db.Set<VenueVisitorMonth>().Where(m => m.VenueId == v.Id && m.Month >= from && m.Month <= to).Sum(m => m.Visitors)))
            .ToListAsync(ct);
    }

    public async Task<VenueDetail> GetVenueAsync(Guid id, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.View);
        var v = await db.Set<Venue>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("科普阵地");
        var org = await db.Organisations.Where(o => o.Id == v.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        var months = await db.Set<VenueVisitorMonth>().AsNoTracking().Where(m => m.VenueId == id).OrderByDescending(m => m.Month).Take(36)
            .Select(m => new VenueMonth(m.Month, m.Visitors, m.OpenDays)).ToListAsync(ct);
        return new VenueDetail(v.Id, v.Name, v.Kind, v.Level, v.Status, v.OrganisationId, org, v.RegionCode, v.Address, v.OpeningDays, v.DesignatedOn, v.Version, months);
    }

    public async Task<Guid> SaveVenueAsync(Guid? id, VenueInput input, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.Report);
        Validate(input);
        var (orgId, orgRegion) = await OrganisationAsync(input.OrganisationId, ct);
        Venue v;
        if (id is { } existing)
        {
            v = await db.Set<Venue>().FirstOrDefaultAsync(x => x.Id == existing, ct) ?? throw new NotFoundException("科普阵地");
            db.Entry(v).Property(x => x.Version).OriginalValue = input.Version;
        }
        else
        {
            v = new Venue();
            db.Add(v);
        }
        v.OrganisationId = orgId;
        v.Name = input.Name.Trim();
        v.Kind = input.Kind;
        v.Level = input.Level;
        v.Status = input.Status;
        v.RegionCode = await RegionAsync(input.RegionCode, orgRegion, ct);
        v.Address = input.Address.Clean();
        v.OpeningDays = input.OpeningDays.Clean();
        v.DesignatedOn = input.DesignatedOn;
        await db.SaveChangesAsync(ct);
        return v.Id;
    }

    /// <summary>Records (or corrects) one month's visitors of a venue in scope.</summary>
    public async Task RecordVisitorsAsync(Guid venueId, VisitorsBody body, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.Report);
        if (!await db.Set<Venue>().AnyAsync(v => v.Id == venueId, ct)) throw new NotFoundException("科普阵地");
        var month = new DateOnly(body.Month.Year, body.Month.Month, 1);
        if (month > DateOnly.FromDateTime(db.UtcNow.AddHours(8))) throw new DomainException("不能登记未来月份的接待人次", nameof(VisitorsBody.Month));
        var row = await db.Set<VenueVisitorMonth>().FirstOrDefaultAsync(m => m.VenueId == venueId && m.Month == month, ct);
        if (row is null)
        {
            row = new VenueVisitorMonth { VenueId = venueId, Month = month };
            db.Add(row);
        }
        row.Visitors = body.Visitors;
        row.OpenDays = body.OpenDays;
        row.Validate();
        await db.SaveChangesAsync(ct);
    }

    public async Task<List<TourRow>> ListToursAsync(int year, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.View);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return await db.Set<CaravanTour>().AsNoTracking().Where(t => t.StartDate <= to && t.EndDate >= from).OrderByDescending(t => t.StartDate)
            .Select(t => new TourRow(t.Id, t.Name, db.Organisations.Where(o => o.Id == t.OrganisationId).Select(o => o.Name).FirstOrDefault() ?? "",
                t.StartDate, t.EndDate, t.Stops.Count, t.Stops.Sum(s => s.Attendance)))
            .ToListAsync(ct);
    }

    public async Task<TourDetail> GetTourAsync(Guid id, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.View);
        var t = await db.Set<CaravanTour>().AsNoTracking().Include(x => x.Stops).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("大篷车巡展");
        var org = await db.Organisations.Where(o => o.Id == t.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        return new TourDetail(t.Id, t.Name, t.OrganisationId, org, t.CampaignId, t.Route, t.StartDate, t.EndDate, t.Version,
            t.Stops.OrderBy(s => s.Date).Select(s => new StopRow(s.Id, s.Date, s.Place, s.RegionCode, s.Attendance)).ToList());
    }

    public async Task<Guid> SaveTourAsync(Guid? id, TourInput input, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.Report);
        Validate(input);
        if (input.EndDate < input.StartDate) throw new DomainException("结束日期不能早于开始日期", nameof(TourInput.EndDate));
        var (orgId, _) = await OrganisationAsync(input.OrganisationId, ct);
        if (input.CampaignId is { } cid && !await db.Set<Campaign>().AnyAsync(c => c.Id == cid, ct))
            throw new DomainException("所选活动品牌不存在", nameof(TourInput.CampaignId));
        CaravanTour t;
        if (id is { } existing)
        {
            t = await db.Set<CaravanTour>().FirstOrDefaultAsync(x => x.Id == existing, ct) ?? throw new NotFoundException("大篷车巡展");
            db.Entry(t).Property(x => x.Version).OriginalValue = input.Version;
        }
        else
        {
            t = new CaravanTour();
            db.Add(t);
        }
        t.OrganisationId = orgId;
        t.CampaignId = input.CampaignId;
        t.Name = input.Name.Trim();
        t.Route = input.Route.Clean();
        t.StartDate = input.StartDate;
        t.EndDate = input.EndDate;
        await db.SaveChangesAsync(ct);
        return t.Id;
    }

    public async Task<Guid> AddStopAsync(Guid tourId, StopBody body, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.Report);
        var t = await db.Set<CaravanTour>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == tourId, ct) ?? throw new NotFoundException("大篷车巡展");
        if (body.Date < t.StartDate || body.Date > t.EndDate) throw new DomainException("站点日期应在巡展日期范围内", nameof(StopBody.Date));
        if (body.Place.Clean() is not { } place) throw new DomainException("请填写站点地点", nameof(StopBody.Place));
        if (body.Attendance < 0) throw new DomainException("参观人次不能为负数", nameof(StopBody.Attendance));
        var orgRegion = await db.Organisations.Where(o => o.Id == t.OrganisationId).Select(o => o.RegionCode).FirstAsync(ct);
        var stop = new CaravanStop { TourId = tourId, Date = body.Date, Place = place, RegionCode = await RegionAsync(body.RegionCode, orgRegion, ct), Attendance = body.Attendance };
        db.Add(stop);
        await db.SaveChangesAsync(ct);
        return stop.Id;
    }
}
