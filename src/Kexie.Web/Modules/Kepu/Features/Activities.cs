using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Kexie.Web.Modules.Kepu.Domain;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations.Features;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Kepu.Features;

/// <summary>The fields an organiser reports (form and API body).</summary>
public sealed class ActivityInput
{
    [Required(ErrorMessage = "活动名称不能为空"), StringLength(Lengths.LongName, ErrorMessage = "活动名称不能超过200字")]
    public string Title { get; set; } = "";

    public Guid? CampaignId { get; set; }

    /// <summary>The organiser; the user's own organisation when empty.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>Region of the place (GB/T 2260); the organiser's region when empty.</summary>
    public string? RegionCode { get; set; }

    [Required(ErrorMessage = "活动地点不能为空"), StringLength(Lengths.LongName)]
    public string Place { get; set; } = "";

    public ActivityType Type { get; set; } = ActivityType.Lecture;
    public AudienceGroup Audience { get; set; } = AudienceGroup.General;
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }

    [StringLength(Lengths.Name)]
    public string? TimeNote { get; set; }

    [Range(0, 10_000_000, ErrorMessage = "预计参与人数应为非负整数")]
    public int ExpectedParticipants { get; set; }

    [Range(1, 100_000, ErrorMessage = "报名名额应在1到100000之间，不接受报名请留空")]
    public int? Capacity { get; set; }

    [StringLength(Lengths.Text)]
    public string? Description { get; set; }

    [StringLength(Lengths.Name)]
    public string? Contact { get; set; }

    public int Version { get; set; }
}

public sealed record ActivityListRequest(
    string? Q = null, Guid? CampaignId = null, ActivityStatus? Status = null, ActivityType? Type = null, AudienceGroup? Audience = null,
    Guid? OrgId = null, bool Own = false, int? Year = null, bool PublicOnly = false, bool Inbox = false, int Page = 1, int PageSize = 20,
    DateOnly? From = null, DateOnly? To = null, CampaignKind? CampaignKind = null);

public sealed record ActivityRow(Guid Id, string Title, string OrganisationName, string? CampaignName, ActivityType Type, AudienceGroup Audience,
    DateOnly StartDate, DateOnly EndDate, ActivityStatus Status, int ExpectedParticipants, int? ActualParticipants);

public sealed record RegistrationCounts(int Confirmed, int Waitlisted, int Cancelled, int CheckedIn, int WalkIns);

public sealed record DuplicateHint(Guid Id, string Title, ActivityStatus Status);

public sealed record ActivityDetail(
    Guid Id, string Title, Guid OrganisationId, string OrganisationName, Guid? CampaignId, string? CampaignName,
    ActivityType Type, AudienceGroup Audience, string RegionCode, string? RegionName, string Place, DateOnly StartDate, DateOnly EndDate,
    string? TimeNote, int ExpectedParticipants, int? Capacity, string? Description, string? Contact, ActivityStatus Status,
    string? ReturnReason, DateTime? SubmittedAt, DateTime? ReviewedAt, string? ReviewedByName, DateTime? PublishedAt, DateTime? CompletedAt,
    int? ReportedParticipants, int? CheckedInParticipants, int? ActualParticipants, int? Volunteers, string? Summary, IReadOnlyList<Guid> Photos,
    int Version, RegistrationCounts Registrations, IReadOnlyList<DuplicateHint> PossibleDuplicates, bool CanEdit, bool CanReview, bool CanPublish, bool CanComplete);

/// <summary>Who may approve: the organisation directly above the organiser (the city approves its own).</summary>
internal static class ApprovalRule
{
    public static async Task DemandApproverAsync(AppDbContext db, CurrentUser user, Activity a, CancellationToken ct)
    {
        user.Demand(KepuPermissions.Approve);
        if (!await IsApproverAsync(db, user, a.OrganisationId, ct))
            throw new ForbiddenException("只有主办单位的上级组织可以审核该活动");
    }

    public static async Task<bool> IsApproverAsync(AppDbContext db, CurrentUser user, Guid organiserId, CancellationToken ct)
    {
        if (user.IsSystem) return true;
        if (!user.Has(KepuPermissions.Approve) || user.OrganisationId is not { } mine) return false;
        var parentId = await db.Organisations.Where(o => o.Id == organiserId).Select(o => o.ParentId).FirstOrDefaultAsync(ct);
        return (parentId ?? organiserId) == mine;
    }
}

