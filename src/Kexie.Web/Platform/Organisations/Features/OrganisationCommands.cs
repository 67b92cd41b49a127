using System.ComponentModel.DataAnnotations;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Platform.Organisations.Features;

/// <summary>The editable fields of an organisation (create and edit forms, API bodies).</summary>
public sealed class OrganisationInput
{
    [Required(ErrorMessage = "名称不能为空"), StringLength(Lengths.LongName, ErrorMessage = "名称不能超过200字")]
    public string Name { get; set; } = "";

    [StringLength(Lengths.Name)]
    public string? ShortName { get; set; }

    public OrganisationType Type { get; set; } = OrganisationType.TownAssociation;

    public Guid? ParentId { get; set; }

    [Required(ErrorMessage = "行政区划不能为空"), RegularExpression(@"^\d{6}(\d{3})?$", ErrorMessage = "行政区划代码应为6位或9位数字（GB/T 2260）")]
    public string RegionCode { get; set; } = "";

    [RegularExpression(@"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$", ErrorMessage = "统一社会信用代码应为18位")]
    public string? CreditCode { get; set; }

    [StringLength(Lengths.Name)]
    public string? ContactPerson { get; set; }

    [StringLength(Lengths.Code)]
    public string? ContactPhone { get; set; }

    [StringLength(Lengths.LongName)]
    public string? Address { get; set; }

    public DateOnly? EstablishedOn { get; set; }
    public bool? HasPartyOrganisation { get; set; }

    [Range(0, 10_000_000, ErrorMessage = "会员数应为非负整数")]
    public int? MemberCount { get; set; }

    public int SortOrder { get; set; }

    /// <summary>The version read before editing (optimistic concurrency). Ignored on create.</summary>
    public int Version { get; set; }

    public static OrganisationInput From(OrganisationDetail d) => new()
    {
        Name = d.Name,
        ShortName = d.ShortName,
        Type = d.Type,
        ParentId = d.ParentId,
        RegionCode = d.RegionCode,
        CreditCode = d.CreditCode,
        ContactPerson = d.ContactPerson,
        Address = d.Address,
        EstablishedOn = d.EstablishedOn,
        HasPartyOrganisation = d.HasPartyOrganisation,
        MemberCount = d.MemberCount,
        SortOrder = d.SortOrder,
        Version = d.Version,
    };
}

internal static class OrganisationRules
{
    public static void Validate(OrganisationInput input)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
            throw new ValidationFailedException(results.GroupBy(r => r.MemberNames.FirstOrDefault() ?? "").ToDictionary(g => g.Key, g => g.Select(r => r.ErrorMessage ?? "无效").ToArray()));
        if (input.ContactPhone.Clean() is { } phone && !Privacy.ChinesePhone.Validate(phone).IsValid)
            throw new DomainException("联系电话格式不正确", nameof(OrganisationInput.ContactPhone));
    }

    public static async Task EnsureRegionAsync(AppDbContext db, string code, CancellationToken ct)
    {
        if (!await db.Regions.AnyAsync(r => r.Code == code, ct))
            throw new DomainException($"行政区划代码 {code} 不存在，请先在行政区划中维护", nameof(OrganisationInput.RegionCode));
    }

    public static void Apply(Organisation o, OrganisationInput i)
    {
        o.Name = i.Name.Trim();
        o.ShortName = i.ShortName.Clean();
        o.RegionCode = i.RegionCode.Trim();
        o.CreditCode = i.CreditCode.Clean();
        o.ContactPerson = i.ContactPerson.Clean();
        if (i.ContactPhone.Clean() is { } p && !p.Contains('*', StringComparison.Ordinal)) o.ContactPhone = Privacy.ChinesePhone.Validate(p).Normalized ?? p;
        o.Address = i.Address.Clean();
        o.EstablishedOn = i.EstablishedOn;
        o.HasPartyOrganisation = o.Type is OrganisationType.Society or OrganisationType.SocietyBranch ? i.HasPartyOrganisation : null;
        o.MemberCount = i.MemberCount;
        o.SortOrder = i.SortOrder;
    }
}

