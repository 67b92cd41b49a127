using System.Text.Json;
using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Awards.Features;

public sealed record ResultRow(Guid EntryId, string Title, string ApplicantName, string ApplicantUnit, string? Category, decimal Score, int ScoreCount, int Rank,
    string? Tier, string? Grade, bool TieFlagged, string? TieNote, decimal? ExpertScore = null, int? Votes = null);

public sealed record RoundResults(Guid RoundId, string RoundName, int No, DateTime? RankedAt, IReadOnlyList<ResultRow> Rows);

/// <summary>A staff decision on tied entries: the ids in the order decided (first = higher), with the reason (required, audited).</summary>
public sealed record TieBody(List<Guid> EntryIds, string? Reason = null);

public sealed record ConfirmBody(string? Note, int Version);

/// <summary>Entries that share a rank with nothing left to separate them (often across a tier boundary): staff decide their order.</summary>
public sealed record TieGroup(int Rank, string? Category, string? Note, IReadOnlyList<ResultRow> Entries);

public sealed record TieView(Guid CallId, string CallTitle, Guid RoundId, string RoundName, CallStatus Status, IReadOnlyList<TieGroup> Groups, bool CanResolve);

/// <summary>Aggregation (through <see cref="AwardAggregator"/>), staff decisions on ties, results, and the chair's confirmation.</summary>
public sealed class RankingService(AppDbContext db, CurrentUser user, CallService calls, Kexie.Web.Platform.Voting.IVotingService voting)
{
    /// <summary>Aggregates a round from its scores and stores the ranking; the last round moves the call to 已排名. Audited.</summary>
    public async Task<int> RankAsync(Guid callId, Guid roundId, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var (call, round) = await PanelService.LoadAsync(db, callId, roundId, ct);
        if (call.Status is not (CallStatus.Review or CallStatus.Ranked)) throw new DomainException($"评选活动处于「{call.Status.Zh()}」状态，不能排名");
        var pending = await db.Set<AwardAssignment>().CountAsync(a => a.RoundId == roundId && a.Status == AssignmentStatus.Assigned, ct);
        if (pending > 0) throw new DomainException($"还有 {pending} 项评审未完成，不能排名");
        var entries = await PanelService.RoundEntriesAsync(db, round, ct);
        if (entries.Count == 0) throw new DomainException("本轮没有参评的申报");
        var raw = await db.Set<AwardAssignment>().AsNoTracking().Where(a => a.RoundId == roundId && a.Status == AssignmentStatus.Scored)
            .Select(a => new { a.EntryId, a.ReviewerId, a.Total, a.ScoresJson }).ToListAsync(ct);
        var form = round.Form;
        var scores = raw.Select(a =>
        {
            using var doc = JsonDocument.Parse(a.ScoresJson ?? "{}");
            var root = doc.RootElement;
            return form.Method switch
            {
                ScoringMethod.Weighted => new ReviewScore(a.EntryId, a.ReviewerId, a.Total,
                    root.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal())),
                ScoringMethod.PassFail => new ReviewScore(a.EntryId, a.ReviewerId, a.Total, Pass: root.GetProperty("pass").GetBoolean()),
                ScoringMethod.Ranking => new ReviewScore(a.EntryId, a.ReviewerId, a.Total, Rank: root.GetProperty("rank").GetInt32()),
                _ => new ReviewScore(a.EntryId, a.ReviewerId, null, Grade: root.GetProperty("grade").GetString()),
            };
        }).ToList();
        var decided = round.TieOrderJson is null ? null : JsonSerializer.Deserialize<List<Guid>>(round.TieOrderJson);
        var last = !await db.Set<AwardRound>().AnyAsync(r => r.CallId == callId && r.No > round.No, ct);
        // The public vote counts in the final round only, once it has closed.
        var votes = last ? await AwardVotingService.VotesForRankingAsync(voting, call, ct) : null;
        var results = AwardAggregator.Aggregate(form, call.Config, entries.Select(e => new AggregateEntry(e.Id, e.Category)).ToList(), scores, decided, votes);

