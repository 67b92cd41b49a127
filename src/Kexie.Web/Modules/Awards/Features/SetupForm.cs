using Kexie.Web.Modules.Awards.Domain;

namespace Kexie.Web.Modules.Awards.Features;

/// <summary>
/// The setup page's posted form (static SSR form binding: <c>F.Fields[0].Label</c> …). Blank rows are for adding and are
/// ignored; rows marked <c>Remove</c> are dropped. Booleans default to false because an unchecked box posts nothing.
/// </summary>
public sealed class SetupForm
{
    private static readonly char[] ListSeparators = ['、', ',', '，', ';', '；', '\n', '\r'];

    public string? Name { get; set; }
    public string? Edition { get; set; }
    public int Year { get; set; }
    public DateOnly? Deadline { get; set; }
    public DateOnly? RecommendationDate { get; set; }
    public string? Notice { get; set; }
    public string? Categories { get; set; }
    public ApplicantKind ApplicantKind { get; set; }
    public bool RequiresRecommendation { get; set; }
    public List<QuotaRowForm> Quotas { get; set; } = [];
    public List<FieldForm> Fields { get; set; } = [];
    public List<RoundForm> Rounds { get; set; } = [];
    public List<TierForm> Tiers { get; set; } = [];
    public int PublicityWorkingDays { get; set; }
    public bool PublicVoting { get; set; }
    public int VotesPerPersonPerDay { get; set; }
    public bool VotingByAccount { get; set; }
    public bool VotingByPhone { get; set; }
    public int VotingWeightPercent { get; set; }
    public bool Blind { get; set; }
    public bool TrimmedMean { get; set; }
    public TieRule TieRule { get; set; }
    public bool ReviewersSeeOthers { get; set; }
    public int Version { get; set; }

    public sealed class QuotaRowForm
    {
        public Guid? UnitId { get; set; }
        public int Quota { get; set; }
    }

    public sealed class FieldForm
    {
        public string? Key { get; set; }
        public string? Label { get; set; }
        public FieldType Type { get; set; }
        public bool Required { get; set; }
        public string? Choices { get; set; }
        public int? MaxLength { get; set; }
        public bool Remove { get; set; }
    }

    public sealed class CriterionForm
    {
        public string? Key { get; set; }
        public string? Name { get; set; }
        public decimal? Weight { get; set; }
        public decimal? Min { get; set; }
        public decimal? Max { get; set; }
        public bool Remove { get; set; }
    }

    public sealed class RoundForm
    {
        public string? Name { get; set; }
        public ScoringMethod Method { get; set; }
        public int PanelSize { get; set; }
        public int Reserves { get; set; }
        public string? Grades { get; set; }
        public List<CriterionForm> Criteria { get; set; } = [];
        public bool Remove { get; set; }
    }

    public sealed class TierForm
    {
        public string? Name { get; set; }
        public int? Count { get; set; }
        public decimal? SharePercent { get; set; }
        public string? Category { get; set; }
        public bool Remove { get; set; }
    }

    private static DateOnly? ChinaDate(DateTime? endOfDayUtc) => endOfDayUtc is { } d ? DateOnly.FromDateTime(d.AddHours(8).AddDays(-1)) : null;

