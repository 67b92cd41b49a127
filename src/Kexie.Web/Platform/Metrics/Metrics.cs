using Kexie.Web.Platform.Identity;

namespace Kexie.Web.Platform.Metrics;

/// <summary>
/// A figure a module publishes from its live records (e.g. "activities published in a campaign", "experts
/// admitted this year"). The work plan binds targets to these keys; the annual review quotes them. Keys are
/// stable: <c>module.what</c>, e.g. <c>kepu.activities.published</c>.
/// </summary>
public sealed record MetricDefinition(
    string Key,
    string Module,
    string Name,
    string Unit,
    string? Description = null,
    IReadOnlyList<MetricParameter>? Parameters = null);

/// <summary>An extra argument a metric accepts (a campaign, a type), with the choices to offer.</summary>
public sealed record MetricParameter(string Name, string Label, IReadOnlyList<MetricChoice>? Choices = null);

public sealed record MetricChoice(string Value, string Label);

/// <summary>What to count: a period, optionally one organisation's subtree, and metric-specific parameters.</summary>
public sealed record MetricQuery(DateOnly From, DateOnly To, Guid? OrganisationId = null, IReadOnlyDictionary<string, string>? Parameters = null)
{
    public static MetricQuery Year(int year, Guid? organisationId = null, IReadOnlyDictionary<string, string>? parameters = null) =>
        new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), organisationId, parameters);

    public string? Parameter(string name) => Parameters is not null && Parameters.TryGetValue(name, out var v) ? v : null;
}

/// <summary>The value, and a link to the records behind it (every figure can be checked).</summary>
public sealed record MetricValue(decimal Value, string? DetailsHref = null);

/// <summary>Implemented by a module (in its Contracts) and registered with <c>AddMetricProvider&lt;T&gt;()</c>.</summary>
public interface IMetricProvider
{
    IReadOnlyList<MetricDefinition> Definitions { get; }

    /// <summary>Evaluates one of <see cref="Definitions"/> for the current user's data scope.</summary>
    Task<MetricValue> EvaluateAsync(string key, MetricQuery query, CancellationToken ct);
}

/// <summary>All metrics of all modules, for pickers and for evaluation by key.</summary>
public sealed class MetricCatalog(IEnumerable<IMetricProvider> providers, CurrentUser user)
{
    public IReadOnlyList<MetricDefinition> All => providers.SelectMany(p => p.Definitions).OrderBy(d => d.Module).ThenBy(d => d.Key).ToList();

    public MetricDefinition? Find(string key) => providers.SelectMany(p => p.Definitions).FirstOrDefault(d => d.Key == key);

    public async Task<MetricValue> EvaluateAsync(string key, MetricQuery query, CancellationToken ct = default)
    {
        if (!user.IsAuthenticated) throw new Errors.ForbiddenException("请先登录");
        var provider = providers.FirstOrDefault(p => p.Definitions.Any(d => d.Key == key))
            ?? throw new Errors.DomainException($"未知指标：{key}");
        return await provider.EvaluateAsync(key, query, ct);
    }
}

public static class MetricServiceCollectionExtensions
{
    public static IServiceCollection AddMetricProvider<T>(this IServiceCollection services) where T : class, IMetricProvider =>
        services.AddScoped<IMetricProvider, T>();
}
