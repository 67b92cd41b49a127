using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Platform.Organisations.Features;

public sealed record CoverageCell(int Covered, int Total)
{
    public double Rate => Total == 0 ? 0 : (double)Covered / Total;
}

public sealed record CountyCoverage(Guid CountyOrganisationId, string County, string RegionCode, CoverageCell Towns, CoverageCell Parks,
    CoverageCell Enterprises, CoverageCell Universities, IReadOnlyList<string> TownsWithout, IReadOnlyList<string> UnitsWithout);

/// <summary>基层组织覆盖 per county: towns (from the region table) and registered parks/enterprises/universities with a 科协.</summary>
public sealed class GetCoverage(AppDbContext db, CurrentUser user)
{
    public async Task<IReadOnlyList<CountyCoverage>> HandleAsync(CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.OrganisationsView);
        var counties = await db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.CountyAssociation && o.IsActive)
            .OrderBy(o => o.RegionCode).Select(o => new { o.Id, o.Name, o.RegionCode }).ToListAsync(ct);
        var codes = counties.Select(c => c.RegionCode).ToList();
        var towns = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Town && r.ParentCode != null && codes.Contains(r.ParentCode))
            .Select(r => new { r.Code, r.Name, r.ParentCode }).ToListAsync(ct);
        var townCodes = towns.Select(t => t.Code).ToList();
        var covered = (await db.Organisations.IgnoreQueryFilters([AppDbContext.DataScopeFilter]).AsNoTracking()
            .Where(o => o.Type == OrganisationType.TownAssociation && o.IsActive && townCodes.Contains(o.RegionCode))
            .Select(o => o.RegionCode).ToListAsync(ct)).ToHashSet();
        var countyIds = counties.Select(c => c.Id).ToList();
        var units = await db.CoverageUnits.AsNoTracking().Where(u => countyIds.Contains(u.OrganisationId))
            .Select(u => new { u.OrganisationId, u.Kind, u.Name, u.AssociationId }).ToListAsync(ct);
        return counties.Select(c =>
        {
            var t = towns.Where(x => x.ParentCode == c.RegionCode).ToList();
            var u = units.Where(x => x.OrganisationId == c.Id).ToList();
            CoverageCell Cell(CoverageUnitKind k) => new(u.Count(x => x.Kind == k && x.AssociationId != null), u.Count(x => x.Kind == k));
            return new CountyCoverage(c.Id, c.Name, c.RegionCode, new CoverageCell(t.Count(x => covered.Contains(x.Code)), t.Count),
                Cell(CoverageUnitKind.Park), Cell(CoverageUnitKind.Enterprise), Cell(CoverageUnitKind.University),
                t.Where(x => !covered.Contains(x.Code)).Select(x => x.Name).ToList(),
                u.Where(x => x.AssociationId == null).Select(x => $"{x.Name}（{x.Kind.Zh()}）").ToList());
        }).ToList();
    }
}

public sealed record CoverageUnitInput(Guid CountyOrganisationId, string Name, CoverageUnitKind Kind, string RegionCode, Guid? AssociationId, string? Note);

/// <summary>Registers a park, enterprise or university that should have a 科协, or links the association once founded.</summary>
public sealed class SaveCoverageUnit(AppDbContext db, CurrentUser user)
{
    public async Task<Guid> HandleAsync(Guid? id, CoverageUnitInput input, int version = 0, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.OrganisationsManage);
        if (string.IsNullOrWhiteSpace(input.Name)) throw new DomainException("名称不能为空", "Name");
        var county = await db.Organisations.FirstOrDefaultAsync(o => o.Id == input.CountyOrganisationId && o.Type == OrganisationType.CountyAssociation, ct)
            ?? throw new DomainException("所属县(市、区)科协不存在或无权访问", "CountyOrganisationId");
        if (input.AssociationId is { } a && !await db.Organisations.AnyAsync(o => o.Id == a, ct))
            throw new DomainException("关联的科协组织不存在或无权访问", "AssociationId");
        CoverageUnit unit;
        if (id is { } existing)
        {
            unit = await db.CoverageUnits.FirstOrDefaultAsync(u => u.Id == existing, ct) ?? throw new NotFoundException("覆盖对象");
            db.Entry(unit).Property(u => u.Version).OriginalValue = version;
        }
        else
        {
            unit = new CoverageUnit();
            db.CoverageUnits.Add(unit);
        }
        unit.OrganisationId = county.Id;
        unit.Name = input.Name.Trim();
        unit.Kind = input.Kind;
        unit.RegionCode = input.RegionCode.Clean() ?? county.RegionCode;
        unit.AssociationId = input.AssociationId;
        unit.Note = input.Note.Clean();
        await db.SaveChangesAsync(ct);
        return unit.Id;
    }
}