/// <summary>Likely duplicates: same organiser, same start date and a similar title (character-bigram overlap).</summary>
public static class DuplicateDetector
{
    public const double Threshold = 0.5;

    public static double Similarity(string a, string b)
    {
        var x = Bigrams(a);
        var y = Bigrams(b);
        if (x.Count == 0 || y.Count == 0) return a.Trim() == b.Trim() ? 1 : 0;
        var inter = x.Intersect(y).Count();
        return (double)inter / x.Union(y).Count();
    }

    private static HashSet<string> Bigrams(string s)
    {
        var t = new string(s.Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c)).ToArray());
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < t.Length; i++) set.Add(t.Substring(i, 2));
        return set;
    }

    public static async Task<List<DuplicateHint>> FindAsync(AppDbContext db, Guid? exceptId, Guid organisationId, DateOnly start, string title, CancellationToken ct)
    {
        var same = await db.Set<Activity>().AsNoTracking()
            .Where(a => a.OrganisationId == organisationId && a.StartDate == start && a.Id != exceptId)
            .Select(a => new { a.Id, a.Title, a.Status }).Take(50).ToListAsync(ct);
        return same.Where(a => Similarity(a.Title, title) >= Threshold).Select(a => new DuplicateHint(a.Id, a.Title, a.Status)).ToList();
    }
}

public sealed class ListActivities(AppDbContext db, CurrentUser user)
{
    public async Task<PagedResult<ActivityRow>> HandleAsync(ActivityListRequest r, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.View);
        var q = Filter(db, user, r);
        var total = await q.CountAsync(ct);
        var pageSize = Math.Clamp(r.PageSize, 1, 200);
        var page = Math.Max(1, r.Page);
        var rows = await q.OrderByDescending(a => a.StartDate).ThenBy(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(a => new ActivityRow(a.Id, a.Title,
                db.Organisations.Where(o => o.Id == a.OrganisationId).Select(o => o.Name).FirstOrDefault() ?? "",
                db.Set<Campaign>().Where(c => c.Id == a.CampaignId).Select(c => c.Name).FirstOrDefault(),
                a.Type, a.Audience, a.StartDate, a.EndDate, a.Status, a.ExpectedParticipants, a.ActualParticipants))
            .ToListAsync(ct);
        return new PagedResult<ActivityRow>(rows, total, page, pageSize);
    }

    internal static IQueryable<Activity> Filter(AppDbContext db, CurrentUser user, ActivityListRequest r)
    {
        var q = db.Set<Activity>().AsNoTracking();
        if (r.Q.Clean() is { } kw) q = q.Where(a => a.Title.Contains(kw) || a.Place.Contains(kw));
        if (r.CampaignId is { } c) q = q.Where(a => a.CampaignId == c);
        if (r.Status is { } s) q = q.Where(a => a.Status == s);
        if (r.PublicOnly) q = q.Where(a => a.Status == ActivityStatus.Published || a.Status == ActivityStatus.Completed);
        if (r.Type is { } t) q = q.Where(a => a.Type == t);
        if (r.Audience is { } au) q = q.Where(a => a.Audience == au);
        if (r.Year is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = new DateOnly(y, 12, 31);
            q = q.Where(a => a.StartDate >= from && a.StartDate <= to);
        }
        if (r.From is { } f) q = q.Where(a => a.StartDate >= f);
        if (r.To is { } to2) q = q.Where(a => a.StartDate <= to2);
        if (r.CampaignKind is { } kind) q = q.Where(a => db.Set<Campaign>().Any(c => c.Id == a.CampaignId && c.Kind == kind));
        if (r.OrgId is { } org)
            q = r.Own ? q.Where(a => a.OrganisationId == org)
                : q.Where(a => db.OrganisationClosures.Any(x => x.AncestorId == org && x.DescendantId == a.OrganisationId));
        if (r.Inbox)
        {
            var mine = user.OrganisationId ?? Guid.Empty;
            q = q.Where(a => a.Status == ActivityStatus.Submitted
                && db.Organisations.Any(o => o.Id == a.OrganisationId && (o.ParentId == mine || (o.ParentId == null && o.Id == mine))));
        }
        return q;
    }
}

