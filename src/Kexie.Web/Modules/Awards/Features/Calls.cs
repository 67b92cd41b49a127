using System.Text.Json;
using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Awards.Features;

public sealed record CallRow(Guid Id, string Title, string Name, string? Edition, int Year, string? TemplateKey, CallStatus Status,
    DateTime? SubmissionDeadline, int Entries);

public sealed record QuotaRow(Guid OrganisationId, string OrganisationName, int Quota, int Used);

public sealed record RoundRow(Guid Id, int No, string Name, ScoringMethod Method, int FormVersion, bool Frozen, ScoringForm Form,
    int PanelSize, int Reserves, Guid? PanelId, DateTime? RankedAt, int Version);

public sealed record CallDetail(Guid Id, string Title, string Name, string? Edition, int Year, string? TemplateKey, CallStatus Status,
    DateTime? SubmissionDeadline, DateTime? RecommendationDeadline, string? Notice, CallConfig Config, string ConfigJson,
    IReadOnlyList<QuotaRow> Quotas, IReadOnlyList<RoundRow> Rounds, IReadOnlyDictionary<EntryStatus, int> EntryCounts,
    string? ChairConfirmedBy, DateTime? ChairConfirmedAt, string? ChairNote, int Version, bool CanManage, bool CanConfirm);

public sealed record NewCallFromTemplate(string TemplateKey, int Year, string? Edition = null, string? Name = null,
    DateTime? SubmissionDeadline = null, DateTime? RecommendationDeadline = null);

public sealed record NewCall(string Name, int Year, string ConfigJson, string? Edition = null, DateTime? SubmissionDeadline = null, DateTime? RecommendationDeadline = null);

public sealed record CallSettings(string Name, string? Edition, int Year, DateTime? SubmissionDeadline, DateTime? RecommendationDeadline, string? Notice,
    string? ConfigJson, int Version);

public sealed record QuotaInput(Guid OrganisationId, int Quota);

public sealed record FormInput(ScoringForm Form, int Version);

/// <summary>Calls: new from a template or from JSON, settings and configuration, quotas, rounds' forms, opening and review.</summary>
public sealed class CallService(AppDbContext db, CurrentUser user)
{
    public static IReadOnlyList<CallTemplate> Templates => AwardTemplates.All;