/// <summary>Creates an organisation under a parent within the user's scope.</summary>
public sealed class CreateOrganisation(AppDbContext db, CurrentUser user)
{
    public async Task<Guid> HandleAsync(OrganisationInput input, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.OrganisationsManage);
        OrganisationRules.Validate(input);
        if (input.ParentId is null) throw new DomainException("请选择上级组织", nameof(OrganisationInput.ParentId));
        var parent = await db.Organisations.FirstOrDefaultAsync(o => o.Id == input.ParentId, ct)
            ?? throw new DomainException("上级组织不存在或不在您的管理范围内", nameof(OrganisationInput.ParentId));
        await OrganisationRules.EnsureRegionAsync(db, input.RegionCode.Trim(), ct);
        if (await db.Organisations.AnyAsync(o => o.ParentId == parent.Id && o.Name == input.Name.Trim(), ct))
            throw new DomainException($"「{parent.Name}」下已有同名组织", nameof(OrganisationInput.Name));
        var org = new Organisation(input.Name, input.Type, input.RegionCode, parent.Id);
        OrganisationRules.Apply(org, input);
        await OrganisationTree.AddAsync(db, org, parent, ct);
        await db.SaveChangesAsync(ct);
        return org.Id;
    }
}

/// <summary>Edits an organisation's fields (not its place in the tree: see <see cref="MoveOrganisation"/>).</summary>
public sealed class UpdateOrganisation(AppDbContext db, CurrentUser user)
{
    public async Task HandleAsync(Guid id, OrganisationInput input, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.OrganisationsManage);
        OrganisationRules.Validate(input);
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("组织");
        db.Entry(org).Property(o => o.Version).OriginalValue = input.Version;
        if (input.Type != org.Type) throw new DomainException("组织类型创建后不能修改；如需调整请停用后重新建立", nameof(OrganisationInput.Type));
        if (org.RegionCode != input.RegionCode.Trim()) await OrganisationRules.EnsureRegionAsync(db, input.RegionCode.Trim(), ct);
        OrganisationRules.Apply(org, input);
        await db.SaveChangesAsync(ct);
    }
}

public sealed record MoveOrganisationRequest(Guid NewParentId, int Version);

/// <summary>Moves an organisation (and everything under it) to another parent within the user's scope.</summary>
public sealed class MoveOrganisation(AppDbContext db, CurrentUser user)
{
    public async Task HandleAsync(Guid id, MoveOrganisationRequest r, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.OrganisationsManage);
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("组织");
        var parent = await db.Organisations.FirstOrDefaultAsync(o => o.Id == r.NewParentId, ct)
            ?? throw new DomainException("目标上级组织不存在或不在您的管理范围内", "ParentId");
        db.Entry(org).Property(o => o.Version).OriginalValue = r.Version;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var from = org.ParentId;
            await OrganisationTree.MoveAsync(db, org, parent, ct);
            db.AuditEvent(Audit.AuditActions.Transition, "组织机构", org.Id.ToString(), $"移动「{org.Name}」到「{parent.Name}」之下", org.Id,
                System.Text.Json.JsonSerializer.Serialize(new { ParentId = new { old = from, @new = parent.Id } }));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
    }
}

public sealed record DeactivateOrganisationRequest(string Reason, int Version);

/// <summary>Deactivates an organisation (never deleted: records point to it). Refused while active children remain.</summary>
public sealed class DeactivateOrganisation(AppDbContext db, CurrentUser user)
{
    public async Task HandleAsync(Guid id, DeactivateOrganisationRequest r, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.OrganisationsManage);
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("组织");
        db.Entry(org).Property(o => o.Version).OriginalValue = r.Version;
        if (org.ParentId is null) throw new DomainException("市科协不能停用");
        var activeChildren = await db.Organisations.IgnoreQueryFilters([AppDbContext.DataScopeFilter]).CountAsync(o => o.ParentId == id && o.IsActive, ct);
        if (activeChildren > 0) throw new DomainException($"该组织下还有 {activeChildren} 个启用的下级组织，请先停用或移走它们");
        org.Deactivate(r.Reason, db.UtcNow);
        await OrganisationTree.SyncActiveAsync(db, org, ct);
        await db.SaveChangesAsync(ct);
    }
}

public sealed class ReactivateOrganisation(AppDbContext db, CurrentUser user)
{
    public async Task HandleAsync(Guid id, int version, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.OrganisationsManage);
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("组织");
        db.Entry(org).Property(o => o.Version).OriginalValue = version;
        if (org.ParentId is { } pid && !await db.Organisations.IgnoreQueryFilters([AppDbContext.DataScopeFilter]).AnyAsync(o => o.Id == pid && o.IsActive, ct))
            throw new DomainException("上级组织已停用，请先启用上级组织");
        org.Reactivate();
        await OrganisationTree.SyncActiveAsync(db, org, ct);
        await db.SaveChangesAsync(ct);
    }
}
