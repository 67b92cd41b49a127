using System.Net.Http.Json;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Kexie.IntegrationTests.Infrastructure;

/// <summary>
/// The real app (WebApplicationFactory) on a fresh database of one provider, seeded with 示范市.
/// PostgreSQL comes from KEXIE_TEST_PG (a throwaway cluster started by scripts/test.sh); each app gets its own database.
/// </summary>
public abstract class KexieApp : WebApplicationFactory<Kexie.Web.Program>, IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kexie-it-" + Guid.NewGuid().ToString("N")[..8]);
    private string? _pgDatabase;

    public abstract DatabaseProvider Provider { get; }

    protected string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        if (Provider == DatabaseProvider.Postgres)
        {
            var admin = PostgresAdminConnectionString();
            _pgDatabase = "kexie_it_" + Guid.NewGuid().ToString("N")[..10];
            await using var conn = new NpgsqlConnection(admin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {_pgDatabase} ENCODING 'UTF8' TEMPLATE template0", conn);
            await cmd.ExecuteNonQueryAsync();
            ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _pgDatabase }.ConnectionString;
        }
        else
        {
            ConnectionString = $"Data Source={Path.Combine(_dir, "kexie.db")}";
        }
        _ = Server; // start the host: migrations and the demo city
    }

    public static string PostgresAdminConnectionString() =>
        Environment.GetEnvironmentVariable("KEXIE_TEST_PG")
        ?? throw new InvalidOperationException("KEXIE_TEST_PG is not set: run the tests with scripts/test.sh, which starts a throwaway PostgreSQL cluster.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Kexie:Database:Provider", Provider.ToString());
        builder.UseSetting("Kexie:Database:ConnectionString", ConnectionString);
        builder.UseSetting("Kexie:Files:Root", Path.Combine(_dir, "files"));
        builder.UseSetting("Kexie:Privacy:KeyFile", Path.Combine(_dir, "privacy-keys.json"));
        builder.UseSetting("Kexie:Security:SessionCheckSeconds", "0");
    }

    /// <summary>A client signed in as a demo account (cookies kept).</summary>
    public async Task<HttpClient> LoginAsync(string userName, string password = "Kexie@2026")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var r = await client.PostAsJsonAsync("/api/v1/account/login", new { userName, password });
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"login {userName}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return client;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A DbContext acting as the system (for arranging and checking behind the app's back).</summary>
    public AppDbContext SystemDb()
    {
        var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = CurrentUser.System("测试");
        return scope.ServiceProvider.GetRequiredService<AppDbContext>();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(PostgresAdminConnectionString());
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp : KexieApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresApp : KexieApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp>
{
    public const string Name = "postgres";
}
