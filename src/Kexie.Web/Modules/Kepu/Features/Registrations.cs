using System.Security.Cryptography;
using Kexie.Web.Modules.Kepu.Domain;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Kepu.Features;

public sealed record RegisterBody(string Name, string Phone);

public sealed record RegistrationResult(string Code, RegistrationStatus Status, int Seq);

public sealed record Confirmation(string Code, Guid ActivityId, string Title, DateOnly StartDate, DateOnly EndDate, string? TimeNote, string Place,
    string Name, string? PhoneMasked, RegistrationStatus Status, int? WaitlistPosition, DateTime? CheckedInAt, bool IsWalkIn);

public sealed record CheckInBody(string Code);

public sealed record WalkInBody(string Name, string? Phone);

public sealed record SelfCheckInBody(string Key, string Phone);

public sealed record CheckInResult(Guid RegistrationId, string Name, string? PhoneMasked, bool AlreadyCheckedIn, DateTime CheckedInAt);

public sealed record RegistrationRow(Guid Id, int Seq, string Name, string? PhoneMasked, RegistrationStatus Status, bool IsWalkIn, DateTime CreatedAt, DateTime? CheckedInAt, DateTime? PromotedAt);

/// <summary>
/// Registration, waitlist, cancellation and check-in. No double booking: a seat is taken by a conditional
/// update of the activity's counter (<c>confirmed_count &lt; capacity</c>) inside the transaction that inserts the
/// registration; that update also serialises everything else done to one activity's registrations (row lock on
/// PostgreSQL, the single writer on SQLite). One live registration per phone is a unique index.
/// </summary>
public sealed class Registrations(AppDbContext db, CurrentUser user, FieldProtector protector, PortalCache portal)
{
    private const string PhonePurpose = "kepu-registration-phone";
    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private IQueryable<Activity> PublicActivities =>
        db.PublicView<Activity>();

    private DateOnly Today => DateOnly.FromDateTime(db.UtcNow.AddHours(8));