    private static DateTime? EndOfDay(DateOnly? d) => d is { } x ? x.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8) : null;

    private static List<string> Split(string? s) => (s ?? "").Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public static SetupForm From(CallSetup s) => new SetupForm
    {
        Name = s.Name,
        Edition = s.Edition,
        Year = s.Year,
        Deadline = ChinaDate(s.SubmissionDeadline),
        RecommendationDate = ChinaDate(s.RecommendationDeadline),
        Notice = s.Notice,
        Categories = string.Join("\n", s.Categories),
        ApplicantKind = s.ApplicantKind,
        RequiresRecommendation = s.RequiresRecommendation,
        Quotas = (s.Quotas ?? []).Select(q => new QuotaRowForm { UnitId = q.OrganisationId, Quota = q.Quota }).ToList(),
        Fields = s.Fields.Select(f => new FieldForm { Key = f.Key, Label = f.Label, Type = f.Type, Required = f.Required, Choices = f.Choices is null ? null : string.Join("、", f.Choices), MaxLength = f.MaxLength }).ToList(),
        Rounds = s.Rounds.Select(r => new RoundForm
        {
            Name = r.Name,
            Method = r.Form.Method,
            PanelSize = r.PanelSize,
            Reserves = r.Reserves,
            Grades = r.Form.Grades is null ? null : string.Join("、", r.Form.Grades),
            Criteria = r.Form.Criteria.Select(c => new CriterionForm { Key = c.Key, Name = c.Name, Weight = c.Weight, Min = c.Min, Max = c.Max }).ToList(),
        }).ToList(),
        Tiers = s.Tiers.Select(t => new TierForm { Name = t.Name, Count = t.Count, SharePercent = t.Share * 100, Category = t.Category }).ToList(),
        PublicityWorkingDays = s.PublicityWorkingDays,
        PublicVoting = s.PublicVoting,
        VotesPerPersonPerDay = s.VotesPerPersonPerDay,
        VotingByAccount = s.VotingByAccount,
        VotingByPhone = s.VotingByPhone,
        VotingWeightPercent = s.VotingWeightPercent,
        Blind = s.Blind,
        TrimmedMean = s.TrimmedMean,
        TieRule = s.TieRule,
        ReviewersSeeOthers = s.ReviewersSeeOthers,
        Version = s.Version,
    }.WithBlankRows();

    /// <summary>Adds the blank rows the page offers for new entries (fields, criteria, a round, tiers, a quota).</summary>
    public SetupForm WithBlankRows()
    {
        Quotas.Add(new QuotaRowForm());
        for (var i = 0; i < 3; i++) Fields.Add(new FieldForm());
        Rounds.Add(new RoundForm { PanelSize = 5, Reserves = 2 });
        foreach (var r in Rounds) for (var i = 0; i < 2; i++) r.Criteria.Add(new CriterionForm());
        for (var i = 0; i < 2; i++) Tiers.Add(new TierForm());
        return this;
    }

    /// <summary>
    /// The posted form shown again after a refused save: the user's rows stay as typed (including rows marked for removal),
    /// the blank rows that came back with the post are dropped and a fresh set is added, so rows do not pile up.
    /// </summary>
    public SetupForm ForRedisplay()
    {
        Quotas.RemoveAll(q => q.UnitId is null && q.Quota == 0);
        Fields.RemoveAll(f => string.IsNullOrWhiteSpace(f.Label) && string.IsNullOrWhiteSpace(f.Key) && string.IsNullOrWhiteSpace(f.Choices));
        foreach (var r in Rounds) r.Criteria.RemoveAll(IsBlank);
        Rounds.RemoveAll(r => string.IsNullOrWhiteSpace(r.Name) && string.IsNullOrWhiteSpace(r.Grades) && r.Criteria.Count == 0);
        Tiers.RemoveAll(t => string.IsNullOrWhiteSpace(t.Name) && t.Count is null && t.SharePercent is null && string.IsNullOrWhiteSpace(t.Category));
        return WithBlankRows();

        static bool IsBlank(CriterionForm c) => string.IsNullOrWhiteSpace(c.Name) && string.IsNullOrWhiteSpace(c.Key) && c.Weight is null && c.Min is null && c.Max is null;
    }

    public CallSetup ToSetup() => new()
    {
        Name = Name ?? "",
        Edition = Edition,
        Year = Year,
        SubmissionDeadline = EndOfDay(Deadline),
        RecommendationDeadline = EndOfDay(RecommendationDate),
        Notice = Notice,
        Categories = Split(Categories),
        ApplicantKind = ApplicantKind,
        RequiresRecommendation = RequiresRecommendation,
        Quotas = Quotas.Where(q => q.UnitId is not null).Select(q => new QuotaInput(q.UnitId!.Value, q.Quota)).ToList(),
        Fields = Fields.Where(f => !f.Remove && !(string.IsNullOrWhiteSpace(f.Label) && string.IsNullOrWhiteSpace(f.Key)))
            .Select(f => new FieldDef(f.Key?.Trim() ?? "", f.Label?.Trim() ?? "", f.Type, f.Required, f.Type == FieldType.Choice ? Split(f.Choices) : null, f.MaxLength)).ToList(),
        Rounds = Rounds.Where(r => !r.Remove && !string.IsNullOrWhiteSpace(r.Name)).Select(r => new RoundDef(r.Name!.Trim(), new ScoringForm(r.Method,
            r.Criteria.Where(c => !c.Remove && !string.IsNullOrWhiteSpace(c.Name)).Select(c => new CriterionDef(c.Key?.Trim() ?? "", c.Name!.Trim(), c.Weight ?? 1, c.Min ?? 0, c.Max ?? 0)).ToList(),
            r.Method == ScoringMethod.Grade ? Split(r.Grades) : null), r.PanelSize, r.Reserves)).ToList(),
        Tiers = Tiers.Where(t => !t.Remove && !string.IsNullOrWhiteSpace(t.Name))
            .Select(t => new TierDef(t.Name!.Trim(), t.Count, t.Count is null && t.SharePercent is { } p ? p / 100m : null, string.IsNullOrWhiteSpace(t.Category) ? null : t.Category.Trim())).ToList(),
        PublicityWorkingDays = PublicityWorkingDays,
        PublicVoting = PublicVoting,
        VotesPerPersonPerDay = VotesPerPersonPerDay,
        VotingByAccount = VotingByAccount,
        VotingByPhone = VotingByPhone,
        VotingWeightPercent = VotingWeightPercent,
        Blind = Blind,
        TrimmedMean = TrimmedMean,
        TieRule = TieRule,
        ReviewersSeeOthers = ReviewersSeeOthers,
        Version = Version,
    };
}
