using System.Text.Json;
using System.Text.Json.Serialization;
using Kexie.Web.Platform.Errors;

namespace Kexie.Web.Modules.Awards.Domain;

public enum ApplicantKind { Person, Unit }

/// <summary>The typed fields an entry form is made of.</summary>
public enum FieldType { Text, LongText, Number, Choice, Date, File, VideoLink, Person, Organisation }

/// <summary>How a round is scored.</summary>
public enum ScoringMethod
{
    /// <summary>Weighted criteria with min/max; the entry's score is the (trimmed) mean of the reviewers' weighted totals.</summary>
    Weighted,
    /// <summary>Each reviewer says pass or fail; the score is the share of passes.</summary>
    PassFail,
    /// <summary>Each reviewer ranks their entries 1..n; the score is the negated mean rank.</summary>
    Ranking,
    /// <summary>Each reviewer gives a grade (e.g. 优秀/合格/不合格); the entry gets the median grade.</summary>
    Grade,
}

/// <summary>What happens when totals tie.</summary>
public enum TieRule
{
    /// <summary>Higher score on the first criterion, then more first places, then staff decision (flagged).</summary>
    FirstCriterionThenFirstPlaces,
    /// <summary>Every tie is flagged for a staff decision.</summary>
    StaffDecision,
}

public sealed record FieldDef(string Key, string Label, FieldType Type, bool Required = false, IReadOnlyList<string>? Choices = null, int? MaxLength = null);

public sealed record CriterionDef(string Key, string Name, decimal Weight, decimal Min, decimal Max);

/// <summary>
/// A round's scoring form. <see cref="Criteria"/> for <see cref="ScoringMethod.Weighted"/>; <see cref="Grades"/>
/// (best first) for <see cref="ScoringMethod.Grade"/>.
/// </summary>
public sealed record ScoringForm(ScoringMethod Method, IReadOnlyList<CriterionDef> Criteria, IReadOnlyList<string>? Grades = null)
{
    public void Validate()
    {
        if (Method == ScoringMethod.Weighted)
        {
            if (Criteria.Count == 0) throw new DomainException("加权评分表至少需要一项评分指标", "Form");
            if (Criteria.Select(c => c.Key).Distinct().Count() != Criteria.Count) throw new DomainException("评分指标代码不能重复", "Form");
            foreach (var c in Criteria)
            {
                if (string.IsNullOrWhiteSpace(c.Key) || string.IsNullOrWhiteSpace(c.Name)) throw new DomainException("评分指标需要代码和名称", "Form");
                if (c.Weight <= 0) throw new DomainException($"评分指标「{c.Name}」的权重应大于0", "Form");
                if (c.Max <= c.Min) throw new DomainException($"评分指标「{c.Name}」的最高分应大于最低分", "Form");
            }
        }
        if (Method == ScoringMethod.Grade && (Grades is null || Grades.Count < 2)) throw new DomainException("等级评定至少需要两个等级", "Form");
    }
}

public sealed record RoundDef(string Name, ScoringForm Form, int PanelSize = 5, int Reserves = 2);

/// <summary>A prize tier: a fixed <see cref="Count"/> or a <see cref="Share"/> of the ranked entries; optionally for one category only.</summary>
public sealed record TierDef(string Name, int? Count = null, decimal? Share = null, string? Category = null);

