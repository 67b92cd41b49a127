using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Modules.Experts.Contracts;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Awards.Features;

public sealed record AddReviewerBody(string UserName, bool IsReserve = false);

public sealed record DrawBody(IReadOnlyList<string>? DisciplineCodes = null, IReadOnlyList<string>? Keywords = null, int? Seed = null);

public sealed record ReviewerRow(Guid Id, string Name, string? Employer, bool IsReserve, bool HasAccount, int Assigned, int Scored, int Conflicts, DateTime? RemindedAt);

public sealed record EntryProgress(Guid EntryId, string Title, int Assigned, int Scored, int Conflicts);

public sealed record PanelBoard(Guid RoundId, string RoundName, int FormVersion, bool Frozen, Guid? PanelId, IReadOnlyList<ReviewerRow> Reviewers,
    IReadOnlyList<EntryProgress> Entries, int Pending);

/// <summary>Panels of a round: staff-chosen members or a draw from the 专家库 with 回避, assignment, the progress board, reminders.</summary>
public sealed class PanelService(AppDbContext db, CurrentUser user, IExpertDraw draw, IExpertAccounts accounts, Notifier notifier)
{
    internal static async Task<(AwardCall Call, AwardRound Round)> LoadAsync(AppDbContext db, Guid callId, Guid roundId, CancellationToken ct)
    {
        var call = await CallService.FindAsync(db, callId, ct);
        var round = await db.Set<AwardRound>().FirstOrDefaultAsync(r => r.Id == roundId && r.CallId == callId, ct) ?? throw new NotFoundException("评审轮次");
        return (call, round);
    }

    /// <summary>The entries a round reviews: round 1 takes the eligible entries, a later round those that passed the round before.</summary>
    internal static async Task<List<AwardEntry>> RoundEntriesAsync(AppDbContext db, AwardRound round, CancellationToken ct)
    {
        var entries = db.Set<AwardEntry>().WithoutDataScope().AsNoTracking().Where(e => e.CallId == round.CallId && e.Status == EntryStatus.Eligible);
        if (round.No > 1)
        {
            var prev = await db.Set<AwardRound>().Where(r => r.CallId == round.CallId && r.No == round.No - 1).Select(r => r.Id).FirstAsync(ct);
            entries = entries.Where(e => db.Set<AwardResult>().Any(x => x.RoundId == prev && x.EntryId == e.Id && x.Tier != null && x.Tier != "未通过" && x.Tier != "不合格"));
        }
        return await entries.OrderBy(e => e.Id).ToListAsync(ct);
    }

    public async Task<PanelBoard> BoardAsync(Guid callId, Guid roundId, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var (_, round) = await LoadAsync(db, callId, roundId, ct);
        var reviewers = await db.Set<AwardReviewer>().AsNoTracking().Where(r => r.RoundId == roundId).OrderBy(r => r.IsReserve).ThenBy(r => r.CreatedAt).ToListAsync(ct);
        var assignments = await db.Set<AwardAssignment>().AsNoTracking().Where(a => a.RoundId == roundId).ToListAsync(ct);
        var entries = await RoundEntriesAsync(db, round, ct);
        var titles = entries.ToDictionary(e => e.Id, e => e.Title);
        var rows = reviewers.Select(r =>
        {
            var mine = assignments.Where(a => a.ReviewerId == r.Id).ToList();
            return new ReviewerRow(r.Id, r.Name, r.Employer, r.IsReserve, r.UserId is not null, mine.Count, mine.Count(a => a.Status == AssignmentStatus.Scored),
                mine.Count(a => a.Status == AssignmentStatus.Conflict), mine.Max(a => a.RemindedAt));
        }).ToList();
        var progress = entries.Select(e =>
        {
            var of = assignments.Where(a => a.EntryId == e.Id).ToList();
            return new EntryProgress(e.Id, e.Title, of.Count, of.Count(a => a.Status == AssignmentStatus.Scored), of.Count(a => a.Status == AssignmentStatus.Conflict));
        }).ToList();
        return new PanelBoard(round.Id, round.Name, round.FormVersion, round.FrozenAt is not null, round.PanelId, rows, progress,
            assignments.Count(a => a.Status == AssignmentStatus.Assigned));
    }

    public async Task<Guid> AddReviewerAsync(Guid callId, Guid roundId, AddReviewerBody body, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var (call, round) = await LoadAsync(db, callId, roundId, ct);
        if (call.Status is not (CallStatus.Open or CallStatus.Review)) throw new DomainException("当前阶段不能调整评审组");
        if (round.RankedAt is not null) throw new DomainException("本轮已排名，不能调整评审组");
        var name = body.UserName.Clean() ?? throw new DomainException("请填写评审专家的登录账号", nameof(AddReviewerBody.UserName));
        var account = await db.Users.WithoutDataScope().AsNoTracking().Where(u => u.UserName == name && u.IsActive)
            .Select(u => new { u.Id, u.DisplayName, u.OrganisationId }).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("账号不存在或已停用", nameof(AddReviewerBody.UserName));
        var canReview = await db.UserRoles.AnyAsync(ur => ur.UserId == account.Id
            && db.RoleClaims.Any(c => c.RoleId == ur.RoleId && c.ClaimType == KexieClaims.Permission && c.ClaimValue == AwardPermissions.Review), ct);
        if (!canReview) throw new DomainException("该账号没有评审权限（需要「评审分配给本人的申报」）", nameof(AddReviewerBody.UserName));
        if (await db.Set<AwardReviewer>().AnyAsync(r => r.RoundId == roundId && r.UserId == account.Id, ct))
            throw new DomainException("该专家已在本轮评审组中", nameof(AddReviewerBody.UserName));
        var employer = account.OrganisationId is { } o ? await db.Organisations.WithoutDataScope().Where(x => x.Id == o).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var reviewer = new AwardReviewer
        {
            RoundId = roundId,
            UserId = account.Id,
            PersonId = await accounts.PersonIdOfUserAsync(account.Id, ct),
            Name = account.DisplayName,
            Employer = employer,
            IsReserve = body.IsReserve,
        };
        db.Add(reviewer);
        await db.SaveChangesAsync(ct);
        return reviewer.Id;
    }

