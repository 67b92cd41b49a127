using Kexie.Web.Modules.Experts.Data;
using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Experts.Features;

public sealed record ClaimRequest(string? IdNumber);

/// <summary>What the claimant sees of their claim: a masked confirmation only (never the record's other fields).</summary>
public sealed record ClaimView(Guid Id, ClaimStatus Status, string StatusName, string MaskedName, string? IdNumberMasked, string OrganisationName,
    string? Reason, DateTime CreatedAt);

/// <summary>A claim as the confirming organisation sees it.</summary>
public sealed record ClaimRow(Guid Id, Guid PersonId, string PersonName, string Employer, string? IdNumberMasked, string ClaimantName,
    ClaimStatus Status, string StatusName, string? Reason, DateTime CreatedAt, int Version);

/// <summary>
/// 认领: a signed-in 公众用户 whose 身份证号 matches an existing record (registered or imported by an organisation) asks to
/// take it over as their own profile; the record's organisation confirms (the record becomes theirs) or rejects with a
/// reason. Refused: no matching record, a record already owned, a record with another pending claim, a claimant who
/// already has a profile or another pending claim. Repeating the same claim returns the pending one (no duplicate).
/// </summary>
public sealed class ClaimPerson(AppDbContext db, CurrentUser user, PersonPrivacy privacy)
{
    public async Task<ClaimView> ClaimAsync(ClaimRequest r, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.OwnProfile);
        var uid = user.UserId ?? throw new DomainException("请先登录");
        var id = privacy.ValidateId(r.IdNumber, nameof(ClaimRequest.IdNumber)) ?? throw new DomainException("请填写身份证号", nameof(ClaimRequest.IdNumber));
        if (await db.AllPeople().AnyAsync(p => p.OwnerUserId == uid && p.Status != PersonStatus.Merged, ct))
            throw new DomainException("您已有本人的科技工作者信息，无需认领");
        var index = privacy.IdIndex(id.Normalized!);
        var person = await db.AllPeople().AsNoTracking().Where(p => p.IdNumberIndex == index && p.Status != PersonStatus.Merged)
            .Select(p => new { p.Id, p.OrganisationId, p.OwnerUserId, p.Name, p.IdNumberMasked }).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("没有找到该身份证号的登记信息，请直接填写本人信息", nameof(ClaimRequest.IdNumber));
        if (person.OwnerUserId is not null) throw new DomainException("该登记信息已由其他账号认领；如有疑问请联系所属组织", nameof(ClaimRequest.IdNumber));
        var pending = await db.Claims().WithoutDataScope().Where(c => c.Status == ClaimStatus.Pending && (c.PersonId == person.Id || c.OwnerUserId == uid))
            .ToListAsync(ct);
        if (pending.FirstOrDefault(c => c.PersonId == person.Id && c.OwnerUserId == uid) is { } same) return await ViewAsync(same, ct);
        if (pending.Any(c => c.OwnerUserId == uid)) throw new DomainException("您已有一项待确认的认领申请，请等待组织确认");
        if (pending.Count > 0) throw new DomainException("该登记信息已有待确认的认领申请；如有疑问请联系所属组织", nameof(ClaimRequest.IdNumber));
        var claim = new PersonClaim
        {
            OrganisationId = person.OrganisationId,
            OwnerUserId = uid,
            PersonId = person.Id,
            ClaimantName = string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName : user.DisplayName,
            Status = ClaimStatus.Pending,
        };
        db.Claims().Add(claim);
        db.AuditEvent(AuditActions.Transition, "科技工作者认领", claim.Id.ToString(),
            $"{claim.ClaimantName} 申请认领科技工作者「{Mask.Name(person.Name)}」（{person.IdNumberMasked}）", person.OrganisationId);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(claim, ct);
    }

    /// <summary>The signed-in user's latest claim, masked; null when they never claimed.</summary>
    public async Task<ClaimView?> MineAsync(CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.OwnProfile);
        var uid = user.UserId;
        var claim = await db.Claims().AsNoTracking().Where(c => c.OwnerUserId == uid).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        return claim is null ? null : await ViewAsync(claim, ct);
    }

    private async Task<ClaimView> ViewAsync(PersonClaim c, CancellationToken ct)
    {
        var p = await db.AllPeople().AsNoTracking().Where(x => x.Id == c.PersonId).Select(x => new { x.Name, x.IdNumberMasked }).FirstAsync(ct);
        var org = await db.Organisations.WithoutDataScope().Where(o => o.Id == c.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        return new ClaimView(c.Id, c.Status, c.Status.Zh(), Mask.Name(p.Name), p.IdNumberMasked, org, c.Reason, c.CreatedAt);
    }
}

/// <summary>The confirming organisation's side of 认领: list the claims in scope, approve (the record becomes the claimant's) or reject.</summary>
public sealed class DecideClaim(AppDbContext db, CurrentUser user)
{
    public async Task<List<ClaimRow>> ListAsync(bool pendingOnly = true, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.Manage);
        var claims = db.Claims().AsNoTracking().Where(c => !pendingOnly || c.Status == ClaimStatus.Pending);
        var rows = await claims.Join(db.People(), c => c.PersonId, p => p.Id, (c, p) => new { c, p.Name, p.Employer, p.IdNumberMasked })
            .OrderByDescending(x => x.c.CreatedAt).Take(200).ToListAsync(ct);
        return rows.Select(x => new ClaimRow(x.c.Id, x.c.PersonId, x.Name, x.Employer, x.IdNumberMasked, x.c.ClaimantName, x.c.Status, x.c.Status.Zh(), x.c.Reason,
            x.c.CreatedAt, x.c.Version)).ToList();
    }

    public async Task HandleAsync(Guid claimId, bool approve, ReasonRequest r, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.Manage);
        // Scoped: a claim on another organisation's record is 404 (the claimant's own view does not grant Manage).
        var claim = await db.Claims().FirstOrDefaultAsync(c => c.Id == claimId && c.OwnerUserId != user.UserId, ct) ?? throw new NotFoundException("认领申请");
        var person = await db.People().FirstOrDefaultAsync(p => p.Id == claim.PersonId, ct) ?? throw new NotFoundException("认领申请");
        db.Entry(claim).Property(c => c.Version).OriginalValue = r.Version;
        if (approve)
        {
            if (person.OwnerUserId is not null) throw new DomainException("该登记信息已由其他账号认领，不能再确认此申请");
            if (person.Status == PersonStatus.Merged) throw new DomainException("该登记已合并到其他记录，请退回此申请");
            if (await db.AllPeople().AnyAsync(p => p.OwnerUserId == claim.OwnerUserId && p.Status != PersonStatus.Merged, ct))
                throw new DomainException("申请人已有本人的科技工作者信息，请退回此申请或先合并重复记录");
            claim.Approve(user.UserId, db.UtcNow);
            person.OwnerUserId = claim.OwnerUserId;
            db.AuditEvent(AuditActions.Transition, "科技工作者认领", claim.Id.ToString(), $"确认 {claim.ClaimantName} 认领科技工作者「{person.Name}」", claim.OrganisationId);
        }
        else
        {
            claim.Reject(r.Reason ?? "", user.UserId, db.UtcNow);
            db.AuditEvent(AuditActions.Transition, "科技工作者认领", claim.Id.ToString(), $"退回 {claim.ClaimantName} 对科技工作者「{person.Name}」的认领：{claim.Reason}", claim.OrganisationId);
        }
        await db.SaveChangesAsync(ct);
    }
}