/// <summary>
/// Everything that makes one call different from another: a call is configured, not coded. Templates are
/// instances of this record; "new call from template" copies it; it is exported and imported as JSON.
/// </summary>
public sealed record CallConfig
{
    public IReadOnlyList<string> Categories { get; init; } = [];
    public ApplicantKind ApplicantKind { get; init; } = ApplicantKind.Person;
    /// <summary>Entries must be endorsed by a recommending unit within its quota (推荐名额).</summary>
    public bool RequiresRecommendation { get; init; } = true;
    /// <summary>Quota given to every county association and society when a call is created from the configuration (0 = none).</summary>
    public int DefaultQuota { get; init; }
    public IReadOnlyList<FieldDef> Fields { get; init; } = [];
    public IReadOnlyList<RoundDef> Rounds { get; init; } = [];
    public IReadOnlyList<TierDef> Tiers { get; init; } = [];
    /// <summary>公示 length in working days.</summary>
    public int PublicityWorkingDays { get; init; } = 7;
    public bool PublicVoting { get; init; }
    /// <summary>Votes each voter may cast per day (the voting service's per-day rule; one per entry).</summary>
    public int VotesPerPersonPerDay { get; init; } = 1;
    /// <summary>Signed-in accounts may vote.</summary>
    public bool VotingByAccount { get; init; } = true;
    /// <summary>Voters may identify by a verified phone (code by SMS).</summary>
    public bool VotingByPhone { get; init; } = true;
    /// <summary>
    /// Share (0–100) of the final round's ranking score taken from the public vote: score = (100 − w)% × expert score
    /// as a share of the form's maximum + w% × votes as a share of the most-voted entry's votes, on a 0–100 scale.
    /// 0 = the vote is shown but does not count.
    /// </summary>
    public int VotingWeightPercent { get; init; }
    /// <summary>Reviewers do not see the applicant's name and unit.</summary>
    public bool Blind { get; init; }
    /// <summary>Drop the highest and lowest total when an entry has at least 3 scores.</summary>
    public bool TrimmedMean { get; init; }
    public TieRule TieRule { get; init; } = TieRule.FirstCriterionThenFirstPlaces;
    /// <summary>Reviewers may see the other reviewers' scores of an entry once they have scored it.</summary>
    public bool ReviewersSeeOthers { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static CallConfig FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<CallConfig>(json, Json) ?? throw new DomainException("配置为空", "Config");
        }
        catch (JsonException e)
        {
            throw new DomainException($"配置格式不正确：{e.Message}", "Config");
        }
    }

    public void Validate()
    {
        if (Fields.Select(f => f.Key).Distinct().Count() != Fields.Count) throw new DomainException("申报表字段代码不能重复", "Config");
        foreach (var f in Fields)
        {
            if (string.IsNullOrWhiteSpace(f.Key) || string.IsNullOrWhiteSpace(f.Label)) throw new DomainException("申报表字段需要代码和名称", "Config");
            if (f.Type == FieldType.Choice && (f.Choices is null || f.Choices.Count == 0)) throw new DomainException($"选择题字段「{f.Label}」需要选项", "Config");
        }
        if (Rounds.Count == 0) throw new DomainException("至少需要一个评审轮次", "Config");
        foreach (var r in Rounds)
        {
            if (string.IsNullOrWhiteSpace(r.Name)) throw new DomainException("评审轮次需要名称", "Config");
            if (r.PanelSize < 1 || r.Reserves < 0) throw new DomainException($"评审轮次「{r.Name}」的评审组人数不正确", "Config");
            r.Form.Validate();
        }
        foreach (var t in Tiers)
        {
            if (string.IsNullOrWhiteSpace(t.Name)) throw new DomainException("奖项等级需要名称", "Config");
            if ((t.Count is null) == (t.Share is null)) throw new DomainException($"奖项等级「{t.Name}」应设置名额或比例之一", "Config");
            if (t.Count is < 0 || t.Share is < 0 or > 1) throw new DomainException($"奖项等级「{t.Name}」的名额或比例不正确", "Config");
            if (t.Category is not null && !Categories.Contains(t.Category)) throw new DomainException($"奖项等级「{t.Name}」的类别不存在", "Config");
        }
        if (Categories.Any(string.IsNullOrWhiteSpace) || Categories.Distinct().Count() != Categories.Count) throw new DomainException("类别不能为空或重复", "Config");
        if (PublicityWorkingDays is < 0 or > 30) throw new DomainException("公示期应为0到30个工作日", "Config");
        if (VotesPerPersonPerDay is < 1 or > 50) throw new DomainException("每人每天投票数应为1到50", "Config");
        if (VotingWeightPercent is < 0 or > 100) throw new DomainException("网络投票权重应为0到100（%）", "Config");
        if (PublicVoting && !VotingByAccount && !VotingByPhone) throw new DomainException("网络投票至少允许一种身份验证方式（登录账号或手机验证）", "Config");
        if (!PublicVoting && VotingWeightPercent > 0) throw new DomainException("未开启网络投票时，投票权重应为0", "Config");
        if (VotingWeightPercent > 0 && Rounds.Count > 0 && Rounds[^1].Form.Method is not (ScoringMethod.Weighted or ScoringMethod.PassFail))
            throw new DomainException("网络投票计入排名时，最后一轮须为加权评分或通过/不通过", "Config");
        if (DefaultQuota < 0) throw new DomainException("推荐名额不能为负数", "Config");
    }
}
