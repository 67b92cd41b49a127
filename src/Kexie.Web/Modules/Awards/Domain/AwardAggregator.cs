namespace Kexie.Web.Modules.Awards.Domain;

/// <summary>One reviewer's score of one entry as the aggregator sees it.</summary>
public sealed record ReviewScore(Guid EntryId, Guid ReviewerId, decimal? Total, IReadOnlyDictionary<string, decimal>? Criteria = null,
    bool? Pass = null, int? Rank = null, string? Grade = null);

public sealed record AggregateEntry(Guid EntryId, string? Category);

public sealed record AggregateResult(Guid EntryId, string? Category, decimal Score, int ScoreCount, int Rank, string? Tier, string? Grade, bool TieFlagged, string? TieNote,
    decimal? ExpertScore = null, int? Votes = null)
{
    /// <summary>A decimal score rounded for display and storage.</summary>
    public decimal Rounded => Math.Round(Score, 4);
}

/// <summary>
/// Pure aggregation of a round: per entry the (trimmed) mean of the reviewers' totals, the tie rule, ranking within
/// each category group, and prize tiers filled within their counts or shares. No database, no clock.
/// </summary>
public static class AwardAggregator
{
    public static decimal WeightedTotal(ScoringForm form, IReadOnlyDictionary<string, decimal> values) =>
        form.Criteria.Sum(c => values.TryGetValue(c.Key, out var v) ? v * c.Weight : 0m);

    /// <summary>Mean of the values; with <paramref name="trimmed"/> and at least 3 values the highest and the lowest are dropped.</summary>
    public static decimal Mean(IReadOnlyList<decimal> values, bool trimmed)
    {
        if (values.Count == 0) return 0;
        if (!trimmed || values.Count < 3) return values.Sum() / values.Count;
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Skip(1).Take(sorted.Count - 2).Average();
    }

    public static IReadOnlyList<AggregateResult> Aggregate(
        ScoringForm form, CallConfig config, IReadOnlyList<AggregateEntry> entries, IReadOnlyList<ReviewScore> scores,
        IReadOnlyList<Guid>? staffOrder = null, IReadOnlyDictionary<Guid, int>? votes = null)
    {
        // The public vote blends in only when the call gives it a weight and the round's score has a known scale.
        var w = votes is not null && config.VotingWeightPercent > 0 && form.Method is ScoringMethod.Weighted or ScoringMethod.PassFail
            ? config.VotingWeightPercent : 0;
        var formMax = form.Method == ScoringMethod.Weighted ? form.Criteria.Sum(c => c.Max * c.Weight) : 1m;
        var maxVotes = w > 0 ? entries.Select(e => votes!.GetValueOrDefault(e.EntryId)).DefaultIfEmpty(0).Max() : 0;
        var byEntry = scores.GroupBy(s => s.EntryId).ToDictionary(g => g.Key, g => g.ToList());
        var decided = (staffOrder ?? []).Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var firstKey = form.Criteria.Count > 0 ? form.Criteria[0].Key : null;
        var grades = form.Grades ?? [];

        // First places: for each reviewer, the entries they scored highest (or ranked 1).
        var firstPlaces = new Dictionary<Guid, int>();
        foreach (var byReviewer in scores.GroupBy(s => s.ReviewerId))
        {
            var list = byReviewer.ToList();
            IEnumerable<ReviewScore> firsts = form.Method switch
            {
                ScoringMethod.Ranking => list.Where(s => s.Rank == 1),
                _ => list.Where(s => s.Total is not null && s.Total == list.Max(x => x.Total)),
            };
            foreach (var f in firsts) firstPlaces[f.EntryId] = firstPlaces.GetValueOrDefault(f.EntryId) + 1;
        }

        var rows = entries.Select(e =>
        {
            var mine = byEntry.GetValueOrDefault(e.EntryId) ?? [];
            decimal score;
            string? grade = null;
            switch (form.Method)
            {
                case ScoringMethod.PassFail:
                    score = mine.Count == 0 ? 0 : (decimal)mine.Count(s => s.Pass == true) / mine.Count;
                    break;
                case ScoringMethod.Ranking:
                    score = mine.Count == 0 ? 0 : -Mean(mine.Where(s => s.Rank is not null).Select(s => (decimal)s.Rank!.Value).ToList(), config.TrimmedMean);
                    break;
                case ScoringMethod.Grade:
                    var idx = mine.Select(s => grades.ToList().IndexOf(s.Grade ?? "")).Where(i => i >= 0).OrderBy(i => i).ToList();
                    var median = idx.Count == 0 ? grades.Count - 1 : idx[(idx.Count - 1) / 2];
                    grade = grades.Count == 0 ? null : grades[median];
                    score = -median;
                    break;
                default:
                    score = Mean(mine.Where(s => s.Total is not null).Select(s => s.Total!.Value).ToList(), config.TrimmedMean);
                    break;
            }
            decimal? expert = null;
            int? voteCount = null;
            if (w > 0)
            {
                expert = score;
                voteCount = votes!.GetValueOrDefault(e.EntryId);
                var expertShare = formMax > 0 ? score / formMax : 0;
                var voteShare = maxVotes > 0 ? (decimal)voteCount.Value / maxVotes : 0;
                score = (100 - w) * expertShare + w * voteShare;
            }
            var first = firstKey is null || form.Method != ScoringMethod.Weighted ? 0
                : Mean(mine.Where(s => s.Criteria is not null && s.Criteria.ContainsKey(firstKey)).Select(s => s.Criteria![firstKey]).ToList(), false);
            return new Row(e, mine.Count, Math.Round(score, 6), Math.Round(first, 6), firstPlaces.GetValueOrDefault(e.EntryId), grade,
                decided.TryGetValue(e.EntryId, out var d) ? d : int.MaxValue, expert is { } x ? Math.Round(x, 6) : null, voteCount);
        }).ToList();

        var results = new List<AggregateResult>();
        var grouped = config.Tiers.Any(t => t.Category is not null);
        foreach (var group in rows.GroupBy(r => grouped ? r.Entry.Category : null))
        {
            var tiers = config.Tiers.Where(t => t.Category is null || t.Category == group.Key).ToList();
            results.AddRange(RankGroup(group.ToList(), tiers, config, form));
        }
        return results;
    }

