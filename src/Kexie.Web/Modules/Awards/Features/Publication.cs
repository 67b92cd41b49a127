using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Platform.Certificates;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Publicity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Awards.Features;

public sealed record FinalResultRow(string Tier, string? Category, string Title, string ApplicantName, string ApplicantUnit, string? CertificateSerial);

public sealed record FinalResults(Guid CallId, string Title, DateTime? FinalisedAt, Guid? PublicityId, IReadOnlyList<FinalResultRow> Rows);

public sealed record PublicationStatus(CallStatus Status, Guid? PublicityId, PublicityStatus? Publicity, int Awarded, int CertificatesIssued);

/// <summary>
/// After the chair's confirmation: the proposed results go to the platform 公示 (/gongshi, objections there) for the
/// call's working days; they become final only when the 公示 says so (window closed, every objection decided);
/// then certificates are issued through the platform (serial, PDF, /verify).
/// </summary>
public sealed class PublicationService(AppDbContext db, CurrentUser user, IPublicityService publicity, ICertificateService certificates, CallService calls)
{
    private DateOnly Today => DateOnly.FromDateTime(db.UtcNow.AddHours(8));

    private async Task<List<(AwardResult Result, AwardEntry Entry)>> AwardedAsync(Guid callId, CancellationToken ct)
    {
        var last = await db.Set<AwardRound>().Where(r => r.CallId == callId).OrderByDescending(r => r.No).Select(r => r.Id).FirstAsync(ct);
        var results = await db.Set<AwardResult>().Where(r => r.RoundId == last && r.Tier != null && r.Tier != "未通过" && r.Tier != "不合格")
            .OrderBy(r => r.Category).ThenBy(r => r.Rank).ToListAsync(ct);
        var ids = results.Select(r => r.EntryId).ToList();
        var entries = await db.Set<AwardEntry>().WithoutDataScope().AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        return results.Select(r => (r, entries[r.EntryId])).ToList();
    }

    public async Task<PublicationStatus> StatusAsync(Guid callId, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var call = await CallService.FindAsync(db, callId, ct, track: false);
        var p = call.PublicityId is { } pid ? await publicity.GetStatusAsync(pid, ct) : null;
        var awarded = await AwardedAsync(callId, ct);
        return new PublicationStatus(call.Status, call.PublicityId, p, awarded.Count, awarded.Count(a => a.Result.CertificateSerial is not null));
    }

    /// <summary>The final results (public, no sign-in): only once the call is final; before that the page does not exist.</summary>
    public async Task<FinalResults> FinalResultsAsync(Guid callId, CancellationToken ct = default)
    {
        var call = await db.Set<AwardCall>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId && c.Status == CallStatus.Final, ct)
            ?? throw new NotFoundException("评选结果");
        var rows = (await AwardedAsync(callId, ct)).Select(a => new FinalResultRow(a.Result.Tier!, a.Result.Category, a.Entry.Title, a.Entry.ApplicantName,
            a.Entry.ApplicantUnit, a.Result.CertificateSerial)).ToList();
        return new FinalResults(call.Id, call.Title, call.FinalisedAt, call.PublicityId, rows);
    }

    /// <summary>ChairConfirmed → Publicised: opens the 公示 of the awarded entries, starting today.</summary>
    public async Task<Guid> PubliciseAsync(Guid callId, int version, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var call = await CallService.FindAsync(db, callId, ct);
        db.Entry(call).Property(x => x.Version).OriginalValue = version;
        call.Move(CallStatus.ChairConfirmed, CallStatus.Publicised);
        var awarded = await AwardedAsync(callId, ct);
        if (awarded.Count == 0) throw new DomainException("没有获奖的申报，无需公示");
        var days = Math.Max(1, call.Config.PublicityWorkingDays);
        var id = await publicity.OpenAsync(new PublicityInput("Awards", call.Id.ToString(), $"{call.Title}评选结果公示",
            $"经评审委员会评审、主任委员确认，现将{call.Title}拟获奖名单予以公示。公示期{days}个工作日，如有异议，请在公示期内实名提出。",
            ["奖项", "申报", "申报人", "单位"],
            awarded.Select(a => new PublicityItem(a.Entry.Id.ToString(), [a.Result.Tier!, a.Entry.Title, a.Entry.ApplicantName, a.Entry.ApplicantUnit])).ToList(),
            Today, days, call.OrganiserId), ct);
        call.PublicityId = id;
        await calls.TransitionAsync(call, CallStatus.ChairConfirmed, $"「{call.Title}」拟获奖名单公示（{days}个工作日，{awarded.Count}项）", ct);
        return id;
    }

    /// <summary>Publicised → Final, only when the 公示 may be finalised (window closed, no undecided objection).</summary>
    public async Task FinaliseAsync(Guid callId, int version, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Confirm);
        var call = await CallService.FindAsync(db, callId, ct);
        db.Entry(call).Property(x => x.Version).OriginalValue = version;
        if (call.Status != CallStatus.Publicised || call.PublicityId is not { } pid) throw new DomainException($"评选活动处于「{call.Status.Zh()}」状态，不能确定最终结果");
        var status = await publicity.GetStatusAsync(pid, ct);
        if (!status.CanFinalise)
            throw new DomainException(status.State != PublicityState.Closed
                ? $"公示期至 {status.EndDate:yyyy年M月d日} 结束，结束后才能确定最终结果"
                : $"还有 {status.OpenObjections} 件异议未处理完毕，不能确定最终结果");
        call.Move(CallStatus.Publicised, CallStatus.Final);
        call.FinalisedAt = db.UtcNow;
        await calls.TransitionAsync(call, CallStatus.Publicised, $"「{call.Title}」公示期满、异议处理完毕，确定最终结果", ct);
    }

    /// <summary>Issues one certificate per awarded entry (once); returns how many were issued now.</summary>
    public async Task<int> IssueCertificatesAsync(Guid callId, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var call = await CallService.FindAsync(db, callId, ct, track: false);
        if (call.Status != CallStatus.Final) throw new DomainException("结果确定后才能颁发证书");
        var issuer = await db.Organisations.WithoutDataScope().Where(o => o.Id == call.OrganiserId).Select(o => o.Name).FirstAsync(ct);
        var issued = 0;
        foreach (var (result, entry) in await AwardedAsync(callId, ct))
        {
            if (result.CertificateSerial is not null) continue;
            var c = await certificates.IssueAsync(new CertificateInput(entry.ApplicantName, call.Title, result.Tier, issuer, Today, "Awards", entry.Id.ToString(), call.OrganiserId), ct);
            // The certificate service runs its own unit of work (it may clear the tracker): record the serial directly.
            var resultId = result.Id;
            await db.Set<AwardResult>().Where(r => r.Id == resultId).ExecuteUpdateAsync(u => u.SetProperty(r => r.CertificateSerial, c.Serial), ct);
            issued++;
        }
        return issued;
    }
}
