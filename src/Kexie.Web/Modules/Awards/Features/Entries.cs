using System.Globalization;
using System.Text.Json;
using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations.Features;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Awards.Features;

public sealed class EntryInput
{
    public Guid CallId { get; set; }
    public string Title { get; set; } = "";
    public string? Category { get; set; }
    public string ApplicantName { get; set; } = "";
    public string ApplicantUnit { get; set; } = "";
    /// <summary>The recommending unit (推荐单位); required when the call needs a recommendation.</summary>
    public Guid? RecommendingUnitId { get; set; }
    public Dictionary<string, string?> Values { get; set; } = [];
    public int Version { get; set; }
}

public sealed record EntryRow(Guid Id, Guid CallId, string Title, string? Category, string ApplicantName, string ApplicantUnit, string OrganisationName,
    EntryStatus Status, DateTime? SubmittedAt);

public sealed record EntryDetail(Guid Id, Guid CallId, string CallTitle, string Title, string? Category, string ApplicantName, string ApplicantUnit,
    Guid? ApplicantPersonId, Guid OrganisationId, string OrganisationName, IReadOnlyDictionary<string, string?> Values, IReadOnlyList<FieldDef> Fields,
    EntryStatus Status, string? ReturnReason, string? RejectReason, DateTime? SubmittedAt, DateTime? RecommendedAt, string? RecommendedBy,
    DateTime? CheckedAt, string? CheckedBy, int Version, bool IsMine, bool CanEdit, bool CanSubmit, bool CanRecommend, bool CanCheck);

public sealed record EntryListRequest(Guid? CallId = null, EntryStatus? Status = null, bool Mine = false, string? Q = null, int Page = 1, int PageSize = 50);

public enum CheckDecision { Pass, Return, Reject }

public sealed record CheckBody(CheckDecision Decision, string? Reason, int Version);

/// <summary>Server-side validation of an entry's values against the call's typed fields.</summary>
public static class EntryFormValidator
{
    public static Dictionary<string, string?> Validate(IReadOnlyList<FieldDef> fields, IReadOnlyDictionary<string, string?> values, bool forSubmission)
    {
        var unknown = values.Keys.Where(k => !PickerService.IsNameKey(k)).Except(fields.Select(f => f.Key)).FirstOrDefault();
        if (unknown is not null) throw new DomainException($"申报表没有字段「{unknown}」", "Values");
        var clean = new Dictionary<string, string?>();
        foreach (var f in fields)
        {
            var v = values.GetValueOrDefault(f.Key).Clean();
            if (v is null)
            {
                if (forSubmission && f.Required) throw new DomainException($"请填写「{f.Label}」", $"Values.{f.Key}");
                continue;
            }
            var max = f.MaxLength ?? (f.Type == FieldType.LongText ? 10000 : 500);
            if (v.Length > max) throw new DomainException($"「{f.Label}」不能超过{max}字", $"Values.{f.Key}");
            var ok = f.Type switch
            {
                FieldType.Number => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
                FieldType.Choice => f.Choices?.Contains(v) == true,
                FieldType.Date => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                FieldType.File or FieldType.Person or FieldType.Organisation => Guid.TryParse(v, out _),
                FieldType.VideoLink => Uri.TryCreate(v, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp),
                _ => true,
            };
            if (!ok)
            {
                var what = f.Type switch
                {
                    FieldType.Number => "应为数字",
                    FieldType.Choice => "应为给定选项之一",
                    FieldType.Date => "应为日期（如 2026-05-01）",
                    FieldType.File => "应为已上传的文件",
                    FieldType.Person => "应为科技工作者库中的人员",
                    FieldType.Organisation => "应为组织体系中的单位",
                    FieldType.VideoLink => "应为以 http(s):// 开头的视频链接",
                    _ => "格式不正确",
                };
                throw new DomainException($"「{f.Label}」{what}", $"Values.{f.Key}");
            }
            clean[f.Key] = v;
        }
        return clean;
    }
}

