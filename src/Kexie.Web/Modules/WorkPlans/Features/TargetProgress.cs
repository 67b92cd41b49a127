using Kexie.Web.Modules.WorkPlans.Domain;
using Kexie.Web.Modules.WorkPlans.Parsing;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Metrics;

namespace Kexie.Web.Modules.WorkPlans.Features;

public sealed record TargetView(Guid Id, Guid TaskId, string Subject, decimal Value, decimal? Upper, QuantityBound Bound, string Unit, string Text,
    string? MetricKey, string? MetricName, string? MetricParameters, bool MetricOwnSubtree, decimal? Actual, string? DetailsHref, string? Error)
{
    /// <summary>Completion in percent (capped at 100): actual against the target (the lower end of a range).</summary>
    public int? Percent => Actual is not { } a ? null
        : Bound == QuantityBound.AtMost ? (a <= Value ? 100 : (int)Math.Round(Value * 100 / Math.Max(a, 1)))
        : Value <= 0 ? 100 : (int)Math.Min(100, Math.Floor(a * 100 / Value));

    /// <summary>"征集作品300件以上，完成120件" — the target with its actual, as the 台账 and evaluations write it.</summary>
    public string Summary => $"{Subject}{TargetText}，完成{(Actual is { } a ? EditPlanDraft.Format(a) + Unit : "未报")}";

    public string TargetText => $"{EditPlanDraft.Format(Value)}{(Upper is { } u ? "—" + EditPlanDraft.Format(u) : "")}{Unit}{Bound.Bound() switch { "以上" => "以上", "以内" => "以内", _ => "" }}";
}

/// <summary>Evaluates targets: bound ones from the metric catalog (live records), the others from the hand-reported actual.</summary>
public sealed class TargetProgress(MetricCatalog catalog)
{
    private readonly Dictionary<string, MetricValue?> _cache = [];

    public async Task<List<TargetView>> EvaluateAsync(IEnumerable<(WorkTarget Target, int Year, Guid TaskOrganisationId)> targets, CancellationToken ct = default)
    {
        var list = new List<TargetView>();
        foreach (var (t, year, org) in targets)
        {
            decimal? actual = t.ManualActual;
            string? href = null, error = null, name = null;
            if (t.MetricKey is { } key)
            {
                name = catalog.Find(key)?.Name;
                var cacheKey = $"{key}|{t.MetricParameters}|{(t.MetricOwnSubtree ? org : Guid.Empty)}|{year}";
                if (!_cache.TryGetValue(cacheKey, out var v))
                {
                    try
                    {
                        v = await catalog.EvaluateAsync(key, MetricQuery.Year(year, t.MetricOwnSubtree ? org : null, t.Parameters()), ct);
                    }
                    catch (DomainException e)
                    {
                        v = null;
                        error = e.Message;
                    }
                    _cache[cacheKey] = v;
                }
                if (v is null) error ??= $"指标不可用：{key}";
                actual = v?.Value;
                href = v?.DetailsHref;
            }
            list.Add(new TargetView(t.Id, t.TaskId, t.Subject, t.Value, t.Upper, t.Bound, t.Unit, t.Text, t.MetricKey, name, t.MetricParameters,
                t.MetricOwnSubtree, actual, href, error));
        }
        return list;
    }

    /// <summary>
    /// A task's progress: the larger of the percent the unit reported and the mean completion of its targets
    /// that have an actual (so a bound indicator moves the task by itself).
    /// </summary>
    public static int TaskPercent(WorkTask task, IEnumerable<TargetView> targets)
    {
        if (task.Status is WorkTaskStatus.Completed or WorkTaskStatus.CompletionSubmitted) return 100;
        var measured = targets.Where(t => t.Percent is not null).Select(t => t.Percent!.Value).ToList();
        var fromTargets = measured.Count == 0 ? 0 : (int)measured.Average();
        return Math.Max(task.ReportedPercent, fromTargets);
    }
}
