using Kexie.Web.Platform.Demo;
using Kexie.Web.Platform.Dictionaries;
using Kexie.Web.Platform.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Platform.Data;

/// <summary>On start: apply migrations, check the database, sync roles and default permission grants, seed dictionaries and (once) the demo city.</summary>
public static class DatabaseInitializer
{
    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<CurrentUserAccessor>().User = CurrentUser.System("初始化");
        var db = sp.GetRequiredService<AppDbContext>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Kexie.Startup");
        await db.Database.MigrateAsync();
        await SelfTest.RunAsync(db, log);
        await SeedRolesAsync(db, sp.GetRequiredService<RoleManager<AppRole>>(), sp.GetRequiredService<PermissionCatalog>());
        await SeedDictionariesAsync(db);
        var options = sp.GetRequiredService<DatabaseOptions>();
        if (options.SeedDemoData && !await db.Organisations.IgnoreQueryFilters().AnyAsync())
        {
            log.LogInformation("Empty database: seeding the demo city 示范市");
            await DemoSeeder.SeedAsync(sp, db);
        }
    }

    internal static async Task SeedRolesAsync(AppDbContext db, RoleManager<AppRole> roles, PermissionCatalog catalog)
    {
        var order = 0;
        foreach (var (name, en, scope, description) in RoleNames.BuiltIn)
        {
            order++;
            if (await roles.FindByNameAsync(name) is null)
            {
                var result = await roles.CreateAsync(new AppRole(name, scope) { NameEn = en, Description = description, SortOrder = order });
                if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }
        // Default grants are given once per permission; an admin's later removal is not undone.
        var seeded = (await db.PermissionSeeds.Select(p => p.Permission).ToListAsync()).ToHashSet();
        var allRoles = await db.Roles.ToListAsync();
        foreach (var p in catalog.All.Where(p => !seeded.Contains(p.Name)))
        {
            foreach (var roleName in p.DefaultRoles)
            {
                var role = allRoles.FirstOrDefault(r => r.Name == roleName);
                if (role is null) continue;
                if (!await db.RoleClaims.AnyAsync(c => c.RoleId == role.Id && c.ClaimType == KexieClaims.Permission && c.ClaimValue == p.Name))
                    db.RoleClaims.Add(new IdentityRoleClaim<Guid> { RoleId = role.Id, ClaimType = KexieClaims.Permission, ClaimValue = p.Name });
            }
            db.PermissionSeeds.Add(new PermissionSeed { Permission = p.Name, SeededAt = db.UtcNow });
        }
        await db.SaveChangesAsync();
    }

    internal static async Task SeedDictionariesAsync(AppDbContext db)
    {
        if (await db.DictionaryItems.AnyAsync()) return;
        void Add(string category, IEnumerable<(string Code, string Name, string? En)> items)
        {
            var i = 0;
            foreach (var (code, name, en) in items)
                db.DictionaryItems.Add(new DictionaryItem { Category = category, Code = code, Name = name, NameEn = en, SortOrder = ++i });
        }
        Add(DictionaryCategories.Discipline, DemoDictionaries.Disciplines.Select(d => (d.Code, d.Name, (string?)d.NameEn)));
        Add(DictionaryCategories.Industry, DemoDictionaries.Industries.Select(d => (d.Code, d.Name, (string?)d.NameEn)));
        Add(DictionaryCategories.Title, DemoDictionaries.Titles.Select(d => (d.Code, d.Name, (string?)d.NameEn)));
        Add(DictionaryCategories.Education, DemoDictionaries.Educations.Select(d => (d.Code, d.Name, (string?)d.NameEn)));
        Add(DictionaryCategories.PoliticalStatus, DemoDictionaries.PoliticalStatuses.Select(d => (d.Code, d.Name, (string?)d.NameEn)));
        await db.SaveChangesAsync();
    }
}

/// <summary>Startup checks of what silently breaks Chinese search and sorting (quality-bar.md).</summary>
internal static class SelfTest
{
    public static async Task RunAsync(AppDbContext db, ILogger log)
    {
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var cmd = conn.CreateCommand();
            if (db.Provider == DatabaseProvider.Postgres)
            {
                cmd.CommandText = "SELECT current_setting('server_version'), pg_encoding_to_char(encoding), datctype FROM pg_database WHERE datname = current_database()";
                await using var r = await cmd.ExecuteReaderAsync();
                if (await r.ReadAsync())
                {
                    var encoding = r.GetString(1);
                    if (encoding != "UTF8") throw new InvalidOperationException($"PostgreSQL database encoding is {encoding}; Kexie needs UTF8.");
                    log.LogInformation("PostgreSQL {Version}, encoding {Encoding}, LC_CTYPE {Ctype}", r.GetString(0), encoding, r.GetString(2));
                }
            }
            else
            {
                cmd.CommandText = "SELECT sqlite_version(), sqlite_compileoption_used('ENABLE_FTS5')";
                await using var r = await cmd.ExecuteReaderAsync();
                if (await r.ReadAsync())
                {
                    if (r.GetInt64(1) != 1) throw new InvalidOperationException("This SQLite build lacks FTS5, which Kexie's search needs.");
                    log.LogInformation("SQLite {Version} with FTS5", r.GetString(0));
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>Prints where Kexie listens and the demo accounts once the server is up.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        Console.WriteLine();
        Console.WriteLine("==============================================================");
        Console.WriteLine($" Kexie 科协工作平台 is running on {options.Provider}");
        foreach (var a in addresses) Console.WriteLine($"   {a}");
        Console.WriteLine(" Demo accounts (示范市):");
        foreach (var a in DemoAccounts.All) Console.WriteLine($"   {a.UserName,-18} {a.Password,-14} {string.Join("、", a.Roles)}");
        Console.WriteLine("==============================================================");
    }
}