    /// <summary>Draws the round's panel from the 专家库 with 回避 against every entry's applicant unit and applicant person.</summary>
    public async Task<PanelView> DrawAsync(Guid callId, Guid roundId, DrawBody body, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var (call, round) = await LoadAsync(db, callId, roundId, ct);
        if (call.Status is not (CallStatus.Open or CallStatus.Review)) throw new DomainException("当前阶段不能抽取评审专家");
        if (round.PanelId is not null) throw new DomainException("本轮已抽取评审专家");
        var entries = await RoundEntriesAsync(db, round, ct);
        if (entries.Count == 0) throw new DomainException("本轮还没有参评的申报");
        var criteria = new DrawCriteria
        {
            DisciplineCodes = body.DisciplineCodes ?? [],
            Keywords = body.Keywords ?? [],
            Members = round.PanelSize,
            Reserves = round.Reserves,
            AvoidUnits = entries.Select(e => e.ApplicantUnit).Distinct().ToList(),
            AvoidPeople = entries.Where(e => e.ApplicantPersonId is not null).Select(e => e.ApplicantPersonId!.Value).Distinct().ToList(),
        };
        var panel = await draw.DrawAsync(new DrawRequest($"{call.Title}·{round.Name}", "Awards", round.Id.ToString(), criteria, call.OrganiserId, body.Seed), ct);
        var ids = panel.Members.Concat(panel.Reserves).Select(m => m.PersonId).ToList();
        var users = await accounts.UserIdsAsync(ids, ct);
        foreach (var m in panel.Members)
            db.Add(new AwardReviewer { RoundId = roundId, PersonId = m.PersonId, UserId = users.TryGetValue(m.PersonId, out var u) ? u : null, Name = m.Name, Employer = m.Employer });
        foreach (var m in panel.Reserves)
            db.Add(new AwardReviewer { RoundId = roundId, PersonId = m.PersonId, UserId = users.TryGetValue(m.PersonId, out var u) ? u : null, Name = m.Name, Employer = m.Employer, IsReserve = true });
        round.PanelId = panel.Id;
        await db.SaveChangesAsync(ct);
        return panel;
    }

    /// <summary>Gives every entry of the round to every member (not the reserves) who can sign in.</summary>
    public async Task<int> AssignAllAsync(Guid callId, Guid roundId, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var (call, round) = await LoadAsync(db, callId, roundId, ct);
        if (call.Status != CallStatus.Review) throw new DomainException("评选活动进入评审阶段后才能分配评审任务");
        if (round.RankedAt is not null) throw new DomainException("本轮已排名");
        var members = await db.Set<AwardReviewer>().AsNoTracking().Where(r => r.RoundId == roundId && !r.IsReserve && r.UserId != null).ToListAsync(ct);
        if (members.Count == 0) throw new DomainException("评审组中还没有可登录的评审专家");
        var entries = await RoundEntriesAsync(db, round, ct);
        if (entries.Count == 0) throw new DomainException("本轮没有参评的申报");
        var existing = (await db.Set<AwardAssignment>().AsNoTracking().Where(a => a.RoundId == roundId).Select(a => new { a.EntryId, a.ReviewerId }).ToListAsync(ct))
            .Select(a => (a.EntryId, a.ReviewerId)).ToHashSet();
        var added = 0;
        foreach (var e in entries)
            foreach (var m in members)
            {
                if (existing.Contains((e.Id, m.Id))) continue;
                db.Add(new AwardAssignment { RoundId = roundId, EntryId = e.Id, ReviewerId = m.Id, ReviewerUserId = m.UserId });
                added++;
            }
        if (added > 0)
        {
            notifier.Notify(members.Select(m => m.UserId!.Value), $"评审任务：{call.Title}·{round.Name}", $"共 {entries.Count} 项申报待评审", "/awards/reviews");
            db.AuditEvent(AuditActions.Transition, "评审轮次", round.Id.ToString(), $"分配评审任务：{call.Title}·{round.Name}，{members.Count} 位专家 × {entries.Count} 项", call.OrganiserId);
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>Reminds (in-app notification) every reviewer who still has entries to score.</summary>
    public async Task<int> RemindAsync(Guid callId, Guid roundId, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var (call, round) = await LoadAsync(db, callId, roundId, ct);
        var pending = await db.Set<AwardAssignment>().Where(a => a.RoundId == roundId && a.Status == AssignmentStatus.Assigned && a.ReviewerUserId != null).ToListAsync(ct);
        var now = db.UtcNow;
        foreach (var g in pending.GroupBy(a => a.ReviewerUserId!.Value))
        {
            notifier.Notify([g.Key], $"评审提醒：{call.Title}·{round.Name}", $"您还有 {g.Count()} 项申报未评分", "/awards/reviews");
            foreach (var a in g) a.RemindedAt = now;
        }
        await db.SaveChangesAsync(ct);
        return pending.Select(a => a.ReviewerUserId).Distinct().Count();
    }
}