public sealed class GetActivity(AppDbContext db, CurrentUser user)
{
    public async Task<ActivityDetail> HandleAsync(Guid id, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.View);
        var a = await db.Set<Activity>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("科普活动");
        var orgName = await db.Organisations.Where(o => o.Id == a.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        var campaign = a.CampaignId is { } cid ? await db.Set<Campaign>().Where(c => c.Id == cid).Select(c => c.Name).FirstOrDefaultAsync(ct) : null;
        var region = await db.Regions.Where(r => r.Code == a.RegionCode).Select(r => r.Name).FirstOrDefaultAsync(ct);
        var counts = await Registrations.CountsAsync(db, id, ct);
        var dupes = await DuplicateDetector.FindAsync(db, a.Id, a.OrganisationId, a.StartDate, a.Title, ct);
        var isApprover = await ApprovalRule.IsApproverAsync(db, user, a.OrganisationId, ct);
        var canReport = user.Has(KepuPermissions.Report);
        return new ActivityDetail(a.Id, a.Title, a.OrganisationId, orgName, a.CampaignId, campaign, a.Type, a.Audience, a.RegionCode, region, a.Place,
            a.StartDate, a.EndDate, a.TimeNote, a.ExpectedParticipants, a.Capacity, a.Description, a.Contact, a.Status, a.ReturnReason,
            a.SubmittedAt, a.ReviewedAt, a.ReviewedByName, a.PublishedAt, a.CompletedAt, a.ReportedParticipants, a.CheckedInParticipants,
            a.ActualParticipants, a.Volunteers, a.Summary, a.Photos, a.Version, counts, dupes,
            CanEdit: canReport && a.IsEditable,
            CanReview: isApprover && a.Status == ActivityStatus.Submitted,
            CanPublish: (canReport || isApprover) && a.Status == ActivityStatus.Approved,
            CanComplete: canReport && a.Status == ActivityStatus.Published);
    }
}

/// <summary>Creates or edits a draft (or returned) activity.</summary>
public sealed class SaveActivity(AppDbContext db, CurrentUser user)
{
    public async Task<Guid> HandleAsync(Guid? id, ActivityInput input, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.Report);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
            throw new ValidationFailedException(results.GroupBy(r => r.MemberNames.FirstOrDefault() ?? "").ToDictionary(g => g.Key, g => g.Select(r => r.ErrorMessage ?? "无效").ToArray()));

        var organiserId = input.OrganisationId ?? user.OrganisationId ?? throw new DomainException("请选择主办单位", nameof(ActivityInput.OrganisationId));
        var organiser = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organiserId && o.IsActive, ct)
            ?? throw new DomainException("主办单位不存在或不在您的管理范围内", nameof(ActivityInput.OrganisationId));
        var region = input.RegionCode.Clean() ?? organiser.RegionCode;
        if (!await db.Regions.AnyAsync(r => r.Code == region, ct))
            throw new DomainException($"行政区划代码 {region} 不存在", nameof(ActivityInput.RegionCode));
        if (input.CampaignId is { } cid && !await db.Set<Campaign>().AnyAsync(c => c.Id == cid, ct))
            throw new DomainException("所选活动品牌不存在", nameof(ActivityInput.CampaignId));

        Activity a;
        if (id is { } existing)
        {
            a = await db.Set<Activity>().FirstOrDefaultAsync(x => x.Id == existing, ct) ?? throw new NotFoundException("科普活动");
            db.Entry(a).Property(x => x.Version).OriginalValue = input.Version;
            a.EnsureEditable();
        }
        else
        {
            a = new Activity();
            db.Add(a);
        }
        a.OrganisationId = organiser.Id;
        a.CampaignId = input.CampaignId;
        a.Title = input.Title.Trim();
        a.RegionCode = region;
        a.Place = input.Place.Trim();
        a.Type = input.Type;
        a.Audience = input.Audience;
        a.StartDate = input.StartDate;
        a.EndDate = input.EndDate == default ? input.StartDate : input.EndDate;
        a.TimeNote = input.TimeNote.Clean();
        a.ExpectedParticipants = input.ExpectedParticipants;
        a.Capacity = input.Capacity;
        a.Description = input.Description.Clean();
        a.Contact = input.Contact.Clean();
        if (a.StartDate == default) throw new DomainException("请填写活动开始日期", nameof(ActivityInput.StartDate));
        a.ValidateFields();
        await db.SaveChangesAsync(ct);
        return a.Id;
    }
}