    public static string NewCode()
    {
        Span<char> c = stackalloc char[12];
        for (var i = 0; i < c.Length; i++) c[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        return "KP" + new string(c);
    }

    /// <summary>The secret in the activity's own check-in QR (shown at the venue).</summary>
    public string ActivityKey(Guid activityId) => protector.BlindIndex(activityId.ToString(), "kepu-activity-checkin")[..16];

    private (string Normalized, string Hash) Phone(string? phone)
    {
        var p = ChinesePhone.ValidateMobile(phone);
        if (!p.IsValid || p.Normalized is null) throw new DomainException(p.Error ?? ChinesePhone.MobileError, nameof(RegisterBody.Phone));
        return (p.Normalized, protector.BlindIndex(p.Normalized, PhonePurpose));
    }

    public async Task<RegistrationResult> RegisterAsync(Guid activityId, RegisterBody body, CancellationToken ct = default)
    {
        var name = body.Name.Clean() ?? throw new DomainException("请填写姓名", nameof(RegisterBody.Name));
        if (name.Length > 50) throw new DomainException("姓名不能超过50字", nameof(RegisterBody.Name));
        var (phone, hash) = Phone(body.Phone);
        var a = await PublicActivities.AsNoTracking().Where(x => x.Id == activityId && x.Status == ActivityStatus.Published)
            .Select(x => new { x.Capacity, x.EndDate }).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("科普活动");
        if (a.Capacity is null) throw new DomainException("该活动无需报名，欢迎直接参加");
        if (a.EndDate < Today) throw new DomainException("活动已结束，不能报名");
        if (await db.Set<Registration>().AnyAsync(r => r.ActivityId == activityId && r.PhoneHash == hash && r.Status != RegistrationStatus.Cancelled, ct))
            throw new DomainException("该手机号已报名此活动", nameof(RegisterBody.Phone));

        // One registration per activity at a time in this process: the database row lock is what serialises seats
        // (across instances too); the gate only keeps a burst for one activity from parking every pooled connection
        // on that lock, which starved the pool (bench/Kexie.Bench/Kepu: 2,000 at once for 200 seats).
        var gate = RegistrationGate.For(activityId);
        await gate.WaitAsync(ct);
        RegistrationResult result;
        try
        {
            result = await TakeSeatAsync(activityId, name, phone, hash, ct);
        }
        finally
        {
            gate.Release();
        }
        await portal.RegistrationsChangedAsync(activityId, CancellationToken.None);
        return result;
    }

    private async Task<RegistrationResult> TakeSeatAsync(Guid activityId, string name, string phone, string hash, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var status = RegistrationStatus.Confirmed;
            var taken = await PublicActivities.Where(x => x.Id == activityId && x.Status == ActivityStatus.Published && x.ConfirmedCount < x.Capacity)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmedCount, x => x.ConfirmedCount + 1).SetProperty(x => x.RegistrationSeq, x => x.RegistrationSeq + 1), ct);
            if (taken == 0)
            {
                status = RegistrationStatus.Waitlisted;
                var queued = await PublicActivities.Where(x => x.Id == activityId && x.Status == ActivityStatus.Published)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.RegistrationSeq, x => x.RegistrationSeq + 1), ct);
                if (queued == 0) throw new NotFoundException("科普活动");
            }
            // The row is locked by this transaction: the value read is our own increment.
            var seq = await PublicActivities.Where(x => x.Id == activityId).Select(x => x.RegistrationSeq).FirstAsync(ct);
            var reg = new Registration
            {
                ActivityId = activityId,
                Seq = seq,
                Status = status,
                Name = name,
                PhoneCipher = protector.Protect(phone, PhonePurpose),
                PhoneMasked = Mask.Phone(phone),
                PhoneHash = hash,
                Code = NewCode(),
                UserId = user.UserId,
            };
            db.Add(reg);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                throw new DomainException("该手机号已报名此活动", nameof(RegisterBody.Phone));
            }
            await tx.CommitAsync(ct);
            return new RegistrationResult(reg.Code, reg.Status, reg.Seq);
        });
    }

    public async Task<Confirmation> ConfirmationAsync(string code, CancellationToken ct = default)
    {
        var r = await db.Set<Registration>().AsNoTracking().FirstOrDefaultAsync(x => x.Code == code, ct) ?? throw new NotFoundException("报名记录");
        var a = await PublicActivities.AsNoTracking().Where(x => x.Id == r.ActivityId)
            .Select(x => new { x.Title, x.StartDate, x.EndDate, x.TimeNote, x.Place }).FirstAsync(ct);
        int? position = r.Status == RegistrationStatus.Waitlisted
            ? await db.Set<Registration>().CountAsync(x => x.ActivityId == r.ActivityId && x.Status == RegistrationStatus.Waitlisted && x.Seq <= r.Seq, ct)
            : null;
        return new Confirmation(r.Code, r.ActivityId, a.Title, a.StartDate, a.EndDate, a.TimeNote, a.Place, Mask.Name(r.Name), r.PhoneMasked, r.Status, position, r.CheckedInAt, r.IsWalkIn);
    }

    /// <summary>Cancels by the confirmation code; a freed seat goes to the first on the waitlist in the same transaction.</summary>
    public async Task CancelAsync(string code, CancellationToken ct = default)
    {
        var activityId = await db.Set<Registration>().Where(x => x.Code == code).Select(x => (Guid?)x.ActivityId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("报名记录");
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Take the activity's row lock first: registrations and other cancellations of this activity wait.
            await PublicActivities.Where(x => x.Id == activityId).ExecuteUpdateAsync(s => s.SetProperty(x => x.RegistrationSeq, x => x.RegistrationSeq), ct);
            var reg = await db.Set<Registration>().AsNoTracking().FirstAsync(x => x.Code == code, ct);
            if (reg.Status == RegistrationStatus.Cancelled) throw new DomainException("该报名已取消");
            if (reg.CheckedInAt is not null) throw new DomainException("已签到，不能取消报名");
            var now = db.UtcNow;
            await db.Set<Registration>().Where(x => x.Id == reg.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RegistrationStatus.Cancelled).SetProperty(x => x.CancelledAt, now), ct);
            if (reg.Status == RegistrationStatus.Confirmed && !reg.IsWalkIn)
            {
                var next = await db.Set<Registration>().AsNoTracking()
                    .Where(x => x.ActivityId == activityId && x.Status == RegistrationStatus.Waitlisted)
                    .OrderBy(x => x.Seq).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct);
                if (next is { } promoted)
                    await db.Set<Registration>().Where(x => x.Id == promoted)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RegistrationStatus.Confirmed).SetProperty(x => x.PromotedAt, now), ct);
                else
                    await PublicActivities.Where(x => x.Id == activityId)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmedCount, x => x.ConfirmedCount - 1), ct);
            }
            await tx.CommitAsync(ct);
        });
        await portal.RegistrationsChangedAsync(activityId, CancellationToken.None);
    }

    private async Task<Activity> StaffActivityAsync(Guid activityId, CancellationToken ct)
    {
        user.Demand(KepuPermissions.Report);
        var a = await db.Set<Activity>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == activityId, ct) ?? throw new NotFoundException("科普活动");
        if (a.Status != ActivityStatus.Published) throw new DomainException("只有已发布、尚未登记成效的活动可以签到");
        return a;
    }

    /// <summary>Staff scan the attendee's code. A second scan reports the first check-in and counts nothing.</summary>
    public async Task<CheckInResult> CheckInAsync(Guid activityId, string code, CancellationToken ct = default)
    {
        await StaffActivityAsync(activityId, ct);
        code = (code ?? "").Trim().ToUpperInvariant();
        return await CheckInWhereAsync(activityId, r => r.Code == code, "签到码无效或不属于本活动", ct);
    }

    /// <summary>The attendee scans the activity's code at the venue and enters the phone they registered with.</summary>
    public async Task<CheckInResult> SelfCheckInAsync(Guid activityId, SelfCheckInBody body, CancellationToken ct = default)
    {
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(body.Key ?? ""), System.Text.Encoding.ASCII.GetBytes(ActivityKey(activityId))))
            throw new NotFoundException("科普活动");
        var a = await PublicActivities.AsNoTracking().Where(x => x.Id == activityId && x.Status == ActivityStatus.Published)
            .Select(x => new { x.StartDate, x.EndDate }).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("科普活动");
        if (Today < a.StartDate || Today > a.EndDate) throw new DomainException("不在活动日期内，不能签到");
        var (_, hash) = Phone(body.Phone);
        return await CheckInWhereAsync(activityId, r => r.PhoneHash == hash, "未找到该手机号的报名，请联系现场工作人员登记", ct);
    }

    private async Task<CheckInResult> CheckInWhereAsync(Guid activityId, System.Linq.Expressions.Expression<Func<Registration, bool>> who, string notFound, CancellationToken ct)
    {
        var now = db.UtcNow;
        var live = db.Set<Registration>().Where(r => r.ActivityId == activityId && r.Status != RegistrationStatus.Cancelled).Where(who);
        // Conditional update: of two simultaneous scans exactly one sets the time.
        var done = await live.Where(r => r.Status == RegistrationStatus.Confirmed && r.CheckedInAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CheckedInAt, now), ct);
        var reg = await live.AsNoTracking().FirstOrDefaultAsync(ct) ?? throw new DomainException(notFound, "Code");
        if (reg.Status == RegistrationStatus.Waitlisted) throw new DomainException($"{Mask.Name(reg.Name)} 在候补名单中，尚未获得名额；如现场有空位请按现场登记处理", "Code");
        return new CheckInResult(reg.Id, Mask.Name(reg.Name), reg.PhoneMasked, done == 0, reg.CheckedInAt ?? now);
    }

    /// <summary>Records someone who came without registering (not counted against the capacity).</summary>
    public async Task<CheckInResult> WalkInAsync(Guid activityId, WalkInBody body, CancellationToken ct = default)
    {
        await StaffActivityAsync(activityId, ct);
        var name = body.Name.Clean() ?? throw new DomainException("请填写姓名", nameof(WalkInBody.Name));
        string? phone = null, hash = null;
        if (body.Phone.Clean() is { } p) (phone, hash) = Phone(p);
        var reg = new Registration
        {
            ActivityId = activityId,
            Status = RegistrationStatus.Confirmed,
            IsWalkIn = true,
            Name = name.Length > 50 ? name[..50] : name,
            PhoneCipher = phone is null ? null : protector.Protect(phone, PhonePurpose),
            PhoneMasked = phone is null ? null : Mask.Phone(phone),
            PhoneHash = hash,
            Code = NewCode(),
            CheckedInAt = db.UtcNow,
        };
        if (hash is not null && await db.Set<Registration>().AnyAsync(r => r.ActivityId == activityId && r.PhoneHash == hash && r.Status != RegistrationStatus.Cancelled, ct))
            throw new DomainException("该手机号已报名，请扫描其报名二维码签到", nameof(WalkInBody.Phone));
        db.Add(reg);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new DomainException("该手机号已报名，请扫描其报名二维码签到", nameof(WalkInBody.Phone));
        }
        return new CheckInResult(reg.Id, Mask.Name(reg.Name), reg.PhoneMasked, false, reg.CheckedInAt!.Value);
    }

    /// <summary>The registrations of an activity in scope, for its organiser (names masked, the view audited).</summary>
    public async Task<List<RegistrationRow>> ListAsync(Guid activityId, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.Report);
        var a = await db.Set<Activity>().AsNoTracking().Where(x => x.Id == activityId).Select(x => new { x.Id, x.OrganisationId, x.Title }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("科普活动");
        var rows = await db.Set<Registration>().AsNoTracking().Where(r => r.ActivityId == activityId)
            .OrderBy(r => r.IsWalkIn).ThenBy(r => r.Seq).ThenBy(r => r.CreatedAt)
            .Select(r => new RegistrationRow(r.Id, r.Seq, r.Name, r.PhoneMasked, r.Status, r.IsWalkIn, r.CreatedAt, r.CheckedInAt, r.PromotedAt))
            .Take(5000).ToListAsync(ct);
        db.AuditEvent(AuditActions.ViewPersonalData, "科普活动报名", a.Id.ToString(), $"查看「{a.Title}」的报名名单（{rows.Count} 人）", a.OrganisationId);
        await db.FlushAuditAsync(ct);
        return rows.Select(r => r with { Name = Mask.Name(r.Name) }).ToList();
    }

    internal static async Task<RegistrationCounts> CountsAsync(AppDbContext db, Guid activityId, CancellationToken ct)
    {
        var g = await db.Set<Registration>().AsNoTracking().Where(r => r.ActivityId == activityId)
            .GroupBy(r => new { r.Status, r.IsWalkIn, Checked = r.CheckedInAt != null })
            .Select(x => new { x.Key.Status, x.Key.IsWalkIn, x.Key.Checked, N = x.Count() }).ToListAsync(ct);
        return new RegistrationCounts(
            g.Where(x => x.Status == RegistrationStatus.Confirmed && !x.IsWalkIn).Sum(x => x.N),
            g.Where(x => x.Status == RegistrationStatus.Waitlisted).Sum(x => x.N),
            g.Where(x => x.Status == RegistrationStatus.Cancelled).Sum(x => x.N),
            g.Where(x => x.Checked && x.Status != RegistrationStatus.Cancelled).Sum(x => x.N),
            g.Where(x => x.IsWalkIn && x.Status != RegistrationStatus.Cancelled).Sum(x => x.N));
    }
}

/// <summary>Striped in-process gates for registrations (per activity, without a per-activity dictionary that would grow).</summary>
internal static class RegistrationGate
{
    private static readonly SemaphoreSlim[] Stripes = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public static SemaphoreSlim For(Guid activityId) => Stripes[(activityId.GetHashCode() & 0x7fffffff) % Stripes.Length];
}
