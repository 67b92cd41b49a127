using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Privacy;
using Kexie.Web.Platform.Publicity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Platform.Voting;

public sealed class VotingOptions
{
    public const string Section = "Kexie:Voting";

    /// <summary>Vote requests accepted per client address per minute (database counter, holds across instances).</summary>
    public int VotesPerAddressPerMinute { get; set; } = 60;

    /// <summary>More votes than this from one /24 (IPv4) or /48 (IPv6) network within a minute are held for review.</summary>
    public int BurstVotesPerNetworkPerMinute { get; set; } = 30;

    public int CodeMinutes { get; set; } = 5;
    public int CodeMaxAttempts { get; set; } = 5;

    /// <summary>Verification codes per phone per hour, and per client address per hour.</summary>
    public int CodesPerPhonePerHour { get; set; } = 5;
    public int CodesPerAddressPerHour { get; set; } = 30;

    /// <summary>How long a verified phone may vote without a new code.</summary>
    public int VerifiedHours { get; set; } = 24;
}

/// <summary>Sends a text message. The default writes to the development outbox; a deployment registers its gateway's implementation.</summary>
public interface ISmsSender
{
    Task SendAsync(string phone, string message, CancellationToken ct = default);
}

/// <summary>The development sender: nothing leaves the server; messages appear on /admin/sms-outbox (系统管理员 only).</summary>
public sealed class DevOutboxSmsSender(AppDbContext db) : ISmsSender
{
    public async Task SendAsync(string phone, string message, CancellationToken ct = default)
    {
        db.Add(new SmsOutboxMessage { PhoneMasked = Mask.Phone(phone), Message = message, CreatedAt = db.UtcNow });
        await db.SaveChangesAsync(ct);
    }
}

public sealed record BallotOptionInput(string Label, string? ExternalRef);

/// <summary>What a module gives to open a ballot. Times are UTC; at least one of account / phone identification.</summary>
public sealed record BallotInput(string SourceModule, string SourceRef, string Title, string? Description, IReadOnlyList<BallotOptionInput> Options,
    DateTime OpensAt, DateTime ClosesAt, Guid OrganisationId, int VotesPerDay = 1, bool AllowSameOptionTwice = false, bool AllowAccount = true, bool AllowPhone = true);

public sealed record BallotOptionView(Guid Id, int Seq, string Label, string? ExternalRef, int Votes);

public sealed record BallotView(Guid Id, string Title, string? Description, DateTime OpensAt, DateTime ClosesAt, BallotState State, int VotesPerDay,
    bool AllowSameOptionTwice, bool AllowAccount, bool AllowPhone, IReadOnlyList<BallotOptionView> Options, int TotalVotes);

public sealed record CastVote(Guid OptionId, string? VoterToken = null);

public sealed record VoteResult(Guid VoteId, VoteStatus Status, string Message);

public sealed record PhoneCodeRequest(string? Phone);

public sealed record PhoneVerifyRequest(string? Phone, string? Code);

public sealed record PhoneVerified(string VoterToken, DateTime ExpiresAt);

public sealed record HeldVoteRow(Guid Id, string OptionLabel, string Network, DateTime CreatedAt, string VoterKeyShort);

public sealed record BallotRow(Guid Id, string Title, string SourceModule, DateTime OpensAt, DateTime ClosesAt, BallotState State, int Accepted, int Held);

/// <summary>The voting service other modules call (open a ballot, read the counts).</summary>
public interface IVotingService
{
    Task<Guid> OpenAsync(BallotInput input, CancellationToken ct = default);

    /// <summary>The ballot with the public count (accepted votes only) of each option.</summary>
    Task<BallotView> GetAsync(Guid ballotId, CancellationToken ct = default);

    /// <summary>Casts a vote as the signed-in user or the verified phone of <paramref name="voterToken"/>.</summary>
    Task<VoteResult> CastAsync(Guid ballotId, Guid optionId, string? voterToken, string? clientAddress, CancellationToken ct = default);

    /// <summary>Sends a verification code to a phone (limits per phone and per address); for a module's own voting page.</summary>
    Task RequestCodeAsync(PhoneCodeRequest r, string? clientAddress, CancellationToken ct = default);

    /// <summary>Checks a phone's code and returns the voter token (kept in <see cref="VotingModule.VoterCookie"/> by pages).</summary>
    Task<PhoneVerified> VerifyCodeAsync(PhoneVerifyRequest r, CancellationToken ct = default);

    /// <summary>Whether a voter token is genuine and not expired.</summary>
    bool HasValidToken(string? token);

