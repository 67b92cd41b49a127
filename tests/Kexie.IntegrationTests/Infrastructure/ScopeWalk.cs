using System.Net;
using System.Net.Http.Json;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Kexie.IntegrationTests.Infrastructure;

/// <summary>One probe of the data-scope walk: a route pattern (as in the endpoint table), the request, and the answer expected.</summary>
public sealed record ScopeCase(string Route, HttpMethod Method, string Url, object? Body, HttpStatusCode Expected);

/// <summary>
/// Each module contributes the probes for its API routes that take an id: it arranges records owned by
/// 云岭县 (or its users) and says what 秦川区's county admin must get back (404 for scoped records;
/// 403 only where the role lacks the permission altogether). Implementations are found by reflection.
/// </summary>
public interface IScopeWalkCases
{
    Task<IEnumerable<ScopeCase>> ArrangeAsync(ScopeWalkContext ctx);
}

/// <summary>What the arrangers share: the app, a system DbContext, the two counties, and a client signed in as 云岭县's admin.</summary>
public sealed class ScopeWalkContext
{
    public required KexieApp App { get; init; }
    public required AppDbContext Db { get; init; }
    public required HttpClient Yunling { get; init; }
    public required Organisation YunlingCounty { get; init; }
    public required Organisation YunlingTown { get; init; }
    public required Organisation QinchuanCounty { get; init; }
    public required Organisation QinchuanTown { get; init; }
    public required AppUser YunlingUser { get; init; }

    public static async Task<ScopeWalkContext> CreateAsync(KexieApp app)
    {
        var db = app.SystemDb();
        var yCounty = await db.Organisations.AsNoTracking().FirstAsync(o => o.Name == "云岭县科协");
        var qCounty = await db.Organisations.AsNoTracking().FirstAsync(o => o.Name == "秦川区科协");
        return new ScopeWalkContext
        {
            App = app,
            Db = db,
            Yunling = await app.LoginAsync("county.yunling"),
            YunlingCounty = yCounty,
            YunlingTown = await db.Organisations.AsNoTracking().FirstAsync(o => o.ParentId == yCounty.Id && o.Type == OrganisationType.TownAssociation),
            QinchuanCounty = qCounty,
            QinchuanTown = await db.Organisations.AsNoTracking().FirstAsync(o => o.Name == "石门镇科协"),
            YunlingUser = await db.Users.AsNoTracking().FirstAsync(u => u.UserName == "county.yunling"),
        };
    }

    /// <summary>Convenience for arrangers that create records through the API as 云岭县.</summary>
    public async Task<T> PostAsYunlingAsync<T>(string url, object body)
    {
        var r = await Yunling.PostAsJsonAsync(url, body);
        r.EnsureSuccessStatusCode();
        return (await r.Content.ReadFromJsonAsync<T>())!;
    }
}
