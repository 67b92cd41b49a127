using System.Net.Mail;
using System.Security.Cryptography;
using System.Text.Json;
using Kexie.Web.Platform.Calendar;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations;
using Kexie.Web.Platform.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Web.Platform.Publicity;

public enum PublicityState
{
    /// <summary>Before the start date.</summary>
    Scheduled,

    /// <summary>From the start date to the end (24:00 China time) of the end date: objections accepted.</summary>
    Open,

    Closed,
}

public enum ObjectionStatus
{
    /// <summary>Received, not yet looked at.</summary>
    Received,

    /// <summary>Staff have recorded investigation notes.</summary>
    Investigating,

    /// <summary>成立.</summary>
    Upheld,

    /// <summary>不成立.</summary>
    Rejected,
}

/// <summary>A 公示: a public notice opened by a module (results of an award, a list of candidates…), owned by an organisation.</summary>
public sealed class PublicNotice : Entity, IOrgScoped
{
    public Guid OrganisationId { get; set; }
    public string SourceModule { get; set; } = "";
    public string SourceRef { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Body { get; set; }

    /// <summary>JSON array of column headers (姓名, 单位, 奖项…).</summary>
    public string ColumnsJson { get; set; } = "[]";

    /// <summary>JSON array of <see cref="PublicityItem"/> rows.</summary>
    public string ItemsJson { get; set; } = "[]";

    public DateOnly StartDate { get; set; }
    public int WorkingDays { get; set; }

    /// <summary>Last day of the window, inclusive (computed with the working-day calendar).</summary>
    public DateOnly EndDate { get; set; }
}

/// <summary>An 异议 filed by a member of the public against a notice (or one of its rows).</summary>
/// <remarks>
/// Not <see cref="IOrgScoped"/> (the public files it without a scope): staff reach an objection only through its
/// notice, which is scoped — every staff use case first finds the notice under the data-scope filter.
/// </remarks>
public sealed class Objection : Entity, IVersioned
{
    public Guid NoticeId { get; set; }

    public string ReceiptNo { get; set; } = "";

    [Pii(PiiKind.Name)]
    public string Name { get; set; } = "";

    [Pii(PiiKind.Cipher)]
    public string ContactCipher { get; set; } = "";

    public string ContactMasked { get; set; } = "";

    /// <summary>The row concerned (index into the notice's items), or null for the notice as a whole.</summary>
    public int? ItemIndex { get; set; }

    public string? ItemLabel { get; set; }
    public string Content { get; set; } = "";

    /// <summary>HMAC of notice, contact, item and content: the same objection submitted twice is stored once (unique).</summary>
    [AuditIgnore]
    public string DedupHash { get; set; } = "";

    public ObjectionStatus Status { get; set; }
    public string? Notes { get; set; }
    public string? DecisionReason { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedByName { get; set; }
    public int Version { get; set; }
}

internal sealed class PublicNoticeConfiguration : IEntityTypeConfiguration<PublicNotice>
{
    public void Configure(EntityTypeBuilder<PublicNotice> e)
    {
        e.ToTable("pub_notices");
        e.Property(x => x.SourceModule).HasMaxLength(Lengths.Code).IsRequired();
        e.Property(x => x.SourceRef).HasMaxLength(Lengths.Name).IsRequired();
        e.Property(x => x.Title).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(x => x.Body).HasMaxLength(Lengths.LongText);
        e.Property(x => x.ColumnsJson).HasMaxLength(Lengths.Text);
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.SourceModule, x.SourceRef });
        e.HasIndex(x => x.EndDate);
    }
}