    /// <summary>
    /// Votes held for review (bursts from one network) per option of a ballot in the caller's data scope; the caller
    /// checks its own permission (the module's staff page shows them next to the counts).
    /// </summary>
    Task<IReadOnlyDictionary<Guid, int>> HeldCountsAsync(Guid ballotId, CancellationToken ct = default);
}

public sealed class VotingService(AppDbContext db, CurrentUser user, DbRateLimiter limiter, FieldProtector protector, ISmsSender sms,
    IDataProtectionProvider dataProtection, IOptions<VotingOptions> options) : IVotingService
{
    private const string PhonePurpose = "vote-phone";
    private VotingOptions O => options.Value;
    private IDataProtector TokenProtector => dataProtection.CreateProtector("Kexie.Voting.VerifiedPhone");

    public static BallotState StateAt(DateTime now, DateTime opens, DateTime closes) =>
        now < opens ? BallotState.NotOpen : now < closes ? BallotState.Open : BallotState.Closed;

    /// <summary>The /24 of an IPv4 address or the /48 of an IPv6 address (IPv4-mapped addresses count as IPv4).</summary>
    public static string Network(string? address)
    {
        if (!IPAddress.TryParse(address, out var ip)) return "unknown";
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        var b = ip.GetAddressBytes();
        return ip.AddressFamily == AddressFamily.InterNetwork
            ? $"{b[0]}.{b[1]}.{b[2]}.0/24"
            : $"{b[0]:x2}{b[1]:x2}:{b[2]:x2}{b[3]:x2}:{b[4]:x2}{b[5]:x2}::/48";
    }

    public async Task<Guid> OpenAsync(BallotInput input, CancellationToken ct = default)
    {
        var title = input.Title.Clean() ?? throw new DomainException("请填写投票标题", nameof(BallotInput.Title));
        if (title.Length > Lengths.LongName) throw new DomainException("投票标题不能超过200字", nameof(BallotInput.Title));
        if (string.IsNullOrWhiteSpace(input.SourceModule) || input.SourceModule.Length > Lengths.Code) throw new DomainException("来源模块无效", nameof(BallotInput.SourceModule));
        if (string.IsNullOrWhiteSpace(input.SourceRef) || input.SourceRef.Length > Lengths.Name) throw new DomainException("来源编号无效", nameof(BallotInput.SourceRef));
        var opts = (input.Options ?? []).ToList();
        if (opts.Count is < 1 or > 500) throw new DomainException("投票选项应为1至500个", nameof(BallotInput.Options));
        if (opts.Any(o => string.IsNullOrWhiteSpace(o.Label) || o.Label.Trim().Length > Lengths.LongName || o.ExternalRef?.Length > Lengths.Name))
            throw new DomainException("选项名称不能为空且不超过200字", nameof(BallotInput.Options));
        if (input.ClosesAt <= input.OpensAt) throw new DomainException("截止时间须晚于开始时间", nameof(BallotInput.ClosesAt));
        if (input.VotesPerDay is < 1 or > 50) throw new DomainException("每人每天票数应为1至50", nameof(BallotInput.VotesPerDay));
        if (!input.AllowAccount && !input.AllowPhone) throw new DomainException("至少允许一种身份验证方式（账号或手机号）", nameof(BallotInput.AllowPhone));
        var b = new Ballot
        {
            OrganisationId = input.OrganisationId,
            SourceModule = input.SourceModule.Trim(),
            SourceRef = input.SourceRef.Trim(),
            Title = title,
            Description = input.Description.Clean(),
            OpensAt = DateTime.SpecifyKind(input.OpensAt.ToUniversalTime(), DateTimeKind.Utc),
            ClosesAt = DateTime.SpecifyKind(input.ClosesAt.ToUniversalTime(), DateTimeKind.Utc),
            VotesPerDay = input.VotesPerDay,
            AllowSameOptionTwice = input.AllowSameOptionTwice,
            AllowAccount = input.AllowAccount,
            AllowPhone = input.AllowPhone,
        };
        db.Add(b);
        for (var i = 0; i < opts.Count; i++)
            db.Add(new BallotOption { BallotId = b.Id, Seq = i + 1, Label = opts[i].Label.Trim(), ExternalRef = opts[i].ExternalRef.Clean() });
        db.AuditEvent("voting.open", nameof(Ballot), b.Id.ToString(), $"开启网络投票：{title}（{opts.Count}个选项）", input.OrganisationId);
        await db.SaveChangesAsync(ct);
        return b.Id;
    }

    public async Task<BallotView> GetAsync(Guid ballotId, CancellationToken ct = default)
    {
        var b = await db.PublicView<Ballot>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == ballotId, ct) ?? throw new NotFoundException("投票");
        var options = await db.Set<BallotOption>().AsNoTracking().Where(o => o.BallotId == ballotId).OrderBy(o => o.Seq)
            .Select(o => new BallotOptionView(o.Id, o.Seq, o.Label, o.ExternalRef, o.AcceptedCount)).ToListAsync(ct);
        return new BallotView(b.Id, b.Title, b.Description, b.OpensAt, b.ClosesAt, StateAt(db.UtcNow, b.OpensAt, b.ClosesAt), b.VotesPerDay, b.AllowSameOptionTwice,
            b.AllowAccount, b.AllowPhone, options, options.Sum(o => o.Votes));
    }

    /// <summary>The voter of this request: the signed-in account (when the ballot allows it), else a verified phone token.</summary>
    private string? VoterKey(Ballot b, string? token)
    {
        if (b.AllowAccount && user.UserId is { } uid) return "u:" + uid.ToString("N");
        if (b.AllowPhone && token is { Length: > 0 } && ReadToken(token) is { } phoneHash) return "p:" + phoneHash;
        return null;
    }

    public async Task<VoteResult> CastAsync(Guid ballotId, Guid optionId, string? voterToken, string? clientAddress, CancellationToken ct = default)
    {
        var b = await db.PublicView<Ballot>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == ballotId, ct) ?? throw new NotFoundException("投票");
        if (!await db.Set<BallotOption>().AnyAsync(o => o.Id == optionId && o.BallotId == ballotId, ct))
            throw new DomainException("所选选项不存在", nameof(CastVote.OptionId));
        var now = db.UtcNow;
        switch (StateAt(now, b.OpensAt, b.ClosesAt))
        {
            case BallotState.NotOpen: throw new DomainException($"投票尚未开始（{b.OpensAt.AddHours(8):yyyy年M月d日 HH:mm} 开始）");
            case BallotState.Closed: throw new DomainException("投票已结束");
        }
        var voter = VoterKey(b, voterToken) ?? throw new DomainException(
            b.AllowAccount && b.AllowPhone ? "请先登录或验证手机号后投票" : b.AllowAccount ? "请先登录后投票" : "请先验证手机号后投票");

        if (!await limiter.AllowAsync("vote-ip:" + (clientAddress ?? "unknown"), O.VotesPerAddressPerMinute, TimeSpan.FromMinutes(1), ct))
            throw new DomainException("投票过于频繁，请稍后再试");

        var day = DateOnly.FromDateTime(now.AddHours(8));
        var network = Network(clientAddress);
        for (var attempt = 0; attempt <= b.VotesPerDay; attempt++)
        {
            var today = await db.Set<Vote>().AsNoTracking().Where(v => v.BallotId == ballotId && v.VoterKey == voter && v.Day == day)
                .Select(v => new { v.OptionId, v.Slot }).ToListAsync(ct);
            if (!b.AllowSameOptionTwice && today.Any(v => v.OptionId == optionId)) throw new DomainException("您今天已为该选项投过票，请明天再来");
            if (today.Count >= b.VotesPerDay)
                throw new DomainException(b.VotesPerDay == 1 ? "您今天已经投过票了，每人每天限投1票，请明天再来" : $"您今天的{b.VotesPerDay}票已经投完，请明天再来");
            var slot = Enumerable.Range(1, b.VotesPerDay).First(s => today.All(v => v.Slot != s));
            // Burst detection counts only votes that get this far (per ballot and network, fixed one-minute windows).
            var burst = attempt == 0 && await limiter.HitAsync($"vote-net:{ballotId:N}:{network}", TimeSpan.FromMinutes(1), ct) > O.BurstVotesPerNetworkPerMinute;
            var vote = new Vote
            {
                BallotId = ballotId,
                OptionId = optionId,
                VoterKey = voter,
                Day = day,
                Slot = slot,
                DistinctKey = b.AllowSameOptionTwice ? $"{optionId:N}:{slot}" : optionId.ToString("N"),
                Status = burst ? VoteStatus.Held : VoteStatus.Accepted,
                Network = network,
                CreatedAt = now,
            };
            if (await TryInsertAsync(vote, ct))
                return new VoteResult(vote.Id, vote.Status, burst ? "投票已收到，正在审核，审核通过后计入票数" : "投票成功");
            // A parallel vote of the same voter took the slot (or the option) first: look again.
        }
        throw new DomainException("您今天已经投过票了，请明天再来");
    }

    /// <summary>Inserts the vote and, when accepted, increments the option's counter, in one transaction. False on a unique violation.</summary>
    private async Task<bool> TryInsertAsync(Vote vote, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.Add(vote);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return false;
            }
            if (vote.Status == VoteStatus.Accepted)
                await db.Set<BallotOption>().Where(o => o.Id == vote.OptionId)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.AcceptedCount, o => o.AcceptedCount + 1), ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return true;
        });
    }

    // ---- phone verification ----

    private (string Phone, string Hash) ValidPhone(string? raw)
    {
        var p = ChinesePhone.ValidateMobile(raw);
        if (!p.IsValid || p.Normalized is null) throw new DomainException(p.Error ?? ChinesePhone.MobileError, nameof(PhoneCodeRequest.Phone));
        return (p.Normalized, protector.BlindIndex(p.Normalized, PhonePurpose));
    }

    private string CodeHash(string phoneHash, string code) => protector.BlindIndex($"{phoneHash}|{code}", "vote-code");

    /// <summary>Sends a 6-digit code (valid <see cref="VotingOptions.CodeMinutes"/> minutes) through <see cref="ISmsSender"/>; limited per phone and per address.</summary>
    public async Task RequestCodeAsync(PhoneCodeRequest r, string? clientAddress, CancellationToken ct = default)
    {
        var (phone, hash) = ValidPhone(r.Phone);
        if (!await limiter.AllowAsync("sms-ip:" + (clientAddress ?? "unknown"), O.CodesPerAddressPerHour, TimeSpan.FromHours(1), ct)
            || !await limiter.AllowAsync("sms-phone:" + hash, O.CodesPerPhonePerHour, TimeSpan.FromHours(1), ct))
            throw new DomainException("获取验证码过于频繁，请稍后再试");
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var now = db.UtcNow;
        db.Add(new PhoneCode { PhoneHash = hash, CodeHash = CodeHash(hash, code), CreatedAt = now, ExpiresAt = now.AddMinutes(O.CodeMinutes) });
        await db.SaveChangesAsync(ct);
        await sms.SendAsync(phone, $"【科协】您的投票验证码为 {code}，{O.CodeMinutes}分钟内有效。如非本人操作请忽略。", ct);
    }

    /// <summary>Checks the latest code of the phone (expiry, attempt limit) and returns a token that identifies the verified phone.</summary>
    public async Task<PhoneVerified> VerifyCodeAsync(PhoneVerifyRequest r, CancellationToken ct = default)
    {
        var (_, hash) = ValidPhone(r.Phone);
        var code = (r.Code ?? "").Trim();
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) throw new DomainException("请输入6位数字验证码", nameof(PhoneVerifyRequest.Code));
        var now = db.UtcNow;
        var latest = await db.Set<PhoneCode>().AsNoTracking().Where(c => c.PhoneHash == hash && c.ConsumedAt == null)
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (latest is null || latest.ExpiresAt <= now) throw new DomainException("验证码已过期或不存在，请重新获取", nameof(PhoneVerifyRequest.Code));
        // Count the attempt first (conditional update), so parallel guesses cannot exceed the limit.
        var max = O.CodeMaxAttempts;
        var counted = await db.Set<PhoneCode>().Where(c => c.Id == latest.Id && c.Attempts < max)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1), ct);
        if (counted == 0) throw new DomainException("验证码错误次数过多，请重新获取", nameof(PhoneVerifyRequest.Code));
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(latest.CodeHash), System.Text.Encoding.ASCII.GetBytes(CodeHash(hash, code))))
            throw new DomainException("验证码不正确", nameof(PhoneVerifyRequest.Code));
        var consumed = await db.Set<PhoneCode>().Where(c => c.Id == latest.Id && c.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedAt, now), ct);
        if (consumed == 0) throw new DomainException("验证码已使用，请重新获取", nameof(PhoneVerifyRequest.Code));
        var expires = now.AddHours(O.VerifiedHours);
        return new PhoneVerified(TokenProtector.Protect($"{hash}|{expires.Ticks.ToString(CultureInfo.InvariantCulture)}"), expires);
    }

    /// <summary>The phone hash in a voter token, or null when it is forged or expired (by the app's clock).</summary>
    private string? ReadToken(string token)
    {
        try
        {
            var parts = TokenProtector.Unprotect(token).Split('|');
            return parts.Length == 2 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var ticks) && new DateTime(ticks, DateTimeKind.Utc) > db.UtcNow ? parts[0] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public bool HasValidToken(string? token) => token is { Length: > 0 } && ReadToken(token) is not null;

    // ---- staff: ballots in scope, review of held votes ----

    public async Task<IReadOnlyList<BallotRow>> StaffListAsync(CancellationToken ct = default)
    {
        user.Demand(VotingPermissions.Review);
        var now = db.UtcNow;
        var ballots = await db.Set<Ballot>().AsNoTracking().OrderByDescending(b => b.OpensAt).Take(200)
            .Select(b => new { b.Id, b.Title, b.SourceModule, b.OpensAt, b.ClosesAt }).ToListAsync(ct);
        var ids = ballots.Select(b => b.Id).ToList();
        var accepted = await db.Set<BallotOption>().AsNoTracking().Where(o => ids.Contains(o.BallotId)).GroupBy(o => o.BallotId)
            .Select(g => new { g.Key, N = g.Sum(o => o.AcceptedCount) }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var held = await db.Set<Vote>().AsNoTracking().Where(v => ids.Contains(v.BallotId) && v.Status == VoteStatus.Held).GroupBy(v => v.BallotId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return ballots.Select(b => new BallotRow(b.Id, b.Title, b.SourceModule, b.OpensAt, b.ClosesAt, StateAt(now, b.OpensAt, b.ClosesAt),
            accepted.GetValueOrDefault(b.Id), held.GetValueOrDefault(b.Id))).ToList();
    }

    public async Task<IReadOnlyDictionary<Guid, int>> HeldCountsAsync(Guid ballotId, CancellationToken ct = default)
    {
        if (!await db.Set<Ballot>().AsNoTracking().AnyAsync(b => b.Id == ballotId, ct)) throw new NotFoundException("投票");
        return await db.Set<Vote>().AsNoTracking().Where(v => v.BallotId == ballotId && v.Status == VoteStatus.Held).GroupBy(v => v.OptionId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
    }

    private async Task<Ballot> StaffBallotAsync(Guid ballotId, CancellationToken ct)
    {
        user.Demand(VotingPermissions.Review);
        return await db.Set<Ballot>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == ballotId, ct) ?? throw new NotFoundException("投票");
    }

    public async Task<IReadOnlyList<HeldVoteRow>> HeldAsync(Guid ballotId, CancellationToken ct = default)
    {
        await StaffBallotAsync(ballotId, ct);
        var labels = await db.Set<BallotOption>().AsNoTracking().Where(o => o.BallotId == ballotId).ToDictionaryAsync(o => o.Id, o => o.Label, ct);
        var rows = await db.Set<Vote>().AsNoTracking().Where(v => v.BallotId == ballotId && v.Status == VoteStatus.Held).OrderBy(v => v.CreatedAt).Take(1000)
            .Select(v => new { v.Id, v.OptionId, v.Network, v.CreatedAt, v.VoterKey }).ToListAsync(ct);
        return rows.Select(v => new HeldVoteRow(v.Id, labels.GetValueOrDefault(v.OptionId, ""), v.Network, v.CreatedAt, v.VoterKey[..Math.Min(10, v.VoterKey.Length)])).ToList();
    }

    /// <summary>Accepts or rejects a held vote; an accepted vote enters the public count in the same transaction. Audited.</summary>
    public async Task ReviewAsync(Guid voteId, bool accept, CancellationToken ct = default)
    {
        user.Demand(VotingPermissions.Review);
        var v = await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == voteId, ct) ?? throw new NotFoundException("投票记录");
        var ballot = await db.Set<Ballot>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == v.BallotId, ct) ?? throw new NotFoundException("投票记录");
        var now = db.UtcNow;
        var who = user.DisplayName;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var target = accept ? VoteStatus.Accepted : VoteStatus.Rejected;
            var changed = await db.Set<Vote>().Where(x => x.Id == voteId && x.Status == VoteStatus.Held)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, target).SetProperty(x => x.ReviewedAt, now).SetProperty(x => x.ReviewedByName, who), ct);
            if (changed == 0) throw new DomainException("该票已审核");
            if (accept)
                await db.Set<BallotOption>().Where(o => o.Id == v.OptionId)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.AcceptedCount, o => o.AcceptedCount + 1), ct);
            db.AuditEvent(accept ? "voting.vote.accept" : "voting.vote.reject", nameof(Vote), voteId.ToString(),
                $"{(accept ? "确认有效" : "判定无效")}：{ballot.Title} 的异常票（{v.Network}）", ballot.OrganisationId);
            await db.FlushAuditAsync(ct);
            await tx.CommitAsync(ct);
        });
    }

    public async Task<IReadOnlyList<SmsOutboxMessage>> OutboxAsync(CancellationToken ct = default)
    {
        user.Demand(VotingPermissions.SmsOutbox);
        return await db.Set<SmsOutboxMessage>().AsNoTracking().OrderByDescending(m => m.CreatedAt).Take(100).ToListAsync(ct);
    }
}
