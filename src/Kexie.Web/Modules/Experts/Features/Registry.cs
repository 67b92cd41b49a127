using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Kexie.Web.Modules.Experts.Data;
using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations.Features;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Experts.Features;

/// <summary>The editable fields of a 科技工作者 (forms and API bodies).</summary>
public sealed class PersonInput
{
    [Required(ErrorMessage = "姓名不能为空"), StringLength(Lengths.Name, ErrorMessage = "姓名不能超过100字")]
    public string Name { get; set; } = "";

    public string? Gender { get; set; }

    /// <summary>身份证号; blank keeps the stored one on edit (the form shows it masked).</summary>
    public string? IdNumber { get; set; }

    /// <summary>Phone; blank keeps the stored one on edit.</summary>
    public string? Phone { get; set; }

    [Required(ErrorMessage = "工作单位不能为空"), StringLength(Lengths.LongName)]
    public string Employer { get; set; } = "";

    public string? Title { get; set; }
    public string? Education { get; set; }
    public string? DisciplineCode { get; set; }
    public string? IndustryCode { get; set; }

    [RegularExpression(@"^\d{6}(\d{3})?$", ErrorMessage = "行政区划代码应为6位或9位数字")]
    public string? RegionCode { get; set; }

    public string? PoliticalStatus { get; set; }

    [StringLength(Lengths.Text)]
    public string? Honours { get; set; }

    [StringLength(Lengths.LongName)]
    public string? ExpertiseCodes { get; set; }

    [StringLength(Lengths.Text)]
    public string? Keywords { get; set; }

    [StringLength(Lengths.Text, ErrorMessage = "简介不能超过2000字")]
    public string? Bio { get; set; }

    public Availability Availability { get; set; }

    /// <summary>The owning organisation (register; the public profile's confirming organisation).</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>The version read before editing (optimistic concurrency).</summary>
    public int Version { get; set; }
}

internal static class PersonRules
{
    public static void Validate(PersonInput input)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
            throw new ValidationFailedException(results.GroupBy(r => r.MemberNames.FirstOrDefault() ?? "").ToDictionary(g => g.Key, g => g.Select(r => r.ErrorMessage ?? "无效").ToArray()));
    }

    /// <summary>Applies the fields; ID and phone are validated, encrypted and checked for duplicates (ID: refused; across the whole registry).</summary>
    public static async Task ApplyAsync(AppDbContext db, PersonPrivacy privacy, Person p, PersonInput i, CancellationToken ct)
    {
        Validate(i);
        var id = privacy.ValidateId(i.IdNumber, nameof(PersonInput.IdNumber));
        var phone = privacy.ValidatePhone(i.Phone, nameof(PersonInput.Phone));
        p.Name = i.Name.Trim();
        p.Employer = i.Employer.Trim();
        p.Gender = i.Gender.Clean();
        p.Title = i.Title.Clean();
        p.Education = i.Education.Clean();
        p.DisciplineCode = i.DisciplineCode.Clean();
        p.IndustryCode = i.IndustryCode.Clean();
        p.RegionCode = i.RegionCode.Clean();
        p.PoliticalStatus = i.PoliticalStatus.Clean();
        p.Honours = i.Honours.Clean();
        p.ExpertiseCodes = Person.Split(i.ExpertiseCodes) is { Count: > 0 } codes ? string.Join(',', codes.Distinct()) : null;
        p.Keywords = Person.Split(i.Keywords) is { Count: > 0 } kws ? string.Join('、', kws.Distinct()) : null;
        p.Bio = i.Bio.Clean();
        p.Availability = i.Availability;
        if (id is not null)
        {
            var index = privacy.IdIndex(id.Normalized!);
            if (index != p.IdNumberIndex)
            {
                if (await db.AllPeople().AnyAsync(x => x.IdNumberIndex == index && x.Id != p.Id, ct))
                    throw new DomainException("该身份证号已在科技工作者库中登记，请勿重复登记（如为同一人，请联系管理员合并）", nameof(PersonInput.IdNumber));
                privacy.SetIdNumber(p, id.Normalized);
            }
            p.BirthYear = id.BirthDate?.Year;
            p.Gender ??= id.Gender == Platform.Privacy.Gender.Male ? "男" : "女";
        }
        if (phone is not null) privacy.SetPhone(p, phone.Normalized);
        p.RefreshSearchTokens();
    }
}