    public async Task<List<CallRow>> ListAsync(int? year = null, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.View);
        var q = db.Set<AwardCall>().AsNoTracking();
        if (year is { } y) q = q.Where(c => c.Year == y);
        var rows = await q.OrderByDescending(c => c.Year).ThenBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.Edition, c.Year, c.TemplateKey, c.Status, c.SubmissionDeadline, Entries = db.Set<AwardEntry>().Count(e => e.CallId == c.Id) })
            .ToListAsync(ct);
        return rows.Select(c => new CallRow(c.Id, string.IsNullOrWhiteSpace(c.Edition) ? c.Name : c.Edition + c.Name, c.Name, c.Edition, c.Year, c.TemplateKey, c.Status, c.SubmissionDeadline, c.Entries)).ToList();
    }

    /// <summary>Calls open for entries, for applicants (who may not hold <c>awards.view</c>).</summary>
    public async Task<List<CallRow>> OpenCallsAsync(CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Apply);
        var rows = await db.Set<AwardCall>().AsNoTracking().Where(c => c.Status == CallStatus.Open).OrderBy(c => c.SubmissionDeadline)
            .Select(c => new { c.Id, c.Name, c.Edition, c.Year, c.TemplateKey, c.Status, c.SubmissionDeadline }).ToListAsync(ct);
        return rows.Select(c => new CallRow(c.Id, string.IsNullOrWhiteSpace(c.Edition) ? c.Name : c.Edition + c.Name, c.Name, c.Edition, c.Year, c.TemplateKey, c.Status, c.SubmissionDeadline, 0)).ToList();
    }

    internal static async Task<AwardCall> FindAsync(AppDbContext db, Guid id, CancellationToken ct, bool track = true)
    {
        var q = db.Set<AwardCall>().AsQueryable();
        if (!track) q = q.AsNoTracking();
        return await q.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("评选活动");
    }

    public async Task<CallDetail> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (!user.Has(AwardPermissions.View)) user.Demand(AwardPermissions.Apply);
        var c = await FindAsync(db, id, ct, track: false);
        if (!user.Has(AwardPermissions.View) && c.Status == CallStatus.Draft) throw new NotFoundException("评选活动");
        var quotas = await db.Set<AwardQuota>().AsNoTracking().Where(q => q.CallId == id)
            .Join(db.Organisations.WithoutDataScope(), q => q.UnitId, o => o.Id, (q, o) => new { q.UnitId, o.Name, q.Quota, q.Used })
            .OrderBy(q => q.Name).Select(q => new QuotaRow(q.UnitId, q.Name, q.Quota, q.Used)).ToListAsync(ct);
        var rounds = await db.Set<AwardRound>().AsNoTracking().Where(r => r.CallId == id).OrderBy(r => r.No).ToListAsync(ct);
        var counts = user.Has(AwardPermissions.View)
            ? (await db.Set<AwardEntry>().AsNoTracking().Where(e => e.CallId == id).GroupBy(e => e.Status).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
                .ToDictionary(x => x.Key, x => x.N)
            : [];
        return new CallDetail(c.Id, c.Title, c.Name, c.Edition, c.Year, c.TemplateKey, c.Status, c.SubmissionDeadline, c.RecommendationDeadline, c.Notice,
            c.Config, c.ConfigJson, quotas, rounds.Select(ToRow).ToList(), counts, c.ChairConfirmedBy, c.ChairConfirmedAt, c.ChairNote, c.Version,
            user.Has(AwardPermissions.Manage), user.Has(AwardPermissions.Confirm));
    }

    internal static RoundRow ToRow(AwardRound r) =>
        new(r.Id, r.No, r.Name, r.Method, r.FormVersion, r.FrozenAt is not null, r.Form, r.PanelSize, r.Reserves, r.PanelId, r.RankedAt, r.Version);

    /// <summary>The configuration as JSON, with the rounds' current forms (what "import" takes back).</summary>
    public async Task<string> ExportConfigAsync(Guid id, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.View);
        var c = await FindAsync(db, id, ct, track: false);
        var rounds = await db.Set<AwardRound>().AsNoTracking().Where(r => r.CallId == id).OrderBy(r => r.No).ToListAsync(ct);
        var config = c.Config with { Rounds = rounds.Select(r => new RoundDef(r.Name, r.Form, r.PanelSize, r.Reserves)).ToList() };
        return config.ToJson();
    }

    public async Task<Guid> CreateFromTemplateAsync(NewCallFromTemplate input, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var t = AwardTemplates.Find(input.TemplateKey) ?? throw new DomainException("模板不存在", nameof(NewCallFromTemplate.TemplateKey));
        return await CreateCoreAsync(input.Name.Clean() ?? t.Name, input.Edition, input.Year, t.Key, t.Config, input.SubmissionDeadline, input.RecommendationDeadline, ct);
    }

    public async Task<Guid> CreateAsync(NewCall input, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        return await CreateCoreAsync(input.Name, input.Edition, input.Year, null, CallConfig.FromJson(input.ConfigJson), input.SubmissionDeadline, input.RecommendationDeadline, ct);
    }

    private async Task<Guid> CreateCoreAsync(string name, string? edition, int year, string? templateKey, CallConfig config,
        DateTime? submission, DateTime? recommendation, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("请填写评选活动名称", "Name");
        if (year is < 2000 or > 2100) throw new DomainException("年度不正确", "Year");
        var organiser = user.OrganisationId ?? await db.Organisations.Where(o => o.ParentId == null).Select(o => o.Id).FirstAsync(ct);
        var call = new AwardCall
        {
            OrganiserId = organiser,
            Name = name.Trim(),
            Edition = edition.Clean(),
            Year = year,
            TemplateKey = templateKey,
            SubmissionDeadline = submission,
            RecommendationDeadline = recommendation,
        };
        call.SetConfig(config);
        CheckDeadlines(call);
        db.Add(call);
        var no = 1;
        foreach (var r in config.Rounds)
            db.Add(new AwardRound
            {
                CallId = call.Id,
                No = no++,
                Name = r.Name,
                Method = r.Form.Method,
                FormJson = JsonSerializer.Serialize(r.Form, CallConfig.Json),
                PanelSize = r.PanelSize,
                Reserves = r.Reserves,
            });
        if (config.RequiresRecommendation && config.DefaultQuota > 0)
        {
            var units = await db.Organisations.WithoutDataScope().AsNoTracking()
                .Where(o => o.IsActive && (o.Type == OrganisationType.CountyAssociation || o.Type == OrganisationType.Society))
                .Select(o => o.Id).ToListAsync(ct);
            foreach (var u in units) db.Add(new AwardQuota { CallId = call.Id, UnitId = u, Quota = config.DefaultQuota });
        }
        await db.SaveChangesAsync(ct);
        return call.Id;
    }

    private static void CheckDeadlines(AwardCall c)
    {
        if (c.SubmissionDeadline is { } s && c.RecommendationDeadline is { } r && r < s)
            throw new DomainException("推荐截止时间不能早于申报截止时间", nameof(CallSettings.RecommendationDeadline));
    }

    public async Task SaveSettingsAsync(Guid id, CallSettings input, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var c = await FindAsync(db, id, ct);
        db.Entry(c).Property(x => x.Version).OriginalValue = input.Version;
        if (string.IsNullOrWhiteSpace(input.Name)) throw new DomainException("请填写评选活动名称", nameof(CallSettings.Name));
        c.Name = input.Name.Trim();
        c.Edition = input.Edition.Clean();
        c.Year = input.Year;
        c.SubmissionDeadline = input.SubmissionDeadline;
        c.RecommendationDeadline = input.RecommendationDeadline;
        c.Notice = input.Notice.Clean();
        CheckDeadlines(c);
        if (input.ConfigJson.Clean() is { } json)
        {
            var config = CallConfig.FromJson(json);
            if (c.Status != CallStatus.Draft && config.ToJson() != c.Config.ToJson())
            {
                // Once open, applicants rely on the form: only the draft configuration changes freely.
                var old = c.Config;
                if (!config.Fields.SequenceEqual(old.Fields) || !config.Categories.SequenceEqual(old.Categories) || config.RequiresRecommendation != old.RequiresRecommendation)
                    throw new DomainException("活动已发布，申报表、类别和推荐要求不能再修改", nameof(CallSettings.ConfigJson));
            }
            // Rounds' forms live on the rounds (versioned): the configuration's copy is kept for export only.
            c.SetConfig(config with { Rounds = config.Rounds.Count > 0 ? config.Rounds : c.Config.Rounds });
            if (c.Status == CallStatus.Draft) await SyncRoundsAsync(c, config, ct);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>In a draft call the rounds follow the configuration (no score exists yet).</summary>
    private async Task SyncRoundsAsync(AwardCall c, CallConfig config, CancellationToken ct)
    {
        var rounds = await db.Set<AwardRound>().Where(r => r.CallId == c.Id).OrderBy(r => r.No).ToListAsync(ct);
        for (var i = 0; i < config.Rounds.Count; i++)
        {
            var def = config.Rounds[i];
            var json = JsonSerializer.Serialize(def.Form, CallConfig.Json);
            if (i < rounds.Count)
            {
                var r = rounds[i];
                if (r.FormJson != json) { r.FormJson = json; r.FormVersion++; }
                r.Name = def.Name; r.Method = def.Form.Method; r.PanelSize = def.PanelSize; r.Reserves = def.Reserves;
            }
            else
            {
                db.Add(new AwardRound { CallId = c.Id, No = i + 1, Name = def.Name, Method = def.Form.Method, FormJson = json, PanelSize = def.PanelSize, Reserves = def.Reserves });
            }
        }
        foreach (var extra in rounds.Skip(config.Rounds.Count)) db.Remove(extra);
    }

    public async Task SetQuotasAsync(Guid id, IReadOnlyList<QuotaInput> quotas, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var c = await FindAsync(db, id, ct);
        if (c.Status is not (CallStatus.Draft or CallStatus.Open)) throw new DomainException("评审开始后不能再调整推荐名额");
        var existing = await db.Set<AwardQuota>().Where(q => q.CallId == id).ToDictionaryAsync(q => q.UnitId, ct);
        foreach (var q in quotas)
        {
            if (q.Quota < 0) throw new DomainException("推荐名额不能为负数", "Quota");
            if (!await db.Organisations.WithoutDataScope().AnyAsync(o => o.Id == q.OrganisationId && o.IsActive, ct))
                throw new DomainException("推荐单位不存在", "OrganisationId");
            if (existing.TryGetValue(q.OrganisationId, out var row))
            {
                if (q.Quota < row.Used) throw new DomainException($"该单位已推荐{row.Used}项，名额不能少于已推荐数", "Quota");
                row.Quota = q.Quota;
            }
            else db.Add(new AwardQuota { CallId = id, UnitId = q.OrganisationId, Quota = q.Quota });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Changes a round's scoring form: a new version. Once a score was given with the form it is frozen: the
    /// change is refused for that round, and can be made on a later round (which then gets the next version).
    /// </summary>
    public async Task<int> SaveFormAsync(Guid callId, Guid roundId, FormInput input, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        await FindAsync(db, callId, ct, track: false);
        var r = await db.Set<AwardRound>().FirstOrDefaultAsync(x => x.Id == roundId && x.CallId == callId, ct) ?? throw new NotFoundException("评审轮次");
        db.Entry(r).Property(x => x.Version).OriginalValue = input.Version;
        if (r.FrozenAt is not null) throw new DomainException("本轮已开始评分，评分表已锁定；修改请在下一轮的评分表中进行（将生成新版本）");
        input.Form.Validate();
        var json = JsonSerializer.Serialize(input.Form, CallConfig.Json);
        if (json == r.FormJson) return r.FormVersion;
        var previous = await db.Set<AwardRound>().Where(x => x.CallId == callId).MaxAsync(x => x.FormVersion, ct);
        r.FormJson = json;
        r.Method = input.Form.Method;
        r.FormVersion = Math.Max(previous, r.FormVersion) + 1;
        await db.SaveChangesAsync(ct);
        return r.FormVersion;
    }

    public async Task OpenAsync(Guid id, int version, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var c = await FindAsync(db, id, ct);
        db.Entry(c).Property(x => x.Version).OriginalValue = version;
        if (c.SubmissionDeadline is null) throw new DomainException("请先设置申报截止时间", nameof(CallSettings.SubmissionDeadline));
        if (c.SubmissionDeadline <= db.UtcNow) throw new DomainException("申报截止时间已过，请先调整", nameof(CallSettings.SubmissionDeadline));
        c.Move(CallStatus.Draft, CallStatus.Open);
        await TransitionAsync(c, CallStatus.Draft, $"发布评选活动「{c.Title}」，开始申报", ct);
    }

    public async Task StartReviewAsync(Guid id, int version, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var c = await FindAsync(db, id, ct);
        db.Entry(c).Property(x => x.Version).OriginalValue = version;
        if (!await db.Set<AwardEntry>().WithoutDataScope().AnyAsync(e => e.CallId == id && e.Status == EntryStatus.Eligible, ct))
            throw new DomainException("还没有通过形式审查的申报，不能开始评审");
        c.Move(CallStatus.Open, CallStatus.Review);
        await TransitionAsync(c, CallStatus.Open, $"评选活动「{c.Title}」截止申报，进入评审", ct);
    }

    internal async Task TransitionAsync(AwardCall c, CallStatus from, string summary, CancellationToken ct)
    {
        db.AuditEvent(AuditActions.Transition, "评选活动", c.Id.ToString(), summary, c.OrganiserId,
            JsonSerializer.Serialize(new { Status = new { old = from.ToString(), @new = c.Status.ToString() } }));
        await db.SaveChangesAsync(ct);
    }
}
