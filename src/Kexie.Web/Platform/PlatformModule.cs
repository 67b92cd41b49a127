using System.Globalization;
using Kexie.Web.Platform.Audit.Features;
using Kexie.Web.Platform.Calendar;
using Kexie.Web.Platform.Certificates;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Dictionaries;
using Kexie.Web.Platform.Excel;
using Kexie.Web.Platform.Files;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Identity.Features;
using Kexie.Web.Platform.Jobs;
using Kexie.Web.Platform.Metrics;
using Kexie.Web.Platform.Notifications;
using Kexie.Web.Platform.Organisations.Features;
using Kexie.Web.Platform.Privacy;
using Kexie.Web.Platform.Publicity;
using Kexie.Web.Platform.Voting;
using Kexie.Web.Platform.Web;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace Kexie.Web.Platform;

/// <summary>Wiring of everything the modules stand on.</summary>
public static class PlatformModule
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        // Modules add named policies for their anonymous public pages (e.g. the 科普 portal); nothing is cached without one.
        services.AddOutputCache();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUserAccessor>();
        services.AddScoped(sp => sp.GetRequiredService<CurrentUserAccessor>().User);

        var dbOptions = config.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(dbOptions);
        services.AddKexieDatabase(dbOptions);
        services.AddSingleton<IDbContextFactoryAccessor, DbContextFactoryAccessor>();

        services.Configure<SecurityOptions>(config.GetSection(SecurityOptions.Section));
        services.Configure<Files.FileOptions>(config.GetSection(Files.FileOptions.Section));
        services.Configure<ExcelOptions>(config.GetSection(ExcelOptions.Section));
        var security = config.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();

        // Personal-data keys: configured in production; a development key is generated into ./data otherwise.
        services.AddSingleton(sp => new FieldProtector(PrivacyKeySource.Load(config, sp.GetRequiredService<IHostEnvironment>())));

        services.AddDataProtection().SetApplicationName("Kexie").PersistKeysToDbContext<AppDbContext>();

        services.AddIdentity<AppUser, AppRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = security.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddUserStore<KexieUserStore>()
            .AddRoleStore<Microsoft.AspNetCore.Identity.EntityFrameworkCore.RoleStore<AppRole, AppDbContext, Guid>>()
            .AddClaimsPrincipalFactory<KexieClaimsFactory>()
            .AddPasswordValidator<KexiePasswordValidator>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddDefaultTokenProviders();
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = ctx =>
            {
                var sid = ctx.CurrentPrincipal?.FindFirst(KexieClaims.Session);
                if (sid is not null && ctx.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity id) id.AddClaim(new(sid.Type, sid.Value));
                return Task.CompletedTask;
            };
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = ".Kexie.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/forbidden";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(security.IdleTimeoutMinutes);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = async ctx =>
            {
                var user = CurrentUser.FromPrincipal(ctx.HttpContext.User, ctx.HttpContext.ClientIp());
                await ctx.HttpContext.RequestServices.GetRequiredService<LoginAudit>()
                    .DeniedAsync(user, ctx.Request.Method, ctx.Request.Path, "缺少所需权限");
                await ApiAware(ctx, StatusCodes.Status403Forbidden);
            };
            o.Events.OnValidatePrincipal = async ctx =>
            {
                await SecurityStampValidator.ValidatePrincipalAsync(ctx);
                if (ctx.Principal?.Identity?.IsAuthenticated != true) return;
                var sid = ctx.Principal.FindFirst(KexieClaims.Session)?.Value;
                var sessions = ctx.HttpContext.RequestServices.GetRequiredService<SessionService>();
                if (!Guid.TryParse(sid, out var sessionId) || !await sessions.IsAliveAsync(sessionId, ctx.HttpContext.RequestAborted))
                {
                    ctx.RejectPrincipal();
                    await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.SignOutAsync(ctx.HttpContext, IdentityConstants.ApplicationScheme);
                }
            };
        });
        services.AddSingleton<SessionService>();
        services.AddSingleton<LoginAudit>();
        services.AddScoped<SignInHandler>();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddAuthorization();
        services.AddPermissions(PlatformPermissions.All);
        services.AddAntiforgery(o => o.Cookie.Name = ".Kexie.Antiforgery");

        services.AddProblemDetails();
        // Enums travel as their names; malformed bodies become ProblemDetails instead of an empty 400.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Kexie API";
            doc.Info.Description = "科协工作平台 API：与页面相同的处理程序、权限与数据范围。Cookie 认证：先调用 POST /api/v1/account/login。";
            return Task.CompletedTask;
        }));
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Chinese pages are written as characters, not &#x…; entities (a third of the size, readable source).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            CultureInfo[] cultures = [new("zh-CN"), new("en")];
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        // Platform services
        services.AddSingleton<IFileStorage, LocalDiskFileStorage>();
        services.AddScoped<FileService>();
        services.AddScoped<Notifier>();
        services.AddSingleton<JobSignal>();
        services.AddScoped<JobQueue>();
        services.AddHostedService<JobRunner>();
        services.AddHostedService<RecurringJobRunner>();
        services.AddScoped<ExcelService>();
        services.AddJobHandler<ExcelImportJob>();
        services.AddScoped<IExcelImport, OrganisationImport>();
        services.AddScoped<DictionaryService>();
        services.AddSingleton<IdempotencyStore>();
        services.AddScoped<IdempotencyFilter>();
        services.AddScoped<Metrics.MetricCatalog>();
        services.AddMetricProvider<Metrics.PlatformMetrics>();

        // Organisation network
        services.AddScoped<ListOrganisations>();
        services.AddScoped<GetOrganisation>();
        services.AddScoped<CreateOrganisation>();
        services.AddScoped<UpdateOrganisation>();
        services.AddScoped<MoveOrganisation>();
        services.AddScoped<DeactivateOrganisation>();
        services.AddScoped<ReactivateOrganisation>();
        services.AddScoped<ExportOrganisations>();
        services.AddScoped<OrganisationDirectory>();
        services.AddScoped<GetCoverage>();
        services.AddScoped<SaveCoverageUnit>();
        services.AddScoped<GetSanZhang>();
        services.AddScoped<SaveSanZhang>();

        // Accounts and admin
        services.AddScoped<ListUsers>();
        services.AddScoped<CreateUser>();
        services.AddScoped<UpdateUser>();
        services.AddScoped<ResetUser>();
        services.AddScoped<RoleAdmin>();
        services.AddScoped<SessionAdmin>();
        services.AddSingleton<IOptionsSecurity, OptionsSecurity>();
        services.AddScoped<RegisterPublicUser>();
        services.AddScoped<ChangePassword>();
        services.AddScoped<TwoFactorSetup>();
        services.AddScoped<AuditSearch>();
        services.AddScoped<Home.HomeDashboard>();
        services.AddScoped<IDashboardTiles, Home.PlatformTiles>();

        services.AddNav(
            new NavItem("工作台", "首页", "/console", PlatformPermissions.Console, 0, "⌂"),
            new NavItem("组织体系", "组织机构", "/orgs", PlatformPermissions.OrganisationsView, 10, "▦"),
            new NavItem("组织体系", "基层组织覆盖", "/orgs/coverage", PlatformPermissions.OrganisationsView, 11, "◍"),
            new NavItem("组织体系", "三长任职", "/orgs/sanzhang", PlatformPermissions.OrganisationsView, 12, "☰"),
            new NavItem("系统管理", "用户账号", "/admin/users", PlatformPermissions.UsersManage, 900, "☺"),
            new NavItem("系统管理", "角色与权限", "/admin/roles", PlatformPermissions.RolesManage, 901, "⚿"),
            new NavItem("系统管理", "在线用户", "/admin/sessions", PlatformPermissions.SessionsManage, 902, "◉"),
            new NavItem("系统管理", "审计日志", "/admin/audit", PlatformPermissions.AuditView, 903, "✎"),
            new NavItem("系统管理", "登录日志", "/admin/logins", PlatformPermissions.AuditView, 904, "⇲"),
            new NavItem("系统管理", "数据字典", "/admin/dictionaries", PlatformPermissions.DictionariesManage, 905, "▤"));
        services.AddCalendar();
        services.AddPublicity(config);
        services.AddCertificates(config);
        services.AddVoting(config);
        return builder;
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Pages get the error page; the API gets ProblemDetails from the IExceptionHandler.
            ExceptionHandlingPath = "/error",
            AllowStatusCode404Response = true,
        });
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseSecurityHeaders();
        // Pages show the 404 page; the API answers with ProblemDetails and is left alone.
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"),
            b => b.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.Use(async (ctx, next) =>
        {
            ctx.RequestServices.GetRequiredService<CurrentUserAccessor>().User = CurrentUser.FromPrincipal(ctx.User, ctx.ClientIp());
            await next();
        });
        // After authentication: a signed-in visitor is never served from or stored into the cache.
        app.UseOutputCache();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPlatform(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready");
        app.MapOpenApi("/api/openapi/{documentName}.json");
        Scalar.AspNetCore.ScalarEndpointRouteBuilderExtensions.MapScalarApiReference(app, "/api/docs", o =>
        {
            o.Title = "Kexie API 参考";
            o.OpenApiRoutePattern = "/api/openapi/{documentName}.json";
        });
        app.MapGet("/culture", (string? c, string? returnUrl, HttpContext http, TimeProvider time) =>
        {
            var culture = c == "en" ? "en" : "zh-CN";
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = time.GetUtcNow().AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(HttpContextExtensions.SafeReturnUrl(returnUrl));
        }).ExcludeFromDescription();
        app.MapPlatformApi();
        app.MapPlatformFormEndpoints();
        return app;
    }
}