    private sealed record Row(AggregateEntry Entry, int Count, decimal Score, decimal First, int FirstPlaces, string? Grade, int Decided, decimal? Expert = null, int? Votes = null);

    /// <summary>The tie-break key of a row: what separates it from an equal score, per the call's rule.</summary>
    private static (decimal, decimal, int, int) Key(Row r, TieRule rule) => rule == TieRule.FirstCriterionThenFirstPlaces
        ? (r.Score, r.First, r.FirstPlaces, -r.Decided)
        : (r.Score, 0, 0, -r.Decided);

    private static List<AggregateResult> RankGroup(List<Row> rows, List<TierDef> tiers, CallConfig config, ScoringForm form)
    {
        var rule = config.TieRule;
        var ordered = rows.OrderByDescending(r => r.Score)
            .ThenByDescending(r => Key(r, rule).Item2).ThenByDescending(r => Key(r, rule).Item3).ThenBy(r => r.Decided)
            .ThenBy(r => r.Entry.EntryId).ToList();

        // Groups of rows that nothing separates (same key): they share a rank and need a staff decision.
        var groups = new List<List<Row>>();
        foreach (var r in ordered)
        {
            if (groups.Count > 0 && Key(groups[^1][0], rule) == Key(r, rule) && r.Decided == int.MaxValue) groups[^1].Add(r);
            else groups.Add([r]);
        }

        var remaining = tiers.Select(t => t.Count ?? (int)Math.Floor(t.Share!.Value * rows.Count)).ToArray();
        var results = new List<AggregateResult>();
        var rank = 1;
        var tierIndex = 0;
        foreach (var g in groups)
        {
            var tie = g.Count > 1;
            string? tier = null;
            string? note = tie ? $"{g.Count}项得分及决胜规则均相同，需人工决定" : null;
            var scored = g.All(r => r.Count > 0);
            if (scored)
            {
                if (form.Method == ScoringMethod.Grade)
                {
                    tier = g[0].Grade;
                }
                else if (form.Method == ScoringMethod.PassFail && tiers.Count == 0)
                {
                    tier = g[0].Score >= 0.5m ? "通过" : "未通过";
                }
                else
                {
                    while (tierIndex < tiers.Count && remaining[tierIndex] < g.Count)
                    {
                        if (remaining[tierIndex] > 0 && tie) note = $"并列{g.Count}项超出「{tiers[tierIndex].Name}」剩余名额，需人工决定";
                        tierIndex++;
                    }
                    if (tierIndex < tiers.Count)
                    {
                        tier = tiers[tierIndex].Name;
                        remaining[tierIndex] -= g.Count;
                        if (remaining[tierIndex] == 0) tierIndex++;
                    }
                }
            }
            foreach (var r in g)
                results.Add(new AggregateResult(r.Entry.EntryId, r.Entry.Category, r.Score, r.Count, rank, tier, r.Grade, tie, note, r.Expert, r.Votes));
            rank += g.Count;
        }
        return results;
    }
}
