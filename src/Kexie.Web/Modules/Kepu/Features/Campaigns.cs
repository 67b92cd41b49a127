using System.ComponentModel.DataAnnotations;
using Kexie.Web.Modules.Kepu.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Kepu.Features;

public sealed class CampaignInput
{
    public CampaignKind Kind { get; set; } = CampaignKind.NationalScienceDay;

    [Range(2000, 2100, ErrorMessage = "年度不正确")]
    public int Year { get; set; }

    [Required(ErrorMessage = "名称不能为空"), StringLength(Lengths.LongName)]
    public string Name { get; set; } = "";

    [StringLength(Lengths.LongName)]
    public string? Theme { get; set; }

    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }

    [StringLength(Lengths.Text)]
    public string? Description { get; set; }

    public List<Guid> ExpectedOrganisationIds { get; set; } = [];
    public int Version { get; set; }
}

public sealed record CampaignRow(Guid Id, CampaignKind Kind, int Year, string Name, string? Theme, DateOnly StartDate, DateOnly EndDate, int Activities, int Expected, int ExpectedReported);

public sealed record ExpectedOrganisationRow(Guid Id, string Name, int Reported);

public sealed record CampaignDetail(Guid Id, CampaignKind Kind, int Year, string Name, string? Theme, DateOnly StartDate, DateOnly EndDate, string? Description,
    int Version, IReadOnlyList<ExpectedOrganisationRow> Expected, int Activities, int Participants);

/// <summary>Campaigns: visible to every staff user (they report into them), managed by the city.</summary>
public sealed class CampaignService(AppDbContext db, CurrentUser user, PortalCache portal)
{
    /// <summary>"Reported" means anything past the draft: the organisation has put an activity in.</summary>
    private static readonly ActivityStatus[] Reported = [ActivityStatus.Submitted, ActivityStatus.Approved, ActivityStatus.Published, ActivityStatus.Completed];

    public async Task<List<CampaignRow>> ListAsync(int? year, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.View);
        var q = db.Set<Campaign>().AsNoTracking();
        if (year is { } y) q = q.Where(c => c.Year == y);
        var acts = db.Set<Activity>().Where(a => Reported.Contains(a.Status));
        return await q.OrderByDescending(c => c.Year).ThenBy(c => c.StartDate)
            .Select(c => new CampaignRow(c.Id, c.Kind, c.Year, c.Name, c.Theme, c.StartDate, c.EndDate,
                acts.Count(a => a.CampaignId == c.Id),
                c.Expected.Count,
                c.Expected.Count(e => acts.Any(a => a.CampaignId == c.Id && a.OrganisationId == e.OrganisationId))))
            .ToListAsync(ct);
    }

    public async Task<List<(Guid Id, string Name)>> ChoicesAsync(CancellationToken ct = default)
    {
        var list = await db.Set<Campaign>().AsNoTracking().OrderByDescending(c => c.Year).ThenBy(c => c.StartDate).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        return list.Select(c => (c.Id, c.Name)).ToList();
    }

    public async Task<CampaignDetail> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.View);
        var c = await db.Set<Campaign>().AsNoTracking().Include(x => x.Expected).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("活动品牌");
        var expectedIds = c.Expected.Select(e => e.OrganisationId).ToList();
        // Expected organisations the user can see (scope), with how many activities each has reported.
        var expected = await db.Organisations.AsNoTracking().Where(o => expectedIds.Contains(o.Id))
            .Select(o => new ExpectedOrganisationRow(o.Id, o.Name,
                db.Set<Activity>().Count(a => a.CampaignId == id && a.OrganisationId == o.Id && Reported.Contains(a.Status))))
            .ToListAsync(ct);
        var acts = db.Set<Activity>().AsNoTracking().Where(a => a.CampaignId == id && Reported.Contains(a.Status));
        return new CampaignDetail(c.Id, c.Kind, c.Year, c.Name, c.Theme, c.StartDate, c.EndDate, c.Description, c.Version,
            expected.OrderBy(e => e.Reported > 0).ThenBy(e => e.Name).ToList(), await acts.CountAsync(ct), await acts.SumAsync(a => a.ActualParticipants ?? 0, ct));
    }

    public async Task<Guid> SaveAsync(Guid? id, CampaignInput input, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.CampaignsManage);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
            throw new ValidationFailedException(results.GroupBy(r => r.MemberNames.FirstOrDefault() ?? "").ToDictionary(g => g.Key, g => g.Select(r => r.ErrorMessage ?? "无效").ToArray()));
        Campaign c;
        if (id is { } existing)
        {
            c = await db.Set<Campaign>().Include(x => x.Expected).FirstOrDefaultAsync(x => x.Id == existing, ct) ?? throw new NotFoundException("活动品牌");
            db.Entry(c).Property(x => x.Version).OriginalValue = input.Version;
        }
        else
        {
            c = new Campaign();
            db.Add(c);
        }
        c.Kind = input.Kind;
        c.Year = input.Year;
        c.Name = input.Name.Trim();
        c.Theme = input.Theme.Clean();
        c.StartDate = input.StartDate;
        c.EndDate = input.EndDate;
        c.Description = input.Description.Clean();
        c.Validate();
        var wanted = input.ExpectedOrganisationIds.Distinct().ToList();
        var found = await db.Organisations.Where(o => wanted.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
        if (found.Count != wanted.Count) throw new DomainException("所选参与组织不存在或不在您的管理范围内", nameof(CampaignInput.ExpectedOrganisationIds));
        c.Expected.RemoveAll(e => !wanted.Contains(e.OrganisationId));
        foreach (var o in wanted.Where(o => c.Expected.All(e => e.OrganisationId != o)))
            c.Expected.Add(new CampaignExpectedOrganisation { CampaignId = c.Id, OrganisationId = o });
        if (id is null && await db.Set<Campaign>().AnyAsync(x => x.Year == c.Year && x.Kind == c.Kind && x.Name == c.Name, ct))
            throw new DomainException("该年度已有同名活动品牌", nameof(CampaignInput.Name));
        await db.SaveChangesAsync(ct);
        await portal.ActivityChangedAsync(CancellationToken.None); // campaign names appear on the portal's pages
        return c.Id;
    }
}