/// <summary>An organisation registers one of its people (confirmed at once).</summary>
public sealed class RegisterPerson(AppDbContext db, CurrentUser user, PersonPrivacy privacy)
{
    public async Task<Guid> HandleAsync(PersonInput input, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.Manage);
        var orgId = input.OrganisationId ?? user.OrganisationId ?? throw new DomainException("请选择所属组织", nameof(PersonInput.OrganisationId));
        if (!await db.Organisations.AnyAsync(o => o.Id == orgId && o.IsActive, ct))
            throw new DomainException("所属组织不存在或不在您的管理范围内", nameof(PersonInput.OrganisationId));
        var p = new Person { OrganisationId = orgId, Source = PersonSource.Registered, Status = PersonStatus.Confirmed };
        await PersonRules.ApplyAsync(db, privacy, p, input, ct);
        db.People().Add(p);
        await db.SaveChangesAsync(ct);
        return p.Id;
    }
}

/// <summary>Edits a person's record (staff within scope, or the person on their own profile). Optimistic concurrency by version.</summary>
public sealed class UpdatePerson(AppDbContext db, CurrentUser user, PersonPrivacy privacy)
{
    public async Task HandleAsync(Guid id, PersonInput input, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.Manage);
        var p = await db.People().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("科技工作者");
        if (p.Status == PersonStatus.Merged) throw new DomainException("该记录已合并到其他记录，不能再编辑");
        db.Entry(p).Property(x => x.Version).OriginalValue = input.Version;
        await PersonRules.ApplyAsync(db, privacy, p, input, ct);
        await db.SaveChangesAsync(ct);
    }
}

public sealed record ReasonRequest(string? Reason, int Version);

/// <summary>The chosen organisation confirms (or returns) a self-registered profile.</summary>
public sealed class ConfirmPerson(AppDbContext db, CurrentUser user)
{
    public async Task HandleAsync(Guid id, bool confirm, ReasonRequest r, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.Manage);
        var p = await db.People().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("科技工作者");
        db.Entry(p).Property(x => x.Version).OriginalValue = r.Version;
        if (confirm) p.Confirm();
        else p.Reject(r.Reason ?? "");
        db.AuditEvent(AuditActions.Transition, "科技工作者", p.Id.ToString(), confirm ? $"确认科技工作者「{p.Name}」的登记" : $"退回科技工作者「{p.Name}」的登记：{r.Reason}", p.OrganisationId);
        await db.SaveChangesAsync(ct);
    }
}

public enum PoolAction
{
    Apply,
    Recommend,
    Review,
    Admit,
    Suspend,
    Remove,
}

public sealed record PoolActionRequest(PoolAction Action, string? Reason, int Version);

/// <summary>专家库 workflow: apply/recommend → review → admit; suspend or remove with a reason. Audited.</summary>
public sealed class ChangePoolStatus(AppDbContext db, CurrentUser user)
{
    public async Task HandleAsync(Guid id, PoolActionRequest r, CancellationToken ct = default)
    {
        var p = await db.People().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("科技工作者");
        var own = user.UserId is not null && p.OwnerUserId == user.UserId;
        if (r.Action == PoolAction.Apply && own) user.Demand(ExpertPermissions.OwnProfile);
        else if (r.Action == PoolAction.Recommend) user.Demand(ExpertPermissions.Manage);
        else user.Demand(ExpertPermissions.Pool);
        db.Entry(p).Property(x => x.Version).OriginalValue = r.Version;
        var before = p.PoolStatus;
        switch (r.Action)
        {
            case PoolAction.Apply: p.EnterPool(recommended: false); break;
            case PoolAction.Recommend: p.EnterPool(recommended: true); break;
            case PoolAction.Review: p.Review(); break;
            case PoolAction.Admit: p.Admit(db.UtcNow); break;
            case PoolAction.Suspend: p.Suspend(r.Reason ?? ""); break;
            case PoolAction.Remove: p.RemoveFromPool(r.Reason ?? ""); break;
            default: throw new DomainException("未知操作");
        }
        db.AuditEvent(AuditActions.Transition, "专家库", p.Id.ToString(),
            $"专家「{p.Name}」：{before.Zh()} → {p.PoolStatus.Zh()}{(string.IsNullOrWhiteSpace(r.Reason) ? "" : "，原因：" + r.Reason.Trim())}", p.OrganisationId,
            JsonSerializer.Serialize(new { PoolStatus = new { old = before.ToString(), @new = p.PoolStatus.ToString() } }));
        await db.SaveChangesAsync(ct);
    }
}

