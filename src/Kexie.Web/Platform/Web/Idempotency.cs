using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Platform.Web;

/// <summary>
/// Remembers the first answer to a request key (an API <c>Idempotency-Key</c> or a page's form token), so a
/// repeated submit replays it instead of creating a second record. The key row is inserted before the work
/// runs (a primary-key conflict stops a concurrent duplicate), completed with the answer after, and removed if
/// the work fails so the user can retry.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactoryAccessor dbs, TimeProvider time)
{
    public sealed record Begin(bool IsNew, IdempotencyRecord? Existing);

    public async Task<Begin> TryBeginAsync(string key, Guid? userId, string requestHash, CancellationToken ct = default)
    {
        await using var db = dbs.CreateSystem();
        var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, ct);
        if (existing is not null) return new Begin(false, existing);
        db.IdempotencyRecords.Add(new IdempotencyRecord { Key = key, UserId = userId, RequestHash = requestHash, CreatedAt = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
            return new Begin(true, null);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new Begin(false, await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, ct));
        }
    }

    public async Task CompleteAsync(string key, int statusCode, string? body, string? location, CancellationToken ct = default)
    {
        await using var db = dbs.CreateSystem();
        await db.IdempotencyRecords.Where(r => r.Key == key).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.StatusCode, statusCode).SetProperty(r => r.ResponseBody, body).SetProperty(r => r.Location, location), ct);
    }

    public async Task AbandonAsync(string key)
    {
        await using var db = dbs.CreateSystem();
        await db.IdempotencyRecords.Where(r => r.Key == key && r.StatusCode == 0).ExecuteDeleteAsync();
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>Applies <see cref="IdempotencyStore"/> to API POSTs that carry an <c>Idempotency-Key</c> header.</summary>
public sealed class IdempotencyFilter(IdempotencyStore store, CurrentUser user) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Headers.TryGetValue(Header, out var values)) return await next(context);
        var raw = values.ToString().Trim();
        if (raw.Length is 0 or > 100) return TypedResults.Problem("Idempotency-Key 应为 1–100 个字符", statusCode: StatusCodes.Status400BadRequest, title: "请求无效");
        var key = $"{user.UserId?.ToString("N") ?? "anon"}:{raw}";
        var hash = IdempotencyStore.Hash($"{http.Request.Path}{http.Request.QueryString}|{JsonSerializer.Serialize(context.Arguments.Where(IsPayload))}");

        var begin = await store.TryBeginAsync(key, user.UserId, hash, http.RequestAborted);
        if (!begin.IsNew)
        {
            var e = begin.Existing;
            if (e is null || e.StatusCode == 0)
                return TypedResults.Problem("相同的请求正在处理，请稍候", statusCode: StatusCodes.Status409Conflict, title: "重复提交");
            if (e.RequestHash != hash)
                return TypedResults.Problem("同一个 Idempotency-Key 不能用于不同的请求", statusCode: StatusCodes.Status422UnprocessableEntity, title: "请求无效");
            if (e.Location is not null) http.Response.Headers.Location = e.Location;
            http.Response.Headers["Idempotent-Replayed"] = "true";
            return Results.Text(e.ResponseBody ?? "", "application/json; charset=utf-8", statusCode: e.StatusCode);
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await store.AbandonAsync(key);
            throw;
        }
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        if (status >= 400)
        {
            await store.AbandonAsync(key);
            return result;
        }
        var value = (result as IValueHttpResult)?.Value;
        var body = value is null ? null : JsonSerializer.Serialize(value, http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions);
        var location = result switch
        {
            IResult r when r.GetType().GetProperty("Location")?.GetValue(r) is string l => l,
            _ => null,
        };
        await store.CompleteAsync(key, status, body, location, http.RequestAborted);
        return result;
    }

    private static bool IsPayload(object? arg) =>
        arg is null or string or Guid or int or long or bool || (arg.GetType().Namespace?.StartsWith("Kexie.Web", StringComparison.Ordinal) == true
            && arg.GetType().Name.EndsWith("Input", StringComparison.Ordinal) || arg?.GetType().Name.EndsWith("Request", StringComparison.Ordinal) == true);
}

public static class ApiGroups
{
    /// <summary>
    /// A module's API group under <c>/api/v1{prefix}</c> with the house conventions: JSON only (no antiforgery:
    /// the cookie is SameSite=Lax, so cross-site POSTs carry no credentials), Idempotency-Key support, signed in.
    /// </summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder app, string prefix, string? tag = null, bool signedIn = true)
    {
        var group = app.MapGroup("/api/v1" + prefix).DisableAntiforgery().AddEndpointFilter<IdempotencyFilter>();
        if (signedIn) group.RequireAuthorization();
        if (tag is not null) group.WithTags(tag);
        return group;
    }
}