internal sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> e)
    {
        e.ToTable("pub_objections");
        e.Property(x => x.ReceiptNo).HasMaxLength(Lengths.Code).IsRequired();
        e.HasIndex(x => x.ReceiptNo).IsUnique();
        e.Property(x => x.Name).HasMaxLength(50).IsRequired();
        e.Property(x => x.ContactCipher).HasMaxLength(500).IsRequired();
        e.Property(x => x.ContactMasked).HasMaxLength(Lengths.Name).IsRequired();
        e.Property(x => x.ItemLabel).HasMaxLength(Lengths.LongName);
        e.Property(x => x.Content).HasMaxLength(Lengths.Text).IsRequired();
        e.Property(x => x.DedupHash).HasMaxLength(100).IsRequired();
        e.HasIndex(x => new { x.NoticeId, x.DedupHash }).IsUnique();
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(x => x.Notes).HasMaxLength(Lengths.LongText);
        e.Property(x => x.DecisionReason).HasMaxLength(Lengths.Text);
        e.Property(x => x.DecidedByName).HasMaxLength(Lengths.Name);
        e.HasOne<PublicNotice>().WithMany().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class PublicityPermissions
{
    public const string Handle = "platform.publicity.handle";

    public static IEnumerable<PermissionDefinition> All =>
    [
        new(Handle, "平台", "处理公示异议（调查、认定）", "Handle objections to public notices", RoleNames.Managers),
    ];
}

/// <summary>One displayed row of a notice: its cells in the order of the columns, and the module's own reference (nomination id…).</summary>
public sealed record PublicityItem(string? Ref, IReadOnlyList<string> Values);

/// <summary>What a module gives to open a 公示. <paramref name="WorkingDays"/> counts from <paramref name="StartDate"/> (see <see cref="WorkingDays.AddWorkingDays"/>).</summary>
public sealed record PublicityInput(string SourceModule, string SourceRef, string Title, string? Body, IReadOnlyList<string> Columns,
    IReadOnlyList<PublicityItem> Items, DateOnly StartDate, int WorkingDays, Guid OrganisationId);

/// <summary>A notice's window and objections: modules make results final only when <see cref="CanFinalise"/>.</summary>
public sealed record PublicityStatus(Guid Id, PublicityState State, DateOnly StartDate, DateOnly EndDate, int OpenObjections, int DecidedObjections,
    int UpheldObjections, bool CanFinalise);

public sealed record PublicNoticeSummary(Guid Id, string Title, string OrganisationName, DateOnly StartDate, DateOnly EndDate, PublicityState State);

public sealed record PublicNoticeView(Guid Id, string Title, string? Body, string OrganisationName, DateOnly StartDate, int WorkingDays, DateOnly EndDate,
    PublicityState State, IReadOnlyList<string> Columns, IReadOnlyList<PublicityItem> Items);

public sealed record ObjectionInput(string? Name, string? Contact, int? ItemIndex, string? Content);

public sealed record ObjectionReceipt(string ReceiptNo, DateTime ReceivedAt, bool Duplicate);

public sealed record ObjectionRow(Guid Id, Guid NoticeId, string ReceiptNo, string Name, string ContactMasked, string? ItemLabel, string Content,
    ObjectionStatus Status, string? Notes, string? DecisionReason, DateTime CreatedAt, DateTime? DecidedAt, string? DecidedByName, int Version);

public sealed record ObjectionNote(string? Note, int Version);

public sealed record ObjectionDecision(bool Upheld, string? Reason, int Version);

public sealed record StaffNoticeRow(Guid Id, string Title, string SourceModule, DateOnly StartDate, DateOnly EndDate, PublicityState State, int Objections, int Undecided);

/// <summary>The 公示 service other modules call (through <see cref="IPublicityService"/>).</summary>
public interface IPublicityService
{
    /// <summary>Opens a notice: validates, computes the end date with the working-day calendar, stores it (audited). Scope-checked on insert.</summary>
    Task<Guid> OpenAsync(PublicityInput input, CancellationToken ct = default);

    /// <summary>The window state, objection counts and whether results may be made final. 404 outside the caller's data scope.</summary>
    Task<PublicityStatus> GetStatusAsync(Guid id, CancellationToken ct = default);
}

public sealed class PublicityOptions
{
    public const string Section = "Kexie:Publicity";

    /// <summary>Objections accepted per client address per hour.</summary>
    public int ObjectionsPerAddressPerHour { get; set; } = 10;

    /// <summary>Closed notices stay on /gongshi for this many days.</summary>
    public int RecentDays { get; set; } = 30;
}

public sealed class PublicityService(AppDbContext db, CurrentUser user, IWorkingDayCalendar calendar, FieldProtector protector, DbRateLimiter limiter,
    Microsoft.Extensions.Options.IOptions<PublicityOptions> options) : IPublicityService
{
    private const string ContactPurpose = "pub-objection-contact";
    private const string ReceiptAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>Today in 示范市 (UTC+8): windows open and close on Chinese calendar days.</summary>
    private DateOnly Today => DateOnly.FromDateTime(db.UtcNow.AddHours(8));

    public static PublicityState StateOn(DateOnly today, DateOnly start, DateOnly end) =>
        today < start ? PublicityState.Scheduled : today <= end ? PublicityState.Open : PublicityState.Closed;

    public async Task<Guid> OpenAsync(PublicityInput input, CancellationToken ct = default)
    {
        var title = input.Title.Clean() ?? throw new DomainException("请填写公示标题", nameof(PublicityInput.Title));
        if (title.Length > Lengths.LongName) throw new DomainException("公示标题不能超过200字", nameof(PublicityInput.Title));
        if (string.IsNullOrWhiteSpace(input.SourceModule) || input.SourceModule.Length > Lengths.Code) throw new DomainException("来源模块无效", nameof(PublicityInput.SourceModule));
        if (string.IsNullOrWhiteSpace(input.SourceRef) || input.SourceRef.Length > Lengths.Name) throw new DomainException("来源编号无效", nameof(PublicityInput.SourceRef));
        if (input.WorkingDays is < 1 or > 60) throw new DomainException("公示期应为1至60个工作日", nameof(PublicityInput.WorkingDays));
        var columns = (input.Columns ?? []).Select(c => c?.Trim() ?? "").ToList();
        if (columns.Count > 12 || columns.Any(c => c.Length is 0 or > 50)) throw new DomainException("公示列名无效（最多12列，每列1至50字）", nameof(PublicityInput.Columns));
        var items = (input.Items ?? []).ToList();
        if (items.Count > 2000) throw new DomainException("公示条目不能超过2000条", nameof(PublicityInput.Items));
        if (items.Any(i => i.Values.Count != columns.Count)) throw new DomainException("每条公示内容的列数须与列名一致", nameof(PublicityInput.Items));
        if (input.Body?.Length > Lengths.LongText) throw new DomainException("公示正文过长", nameof(PublicityInput.Body));
        var notice = new PublicNotice
        {
            OrganisationId = input.OrganisationId,
            SourceModule = input.SourceModule.Trim(),
            SourceRef = input.SourceRef.Trim(),
            Title = title,
            Body = input.Body.Clean(),
            ColumnsJson = JsonSerializer.Serialize(columns),
            ItemsJson = JsonSerializer.Serialize(items),
            StartDate = input.StartDate,
            WorkingDays = input.WorkingDays,
            EndDate = await calendar.AddWorkingDaysAsync(input.StartDate, input.WorkingDays, ct),
        };
        db.Add(notice);
        db.AuditEvent("publicity.open", nameof(PublicNotice), notice.Id.ToString(), $"发布公示：{title}（{notice.StartDate:yyyy-MM-dd} 至 {notice.EndDate:yyyy-MM-dd}）", input.OrganisationId);
        await db.SaveChangesAsync(ct);
        return notice.Id;
    }

    public async Task<PublicityStatus> GetStatusAsync(Guid id, CancellationToken ct = default)
    {
        var n = await db.Set<PublicNotice>().AsNoTracking().Where(x => x.Id == id).Select(x => new { x.StartDate, x.EndDate }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("公示");
        var counts = await db.Set<Objection>().AsNoTracking().Where(o => o.NoticeId == id).GroupBy(o => o.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int C(params ObjectionStatus[] s) => counts.Where(c => s.Contains(c.Key)).Sum(c => c.Count);
        var state = StateOn(Today, n.StartDate, n.EndDate);
        var open = C(ObjectionStatus.Received, ObjectionStatus.Investigating);
        return new PublicityStatus(id, state, n.StartDate, n.EndDate, open, C(ObjectionStatus.Upheld, ObjectionStatus.Rejected), C(ObjectionStatus.Upheld),
            state == PublicityState.Closed && open == 0);
    }

    // ---- public side (no sign-in): only what a notice shows anyway ----

    public async Task<IReadOnlyList<PublicNoticeSummary>> PublicListAsync(CancellationToken ct = default)
    {
        var today = Today;
        var since = today.AddDays(-options.Value.RecentDays);
        var rows = await db.PublicView<PublicNotice>().AsNoTracking().Where(n => n.StartDate <= today && n.EndDate >= since)
            .OrderByDescending(n => n.StartDate).Take(200)
            .Select(n => new { n.Id, n.Title, n.OrganisationId, n.StartDate, n.EndDate }).ToListAsync(ct);
        var names = await OrgNamesAsync(rows.Select(r => r.OrganisationId), ct);
        return rows.Select(r => new PublicNoticeSummary(r.Id, r.Title, names.GetValueOrDefault(r.OrganisationId, ""), r.StartDate, r.EndDate, StateOn(today, r.StartDate, r.EndDate)))
            .OrderBy(r => r.State == PublicityState.Open ? 0 : 1).ThenByDescending(r => r.StartDate).ToList();
    }

    /// <summary>A notice as the public sees it; a scheduled notice is not shown before its start date.</summary>
    public async Task<PublicNoticeView> PublicGetAsync(Guid id, CancellationToken ct = default)
    {
        var n = await db.PublicView<PublicNotice>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("公示");
        var state = StateOn(Today, n.StartDate, n.EndDate);
        if (state == PublicityState.Scheduled) throw new NotFoundException("公示");
        var names = await OrgNamesAsync([n.OrganisationId], ct);
        return new PublicNoticeView(n.Id, n.Title, n.Body, names.GetValueOrDefault(n.OrganisationId, ""), n.StartDate, n.WorkingDays, n.EndDate, state,
            JsonSerializer.Deserialize<List<string>>(n.ColumnsJson) ?? [], JsonSerializer.Deserialize<List<PublicityItem>>(n.ItemsJson) ?? []);
    }

    private async Task<Dictionary<Guid, string>> OrgNamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.PublicView<Organisation>().AsNoTracking().Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    public static string NewReceipt()
    {
        Span<char> c = stackalloc char[10];
        for (var i = 0; i < c.Length; i++) c[i] = ReceiptAlphabet[RandomNumberGenerator.GetInt32(ReceiptAlphabet.Length)];
        return "YY" + new string(c);
    }

    /// <summary>
    /// Files an objection. Accepted only while the notice is open; limited per client address (counted in the
    /// database, so across instances); the same objection submitted twice returns the first receipt.
    /// </summary>
    public async Task<ObjectionReceipt> FileObjectionAsync(Guid noticeId, ObjectionInput input, string? clientAddress, CancellationToken ct = default)
    {
        var view = await PublicGetAsync(noticeId, ct);
        var errors = new Dictionary<string, string[]>();
        var name = input.Name.Clean();
        if (name is null) errors[nameof(ObjectionInput.Name)] = ["请填写姓名"];
        else if (name.Length > 50) errors[nameof(ObjectionInput.Name)] = ["姓名不能超过50字"];
        var contact = NormaliseContact(input.Contact, out var contactError);
        if (contactError is not null) errors[nameof(ObjectionInput.Contact)] = [contactError];
        var content = input.Content.Clean();
        if (content is null) errors[nameof(ObjectionInput.Content)] = ["请填写异议内容"];
        else if (content.Length > Lengths.Text) errors[nameof(ObjectionInput.Content)] = ["异议内容不能超过2000字"];
        string? itemLabel = null;
        if (input.ItemIndex is { } idx)
        {
            if (idx < 0 || idx >= view.Items.Count) errors[nameof(ObjectionInput.ItemIndex)] = ["所选公示条目不存在"];
            else itemLabel = string.Join(" / ", view.Items[idx].Values);
        }
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        if (view.State != PublicityState.Open)
            throw new DomainException(view.State == PublicityState.Closed ? $"公示期已于 {view.EndDate:yyyy年M月d日} 结束，不再受理异议" : "公示尚未开始，暂不受理异议");

        var dedup = protector.BlindIndex($"{noticeId:N}|{contact}|{input.ItemIndex}|{content}", "pub-objection-dedup");
        var existing = await db.PublicView<Objection>().AsNoTracking().Where(o => o.NoticeId == noticeId && o.DedupHash == dedup)
            .Select(o => new ObjectionReceipt(o.ReceiptNo, o.CreatedAt, true)).FirstOrDefaultAsync(ct);
        if (existing is not null) return existing;
        if (!await limiter.AllowAsync($"objection:{clientAddress ?? "unknown"}", options.Value.ObjectionsPerAddressPerHour, TimeSpan.FromHours(1), ct))
            throw new DomainException("提交过于频繁，请一小时后再试");

        var notice = await db.PublicView<PublicNotice>().AsNoTracking().Where(n => n.Id == noticeId).Select(n => new { n.OrganisationId }).FirstAsync(ct);
        var o = new Objection
        {
            NoticeId = noticeId,
            ReceiptNo = NewReceipt(),
            Name = name!,
            ContactCipher = protector.Protect(contact!, ContactPurpose),
            ContactMasked = contact!.Contains('@') ? Mask.Email(contact) : Mask.Phone(contact),
            ItemIndex = input.ItemIndex,
            ItemLabel = itemLabel?.Length > Lengths.LongName ? itemLabel[..Lengths.LongName] : itemLabel,
            Content = content!,
            DedupHash = dedup,
            Status = ObjectionStatus.Received,
        };
        db.Add(o);
        db.AuditEvent("publicity.objection", nameof(Objection), o.Id.ToString(), $"收到异议 {o.ReceiptNo}（{view.Title}）", notice.OrganisationId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var first = await db.PublicView<Objection>().AsNoTracking().Where(x => x.NoticeId == noticeId && x.DedupHash == dedup)
                .Select(x => new ObjectionReceipt(x.ReceiptNo, x.CreatedAt, true)).FirstOrDefaultAsync(ct);
            return first ?? throw new DomainException("提交失败，请重试");
        }
        return new ObjectionReceipt(o.ReceiptNo, o.CreatedAt, false);
    }

    private static string? NormaliseContact(string? raw, out string? error)
    {
        error = null;
        var s = raw.Clean();
        if (s is null)
        {
            error = "请填写联系电话或电子邮箱";
            return null;
        }
        if (s.Contains('@'))
        {
            if (s.Length <= 100 && MailAddress.TryCreate(s, out var mail) && mail.Address == s && mail.Host.Contains('.')) return s.ToLowerInvariant();
            error = "电子邮箱格式不正确";
            return null;
        }
        var phone = ChinesePhone.Validate(s);
        if (phone.IsValid && phone.Normalized is not null) return phone.Normalized;
        error = "联系电话格式不正确（手机号或带区号的固定电话），或填写电子邮箱";
        return null;
    }

    // ---- staff side (permission + data scope by the notice's organisation) ----

    public async Task<IReadOnlyList<StaffNoticeRow>> StaffListAsync(CancellationToken ct = default)
    {
        user.Demand(PublicityPermissions.Handle);
        var today = Today;
        var notices = await db.Set<PublicNotice>().AsNoTracking().OrderByDescending(n => n.StartDate).Take(200)
            .Select(n => new { n.Id, n.Title, n.SourceModule, n.StartDate, n.EndDate }).ToListAsync(ct);
        var ids = notices.Select(n => n.Id).ToList();
        var counts = await db.Set<Objection>().AsNoTracking().Where(o => ids.Contains(o.NoticeId)).GroupBy(o => o.NoticeId)
            .Select(g => new { g.Key, All = g.Count(), Undecided = g.Count(o => o.Status == ObjectionStatus.Received || o.Status == ObjectionStatus.Investigating) })
            .ToDictionaryAsync(x => x.Key, ct);
        return notices.Select(n => new StaffNoticeRow(n.Id, n.Title, n.SourceModule, n.StartDate, n.EndDate, StateOn(today, n.StartDate, n.EndDate),
            counts.GetValueOrDefault(n.Id)?.All ?? 0, counts.GetValueOrDefault(n.Id)?.Undecided ?? 0)).ToList();
    }

    public async Task<(PublicNoticeView Notice, PublicityStatus Status, IReadOnlyList<ObjectionRow> Objections)> StaffGetAsync(Guid noticeId, CancellationToken ct = default)
    {
        user.Demand(PublicityPermissions.Handle);
        var status = await GetStatusAsync(noticeId, ct);
        var n = await db.Set<PublicNotice>().AsNoTracking().FirstAsync(x => x.Id == noticeId, ct);
        var names = await OrgNamesAsync([n.OrganisationId], ct);
        var view = new PublicNoticeView(n.Id, n.Title, n.Body, names.GetValueOrDefault(n.OrganisationId, ""), n.StartDate, n.WorkingDays, n.EndDate, status.State,
            JsonSerializer.Deserialize<List<string>>(n.ColumnsJson) ?? [], JsonSerializer.Deserialize<List<PublicityItem>>(n.ItemsJson) ?? []);
        return (view, status, await ObjectionsAsync(noticeId, ct));
    }

    public async Task<IReadOnlyList<ObjectionRow>> ObjectionsAsync(Guid noticeId, CancellationToken ct = default)
    {
        user.Demand(PublicityPermissions.Handle);
        if (!await db.Set<PublicNotice>().AnyAsync(n => n.Id == noticeId, ct)) throw new NotFoundException("公示");
        return await db.Set<Objection>().AsNoTracking().Where(o => o.NoticeId == noticeId).OrderBy(o => o.CreatedAt)
            .Select(o => new ObjectionRow(o.Id, o.NoticeId, o.ReceiptNo, o.Name, o.ContactMasked, o.ItemLabel, o.Content, o.Status, o.Notes, o.DecisionReason,
                o.CreatedAt, o.DecidedAt, o.DecidedByName, o.Version)).ToListAsync(ct);
    }

    private async Task<(Objection Objection, Guid OrganisationId)> StaffObjectionAsync(Guid id, int version, CancellationToken ct)
    {
        user.Demand(PublicityPermissions.Handle);
        var o = await db.Set<Objection>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("异议");
        // The data scope is the notice's: outside it the objection does not exist.
        var org = await db.Set<PublicNotice>().AsNoTracking().Where(n => n.Id == o.NoticeId).Select(n => (Guid?)n.OrganisationId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("异议");
        if (o.Version != version) throw new ConcurrencyConflictException();
        return (o, org);
    }

    /// <summary>Adds an investigation note (kept with time and author); the objection is then under investigation.</summary>
    public async Task AddNoteAsync(Guid objectionId, ObjectionNote body, CancellationToken ct = default)
    {
        var note = body.Note.Clean() ?? throw new DomainException("请填写调查情况", nameof(ObjectionNote.Note));
        if (note.Length > Lengths.Text) throw new DomainException("调查情况不能超过2000字", nameof(ObjectionNote.Note));
        var (o, org) = await StaffObjectionAsync(objectionId, body.Version, ct);
        if (o.Status is ObjectionStatus.Upheld or ObjectionStatus.Rejected) throw new DomainException("该异议已认定，不能再添加调查记录");
        var entry = $"[{db.UtcNow.AddHours(8):yyyy-MM-dd HH:mm} {user.DisplayName}] {note}";
        var notes = o.Notes is null ? entry : o.Notes + "\n" + entry;
        if (notes.Length > Lengths.LongText) throw new DomainException("调查记录已达上限");
        o.Notes = notes;
        o.Status = ObjectionStatus.Investigating;
        db.AuditEvent("publicity.objection.note", nameof(Objection), o.Id.ToString(), $"异议 {o.ReceiptNo} 记录调查情况", org);
        await SaveAsync(ct);
    }

    /// <summary>Decides an objection: 成立 or 不成立, with the reason (required).</summary>
    public async Task DecideAsync(Guid objectionId, ObjectionDecision body, CancellationToken ct = default)
    {
        var reason = body.Reason.Clean() ?? throw new DomainException("请填写认定理由", nameof(ObjectionDecision.Reason));
        if (reason.Length > Lengths.Text) throw new DomainException("认定理由不能超过2000字", nameof(ObjectionDecision.Reason));
        var (o, org) = await StaffObjectionAsync(objectionId, body.Version, ct);
        if (o.Status is ObjectionStatus.Upheld or ObjectionStatus.Rejected) throw new DomainException("该异议已认定");
        o.Status = body.Upheld ? ObjectionStatus.Upheld : ObjectionStatus.Rejected;
        o.DecisionReason = reason;
        o.DecidedAt = db.UtcNow;
        o.DecidedByName = user.DisplayName;
        db.AuditEvent("publicity.objection.decide", nameof(Objection), o.Id.ToString(), $"异议 {o.ReceiptNo} 认定为{(body.Upheld ? "成立" : "不成立")}：{reason}", org);
        await SaveAsync(ct);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
    }
}
