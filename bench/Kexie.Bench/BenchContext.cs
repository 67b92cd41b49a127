using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Kexie.Bench;

/// <summary>A benchmark: generates its data at the requested scale, measures, prints and records results.</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    Task RunAsync(BenchContext ctx);
}

/// <summary>Settings and helpers every benchmark shares (quality-bar.md: loopback only, baselines in the same run, 3 repeats, median).</summary>
public sealed class BenchContext
{
    /// <summary>Admin connection string of a PostgreSQL 15 server (bench/run.sh starts a throwaway one).</summary>
    public required string PostgresAdmin { get; init; }

    /// <summary>Multiplier or row count, benchmark-specific (--scale).</summary>
    public int Scale { get; init; }

    public required string ResultsDirectory { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];

    public static BenchContext FromArgs(string[] args)
    {
        string? Opt(string n) { var i = Array.IndexOf(args, n); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        var root = FindRepoRoot();
        return new BenchContext
        {
            PostgresAdmin = Opt("--pg") ?? Environment.GetEnvironmentVariable("KEXIE_BENCH_PG") ?? Environment.GetEnvironmentVariable("KEXIE_TEST_PG")
                ?? throw new InvalidOperationException("Set KEXIE_BENCH_PG or pass --pg (bench/run.sh starts a throwaway cluster)"),
            Scale = int.TryParse(Opt("--scale"), out var s) ? s : 0,
            ResultsDirectory = Path.Combine(root, "bench", "results"),
            Args = args,
        };
    }

    /// <summary>A folder of the repository (content root for the app under test).</summary>
    public static string SourceDirectory(string relative) => Path.Combine(FindRepoRoot(), relative);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kexie.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    /// <summary>Creates (or recreates) a database on the benchmark server and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, int maxPoolSize = 8)
    {
        await using (var conn = new NpgsqlConnection(PostgresAdmin))
        {
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0", conn);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name, MaxPoolSize = maxPoolSize }.ConnectionString;
    }

    /// <summary>Writes bench/results/&lt;date&gt;-&lt;name&gt;.md and echoes it.</summary>
    public string WriteResult(string name, string markdown)
    {
        Directory.CreateDirectory(ResultsDirectory);
        var path = Path.Combine(ResultsDirectory, $"{DateTime.UtcNow:yyyy-MM-dd}-{name}.md");
        File.WriteAllText(path, markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"-> {path}");
        return path;
    }

    /// <summary>Runs wrk (-t1 -c32, 3 s warm-up, 10 s measured by default) and parses requests/s and p99 (ms).</summary>
    public static async Task<WrkResult> WrkAsync(string url, int connections = 32, int seconds = 10, int warmupSeconds = 3, string? cookie = null, string? script = null)
    {
        if (warmupSeconds > 0) await RunWrkAsync(url, connections, warmupSeconds, cookie, script);
        var output = await RunWrkAsync(url, connections, seconds, cookie, script);
        double rps = 0, p50 = 0, p99 = 0;
        long non2xx = 0;
        foreach (var line in output.Split('\n'))
        {
            var t = line.Trim();
            if (t.StartsWith("Requests/sec:", StringComparison.Ordinal)) rps = double.Parse(t["Requests/sec:".Length..].Trim(), CultureInfo.InvariantCulture);
            else if (t.StartsWith("50%", StringComparison.Ordinal)) p50 = ParseLatency(t[3..].Trim());
            else if (t.StartsWith("99%", StringComparison.Ordinal)) p99 = ParseLatency(t[3..].Trim());
            else if (t.StartsWith("Non-2xx or 3xx responses:", StringComparison.Ordinal)) non2xx = long.Parse(t.Split(':')[1].Trim(), CultureInfo.InvariantCulture);
        }
        return new WrkResult(rps, p50, p99, non2xx, output);
    }

    private static async Task<string> RunWrkAsync(string url, int connections, int seconds, string? cookie, string? script)
    {
        var psi = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-t1", $"-c{connections}", $"-d{seconds}s", "--latency" }) psi.ArgumentList.Add(a);
        if (cookie is not null) { psi.ArgumentList.Add("-H"); psi.ArgumentList.Add($"Cookie: {cookie}"); }
        if (script is not null) { psi.ArgumentList.Add("-s"); psi.ArgumentList.Add(script); }
        psi.ArgumentList.Add(url);
        using var p = Process.Start(psi)!;
        var stdout = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return stdout;
    }

    private static double ParseLatency(string s) =>
        s.EndsWith("us", StringComparison.Ordinal) ? double.Parse(s[..^2], CultureInfo.InvariantCulture) / 1000
        : s.EndsWith("ms", StringComparison.Ordinal) ? double.Parse(s[..^2], CultureInfo.InvariantCulture)
        : s.EndsWith('s') ? double.Parse(s[..^1], CultureInfo.InvariantCulture) * 1000
        : double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>
    /// The connection string Kexie itself would use for <paramref name="connectionString"/> (pool of 8, auto-prepare,
    /// custom plans, no JIT, no reset on close), so a raw-Npgsql baseline runs under the app's own connection settings.
    /// </summary>
    public static string AppConnectionString(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        b.Remove("Maximum Pool Size"); // the app's default on 2 cores, whatever the benchmark database was created with
        return new Kexie.Web.Platform.Data.DatabaseOptions { Provider = Kexie.Web.Platform.Data.DatabaseProvider.Postgres, ConnectionString = b.ConnectionString, MaxPoolSize = 8 }
            .EffectiveConnectionString();
    }

    /// <summary>
    /// A wrk script that requests <paramref name="paths"/> in turn (round robin over one connection's requests), for a
    /// benchmark over a realistic set of URLs rather than one; returns the script's path.
    /// </summary>
    public static string WrkRoundRobinScript(IReadOnlyList<string> paths, string directory)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"round-robin-{Guid.NewGuid():N}.lua");
        var list = string.Join(",\n", paths.Select(p => "  \"" + p.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""));
        File.WriteAllText(file, $"local paths = {{\n{list}\n}}\nlocal i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format(\"GET\", paths[(i % #paths) + 1])\nend\n");
        return file;
    }

    /// <summary>The 1/5/15-minute load averages, to record how busy the machine was during a run.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static double Median(IEnumerable<double> xs)
    {
        var a = xs.OrderBy(x => x).ToArray();
        return a.Length == 0 ? 0 : a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2;
    }

    public static string Table(IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder();
        var first = true;
        foreach (var r in rows)
        {
            sb.Append("| ").Append(string.Join(" | ", r)).AppendLine(" |");
            if (first) { sb.Append('|').Append(string.Concat(Enumerable.Repeat("---|", r.Length))).AppendLine(); first = false; }
        }
        return sb.ToString();
    }
}

public sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Non2xx, string Raw);