/// <summary>Entries: drafts, submission before the deadline, recommendation within the quota, 形式审查, resubmission.</summary>
public sealed class EntryService(AppDbContext db, CurrentUser user, PickerService pickers)
{
    public async Task<PagedResult<EntryRow>> ListAsync(EntryListRequest r, CancellationToken ct = default)
    {
        if (!r.Mine) user.Demand(AwardPermissions.View);
        else user.Demand(AwardPermissions.Apply);
        var q = db.Set<AwardEntry>().AsNoTracking();
        if (r.Mine) q = q.Where(e => e.OwnerUserId == user.UserId);
        if (r.CallId is { } c) q = q.Where(e => e.CallId == c);
        if (r.Status is { } s) q = q.Where(e => e.Status == s);
        if (r.Q.Clean() is { } kw) q = q.Where(e => e.Title.Contains(kw) || e.ApplicantName.Contains(kw) || e.ApplicantUnit.Contains(kw));
        var total = await q.CountAsync(ct);
        var size = Math.Clamp(r.PageSize, 1, 500);
        var page = Math.Max(1, r.Page);
        var rows = await q.OrderBy(e => e.Status).ThenByDescending(e => e.SubmittedAt).ThenBy(e => e.Id).Skip((page - 1) * size).Take(size)
            .Select(e => new EntryRow(e.Id, e.CallId, e.Title, e.Category, e.ApplicantName, e.ApplicantUnit,
                db.Organisations.Where(o => o.Id == e.OrganisationId).Select(o => o.Name).FirstOrDefault() ?? "", e.Status, e.SubmittedAt))
            .ToListAsync(ct);
        return new PagedResult<EntryRow>(rows, total, page, size);
    }

    private async Task<AwardEntry> LoadAsync(Guid id, int? version, CancellationToken ct)
    {
        var e = await db.Set<AwardEntry>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("申报");
        if (version is { } v) db.Entry(e).Property(x => x.Version).OriginalValue = v;
        return e;
    }

    private bool IsRecommender(AwardEntry e, AwardCall c) =>
        c.Config.RequiresRecommendation && user.Has(AwardPermissions.Recommend) && user.OrganisationId == e.OrganisationId;

    public async Task<EntryDetail> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (!user.Has(AwardPermissions.View)) user.Demand(AwardPermissions.Apply);
        var e = await db.Set<AwardEntry>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("申报");
        var mine = e.OwnerUserId == user.UserId && user.UserId is not null;
        if (!mine && !user.Has(AwardPermissions.View)) throw new NotFoundException("申报");
        var c = await CallService.FindAsync(db, e.CallId, ct, track: false);
        var orgName = await db.Organisations.WithoutDataScope().Where(o => o.Id == e.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(e.ValuesJson) ?? [];
        var open = c.Status == CallStatus.Open;
        return new EntryDetail(e.Id, e.CallId, c.Title, e.Title, e.Category, e.ApplicantName, e.ApplicantUnit, e.ApplicantPersonId, e.OrganisationId, orgName,
            values, c.Config.Fields, e.Status, e.ReturnReason, e.RejectReason, e.SubmittedAt, e.RecommendedAt, e.RecommendedBy, e.CheckedAt, e.CheckedBy, e.Version,
            mine,
            CanEdit: mine && open && e.IsEditable,
            CanSubmit: mine && open && e.IsEditable,
            CanRecommend: open && e.Status == EntryStatus.Submitted && IsRecommender(e, c),
            CanCheck: open && user.Has(AwardPermissions.Manage) && e.Status == (c.Config.RequiresRecommendation ? EntryStatus.Recommended : EntryStatus.Submitted));
    }

