using System.Text.Json;
using System.Text.RegularExpressions;
using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Awards.Features;

/// <summary>
/// Everything staff set up for a call on <c>/awards/calls/{id}/setup</c> (or <c>PUT …/setup</c>): settings, the
/// configuration in typed form (no JSON), and the recommending units' quotas (<c>null</c> = unchanged).
/// </summary>
public sealed record CallSetup
{
    public string Name { get; init; } = "";
    public string? Edition { get; init; }
    public int Year { get; init; }
    public DateTime? SubmissionDeadline { get; init; }
    public DateTime? RecommendationDeadline { get; init; }
    public string? Notice { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public ApplicantKind ApplicantKind { get; init; }
    public bool RequiresRecommendation { get; init; }
    public IReadOnlyList<QuotaInput>? Quotas { get; init; }
    public IReadOnlyList<FieldDef> Fields { get; init; } = [];
    public IReadOnlyList<RoundDef> Rounds { get; init; } = [];
    public IReadOnlyList<TierDef> Tiers { get; init; } = [];
    public int PublicityWorkingDays { get; init; }
    public bool PublicVoting { get; init; }
    public int VotesPerPersonPerDay { get; init; } = 1;
    public bool VotingByAccount { get; init; }
    public bool VotingByPhone { get; init; }
    public int VotingWeightPercent { get; init; }
    public bool Blind { get; init; }
    public bool TrimmedMean { get; init; }
    public TieRule TieRule { get; init; }
    public bool ReviewersSeeOthers { get; init; }
    public int Version { get; init; }
}

public sealed record SetupRoundState(int No, string Name, int FormVersion, bool Frozen, bool Ranked);

public sealed record UnitOption(Guid Id, string Name);

/// <summary>The setup page's data: the current setup, what is locked and why, and the units that may get a quota.</summary>
public sealed record SetupView(Guid CallId, string Title, CallStatus Status, CallSetup Setup, bool FormLocked, bool VotingLocked,
    IReadOnlyList<SetupRoundState> Rounds, IReadOnlyList<QuotaRow> Quotas, IReadOnlyList<UnitOption> Units);

/// <summary>
/// The configuration editor ("form builder"): validates in Chinese, refuses what cannot change once entries are submitted
/// (form fields, categories, applicant kind, recommendation), keeps frozen scoring forms (a change to a round already scored is
/// refused: it belongs in a later round, which gets the next form version), and checks the call's version (stale → 409).
/// </summary>
public sealed partial class CallSetupService(AppDbContext db, CurrentUser user)
{
    [GeneratedRegex("^[a-z][a-z0-9_-]{0,39}$")]
    private static partial Regex KeyPattern();

    public async Task<SetupView> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var c = await CallService.FindAsync(db, id, ct, track: false);
        var rounds = await db.Set<AwardRound>().AsNoTracking().Where(r => r.CallId == id).OrderBy(r => r.No).ToListAsync(ct);
        var cfg = c.Config;
        var quotas = await db.Set<AwardQuota>().AsNoTracking().Where(q => q.CallId == id)
            .Join(db.Organisations.WithoutDataScope(), q => q.UnitId, o => o.Id, (q, o) => new { q.UnitId, o.Name, q.Quota, q.Used })
            .OrderBy(q => q.Name).Select(q => new QuotaRow(q.UnitId, q.Name, q.Quota, q.Used)).ToListAsync(ct);
        var units = await db.Organisations.WithoutDataScope().AsNoTracking()
            .Where(o => o.IsActive && (o.Type == OrganisationType.CountyAssociation || o.Type == OrganisationType.Society || o.ParentId == null))
            .OrderBy(o => o.Depth).ThenBy(o => o.Name).Select(o => new UnitOption(o.Id, o.Name)).Take(500).ToListAsync(ct);
        var setup = new CallSetup
        {
            Name = c.Name,
            Edition = c.Edition,
            Year = c.Year,
            SubmissionDeadline = c.SubmissionDeadline,
            RecommendationDeadline = c.RecommendationDeadline,
            Notice = c.Notice,
            Categories = cfg.Categories,
            ApplicantKind = cfg.ApplicantKind,
            RequiresRecommendation = cfg.RequiresRecommendation,
            Quotas = quotas.Select(q => new QuotaInput(q.OrganisationId, q.Quota)).ToList(),
            Fields = cfg.Fields,
            Rounds = rounds.Select(r => new RoundDef(r.Name, r.Form, r.PanelSize, r.Reserves)).ToList(),
            Tiers = cfg.Tiers,
            PublicityWorkingDays = cfg.PublicityWorkingDays,
            PublicVoting = cfg.PublicVoting,
            VotesPerPersonPerDay = cfg.VotesPerPersonPerDay,
            VotingByAccount = cfg.VotingByAccount,
            VotingByPhone = cfg.VotingByPhone,
            VotingWeightPercent = cfg.VotingWeightPercent,
            Blind = cfg.Blind,
            TrimmedMean = cfg.TrimmedMean,
            TieRule = cfg.TieRule,
            ReviewersSeeOthers = cfg.ReviewersSeeOthers,
            Version = c.Version,
        };
        return new SetupView(c.Id, c.Title, c.Status, setup, await FormLockedAsync(c, ct), c.BallotId is not null,
            rounds.Select(r => new SetupRoundState(r.No, r.Name, r.FormVersion, r.FrozenAt is not null, r.RankedAt is not null)).ToList(), quotas, units);
    }

