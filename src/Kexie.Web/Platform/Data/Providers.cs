using System.Data.Common;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Kexie.Web.Platform.Data;

/// <summary>The SQLite flavour (embedded default). Its migrations live in Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary>The PostgreSQL flavour (production). Its migrations live in Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>Configuration section <c>Kexie:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Kexie:Database";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite defaults to <c>Data Source=data/kexie.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Seed the fictional 示范市 on first start when the database is empty.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>Npgsql pool cap when the connection string sets none: a few times the cores (quality-bar.md).</summary>
    public int MaxPoolSize { get; set; } = Math.Max(8, Environment.ProcessorCount * 4);

    public string EffectiveConnectionString()
    {
        if (Provider == DatabaseProvider.Sqlite)
            return string.IsNullOrWhiteSpace(ConnectionString) ? "Data Source=data/kexie.db" : ConnectionString;
        if (string.IsNullOrWhiteSpace(ConnectionString))
            throw new InvalidOperationException("Kexie:Database:ConnectionString is required for PostgreSQL");
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        if (!ConnectionString.Contains("Pool Size", StringComparison.OrdinalIgnoreCase)) b.MaxPoolSize = MaxPoolSize;
        // JIT compiles a plan for every query whose estimated cost is high (a scoped COUNT was 0.65 s of JIT for
        // 0.04 s of work); short OLTP queries never gain from it. Plans: see the comment on MaxAutoPrepare below.
        if (string.IsNullOrEmpty(b.Options)) b.Options = "-c jit=off -c plan_cache_mode=force_custom_plan";
        // Kexie keeps no session state on a connection (locks and settings are transaction-scoped: pg_advisory_xact_lock,
        // SET LOCAL), so the DISCARD ALL that Npgsql sends on every return to the pool is a wasted round trip: EF Core
        // opens and closes the connection around each query, and a list page paid one per statement.
        if (!ConnectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)) b.NoResetOnClose = true;
        // Statements a connection runs again are prepared (parsed once). PostgreSQL then plans a statement with
        // parameters afresh for their values every time (force_custom_plan: a generic plan for an unknown scope
        // root was ten times slower for a county), and keeps the plan of a statement without parameters — the
        // scope filter's values are literals (ScopeLiterals), so a scoped list page plans once per connection.
        if (!ConnectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            b.MaxAutoPrepare = 128;
            b.AutoPrepareMinUsages = 3;
        }
        return b.ConnectionString;
    }
}

public static class DbProviderSetup
{
    public const string MigrationsTable = "__ef_migrations";

    public static void Configure(DbContextOptionsBuilder b, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            b.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(MigrationsTable));
            b.AddInterceptors(ScopeLiterals.Instance);
        }
        else
        {
            b.UseSqlite(connectionString, o => o.MigrationsHistoryTable(MigrationsTable));
            b.AddInterceptors(SqlitePragmas.Instance);
        }
        b.UseSnakeCaseNamingConvention();
    }

    /// <summary>Registers the pooled provider context and a scoped <see cref="AppDbContext"/> bound to the request's user.</summary>
    public static IServiceCollection AddKexieDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        var cs = options.EffectiveConnectionString();
        if (options.Provider == DatabaseProvider.Sqlite) EnsureSqliteFolder(cs);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddPooledDbContextFactory<PostgresAppDbContext>(b => Configure(b, DatabaseProvider.Postgres, cs));
            services.AddScoped<AppDbContext>(sp => Lease(sp, sp.GetRequiredService<IDbContextFactory<PostgresAppDbContext>>().CreateDbContext()));
        }
        else
        {
            services.AddPooledDbContextFactory<SqliteAppDbContext>(b => Configure(b, DatabaseProvider.Sqlite, cs));
            services.AddScoped<AppDbContext>(sp => Lease(sp, sp.GetRequiredService<IDbContextFactory<SqliteAppDbContext>>().CreateDbContext()));
        }
        return services;
    }

    private static AppDbContext Lease(IServiceProvider sp, AppDbContext db)
    {
        db.Attach(new DbRuntime(sp.GetRequiredService<CurrentUserAccessor>(), sp.GetRequiredService<TimeProvider>()));
        return db;
    }

    private static void EnsureSqliteFolder(string cs)
    {
        var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs).DataSource;
        var dir = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }
}

/// <summary>WAL journal, NORMAL sync and foreign keys on every SQLite connection (quality-bar.md).</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";
        cmd.ExecuteNonQuery();
    }
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DbProviderSetup.Configure(b, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new SqliteAppDbContext(b.Options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<PostgresAppDbContext>();
        DbProviderSetup.Configure(b, DatabaseProvider.Postgres, "Host=127.0.0.1;Database=kexie_design");
        return new PostgresAppDbContext(b.Options);
    }
}
