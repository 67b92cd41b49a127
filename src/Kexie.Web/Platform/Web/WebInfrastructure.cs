using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Platform.Web;

/// <summary>Each declared permission is a policy of the same name: authenticated and holding the permission claim.</summary>
public sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options, PermissionCatalog catalog)
    : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (catalog.Find(policyName) is not null)
            return new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(KexieClaims.Permission, policyName).Build();
        return await base.GetPolicyAsync(policyName);
    }
}

/// <summary>The one place where failures become ProblemDetails (Chinese titles) for the API.</summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> log, IHostEnvironment env) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var http = httpContext;
        var (status, title) = exception switch
        {
            NotFoundException => (StatusCodes.Status404NotFound, "未找到"),
            ForbiddenException => (StatusCodes.Status403Forbidden, "无权访问"),
            ConcurrencyConflictException => (StatusCodes.Status409Conflict, "数据冲突"),
            DomainException => (StatusCodes.Status400BadRequest, "请求无效"),
            BadHttpRequestException b => (b.StatusCode, "请求格式错误"),
            _ => (StatusCodes.Status500InternalServerError, "服务器内部错误"),
        };
        if (status >= 500) log.LogError(exception, "Unhandled exception on {Path}", http.Request.Path);
        if (exception is ForbiddenException)
            await http.RequestServices.GetRequiredService<LoginAudit>().DeniedAsync(
                http.RequestServices.GetRequiredService<CurrentUser>(), http.Request.Method,
                http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path, exception.Message);
        var details = exception is ValidationFailedException v
            ? new ValidationProblemDetails(v.Errors.ToDictionary(k => k.Key, k => k.Value)) { Title = title, Status = status, Detail = v.Message }
            : new ProblemDetails
            {
                Title = title,
                Status = status,
                Detail = status < 500 ? exception.Message
                : env.IsProduction() || env.IsStaging() ? "请稍后重试；如问题持续请联系管理员" : exception.ToString()
            };
        if (exception is DomainException { Field: { } f } && details is not ValidationProblemDetails)
            details.Extensions["field"] = f;
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }
}

/// <summary>Security headers on every response (等保二级 / OWASP ASVS 14.4).</summary>
public static class SecurityHeaders
{
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The API reference page (Scalar) runs its bundled script inline; it is the only page that needs it.
    private const string DocsCsp = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        ctx.Response.OnStarting(() =>
        {
            var h = ctx.Response.Headers;
            h.ContentSecurityPolicy = ctx.Request.Path.StartsWithSegments("/api/docs") ? DocsCsp : Csp;
            h.XFrameOptions = "DENY";
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next();
    });
}

/// <summary>An entry of the left navigation, declared by a module.</summary>
public sealed record NavItem(string Group, string Title, string Href, string? Permission, int Order = 100, string Icon = "•");

public sealed class NavRegistry
{
    private readonly List<NavItem> _items = [];
    public IReadOnlyList<NavItem> Items => _items;
    public void Add(params NavItem[] items) => _items.AddRange(items);
}

public static class NavServiceCollectionExtensions
{
    public static IServiceCollection AddNav(this IServiceCollection services, params NavItem[] items)
    {
        var reg = services.FirstOrDefault(d => d.ServiceType == typeof(NavRegistry))?.ImplementationInstance as NavRegistry;
        if (reg is null)
        {
            reg = new NavRegistry();
            services.AddSingleton(reg);
        }
        reg.Add(items);
        return services;
    }
}

/// <summary>A live figure on the home dashboard, contributed by a module.</summary>
public sealed record DashboardTile(string Title, string Value, string? Href = null, string? Note = null);

public interface IDashboardTiles
{
    Task<IReadOnlyList<DashboardTile>> GetAsync(CurrentUser user, CancellationToken ct);
}

public static class HttpContextExtensions
{
    public static string? ClientIp(this HttpContext? http) => http?.Connection.RemoteIpAddress?.ToString();

    /// <summary>A local return URL or "/" (no open redirects).</summary>
    public static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}

/// <summary>Problem responses for the API (used by endpoints that validate before calling a handler).</summary>
public static class Problems
{
    public static IResult Validation(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "请求无效");
}