    /// <summary>Once an entry was submitted, applicants rely on the form: its fields, the categories and who applies are fixed.</summary>
    private async Task<bool> FormLockedAsync(AwardCall c, CancellationToken ct) =>
        c.Status > CallStatus.Open || await db.Set<AwardEntry>().WithoutDataScope().AnyAsync(e => e.CallId == c.Id && e.Status != EntryStatus.Draft, ct);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, CallConfig.Json);

    /// <summary>Blank keys are generated (f1, f2 … / c1, c2 …): staff need not invent codes.</summary>
    private static List<FieldDef> NormaliseFields(IReadOnlyList<FieldDef> fields)
    {
        var used = fields.Select(f => f.Key?.Trim()).Where(k => !string.IsNullOrEmpty(k)).ToHashSet();
        var n = 0;
        string Next(string prefix) { string k; do k = $"{prefix}{++n}"; while (used.Contains(k)); used.Add(k); return k; }
        return fields.Select(f =>
        {
            var label = f.Label?.Trim() ?? "";
            if (label.Length == 0) throw new DomainException("申报表每个字段都需要名称", "Fields");
            if (label.Length > 100) throw new DomainException($"字段名称「{label[..20]}…」不能超过100字", "Fields");
            var key = string.IsNullOrWhiteSpace(f.Key) ? Next("f") : f.Key.Trim();
            if (!KeyPattern().IsMatch(key)) throw new DomainException($"字段「{label}」的代码「{key}」只能以小写字母开头，使用小写字母、数字、-或_（不超过40个字符）", "Fields");
            var choices = f.Choices?.Select(x => x.Trim()).Where(x => x.Length > 0).ToList();
            if (f.Type == FieldType.Choice)
            {
                if (choices is null || choices.Count == 0) throw new DomainException($"选择题字段「{label}」需要至少一个选项", "Fields");
                if (choices.Distinct().Count() != choices.Count) throw new DomainException($"选择题字段「{label}」的选项不能重复", "Fields");
            }
            if (f.MaxLength is < 1 or > 10000) throw new DomainException($"字段「{label}」的字数上限应为1到10000", "Fields");
            return new FieldDef(key, label, f.Type, f.Required, f.Type == FieldType.Choice ? choices : null, f.MaxLength);
        }).ToList();
    }

    private static List<RoundDef> NormaliseRounds(IReadOnlyList<RoundDef> rounds) => rounds.Select((r, i) =>
    {
        var name = r.Name?.Trim() ?? "";
        if (name.Length == 0) throw new DomainException($"第{i + 1}轮评审需要名称", "Rounds");
        var form = r.Form ?? throw new DomainException($"评审轮次「{name}」需要评分表", "Rounds");
        var n = 0;
        var keys = form.Criteria.Select(c => c.Key?.Trim()).Where(k => !string.IsNullOrEmpty(k)).ToHashSet();
        var criteria = form.Method == ScoringMethod.Weighted
            ? form.Criteria.Select(c =>
            {
                var key = c.Key?.Trim();
                if (string.IsNullOrEmpty(key)) { do key = $"c{++n}"; while (keys.Contains(key)); keys.Add(key); }
                if (!KeyPattern().IsMatch(key)) throw new DomainException($"评分指标「{c.Name}」的代码「{key}」只能使用小写字母、数字、-或_", "Rounds");
                if (c.Min < 0) throw new DomainException($"评分指标「{c.Name}」的最低分不能为负数", "Rounds");
                return new CriterionDef(key, c.Name?.Trim() ?? "", c.Weight, c.Min, c.Max);
            }).ToList()
            : [];
        var grades = form.Method == ScoringMethod.Grade ? form.Grades?.Select(g => g.Trim()).Where(g => g.Length > 0).ToList() : null;
        if (grades is not null && grades.Distinct().Count() != grades.Count) throw new DomainException($"评审轮次「{name}」的等级不能重复", "Rounds");
        if (r.PanelSize is < 1 or > 50) throw new DomainException($"评审轮次「{name}」的评审组人数应为1到50", "Rounds");
        if (r.Reserves is < 0 or > 20) throw new DomainException($"评审轮次「{name}」的替补人数应为0到20", "Rounds");
        var def = new RoundDef(name, new ScoringForm(form.Method, criteria, grades), r.PanelSize, r.Reserves);
        try { def.Form.Validate(); }
        catch (DomainException e) { throw new DomainException($"评审轮次「{name}」：{e.Message}", "Rounds"); }
        return def;
    }).ToList();

    public async Task SaveAsync(Guid id, CallSetup input, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Manage);
        var c = await CallService.FindAsync(db, id, ct);
        db.Entry(c).Property(x => x.Version).OriginalValue = input.Version;
        if (c.Status >= CallStatus.ChairConfirmed) throw new DomainException("评审结果已经确认，活动配置不能再修改");
        var name = input.Name.Clean() ?? throw new DomainException("请填写评选活动名称", nameof(CallSetup.Name));
        if (name.Length > Lengths.LongName) throw new DomainException("评选活动名称不能超过200字", nameof(CallSetup.Name));
        if (input.Year is < 2000 or > 2100) throw new DomainException("年度应为2000到2100之间的年份", nameof(CallSetup.Year));
        if (input.Edition?.Trim().Length > Lengths.Code) throw new DomainException("届次过长", nameof(CallSetup.Edition));
        if (c.Status == CallStatus.Open && input.SubmissionDeadline is null) throw new DomainException("申报中的活动需要申报截止时间", nameof(CallSetup.SubmissionDeadline));

        var old = c.Config;
        var config = old with
        {
            Categories = input.Categories.Select(x => x.Trim()).Where(x => x.Length > 0).ToList(),
            ApplicantKind = input.ApplicantKind,
            RequiresRecommendation = input.RequiresRecommendation,
            Fields = NormaliseFields(input.Fields),
            Rounds = NormaliseRounds(input.Rounds),
            Tiers = input.Tiers.Select(t => t with { Name = t.Name?.Trim() ?? "", Category = t.Category.Clean() }).ToList(),
            PublicityWorkingDays = input.PublicityWorkingDays,
            PublicVoting = input.PublicVoting,
            VotesPerPersonPerDay = input.VotesPerPersonPerDay,
            VotingByAccount = input.VotingByAccount,
            VotingByPhone = input.VotingByPhone,
            VotingWeightPercent = input.VotingWeightPercent,
            Blind = input.Blind,
            TrimmedMean = input.TrimmedMean,
            TieRule = input.TieRule,
            ReviewersSeeOthers = input.ReviewersSeeOthers,
        };
        if (config.PublicityWorkingDays < 1) throw new DomainException("公示期至少1个工作日", nameof(CallSetup.PublicityWorkingDays));
        config.Validate();

        if (await FormLockedAsync(c, ct))
        {
            var changed = new List<string>();
            if (Json(config.Fields) != Json(old.Fields)) changed.Add("申报表字段");
            if (Json(config.Categories) != Json(old.Categories)) changed.Add("类别");
            if (config.ApplicantKind != old.ApplicantKind) changed.Add("申报主体");
            if (config.RequiresRecommendation != old.RequiresRecommendation) changed.Add("是否需要推荐");
            if (changed.Count > 0)
                throw new DomainException($"已有申报提交，{string.Join("、", changed)}不能再修改（申报人依据已发布的申报表填写）", nameof(CallSetup.Fields));
        }
        if (c.BallotId is not null && (config.PublicVoting != old.PublicVoting || config.VotesPerPersonPerDay != old.VotesPerPersonPerDay
            || config.VotingByAccount != old.VotingByAccount || config.VotingByPhone != old.VotingByPhone))
            throw new DomainException("网络投票已经开启，投票规则不能再修改（计入排名的权重仍可调整）", nameof(CallSetup.PublicVoting));

        await SyncRoundsAsync(c, config.Rounds, ct);
        if (input.Quotas is { } quotas) await SyncQuotasAsync(c, quotas, ct);

        c.Name = name;
        c.Edition = input.Edition.Clean();
        c.Year = input.Year;
        c.SubmissionDeadline = input.SubmissionDeadline;
        c.RecommendationDeadline = input.RecommendationDeadline;
        c.Notice = input.Notice.Clean();
        if (c.SubmissionDeadline is { } s && c.RecommendationDeadline is { } r && r < s)
            throw new DomainException("推荐截止时间不能早于申报截止时间", nameof(CallSetup.RecommendationDeadline));
        c.SetConfig(config);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Rounds follow the configuration; a scored (frozen) form is never edited, a changed open form gets the next version.</summary>
    private async Task SyncRoundsAsync(AwardCall c, IReadOnlyList<RoundDef> defs, CancellationToken ct)
    {
        var rounds = await db.Set<AwardRound>().Where(r => r.CallId == c.Id).OrderBy(r => r.No).ToListAsync(ct);
        var next = rounds.Count == 0 ? 1 : rounds.Max(r => r.FormVersion) + 1;
        for (var i = 0; i < defs.Count; i++)
        {
            var def = defs[i];
            var json = Json(def.Form);
            if (i < rounds.Count)
            {
                var r = rounds[i];
                if (Json(r.Form) != json)
                {
                    if (r.FrozenAt is not null)
                        throw new DomainException($"第{r.No}轮「{r.Name}」已开始评分，评分表（第{r.FormVersion}版）已锁定；如需调整，请在后续轮次中设置（将生成新版本）", "Rounds");
                    r.FormJson = json;
                    r.Method = def.Form.Method;
                    r.FormVersion = next++;
                }
                if (r.RankedAt is not null && (r.PanelSize != def.PanelSize || r.Reserves != def.Reserves))
                    throw new DomainException($"第{r.No}轮「{r.Name}」已排名，评审组人数不能再修改", "Rounds");
                r.Name = def.Name;
                r.PanelSize = def.PanelSize;
                r.Reserves = def.Reserves;
            }
            else
            {
                db.Add(new AwardRound
                {
                    CallId = c.Id,
                    No = i + 1,
                    Name = def.Name,
                    Method = def.Form.Method,
                    FormJson = json,
                    PanelSize = def.PanelSize,
                    Reserves = def.Reserves,
                    FormVersion = c.Status == CallStatus.Draft && rounds.Count == 0 ? 1 : next++,
                });
            }
        }
        foreach (var extra in rounds.Skip(defs.Count))
        {
            var used = extra.FrozenAt is not null || extra.RankedAt is not null
                || await db.Set<AwardReviewer>().AnyAsync(x => x.RoundId == extra.Id, ct)
                || await db.Set<AwardAssignment>().AnyAsync(x => x.RoundId == extra.Id, ct);
            if (used) throw new DomainException($"第{extra.No}轮「{extra.Name}」已有评审专家或评分，不能删除", "Rounds");
            db.Remove(extra);
        }
    }

    /// <summary>The quotas as listed; units left out lose their quota (only while they have recommended nothing).</summary>
    private async Task SyncQuotasAsync(AwardCall c, IReadOnlyList<QuotaInput> quotas, CancellationToken ct)
    {
        if (quotas.Select(q => q.OrganisationId).Distinct().Count() != quotas.Count) throw new DomainException("同一推荐单位只能设置一次名额", nameof(CallSetup.Quotas));
        var existing = await db.Set<AwardQuota>().Where(q => q.CallId == c.Id).ToDictionaryAsync(q => q.UnitId, ct);
        var changes = quotas.Where(q => !existing.TryGetValue(q.OrganisationId, out var e) || e.Quota != q.Quota).ToList();
        var dropped = existing.Values.Where(e => quotas.All(q => q.OrganisationId != e.UnitId)).ToList();
        if (changes.Count == 0 && dropped.Count == 0) return;
        if (c.Status is not (CallStatus.Draft or CallStatus.Open)) throw new DomainException("评审开始后不能再调整推荐名额", nameof(CallSetup.Quotas));
        foreach (var q in changes)
        {
            if (q.Quota < 0) throw new DomainException("推荐名额不能为负数", nameof(CallSetup.Quotas));
            var unit = await db.Organisations.WithoutDataScope().Where(o => o.Id == q.OrganisationId && o.IsActive).Select(o => o.Name).FirstOrDefaultAsync(ct)
                ?? throw new DomainException("推荐单位不存在", nameof(CallSetup.Quotas));
            if (existing.TryGetValue(q.OrganisationId, out var row))
            {
                if (q.Quota < row.Used) throw new DomainException($"{unit}已推荐{row.Used}项，名额不能少于已推荐数", nameof(CallSetup.Quotas));
                row.Quota = q.Quota;
            }
            else db.Add(new AwardQuota { CallId = c.Id, UnitId = q.OrganisationId, Quota = q.Quota });
        }
        foreach (var d in dropped)
        {
            if (d.Used > 0) throw new DomainException("已推荐申报的单位不能取消名额", nameof(CallSetup.Quotas));
            db.Remove(d);
        }
    }
}
