using System.Text.Json;
using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Awards.Features;

public sealed record AssignmentRow(Guid Id, Guid CallId, string CallTitle, string RoundName, string EntryTitle, string? Category, AssignmentStatus Status, decimal? Total);

public sealed record OtherScore(string Reviewer, decimal? Total, string? ScoresJson);

public sealed record AssignmentDetail(Guid Id, string CallTitle, string RoundName, ScoringForm Form, int FormVersion, Guid EntryId, string EntryTitle, string? Category,
    string? ApplicantName, string? ApplicantUnit, IReadOnlyList<FieldDef> Fields, IReadOnlyDictionary<string, string?> Values, bool Blind,
    AssignmentStatus Status, string? ScoresJson, decimal? Total, string? Comment, int? ScoredWithVersion, int Version, IReadOnlyList<OtherScore>? Others);

public sealed record ScoreBody(Dictionary<string, decimal>? Scores, bool? Pass, int? Rank, string? Grade, string? Comment, int Version);

public sealed record ConflictBody(string Reason, int Version);

public sealed record ConflictResult(bool Replaced, string? ReserveName);

/// <summary>The reviewer's side: only their own assignments exist for them (404 otherwise); blind calls hide the applicant.</summary>
public sealed class ReviewService(AppDbContext db, CurrentUser user, Notifier notifier)
{
    public async Task<List<AssignmentRow>> MineAsync(CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Review);
        var me = user.UserId ?? Guid.Empty;
        return await (from a in db.Set<AwardAssignment>().AsNoTracking()
                      join r in db.Set<AwardRound>() on a.RoundId equals r.Id
                      join c in db.Set<AwardCall>() on r.CallId equals c.Id
                      join e in db.Set<AwardEntry>().WithoutDataScope() on a.EntryId equals e.Id
                      where a.ReviewerUserId == me && c.Status == CallStatus.Review
                      orderby c.Name, r.No, a.Status, e.Title
                      select new AssignmentRow(a.Id, c.Id, (c.Edition ?? "") + c.Name, r.Name, e.Title, e.Category, a.Status, a.Total)).ToListAsync(ct);
    }

    private async Task<AwardAssignment> MineAsync(Guid id, int? version, CancellationToken ct)
    {
        user.Demand(AwardPermissions.Review);
        var a = await db.Set<AwardAssignment>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null || a.ReviewerUserId is null || a.ReviewerUserId != user.UserId) throw new NotFoundException("评审任务");
        if (version is { } v) db.Entry(a).Property(x => x.Version).OriginalValue = v;
        return a;
    }

    public async Task<AssignmentDetail> GetAsync(Guid id, CancellationToken ct = default)
    {
        var a = await MineAsync(id, null, ct);
        var round = await db.Set<AwardRound>().AsNoTracking().FirstAsync(r => r.Id == a.RoundId, ct);
        var call = await CallService.FindAsync(db, round.CallId, ct, track: false);
        var e = await db.Set<AwardEntry>().WithoutDataScope().AsNoTracking().FirstAsync(x => x.Id == a.EntryId, ct);
        var config = call.Config;
        var fields = config.Blind ? config.Fields.Where(f => f.Type is not (FieldType.Person or FieldType.Organisation)).ToList() : config.Fields.ToList();
        var values = (JsonSerializer.Deserialize<Dictionary<string, string?>>(e.ValuesJson) ?? []).Where(kv => fields.Any(f => f.Key == kv.Key || PickerService.NameKey(f.Key) == kv.Key))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        List<OtherScore>? others = null;
        if (config.ReviewersSeeOthers && a.Status == AssignmentStatus.Scored)
            others = await db.Set<AwardAssignment>().AsNoTracking()
                .Where(x => x.RoundId == a.RoundId && x.EntryId == a.EntryId && x.Id != a.Id && x.Status == AssignmentStatus.Scored)
                .Join(db.Set<AwardReviewer>(), x => x.ReviewerId, r => r.Id, (x, r) => new OtherScore(r.Name, x.Total, x.ScoresJson)).ToListAsync(ct);
        return new AssignmentDetail(a.Id, call.Title, round.Name, round.Form, round.FormVersion, e.Id, e.Title, e.Category,
            config.Blind ? null : e.ApplicantName, config.Blind ? null : e.ApplicantUnit, fields, values, config.Blind,
            a.Status, a.ScoresJson, a.Total, a.Comment, a.FormVersion, a.Version, others);
    }

    /// <summary>Scores with the round's current form version; the first score freezes the form.</summary>
    public async Task ScoreAsync(Guid id, ScoreBody body, CancellationToken ct = default)
    {
        var a = await MineAsync(id, body.Version, ct);
        var round = await db.Set<AwardRound>().FirstAsync(r => r.Id == a.RoundId, ct);
        var call = await CallService.FindAsync(db, round.CallId, ct, track: false);
        if (call.Status != CallStatus.Review) throw new DomainException("评选活动不在评审阶段");
        if (round.RankedAt is not null) throw new DomainException("本轮已排名，评分不能再修改");
        if (a.Status == AssignmentStatus.Conflict) throw new DomainException("您已申请回避该申报，不能评分");
        var form = round.Form;
        object scores;
        decimal? total;
        switch (form.Method)
        {
            case ScoringMethod.Weighted:
                var given = body.Scores ?? [];
                foreach (var c in form.Criteria)
                {
                    if (!given.TryGetValue(c.Key, out var v)) throw new DomainException($"请为「{c.Name}」打分", $"Scores.{c.Key}");
                    if (v < c.Min || v > c.Max) throw new DomainException($"「{c.Name}」的分数应在 {c.Min:0.##} 到 {c.Max:0.##} 之间", $"Scores.{c.Key}");
                }
                var unknown = given.Keys.Except(form.Criteria.Select(c => c.Key)).FirstOrDefault();
                if (unknown is not null) throw new DomainException($"评分表没有指标「{unknown}」", "Scores");
                scores = form.Criteria.ToDictionary(c => c.Key, c => given[c.Key]);
                total = AwardAggregator.WeightedTotal(form, given);
                break;
            case ScoringMethod.PassFail:
                var pass = body.Pass ?? throw new DomainException("请选择通过或不通过", nameof(ScoreBody.Pass));
                scores = new { pass };
                total = pass ? 1 : 0;
                break;
            case ScoringMethod.Ranking:
                var count = await db.Set<AwardAssignment>().CountAsync(x => x.RoundId == a.RoundId && x.ReviewerUserId == a.ReviewerUserId && x.Status != AssignmentStatus.Conflict, ct);
                var rank = body.Rank ?? throw new DomainException("请填写名次", nameof(ScoreBody.Rank));
                if (rank < 1 || rank > count) throw new DomainException($"名次应在 1 到 {count} 之间", nameof(ScoreBody.Rank));
                if (await db.Set<AwardAssignment>().AnyAsync(x => x.RoundId == a.RoundId && x.ReviewerUserId == a.ReviewerUserId && x.Id != a.Id && x.Total == rank, ct))
                    throw new DomainException($"您已把第 {rank} 名给了另一项申报", nameof(ScoreBody.Rank));
                scores = new { rank };
                total = rank;
                break;
            default:
                var grade = body.Grade.Clean();
                if (grade is null || form.Grades?.Contains(grade) != true) throw new DomainException("请选择等级", nameof(ScoreBody.Grade));
                scores = new { grade };
                total = null;
                break;
        }
        a.ScoresJson = JsonSerializer.Serialize(scores);
        a.Total = total;
        a.Comment = body.Comment.Clean();
        a.FormVersion = round.FormVersion;
        a.Status = AssignmentStatus.Scored;
        a.ScoredAt = db.UtcNow;
        // The first score freezes the form; the round's version check makes a concurrent form change fail (409).
        if (round.FrozenAt is null) round.FrozenAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A reviewer declares a conflict of interest on an entry: it goes to the first reserve not yet on it.</summary>
    public async Task<ConflictResult> DeclareConflictAsync(Guid id, ConflictBody body, CancellationToken ct = default)
    {
        var a = await MineAsync(id, body.Version, ct);
        var reason = body.Reason.Clean() ?? throw new DomainException("请说明回避原因", nameof(ConflictBody.Reason));
        if (a.Status != AssignmentStatus.Assigned) throw new DomainException("已评分的申报不能再申请回避");
        var round = await db.Set<AwardRound>().AsNoTracking().FirstAsync(r => r.Id == a.RoundId, ct);
        var call = await CallService.FindAsync(db, round.CallId, ct, track: false);
        if (call.Status != CallStatus.Review || round.RankedAt is not null) throw new DomainException("当前阶段不能申请回避");
        a.Status = AssignmentStatus.Conflict;
        a.ConflictReason = reason;
        var onEntry = db.Set<AwardAssignment>().Where(x => x.RoundId == a.RoundId && x.EntryId == a.EntryId).Select(x => x.ReviewerId);
        var reserve = await db.Set<AwardReviewer>().AsNoTracking()
            .Where(r => r.RoundId == a.RoundId && r.IsReserve && r.UserId != null && !onEntry.Contains(r.Id))
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).FirstOrDefaultAsync(ct);
        var title = await db.Set<AwardEntry>().WithoutDataScope().Where(e => e.Id == a.EntryId).Select(e => e.Title).FirstAsync(ct);
        if (reserve is not null)
        {
            db.Add(new AwardAssignment { RoundId = a.RoundId, EntryId = a.EntryId, ReviewerId = reserve.Id, ReviewerUserId = reserve.UserId });
            notifier.Notify([reserve.UserId!.Value], $"评审任务（替补）：{call.Title}·{round.Name}", $"请评审「{title}」", "/awards/reviews");
        }
        db.AuditEvent(AuditActions.Transition, "评审任务", a.Id.ToString(),
            $"评审专家 {user.DisplayName} 申请回避「{title}」：{reason}" + (reserve is null ? "；暂无替补专家" : $"；由替补专家 {reserve.Name} 评审"), call.OrganiserId);
        await db.SaveChangesAsync(ct);
        return new ConflictResult(reserve is not null, reserve?.Name);
    }
}
