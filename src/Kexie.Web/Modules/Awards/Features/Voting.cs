using System.Text.Json;
using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Voting;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Awards.Features;

public sealed record VotingCandidate(Guid EntryId, Guid OptionId, int Seq, string Title, string ApplicantName, string ApplicantUnit, string? Category,
    string? VideoLink, int Votes, int Held);

public sealed record CallVoting(Guid CallId, string CallTitle, bool Enabled, Guid? BallotId, BallotState? State, DateTime? OpensAt, DateTime? ClosesAt,
    int VotesPerDay, bool AllowAccount, bool AllowPhone, int WeightPercent, IReadOnlyList<VotingCandidate> Candidates, int TotalVotes, int HeldVotes);

/// <summary>Opens the public vote until the end of <see cref="ClosesOn"/> (China time).</summary>
public sealed record OpenVotingBody(DateOnly ClosesOn, int Version);

public sealed record CastAwardVote(Guid EntryId, string? VoterToken = null);

/// <summary>
/// 网络投票 of a call, through the platform's <see cref="IVotingService"/> (one option per entry, the entry id as the
/// option's external reference): staff open it on the final round's entries, the public votes on
/// <c>/awards/vote/{callId}</c>, and the final round's ranking blends the normalised vote share in with the call's weight.
/// </summary>
public sealed class AwardVotingService(AppDbContext db, CurrentUser user, IVotingService voting)
{
    internal static async Task<AwardRound> FinalRoundAsync(AppDbContext db, Guid callId, CancellationToken ct) =>
        await db.Set<AwardRound>().AsNoTracking().Where(r => r.CallId == callId).OrderByDescending(r => r.No).FirstAsync(ct);