    public async Task<Guid> SaveAsync(Guid? id, EntryInput input, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Apply);
        if (user.UserId is not { } me) throw new ForbiddenException("请先登录");
        AwardEntry e;
        if (id is { } existing)
        {
            e = await LoadAsync(existing, input.Version, ct);
            if (e.OwnerUserId != me) throw new ForbiddenException("只能修改本人的申报");
            if (!e.IsEditable) throw new DomainException($"申报处于「{e.Status.Zh()}」状态，不能修改");
            if (input.CallId != Guid.Empty && input.CallId != e.CallId) throw new DomainException("不能把申报移到其他评选活动", nameof(EntryInput.CallId));
        }
        else
        {
            e = new AwardEntry { CallId = input.CallId, OwnerUserId = me };
            db.Add(e);
        }
        var c = await db.Set<AwardCall>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == e.CallId, ct)
            ?? throw new DomainException("评选活动不存在", nameof(EntryInput.CallId));
        if (c.Status != CallStatus.Open) throw new DomainException("该评选活动不在申报期内");
        var config = c.Config;
        if (string.IsNullOrWhiteSpace(input.Title)) throw new DomainException("请填写申报名称", nameof(EntryInput.Title));
        if (input.Title.Trim().Length > Lengths.LongName) throw new DomainException("申报名称不能超过200字", nameof(EntryInput.Title));
        if (string.IsNullOrWhiteSpace(input.ApplicantName)) throw new DomainException(config.ApplicantKind == ApplicantKind.Unit ? "请填写申报单位" : "请填写申报人", nameof(EntryInput.ApplicantName));
        if (string.IsNullOrWhiteSpace(input.ApplicantUnit)) throw new DomainException("请填写工作单位", nameof(EntryInput.ApplicantUnit));
        var category = input.Category.Clean();
        if (config.Categories.Count > 0 && (category is null || !config.Categories.Contains(category)))
            throw new DomainException("请选择申报类别", nameof(EntryInput.Category));
        if (config.Categories.Count == 0) category = null;

        Guid org;
        if (config.RequiresRecommendation)
        {
            var unit = input.RecommendingUnitId ?? throw new DomainException("请选择推荐单位", nameof(EntryInput.RecommendingUnitId));
            if (!await db.Set<AwardQuota>().AnyAsync(q => q.CallId == c.Id && q.UnitId == unit && q.Quota > 0, ct))
                throw new DomainException("所选单位在本次评选中没有推荐名额", nameof(EntryInput.RecommendingUnitId));
            if (e.HoldsQuota && unit != e.OrganisationId) throw new DomainException("已推荐的申报不能更换推荐单位", nameof(EntryInput.RecommendingUnitId));
            org = unit;
        }
        else
        {
            org = user.OrganisationId ?? c.OrganiserId;
        }
        var previous = JsonSerializer.Deserialize<Dictionary<string, string?>>(e.ValuesJson) ?? [];
        var (raw, names) = await pickers.ResolveAsync(config.Fields, input.Values, previous, ct);
        var values = EntryFormValidator.Validate(config.Fields, raw, forSubmission: false);
        await CheckReferencesAsync(config.Fields, values, ct);
        foreach (var (key, name) in names)
            if (values.ContainsKey(key)) values[PickerService.NameKey(key)] = name;
        e.OrganisationId = org;
        e.Title = input.Title.Trim();
        e.Category = category;
        e.ApplicantName = input.ApplicantName.Trim();
        e.ApplicantUnit = input.ApplicantUnit.Trim();
        e.ApplicantPersonId = config.Fields.Where(f => f.Type == FieldType.Person).Select(f => values.GetValueOrDefault(f.Key)).Where(v => v is not null)
            .Select(v => (Guid?)Guid.Parse(v!)).FirstOrDefault();
        e.ValuesJson = JsonSerializer.Serialize(values);
        await db.SaveChangesAsync(ct);
        return e.Id;
    }

    private async Task CheckReferencesAsync(IReadOnlyList<FieldDef> fields, Dictionary<string, string?> values, CancellationToken ct)
    {
        foreach (var f in fields)
        {
            if (values.GetValueOrDefault(f.Key) is not { } v) continue;
            var gid = f.Type is FieldType.File or FieldType.Organisation ? Guid.Parse(v) : Guid.Empty;
            if (f.Type == FieldType.File && !await db.Files.AnyAsync(x => x.Id == gid, ct))
                throw new DomainException($"「{f.Label}」的文件不存在或无权使用", $"Values.{f.Key}");
            if (f.Type == FieldType.Organisation && !await db.Organisations.WithoutDataScope().AnyAsync(o => o.Id == gid && o.IsActive, ct))
                throw new DomainException($"「{f.Label}」的单位不存在", $"Values.{f.Key}");
        }
    }

    public async Task SubmitAsync(Guid id, int version, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Apply);
        var e = await LoadAsync(id, version, ct);
        if (e.OwnerUserId != user.UserId) throw new ForbiddenException("只能提交本人的申报");
        var c = await CallService.FindAsync(db, e.CallId, ct, track: false);
        if (c.Status != CallStatus.Open) throw new DomainException("该评选活动不在申报期内");
        if (!e.IsEditable) throw new DomainException($"只有草稿或退回修改的申报可以提交（当前：{e.Status.Zh()}）");
        // A returned entry may be corrected after the deadline while the call is open; a new one may not.
        if (e.Status == EntryStatus.Draft && c.SubmissionDeadline is { } deadline && db.UtcNow > deadline)
            throw new DomainException($"申报已于 {deadline.AddHours(8):yyyy-MM-dd HH:mm} 截止");
        var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(e.ValuesJson) ?? [];
        EntryFormValidator.Validate(c.Config.Fields, values, forSubmission: true);
        var from = e.Status;
        // A corrected entry that already holds a quota slot goes straight back to 形式审查.
        e.Status = e.HoldsQuota ? EntryStatus.Recommended : EntryStatus.Submitted;
        e.SubmittedAt = db.UtcNow;
        await TransitionAsync(e, from, from == EntryStatus.Returned ? $"修改后重新提交申报「{e.Title}」" : $"提交申报「{e.Title}」", ct);
    }

    /// <summary>
    /// The recommending unit endorses an entry: one slot of its quota is taken by a conditional update
    /// (<c>used &lt; quota</c>) in the same transaction as the entry's change, so parallel endorsements of the last
    /// slot leave exactly one winner.
    /// </summary>
    public async Task RecommendAsync(Guid id, int version, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Recommend);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var e = await LoadAsync(id, version, ct);
            var c = await CallService.FindAsync(db, e.CallId, ct, track: false);
            if (!c.Config.RequiresRecommendation) throw new DomainException("本次评选不需要推荐");
            if (user.OrganisationId != e.OrganisationId) throw new ForbiddenException("只有申报所选的推荐单位可以推荐");
            if (c.Status != CallStatus.Open) throw new DomainException("该评选活动不在推荐期内");
            if (c.RecommendationDeadline is { } deadline && db.UtcNow > deadline)
                throw new DomainException($"推荐已于 {deadline.AddHours(8):yyyy-MM-dd HH:mm} 截止");
            if (e.Status != EntryStatus.Submitted) throw new DomainException($"只有已提交的申报可以推荐（当前：{e.Status.Zh()}）");
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var taken = await db.Set<AwardQuota>().Where(q => q.CallId == c.Id && q.UnitId == e.OrganisationId && q.Used < q.Quota)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.Used, q => q.Used + 1), ct);
            if (taken == 0) throw new DomainException("本单位的推荐名额已用完");
            var from = e.Status;
            e.Status = EntryStatus.Recommended;
            e.HoldsQuota = true;
            e.RecommendedAt = db.UtcNow;
            e.RecommendedBy = user.DisplayName;
            await TransitionAsync(e, from, $"推荐申报「{e.Title}」", ct);
            await tx.CommitAsync(ct);
        });
    }

    /// <summary>形式审查: pass, return for correction (reason kept), or reject (reason kept).</summary>
    public async Task CheckAsync(Guid id, CheckBody body, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var e = await LoadAsync(id, body.Version, ct);
        var c = await CallService.FindAsync(db, e.CallId, ct, track: false);
        if (c.Status != CallStatus.Open) throw new DomainException("该评选活动不在申报期内，不能进行形式审查");
        var expected = c.Config.RequiresRecommendation ? EntryStatus.Recommended : EntryStatus.Submitted;
        if (e.Status != expected) throw new DomainException($"只有{expected.Zh()}的申报可以进行形式审查（当前：{e.Status.Zh()}）");
        var reason = body.Reason.Clean();
        var from = e.Status;
        string summary;
        switch (body.Decision)
        {
            case CheckDecision.Pass:
                e.Status = EntryStatus.Eligible;
                summary = $"形式审查通过「{e.Title}」";
                break;
            case CheckDecision.Return:
                e.Status = EntryStatus.Returned;
                e.ReturnReason = reason ?? throw new DomainException("请填写退回原因", nameof(CheckBody.Reason));
                summary = $"形式审查退回「{e.Title}」：{reason}";
                break;
            default:
                e.Status = EntryStatus.Rejected;
                e.RejectReason = reason ?? throw new DomainException("请填写不通过的原因", nameof(CheckBody.Reason));
                summary = $"形式审查不通过「{e.Title}」：{reason}";
                break;
        }
        e.CheckedAt = db.UtcNow;
        e.CheckedBy = user.DisplayName;
        await TransitionAsync(e, from, summary, ct);
    }

    private async Task TransitionAsync(AwardEntry e, EntryStatus from, string summary, CancellationToken ct)
    {
        db.AuditEvent(AuditActions.Transition, "申报", e.Id.ToString(), summary, e.OrganisationId,
            JsonSerializer.Serialize(new { Status = new { old = from.ToString(), @new = e.Status.ToString() } }));
        await db.SaveChangesAsync(ct);
    }
}