public sealed record PersonalData(string? IdNumber, string? Phone);

/// <summary>Opens the full 身份证号 and phone of one person; every opening is audited.</summary>
public sealed class RevealPersonalData(AppDbContext db, CurrentUser user, PersonPrivacy privacy)
{
    public async Task<PersonalData> HandleAsync(Guid id, CancellationToken ct = default)
    {
        var p = await db.People().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("科技工作者");
        var own = user.UserId is not null && p.OwnerUserId == user.UserId;
        if (!own) user.Demand(ExpertPermissions.ViewPersonalData);
        db.AuditEvent(AuditActions.ViewPersonalData, "科技工作者", p.Id.ToString(), $"查看「{p.Name}」的完整身份证号和手机号", p.OrganisationId);
        await db.FlushAuditAsync(ct);
        return new PersonalData(privacy.OpenId(p), privacy.OpenPhone(p));
    }
}

public sealed record MergeRequest(Guid DuplicateId, int Version, int DuplicateVersion);

/// <summary>
/// Merges a duplicate into this record: the duplicate is kept (status 已合并, pointing here) with its history;
/// usages and panels of both show on the kept record; ID number and phone move over when the kept record has none.
/// </summary>
public sealed class MergePeople(AppDbContext db, CurrentUser user)
{
    public async Task HandleAsync(Guid keepId, MergeRequest r, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.Manage);
        if (keepId == r.DuplicateId) throw new DomainException("不能与自身合并");
        var keep = await db.People().FirstOrDefaultAsync(x => x.Id == keepId, ct) ?? throw new NotFoundException("科技工作者");
        var dup = await db.People().FirstOrDefaultAsync(x => x.Id == r.DuplicateId, ct) ?? throw new NotFoundException("重复记录");
        if (keep.Status == PersonStatus.Merged || dup.Status == PersonStatus.Merged) throw new DomainException("已合并的记录不能再次合并");
        db.Entry(keep).Property(x => x.Version).OriginalValue = r.Version;
        db.Entry(dup).Property(x => x.Version).OriginalValue = r.DuplicateVersion;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            string? idCipher = null, idIndex = null, idMasked = null;
            if (keep.IdNumberIndex is null && dup.IdNumberIndex is not null)
            {
                (idCipher, idIndex, idMasked) = (dup.IdNumberCipher, dup.IdNumberIndex, dup.IdNumberMasked);
                dup.IdNumberCipher = dup.IdNumberIndex = dup.IdNumberMasked = null;
            }
            dup.Status = PersonStatus.Merged;
            dup.MergedIntoId = keep.Id;
            dup.StatusReason = $"合并到「{keep.Name}」";
            if (dup.PoolStatus == PoolStatus.Admitted) dup.PoolStatus = PoolStatus.Removed;
            await db.SaveChangesAsync(ct); // frees the unique ID index before the kept record takes it
            if (idIndex is not null) (keep.IdNumberCipher, keep.IdNumberIndex, keep.IdNumberMasked) = (idCipher, idIndex, idMasked);
            if (keep.PhoneIndex is null && dup.PhoneIndex is not null) (keep.PhoneCipher, keep.PhoneIndex, keep.PhoneMasked) = (dup.PhoneCipher, dup.PhoneIndex, dup.PhoneMasked);
            keep.OwnerUserId ??= dup.OwnerUserId;
            keep.Keywords = Person.Split(keep.Keywords + "、" + dup.Keywords).Distinct().ToList() is { Count: > 0 } k ? string.Join('、', k) : null;
            keep.Bio ??= dup.Bio;
            if (keep.PoolStatus == PoolStatus.None && dup.PoolStatus != PoolStatus.None) (keep.PoolStatus, keep.AdmittedAt) = (dup.PoolStatus == PoolStatus.Removed && dup.AdmittedAt is not null ? PoolStatus.Admitted : dup.PoolStatus, dup.AdmittedAt);
            keep.RefreshSearchTokens();
            foreach (var rel in await db.PersonRelations().Where(x => x.PersonId == dup.Id).ToListAsync(ct)) rel.PersonId = keep.Id;
            db.AuditEvent(AuditActions.Transition, "科技工作者", keep.Id.ToString(), $"合并重复记录：「{dup.Name}」({dup.Id}) 并入「{keep.Name}」", keep.OrganisationId);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
    }
}