    public async Task<Guid> OpenAsync(Guid callId, OpenVotingBody body, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        // The ballot and the call's link to it commit together: a concurrent save of the call (409) leaves no orphan ballot.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var call = await CallService.FindAsync(db, callId, ct);
            if (call.Version != body.Version) throw new ConcurrencyConflictException();
            var config = call.Config;
            if (!config.PublicVoting) throw new DomainException("本次评选未设置网络投票（可在活动配置中开启）");
            if (call.BallotId is not null) throw new DomainException("网络投票已经开启");
            if (call.Status != CallStatus.Review) throw new DomainException("截止申报、进入评审后才能开启网络投票（形式审查通过的申报参加投票）");
            var closes = body.ClosesOn.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            var now = db.UtcNow;
            if (closes <= now) throw new DomainException("投票截止日期应晚于今天", nameof(OpenVotingBody.ClosesOn));
            var round = await FinalRoundAsync(db, callId, ct);
            var entries = await PanelService.RoundEntriesAsync(db, round, ct);
            if (entries.Count == 0) throw new DomainException("没有可参加投票的申报（需形式审查通过，多轮评审时需进入最后一轮）");
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var ballot = await voting.OpenAsync(new BallotInput("Awards", call.Id.ToString(), $"{call.Title}网络投票",
                $"每人每天可投{config.VotesPerPersonPerDay}票" + (config.VotingWeightPercent > 0 ? $"，投票结果按{config.VotingWeightPercent}%计入评审排名" : "，投票结果供评审参考"),
                entries.Select(e => new BallotOptionInput(Label(e), e.Id.ToString())).ToList(), now, closes, call.OrganiserId,
                config.VotesPerPersonPerDay, AllowSameOptionTwice: false, AllowAccount: config.VotingByAccount, AllowPhone: config.VotingByPhone), ct);
            call.BallotId = ballot;
            db.AuditEvent(AuditActions.Transition, "评选活动", call.Id.ToString(),
                $"「{call.Title}」开启网络投票：{entries.Count} 项申报，至 {body.ClosesOn:yyyy-MM-dd} 24:00", call.OrganiserId);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return ballot;
        });
    }

    private static string Label(AwardEntry e)
    {
        var s = $"{e.ApplicantName}（{e.ApplicantUnit}）：{e.Title}";
        return s.Length <= Lengths.LongName ? s : s[..Lengths.LongName];
    }

    /// <summary>The staff view: counts and the votes held for review (bursts from one network).</summary>
    public async Task<CallVoting> StaffAsync(Guid callId, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var call = await CallService.FindAsync(db, callId, ct, track: false);
        return await ViewAsync(call, staff: true, ct);
    }

    /// <summary>The public view (no sign-in): the candidates with their exact accepted counts.</summary>
    public async Task<CallVoting> PublicAsync(Guid callId, CancellationToken ct = default)
    {
        var call = await db.Set<AwardCall>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, ct);
        if (call?.BallotId is null) throw new NotFoundException("网络投票");
        return await ViewAsync(call, staff: false, ct);
    }

    private async Task<CallVoting> ViewAsync(AwardCall call, bool staff, CancellationToken ct)
    {
        var config = call.Config;
        if (call.BallotId is not { } ballotId)
            return new CallVoting(call.Id, call.Title, config.PublicVoting, null, null, null, null, config.VotesPerPersonPerDay, config.VotingByAccount,
                config.VotingByPhone, config.VotingWeightPercent, [], 0, 0);
        var b = await voting.GetAsync(ballotId, ct);
        var held = staff ? await voting.HeldCountsAsync(ballotId, ct) : new Dictionary<Guid, int>();
        var ids = b.Options.Select(o => Guid.TryParse(o.ExternalRef, out var g) ? g : Guid.Empty).ToList();
        var entries = await db.Set<AwardEntry>().WithoutDataScope().AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var videoKey = config.Fields.FirstOrDefault(f => f.Type == FieldType.VideoLink)?.Key;
        var candidates = b.Options.Where(o => Guid.TryParse(o.ExternalRef, out var g) && entries.ContainsKey(g)).Select(o =>
        {
            var e = entries[Guid.Parse(o.ExternalRef!)];
            var video = videoKey is null ? null : (JsonSerializer.Deserialize<Dictionary<string, string?>>(e.ValuesJson) ?? []).GetValueOrDefault(videoKey);
            return new VotingCandidate(e.Id, o.Id, o.Seq, e.Title, e.ApplicantName, e.ApplicantUnit, e.Category, video, o.Votes, held.GetValueOrDefault(o.Id));
        }).ToList();
        return new CallVoting(call.Id, call.Title, config.PublicVoting, ballotId, b.State, b.OpensAt, b.ClosesAt, b.VotesPerDay, b.AllowAccount, b.AllowPhone,
            config.VotingWeightPercent, candidates, b.TotalVotes, held.Values.Sum());
    }

    /// <summary>A vote for an entry, as the signed-in account or the verified phone of the token (the platform enforces the per-day rule).</summary>
    public async Task<VoteResult> CastAsync(Guid callId, CastAwardVote body, string? clientAddress, CancellationToken ct = default)
    {
        var call = await db.Set<AwardCall>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, ct);
        if (call?.BallotId is not { } ballotId) throw new NotFoundException("网络投票");
        var b = await voting.GetAsync(ballotId, ct);
        var option = b.Options.FirstOrDefault(o => o.ExternalRef == body.EntryId.ToString()) ?? throw new DomainException("该申报不在投票名单中", nameof(CastAwardVote.EntryId));
        return await voting.CastAsync(ballotId, option.Id, body.VoterToken, clientAddress, ct);
    }

    /// <summary>
    /// The accepted votes per entry for the final round's ranking, or null when the vote does not count. Refused while
    /// the vote is still open, or when it counts but was never opened.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<Guid, int>?> VotesForRankingAsync(IVotingService voting, AwardCall call, CancellationToken ct)
    {
        var config = call.Config;
        if (!config.PublicVoting || config.VotingWeightPercent <= 0) return null;
        if (call.BallotId is not { } ballotId) throw new DomainException($"本次评选的网络投票按{config.VotingWeightPercent}%计入排名，请先开启网络投票");
        var b = await voting.GetAsync(ballotId, ct);
        if (b.State != BallotState.Closed) throw new DomainException($"网络投票至 {b.ClosesAt.AddHours(8):yyyy-MM-dd HH:mm} 结束，结束后才能汇总最后一轮排名");
        return b.Options.Where(o => Guid.TryParse(o.ExternalRef, out _)).ToDictionary(o => Guid.Parse(o.ExternalRef!), o => o.Votes);
    }
}