public sealed record VersionBody(int Version);

public sealed record ReturnBody(string Reason, int Version);

public sealed record CompleteBody(int? ReportedParticipants, int Volunteers, string? Summary, List<Guid>? PhotoFileIds, int Version);

/// <summary>The transitions of an activity: submit → approve/return → publish → complete. Each is audited.</summary>
public sealed class ActivityWorkflow(AppDbContext db, CurrentUser user, PortalCache portal)
{
    private async Task<Activity> LoadAsync(Guid id, int version, CancellationToken ct)
    {
        var a = await db.Set<Activity>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("科普活动");
        db.Entry(a).Property(x => x.Version).OriginalValue = version;
        return a;
    }

    private async Task SaveAsync(Activity a, ActivityStatus from, string summary, CancellationToken ct)
    {
        db.AuditEvent(AuditActions.Transition, "科普活动", a.Id.ToString(), summary, a.OrganisationId,
            JsonSerializer.Serialize(new { Status = new { old = from.ToString(), @new = a.Status.ToString() } }));
        await db.SaveChangesAsync(ct);
        // Publishing and completing change what the public portal shows; the other transitions concern unpublished drafts.
        if (a.Status is ActivityStatus.Published or ActivityStatus.Completed) await portal.ActivityChangedAsync(CancellationToken.None);
    }

    public async Task SubmitAsync(Guid id, int version, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.Report);
        var a = await LoadAsync(id, version, ct);
        var from = a.Status;
        a.Submit(db.UtcNow);
        await SaveAsync(a, from, $"提交科普活动「{a.Title}」待上级审核", ct);
    }

    public async Task ApproveAsync(Guid id, int version, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        await ApprovalRule.DemandApproverAsync(db, user, a, ct);
        var from = a.Status;
        a.Approve(user.UserId ?? Guid.Empty, user.DisplayName, db.UtcNow);
        await SaveAsync(a, from, $"审核通过科普活动「{a.Title}」", ct);
    }

    public async Task ReturnAsync(Guid id, string reason, int version, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        await ApprovalRule.DemandApproverAsync(db, user, a, ct);
        var from = a.Status;
        a.Return(reason, user.UserId ?? Guid.Empty, user.DisplayName, db.UtcNow);
        await SaveAsync(a, from, $"退回科普活动「{a.Title}」：{a.ReturnReason}", ct);
    }

    public async Task PublishAsync(Guid id, int version, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        if (!user.Has(KepuPermissions.Report)) await ApprovalRule.DemandApproverAsync(db, user, a, ct);
        var from = a.Status;
        a.Publish(db.UtcNow);
        await SaveAsync(a, from, $"向公众发布科普活动「{a.Title}」", ct);
    }

    public async Task CompleteAsync(Guid id, CompleteBody body, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.Report);
        var a = await LoadAsync(id, body.Version, ct);
        var photos = body.PhotoFileIds?.Distinct().ToList() ?? [];
        if (photos.Count > 0)
        {
            var files = await db.Files.Where(f => photos.Contains(f.Id)).ToListAsync(ct);
            if (files.Count != photos.Count) throw new DomainException("照片不存在或无权使用", nameof(CompleteBody.PhotoFileIds));
            if (files.Any(f => !f.ContentType.StartsWith("image/", StringComparison.Ordinal))) throw new DomainException("活动照片只能是图片", nameof(CompleteBody.PhotoFileIds));
            foreach (var f in files) f.IsPublic = true; // photos of a published activity are shown on the portal
        }
        var checkedIn = await db.Set<Registration>().CountAsync(r => r.ActivityId == a.Id && r.CheckedInAt != null, ct);
        var from = a.Status;
        a.Complete(body.ReportedParticipants, checkedIn, body.Volunteers, body.Summary, photos, DateOnly.FromDateTime(db.UtcNow.AddHours(8)), db.UtcNow);
        await SaveAsync(a, from, $"登记科普活动「{a.Title}」成效：{a.ActualParticipants} 人次", ct);
    }
}