public sealed record SanZhangSummary(Guid OrganisationId, string Organisation, string RegionCode, int Schools, int Hospitals, int AgriStations)
{
    public int Total => Schools + Hospitals + AgriStations;
}

public sealed record SanZhangRow(Guid Id, Guid OrganisationId, string Organisation, string PersonName, SanZhangKind Kind, string UnitName, string Post,
    DateOnly? TermStart, DateOnly? TermEnd, bool IsActive, int Version);

/// <summary>三长 posts per town/county association in scope.</summary>
public sealed class GetSanZhang(AppDbContext db, CurrentUser user)
{
    public async Task<(IReadOnlyList<SanZhangSummary> Summary, IReadOnlyList<SanZhangRow> Posts)> HandleAsync(Guid? organisationId = null, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.OrganisationsView);
        var orgs = await db.Organisations.AsNoTracking()
            .Where(o => o.IsActive && (o.Type == OrganisationType.TownAssociation || o.Type == OrganisationType.CountyAssociation))
            .OrderBy(o => o.RegionCode).Select(o => new { o.Id, o.Name, o.RegionCode }).ToListAsync(ct);
        var posts = await db.SanZhangPosts.AsNoTracking().Where(p => organisationId == null || p.OrganisationId == organisationId)
            .OrderBy(p => p.OrganisationId).ThenBy(p => p.Kind).ToListAsync(ct);
        var names = orgs.ToDictionary(o => o.Id, o => o.Name);
        var active = posts.Where(p => p.IsActive).ToList();
        var summary = orgs.Where(o => organisationId == null || o.Id == organisationId).Select(o => new SanZhangSummary(o.Id, o.Name, o.RegionCode,
            active.Count(p => p.OrganisationId == o.Id && p.Kind == SanZhangKind.SchoolHead),
            active.Count(p => p.OrganisationId == o.Id && p.Kind == SanZhangKind.HospitalHead),
            active.Count(p => p.OrganisationId == o.Id && p.Kind == SanZhangKind.AgriStationHead))).ToList();
        var rows = posts.Select(p => new SanZhangRow(p.Id, p.OrganisationId, names.GetValueOrDefault(p.OrganisationId, ""), p.PersonName, p.Kind, p.UnitName,
            p.Post, p.TermStart, p.TermEnd, p.IsActive, p.Version)).ToList();
        return (summary, rows);
    }
}

public sealed record SanZhangInput(Guid OrganisationId, string PersonName, SanZhangKind Kind, string UnitName, string? Post, DateOnly? TermStart, DateOnly? TermEnd, bool IsActive = true, int Version = 0);

/// <summary>Records or edits a 三长 post in a town or county association.</summary>
public sealed class SaveSanZhang(AppDbContext db, CurrentUser user)
{
    public async Task<Guid> HandleAsync(Guid? id, SanZhangInput input, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.OrganisationsManage);
        if (string.IsNullOrWhiteSpace(input.PersonName)) throw new DomainException("姓名不能为空", "PersonName");
        if (string.IsNullOrWhiteSpace(input.UnitName)) throw new DomainException("所在单位不能为空", "UnitName");
        if (input.TermStart is { } s && input.TermEnd is { } e && e < s) throw new DomainException("任期结束不能早于开始", "TermEnd");
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == input.OrganisationId, ct)
            ?? throw new DomainException("组织不存在或无权访问", "OrganisationId");
        if (org.Type is not (OrganisationType.TownAssociation or OrganisationType.CountyAssociation))
            throw new DomainException("三长只在镇(街道)科协或县(市、区)科协任职", "OrganisationId");
        SanZhangPost post;
        if (id is { } existing)
        {
            post = await db.SanZhangPosts.FirstOrDefaultAsync(p => p.Id == existing, ct) ?? throw new NotFoundException("三长任职");
            db.Entry(post).Property(p => p.Version).OriginalValue = input.Version;
        }
        else
        {
            post = new SanZhangPost();
            db.SanZhangPosts.Add(post);
        }
        post.OrganisationId = org.Id;
        post.PersonName = input.PersonName.Trim();
        post.Kind = input.Kind;
        post.UnitName = input.UnitName.Trim();
        post.Post = input.Post.Clean() ?? "兼职副主席";
        post.TermStart = input.TermStart;
        post.TermEnd = input.TermEnd;
        post.IsActive = input.IsActive;
        await db.SaveChangesAsync(ct);
        return post.Id;
    }
}