        db.RemoveRange(await db.Set<AwardResult>().Where(r => r.RoundId == roundId).ToListAsync(ct));
        foreach (var r in results)
            db.Add(new AwardResult
            {
                CallId = callId,
                RoundId = roundId,
                EntryId = r.EntryId,
                Category = r.Category,
                Score = r.Rounded,
                ExpertScore = r.ExpertScore,
                Votes = r.Votes,
                ScoreCount = r.ScoreCount,
                Rank = r.Rank,
                Tier = r.Tier,
                Grade = r.Grade,
                TieFlagged = r.TieFlagged,
                TieNote = r.TieNote,
            });
        round.RankedAt = db.UtcNow;
        var from = call.Status;
        if (last && call.Status == CallStatus.Review) call.Status = CallStatus.Ranked;
        db.AuditEvent(AuditActions.Transition, "评选活动", call.Id.ToString(),
            $"「{call.Title}」{round.Name}排名：{results.Count} 项，{results.Count(r => r.Tier is not null)} 项获等级，{results.Count(r => r.TieFlagged)} 项并列待定",
            call.OrganiserId, JsonSerializer.Serialize(new { Status = new { old = from.ToString(), @new = call.Status.ToString() } }));
        await db.SaveChangesAsync(ct);
        return results.Count;
    }

    /// <summary>The flagged ties of a round, grouped by shared rank (for staff and the chair).</summary>
    public async Task<TieView> TiesAsync(Guid callId, Guid roundId, CancellationToken ct = default)
    {
        if (!user.Has(AwardPermissions.Confirm)) user.Demand(AwardPermissions.Manage);
        var (call, round) = await PanelService.LoadAsync(db, callId, roundId, ct);
        var rows = await (from r in db.Set<AwardResult>().AsNoTracking()
                          join e in db.Set<AwardEntry>().WithoutDataScope() on r.EntryId equals e.Id
                          where r.RoundId == roundId && r.TieFlagged
                          orderby r.Category, r.Rank, e.Title
                          select new ResultRow(e.Id, e.Title, e.ApplicantName, e.ApplicantUnit, r.Category, r.Score, r.ScoreCount, r.Rank, r.Tier, r.Grade, r.TieFlagged, r.TieNote, r.ExpertScore, r.Votes))
            .ToListAsync(ct);
        var groups = rows.GroupBy(r => (r.Category, r.Rank)).Select(g => new TieGroup(g.Key.Rank, g.Key.Category, g.First().TieNote, g.ToList())).ToList();
        return new TieView(call.Id, call.Title, round.Id, round.Name, call.Status, groups, call.Status is CallStatus.Review or CallStatus.Ranked);
    }

    /// <summary>A staff decision on tied entries: the order given becomes the last tie-breaker, then the round is ranked again.</summary>
    public async Task ResolveTieAsync(Guid callId, Guid roundId, TieBody body, CancellationToken ct = default)
    {
        if (!user.Has(AwardPermissions.Confirm)) user.Demand(AwardPermissions.Manage);
        var (call, round) = await PanelService.LoadAsync(db, callId, roundId, ct);
        if (call.Status is not (CallStatus.Review or CallStatus.Ranked)) throw new DomainException("当前阶段不能调整并列名次");
        if (body.EntryIds.Count < 2 || body.EntryIds.Distinct().Count() != body.EntryIds.Count) throw new DomainException("请按名次列出至少两项不重复的并列申报", nameof(TieBody.EntryIds));
        var reason = body.Reason.Clean() ?? throw new DomainException("请填写决定先后的理由（将记入审计日志）", nameof(TieBody.Reason));
        if (reason.Length > 500) throw new DomainException("理由不能超过500字", nameof(TieBody.Reason));
        var flagged = await db.Set<AwardResult>().Where(r => r.RoundId == roundId && body.EntryIds.Contains(r.EntryId)).ToListAsync(ct);
        if (flagged.Count != body.EntryIds.Count || flagged.Any(r => !r.TieFlagged) || flagged.Select(r => r.Rank).Distinct().Count() != 1)
            throw new DomainException("只能对同一名次的并列申报决定先后", nameof(TieBody.EntryIds));
        var order = round.TieOrderJson is null ? [] : JsonSerializer.Deserialize<List<Guid>>(round.TieOrderJson)!;
        order.RemoveAll(body.EntryIds.Contains);
        order.AddRange(body.EntryIds);
        round.TieOrderJson = JsonSerializer.Serialize(order);
        var titles = await db.Set<AwardEntry>().WithoutDataScope().AsNoTracking().Where(e => body.EntryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Title, ct);
        db.AuditEvent(AuditActions.Transition, "评审轮次", round.Id.ToString(),
            $"「{call.Title}」{round.Name}：人工决定并列申报的先后（{string.Join(" > ", body.EntryIds.Select(id => titles.GetValueOrDefault(id, "?")))}），理由：{reason}", call.OrganiserId,
            JsonSerializer.Serialize(new { TieOrder = body.EntryIds, Reason = reason }));
        await db.SaveChangesAsync(ct);
        await RankAsync(callId, roundId, ct);
    }

    public async Task<List<RoundResults>> ResultsAsync(Guid callId, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        await CallService.FindAsync(db, callId, ct, track: false);
        var rounds = await db.Set<AwardRound>().AsNoTracking().Where(r => r.CallId == callId).OrderBy(r => r.No).ToListAsync(ct);
        var rows = await (from r in db.Set<AwardResult>().AsNoTracking()
                          join e in db.Set<AwardEntry>().WithoutDataScope() on r.EntryId equals e.Id
                          where r.CallId == callId
                          orderby r.Category, r.Rank, e.Title
                          select new { r.RoundId, Row = new ResultRow(e.Id, e.Title, e.ApplicantName, e.ApplicantUnit, r.Category, r.Score, r.ScoreCount, r.Rank, r.Tier, r.Grade, r.TieFlagged, r.TieNote, r.ExpertScore, r.Votes) })
            .ToListAsync(ct);
        return rounds.Select(r => new RoundResults(r.Id, r.Name, r.No, r.RankedAt, rows.Where(x => x.RoundId == r.Id).Select(x => x.Row).ToList())).ToList();
    }

    /// <summary>The chair (主任委员) confirms the ranked results; refused while a tie awaits a staff decision. Audited.</summary>
    public async Task ConfirmAsync(Guid callId, ConfirmBody body, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Confirm);
        var call = await CallService.FindAsync(db, callId, ct);
        db.Entry(call).Property(x => x.Version).OriginalValue = body.Version;
        var lastRound = await db.Set<AwardRound>().Where(r => r.CallId == callId).OrderByDescending(r => r.No).Select(r => r.Id).FirstAsync(ct);
        var ties = await db.Set<AwardResult>().CountAsync(r => r.RoundId == lastRound && r.TieFlagged, ct);
        if (call.Status == CallStatus.Ranked && ties > 0) throw new DomainException($"还有 {ties} 项并列需要人工决定先后，不能确认");
        call.Move(CallStatus.Ranked, CallStatus.ChairConfirmed);
        call.ChairConfirmedAt = db.UtcNow;
        call.ChairConfirmedBy = user.DisplayName;
        call.ChairNote = body.Note.Clean();
        var granted = await db.Set<AwardResult>().CountAsync(r => r.RoundId == lastRound && r.Tier != null, ct);
        await calls.TransitionAsync(call, CallStatus.Ranked, $"主任委员 {user.DisplayName} 确认「{call.Title}」评审结果（{granted} 项获奖）" + (call.ChairNote is null ? "" : $"：{call.ChairNote}"), ct);
    }
}
