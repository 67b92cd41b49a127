using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace Kexie.Web.Modules.Kepu.Features;

/// <summary>
/// The public portal's pages (list, calendar, activity detail) as anonymous visitors see them, kept for a few seconds in
/// the ASP.NET Core output cache. Only anonymous GETs whose response sets no cookie are stored (the framework's default
/// rules: a signed-in visitor, a form with an antiforgery token or a culture change always renders afresh); the key is the
/// page's own query parameters plus the UI culture, so junk parameters cannot fill the cache. Every change a visitor could
/// see evicts what it touches on this instance at once (<see cref="ActivityChangedAsync"/>, <see cref="RegistrationsChangedAsync"/>);
/// other instances on the same database catch up when their entry expires (<see cref="PortalCacheSettings.Duration"/>).
/// </summary>
public sealed class PortalCache(IOutputCacheStore store)
{
    public const string Policy = "kepu-portal";
    public const string ListPolicy = "kepu-portal-list";
    public const string CalendarPolicy = "kepu-portal-calendar";

    /// <summary>Every cached portal page.</summary>
    public const string AllTag = "kp-portal";

    /// <summary>Pages that show many activities (list, calendar): seat counts, new and completed activities.</summary>
    public const string ListsTag = "kp-portal-lists";

    public static string ActivityTag(Guid id) => "kp-a-" + id.ToString("N");

    /// <summary>An activity, a campaign or anything else a portal page shows changed: forget every portal page.</summary>
    public async Task ActivityChangedAsync(CancellationToken ct = default) => await store.EvictByTagAsync(AllTag, ct);

    /// <summary>Seats of one activity changed: its detail page and the pages that list it.</summary>
    public async Task RegistrationsChangedAsync(Guid activityId, CancellationToken ct = default)
    {
        await store.EvictByTagAsync(ActivityTag(activityId), ct);
        await store.EvictByTagAsync(ListsTag, ct);
    }

    public static void Configure(OutputCacheOptions o)
    {
        o.AddPolicy(ListPolicy, b => b.AddPolicy<PortalPagePolicy>().SetVaryByQuery("q", "campaign", "county", "type", "audience", "from", "to", "page").Tag(AllTag, ListsTag));
        o.AddPolicy(CalendarPolicy, b => b.AddPolicy<PortalPagePolicy>().SetVaryByQuery("month").Tag(AllTag, ListsTag));
        o.AddPolicy(Policy, b => b.AddPolicy<PortalPagePolicy>().SetVaryByQuery([]).Tag(AllTag));
    }
}

/// <summary>How long a portal page is kept; <see cref="Enabled"/> off renders every request (the benchmark compares both).</summary>
public sealed class PortalCacheSettings
{
    public bool Enabled { get; set; } = true;
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Applies the settings, varies by UI culture and tags a detail page with its activity.</summary>
public sealed class PortalPagePolicy(PortalCacheSettings settings) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (!settings.Enabled)
        {
            context.EnableOutputCaching = false;
            return ValueTask.CompletedTask;
        }
        // Entries rendered together (a crawler, the first minutes after a restart) would otherwise expire together and be
        // rendered again in one burst; a spread of ±25% staggers them.
        context.ResponseExpirationTimeSpan = settings.Duration * (0.75 + Random.Shared.NextDouble() * 0.5);
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        if (context.HttpContext.Request.RouteValues.TryGetValue("Id", out var v) && Guid.TryParse(v?.ToString(), out var id))
            context.Tags.Add(PortalCache.ActivityTag(id));
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