/// <summary>A declared relation: a related person by id or by 身份证号 (resolved through the blind index, never stored in clear), and/or a unit.</summary>
public sealed record RelationInput(string Kind, Guid? RelatedPersonId, string? RelatedUnit, string? Note, string? RelatedIdNumber = null);

/// <summary>Declares or removes a 回避 relation of a person.</summary>
public sealed class SaveRelation(AppDbContext db, CurrentUser user, PersonPrivacy privacy)
{
    public async Task<Guid> AddAsync(Guid personId, RelationInput r, CancellationToken ct = default)
    {
        var p = await db.People().AsNoTracking().FirstOrDefaultAsync(x => x.Id == personId, ct) ?? throw new NotFoundException("科技工作者");
        if (p.OwnerUserId is null || p.OwnerUserId != user.UserId) user.Demand(ExpertPermissions.Manage);
        if (string.IsNullOrWhiteSpace(r.Kind)) throw new DomainException("请选择关系类型", nameof(RelationInput.Kind));
        var relatedId = r.RelatedPersonId;
        if (privacy.ValidateId(r.RelatedIdNumber, nameof(RelationInput.RelatedIdNumber)) is { Normalized: { } normalised })
        {
            var index = privacy.IdIndex(normalised);
            // The whole registry (a relative may be registered by another county); only the id is kept, nothing is disclosed.
            relatedId = await db.AllPeople().Where(x => x.IdNumberIndex == index && x.Status != PersonStatus.Merged).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct)
                ?? throw new DomainException("科技工作者库中没有该身份证号的人员；可改为填写相关单位或在说明中注明", nameof(RelationInput.RelatedIdNumber));
        }
        else if (relatedId is { } rid && !await db.AllPeople().AnyAsync(x => x.Id == rid, ct))
        {
            throw new DomainException("相关人员不存在", nameof(RelationInput.RelatedPersonId));
        }
        if (relatedId == personId) throw new DomainException("不能与本人建立回避关系", nameof(RelationInput.RelatedIdNumber));
        if (relatedId is null && string.IsNullOrWhiteSpace(r.RelatedUnit)) throw new DomainException("请填写相关人员或单位", nameof(RelationInput.RelatedUnit));
        var rel = new PersonRelation { PersonId = personId, Kind = r.Kind.Trim(), RelatedPersonId = relatedId, RelatedUnit = r.RelatedUnit.Clean(), Note = r.Note.Clean() };
        db.PersonRelations().Add(rel);
        await db.SaveChangesAsync(ct);
        return rel.Id;
    }

    public async Task RemoveAsync(Guid personId, Guid relationId, CancellationToken ct = default)
    {
        var p = await db.People().AsNoTracking().FirstOrDefaultAsync(x => x.Id == personId, ct) ?? throw new NotFoundException("科技工作者");
        if (p.OwnerUserId is null || p.OwnerUserId != user.UserId) user.Demand(ExpertPermissions.Manage);
        var rel = await db.PersonRelations().FirstOrDefaultAsync(x => x.Id == relationId && x.PersonId == personId, ct) ?? throw new NotFoundException("回避关系");
        db.Remove(rel);
        await db.SaveChangesAsync(ct);
    }
}

public sealed record RelationView(Guid Id, string Kind, Guid? RelatedPersonId, string? RelatedUnit, string? Note, string? RelatedPersonName = null, bool Inbound = false);

public sealed record UsageView(Guid Id, Guid? PanelId, string Kind, string Title, string SourceModule, DateOnly UsedOn, int? Rating, string? RatingComment);

public sealed record DuplicateView(Guid Id, string Name, string Employer, string? PhoneMasked, string Why, int Version);

public sealed record PersonDetail(Guid Id, Guid OrganisationId, string OrganisationName, Guid? OwnerUserId, string Name, string? Gender, int? BirthYear,
    string? IdNumberMasked, string? PhoneMasked, string Employer, string? Title, string? Education, string? DisciplineCode, string? IndustryCode,
    string? RegionCode, string? PoliticalStatus, string? Honours, PersonSource Source, PersonStatus Status, string? StatusReason, Guid? MergedIntoId,
    PoolStatus PoolStatus, string? PoolReason, DateTime? AdmittedAt, string? ExpertiseCodes, string? Keywords, string? Bio, Availability Availability,
    int Version, DateTime CreatedAt, DateTime UpdatedAt, double? AverageRating,
    IReadOnlyList<RelationView> Relations, IReadOnlyList<UsageView> Usages, IReadOnlyList<DuplicateView> PossibleDuplicates)
{
    public PersonInput ToInput() => new()
    {
        Name = Name,
        Gender = Gender,
        Employer = Employer,
        Title = Title,
        Education = Education,
        DisciplineCode = DisciplineCode,
        IndustryCode = IndustryCode,
        RegionCode = RegionCode,
        PoliticalStatus = PoliticalStatus,
        Honours = Honours,
        ExpertiseCodes = ExpertiseCodes,
        Keywords = Keywords,
        Bio = Bio,
        Availability = Availability,
        OrganisationId = OrganisationId,
        Version = Version,
    };
}

/// <summary>One person with masked personal data, relations, the usage history of this record and of records merged into it, and possible duplicates.</summary>
public sealed class GetPerson(AppDbContext db, CurrentUser user)
{
    public async Task<PersonDetail> HandleAsync(Guid id, CancellationToken ct = default)
    {
        var p = await db.People().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("科技工作者");
        var own = user.UserId is not null && p.OwnerUserId == user.UserId;
        if (!own) user.Demand(ExpertPermissions.View);
        return await BuildAsync(db, p, includeDuplicates: !own, ct);
    }

    internal static async Task<PersonDetail> BuildAsync(AppDbContext db, Person p, bool includeDuplicates, CancellationToken ct)
    {
        var orgName = await db.Organisations.WithoutDataScope().Where(o => o.Id == p.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        var relations = await db.PersonRelations().AsNoTracking().Where(r => r.PersonId == p.Id).OrderBy(r => r.CreatedAt)
            .Select(r => new RelationView(r.Id, r.Kind, r.RelatedPersonId, r.RelatedUnit, r.Note)).ToListAsync(ct);
        // Relations declared by others towards this person bind too (the draw treats them both ways); names of related people
        // come from the whole registry, masked (the related record may lie outside the viewer's scope).
        var inbound = await db.PersonRelations().AsNoTracking().Where(r => r.RelatedPersonId == p.Id).OrderBy(r => r.CreatedAt)
            .Select(r => new RelationView(r.Id, r.Kind, r.PersonId, r.RelatedUnit, r.Note, null)).ToListAsync(ct);
        var relatedIds = relations.Concat(inbound).Where(r => r.RelatedPersonId is not null).Select(r => r.RelatedPersonId!.Value).Distinct().ToList();
        var relatedNames = await db.AllPeople().AsNoTracking().Where(x => relatedIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        relations = relations.Select(r => r with { RelatedPersonName = r.RelatedPersonId is { } id && relatedNames.TryGetValue(id, out var n) ? Platform.Privacy.Mask.Name(n) : null })
            .Concat(inbound.Select(r => r with { Inbound = true, RelatedPersonName = relatedNames.TryGetValue(r.RelatedPersonId!.Value, out var n) ? Platform.Privacy.Mask.Name(n) : null }))
            .ToList();
        var ids = await db.AllPeople().Where(x => x.MergedIntoId == p.Id).Select(x => x.Id).ToListAsync(ct);
        ids.Add(p.Id);
        // A person's history is theirs to see wherever the use was recorded.
        var usages = await db.Usages().WithoutDataScope().AsNoTracking().Where(u => ids.Contains(u.PersonId))
            .OrderByDescending(u => u.UsedOn)
            .Select(u => new UsageView(u.Id, u.PanelId, u.Kind, u.Title, u.SourceModule, u.UsedOn, u.Rating, u.RatingComment)).ToListAsync(ct);
        var rated = usages.Where(u => u.Rating is not null).Select(u => (double)u.Rating!.Value).ToList();
        List<DuplicateView> dups = [];
        if (includeDuplicates && p.Status != PersonStatus.Merged)
        {
            var q = db.People().AsNoTracking().Where(x => x.Id != p.Id && x.Status != PersonStatus.Merged);
            var byName = p.PhoneIndex is null ? [] : await q.Where(x => x.Name == p.Name && x.PhoneIndex == p.PhoneIndex)
                .Select(x => new DuplicateView(x.Id, x.Name, x.Employer, x.PhoneMasked, "姓名和手机号相同", x.Version)).ToListAsync(ct);
            dups.AddRange(byName);
        }
        return new PersonDetail(p.Id, p.OrganisationId, orgName, p.OwnerUserId, p.Name, p.Gender, p.BirthYear, p.IdNumberMasked, p.PhoneMasked,
            p.Employer, p.Title, p.Education, p.DisciplineCode, p.IndustryCode, p.RegionCode, p.PoliticalStatus, p.Honours, p.Source, p.Status,
            p.StatusReason, p.MergedIntoId, p.PoolStatus, p.PoolReason, p.AdmittedAt, p.ExpertiseCodes, p.Keywords, p.Bio, p.Availability,
            p.Version, p.CreatedAt, p.UpdatedAt, rated.Count == 0 ? null : Math.Round(rated.Average(), 1), relations, usages, dups);
    }
}

/// <summary>The signed-in scientist's own record (public site): create once choosing the confirming organisation, then keep it.</summary>
public sealed class MyProfile(AppDbContext db, CurrentUser user, PersonPrivacy privacy, OrganisationDirectory directory)
{
    public async Task<PersonDetail?> GetAsync(CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.OwnProfile);
        var p = await db.People().AsNoTracking().Where(x => x.OwnerUserId == user.UserId && x.Status != PersonStatus.Merged).FirstOrDefaultAsync(ct);
        return p is null ? null : await GetPerson.BuildAsync(db, p, includeDuplicates: false, ct);
    }

    public async Task<Guid> SaveAsync(PersonInput input, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.OwnProfile);
        if (input.OrganisationId is not { } orgId || await directory.FindAsync(orgId, ct) is null)
            throw new DomainException("请选择确认您信息的组织（所在单位科协、学会或所在地科协）", nameof(PersonInput.OrganisationId));
        var p = await db.People().Where(x => x.OwnerUserId == user.UserId && x.Status != PersonStatus.Merged).FirstOrDefaultAsync(ct);
        if (p is null)
        {
            if (string.IsNullOrWhiteSpace(input.IdNumber)) throw new DomainException("请填写身份证号", nameof(PersonInput.IdNumber));
            if (string.IsNullOrWhiteSpace(input.Phone)) throw new DomainException("请填写手机号", nameof(PersonInput.Phone));
            if (privacy.ValidateId(input.IdNumber, nameof(PersonInput.IdNumber)) is { Normalized: { } normalised }
                && await db.AllPeople().AnyAsync(x => x.IdNumberIndex == privacy.IdIndex(normalised) && x.Status != PersonStatus.Merged, ct))
                throw new DomainException("该身份证号已由组织登记。如是您本人，请在本页「认领已有登记」中提交认领申请，经该组织确认后由您维护", nameof(PersonInput.IdNumber));
            p = new Person { OrganisationId = orgId, OwnerUserId = user.UserId, Source = PersonSource.SelfRegistered, Status = PersonStatus.Pending };
            await PersonRules.ApplyAsync(db, privacy, p, input, ct);
            db.People().Add(p);
        }
        else
        {
            db.Entry(p).Property(x => x.Version).OriginalValue = input.Version;
            await PersonRules.ApplyAsync(db, privacy, p, input, ct);
            if (p.OrganisationId != orgId || p.Status == PersonStatus.Rejected)
            {
                // Another organisation (or a corrected, returned profile) must confirm again.
                p.OrganisationId = orgId;
                p.Status = PersonStatus.Pending;
                p.StatusReason = null;
            }
        }
        await db.SaveChangesAsync(ct);
        return p.Id;
    }
}
