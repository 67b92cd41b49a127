using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kexie.Web.Modules.Experts.Contracts;
using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Modules.Experts.Features;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Demo;
using Kexie.Web.Platform.Excel;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Privacy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Kexie.Bench.Experts;

/// <summary>
/// 100,000 科技工作者 (--scale, default 100000) imported from one .xlsx through the real import (COPY on PostgreSQL, prepared
/// inserts on SQLite); then search p50/p95 for 2- and 4-character queries against a LIKE '%…%' scan of the same fields in the
/// same run, recall of the index against the scan for 1- to 6-character queries, and a 7-person draw with 回避.
/// Handler latency in-process (no HTTP), as the system user (scope 全部).
/// </summary>
public sealed class ExpertsBenchmark : IBenchmark
{
    public string Name => "experts";
    public string Description => "科技工作者: import 100k, Chinese search vs LIKE, recall, draw (SQLite and PostgreSQL)";

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
    private static readonly string[] Given = ["建国", "秋实", "振华", "婉清", "春燕", "天明", "晓雯", "立新", "庆华", "海燕", "思远", "知行", "明远", "雨桐", "子涵", "浩然", "欣怡", "俊杰", "嘉怡", "志强"];

    public async Task RunAsync(BenchContext ctx)
    {
        var n = ctx.Scale > 0 ? ctx.Scale : 100_000;
        var repoRoot = Path.GetFullPath(Path.Combine(ctx.ResultsDirectory, "..", ".."));
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_KEXIE_WEB", Path.Combine(repoRoot, "src", "Kexie.Web"));
        // --import-only: only the import, with its phase breakdown, written to <date>-experts-import.md (the full run's file is
        // left alone); the generated .xlsx is cached in the temp folder between such runs.
        var importOnly = ctx.Args.Contains("--import-only");
        var part = Option(ctx, "--part");
        var xlsx = Option(ctx, "--xlsx") is { } given ? File.ReadAllBytes(given) : importOnly ? CachedXlsx(n) : BuildXlsx(n);
        var report = new StringBuilder();
        if (part is null)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"# 科技工作者 benchmark ({n:N0} people)\n");
            report.AppendLine(CultureInfo.InvariantCulture, $"Command: `bench/run.sh experts --scale {n}` · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores · xlsx {xlsx.Length / 1024 / 1024} MB · each database in a benchmark process of its own (one app per process, as in production)\n");
            report.AppendLine("Search: in-process handler latency (SearchPeople, first page of 20, ranked, highlighted, hit count capped at 1,000 as the list shows it; the hits column is the LIKE count) vs the same filter as `LIKE '%q%'` over name, employer, keywords, bio, expertise, honours (count + first 20 by name). 30 runs per query after 3 warm-ups.\n");
        }
        // --pg-only / --sqlite-only while iterating (the recorded run uses both); --reuse keeps an already imported PostgreSQL
        // database (kexie_bench_experts, same keys folder) and skips the import, for EXPLAIN work on a long-lived cluster.
        var providers = ctx.Args.Contains("--pg-only") ? new[] { DatabaseProvider.Postgres }
            : ctx.Args.Contains("--sqlite-only") ? new[] { DatabaseProvider.Sqlite }
            : new[] { DatabaseProvider.Postgres, DatabaseProvider.Sqlite };
        var reuse = ctx.Args.Contains("--reuse");
        if (part is null) report.AppendLine(CultureInfo.InvariantCulture, $"Load average (1/5/15 min) at start: {BenchContext.LoadAverage()}\n");
        if (providers.Length > 1 && !reuse)
        {
            // One process per database, as the app runs in production: what the first app instance leaves committed in the
            // process would otherwise count in the second one's memory peak (~100 MB of working set).
            var file = Path.Combine(Path.GetTempPath(), $"kexie-bench-experts-{Guid.NewGuid():N}.xlsx");
            await File.WriteAllBytesAsync(file, xlsx);
            try
            {
                foreach (var provider in providers) report.Append(await RunChildAsync(ctx, provider, file));
            }
            finally
            {
                File.Delete(file);
            }
            ctx.WriteResult(importOnly ? "experts-import" : "experts", report.ToString());
            return;
        }
        foreach (var provider in providers)
        {
            var reused = reuse && provider == DatabaseProvider.Postgres;
            var dir = reused ? Path.Combine(Path.GetTempPath(), "kexie-bench-exp-reuse") : Path.Combine(Path.GetTempPath(), "kexie-bench-exp-" + Guid.NewGuid().ToString("N")[..6]);
            Directory.CreateDirectory(dir);
            var cs = provider == DatabaseProvider.Postgres
                ? (reused ? new Npgsql.NpgsqlConnectionStringBuilder(ctx.PostgresAdmin) { Database = DatabaseName(ctx), MaxPoolSize = 8 }.ConnectionString : await ctx.CreateDatabaseAsync(importOnly ? "kexie_bench_experts_import" : DatabaseName(ctx), 8))
                : $"Data Source={Path.Combine(dir, "kexie.db")}";
            await using var app = App(provider, cs, dir);
            _ = app.Server;
            report.AppendLine(CultureInfo.InvariantCulture, $"## {provider}\n");
            await RunProviderAsync(app.Services, xlsx, n, report, reused, importOnly);
            if (!reused)
            {
                // The same import again, into a fresh database of a second app instance in this process: the code is compiled
                // now, as on a server that has imported before (the first import after a start also compiles it).
                var warmDir = dir + "-warm";
                Directory.CreateDirectory(warmDir);
                var warmCs = provider == DatabaseProvider.Postgres
                    ? await ctx.CreateDatabaseAsync((importOnly ? "kexie_bench_experts_import" : DatabaseName(ctx)) + "_warm", 8)
                    : $"Data Source={Path.Combine(warmDir, "kexie.db")}";
                await using (var warm = App(provider, warmCs, warmDir))
                {
                    _ = warm.Server;
                    await using var scope = SystemScope(warm.Services);
                    var sw = Stopwatch.StartNew();
                    var again = await scope.ServiceProvider.GetRequiredService<ExcelService>().ImportAsync("experts", new MemoryStream(xlsx));
                    if (!again.Succeeded) throw new InvalidOperationException("second import failed: " + again.Message);
                    var phases = string.Join(", ", again.Phases.Where(p => p.Seconds >= 1).Select(p => $"{p.Phase} {p.Seconds:F1} s"));
                    report.AppendLine(CultureInfo.InvariantCulture, $"Second import of the same file into a fresh database, same process (code already compiled, as on a server that has imported before): **{sw.Elapsed.TotalSeconds:F1} s** ({phases}).\n");
                    Console.WriteLine($"warm import: {sw.Elapsed.TotalSeconds:F1} s");
                }
                try { Directory.Delete(warmDir, true); } catch (IOException) { }
            }
            report.AppendLine(CultureInfo.InvariantCulture, $"Load average after {provider}: {BenchContext.LoadAverage()}\n");
            if (!reused) try { Directory.Delete(dir, true); } catch (IOException) { }
        }
        if (part is not null) await File.WriteAllTextAsync(part, report.ToString());
        else ctx.WriteResult(importOnly ? "experts-import" : "experts", report.ToString());
    }

    private static WebApplicationFactory<Kexie.Web.Program> App(DatabaseProvider provider, string cs, string dir) =>
        new WebApplicationFactory<Kexie.Web.Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Kexie:Database:Provider", provider.ToString());
            b.UseSetting("Kexie:Database:ConnectionString", cs);
            b.UseSetting("Kexie:Files:Root", Path.Combine(dir, "files"));
            b.UseSetting("Kexie:Privacy:KeyFile", Path.Combine(dir, "keys.json"));
        });

    private static string? Option(BenchContext ctx, string name)
    {
        var i = ctx.Args.ToList().IndexOf(name);
        return i >= 0 && i + 1 < ctx.Args.Count ? ctx.Args[i + 1] : null;
    }

    /// <summary>Runs this benchmark for one database in a child process (same arguments, same xlsx) and returns its section.</summary>
    private static async Task<string> RunChildAsync(BenchContext ctx, DatabaseProvider provider, string xlsx)
    {
        var part = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(ExpertsBenchmark).Assembly.Location);
            start.ArgumentList.Add("experts");
            foreach (var a in ctx.Args.Where(a => a is not "--pg-only" and not "--sqlite-only")) start.ArgumentList.Add(a);
            foreach (var a in new[] { provider == DatabaseProvider.Postgres ? "--pg-only" : "--sqlite-only", "--xlsx", xlsx, "--part", part }) start.ArgumentList.Add(a);
            start.Environment["KEXIE_BENCH_PG"] = ctx.PostgresAdmin;
            using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the benchmark process");
            await child.WaitForExitAsync();
            if (child.ExitCode != 0) throw new InvalidOperationException($"{provider}: benchmark process exited with {child.ExitCode}");
            return await File.ReadAllTextAsync(part);
        }
        finally
        {
            File.Delete(part);
        }
    }

    /// <summary>The PostgreSQL database of the full run: kexie_bench_experts, or --db NAME (two runs on one cluster).</summary>
    private static string DatabaseName(BenchContext ctx)
    {
        return Option(ctx, "--db") is { } name && System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z_][a-z0-9_]*$") ? name : "kexie_bench_experts";
    }

    private static AsyncServiceScope SystemScope(IServiceProvider sp)
    {
        var scope = sp.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = CurrentUser.System("bench");
        return scope;
    }

    private static async Task RunProviderAsync(IServiceProvider sp, byte[] xlsx, int n, StringBuilder report, bool reused, bool importOnly)
    {
        await using (var scope = SystemScope(sp))
        {
            if (reused && await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Person>().CountAsync() >= n)
            {
                report.AppendLine("Import skipped (--reuse: database already imported).\n");
                await SearchAndDrawAsync(sp, report);
                return;
            }
        }

        // Import. The process's peak working set (VmHWM) is reset first where Linux allows it (clear_refs 5), so the figure is the
        // import's own peak and not the xlsx generation's or the previous provider's; an aggressive collection first hands the memory
        // the earlier phases left committed back to the system (as a process that had not run them would start).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var resetPeak = ResetPeakWorkingSet();
        var before = Process.GetCurrentProcess().WorkingSet64;
        var heapBefore = GC.GetTotalMemory(false);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        long peak = 0, wsPeak = 0;
        using var cts = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                wsPeak = Math.Max(wsPeak, Environment.WorkingSet);
                try { await Task.Delay(50, cts.Token); } catch (OperationCanceledException) { }
            }
        });
        ImportReport result;
        await using (var scope = SystemScope(sp))
        {
            var excel = scope.ServiceProvider.GetRequiredService<ExcelService>();
            using var ms = new MemoryStream(xlsx);
            result = await excel.ImportAsync("experts", ms);
        }
        sw.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await cts.CancelAsync();
        await sampler;
        var ws = resetPeak ? Process.GetCurrentProcess().PeakWorkingSet64 : wsPeak;
        Console.WriteLine($"import: {sw.Elapsed.TotalSeconds:F1} s, heap peak {peak / 1024 / 1024} MB, ws {ws / 1024 / 1024} MB, cpu {cpu.TotalSeconds:F1} s");
        foreach (var ph in result.Phases) Console.WriteLine($"  {ph.Phase,-40} {ph.Seconds,7:F2} s");
        if (!result.Succeeded) throw new InvalidOperationException("import failed: " + string.Join("; ", result.Errors.Take(5).Select(e => $"{e.Row}:{e.Message}")));
        report.AppendLine(CultureInfo.InvariantCulture, $"Import of {result.Imported:N0} rows (read, validate incl. duplicates against the DB, encrypt, tokens, write, audit): **{sw.Elapsed.TotalSeconds:F1} s**, managed heap peak {peak / 1024 / 1024} MB (before: {heapBefore / 1024 / 1024} MB), process peak working set {ws / 1024 / 1024} MB ({(resetPeak ? "VmHWM reset before the import" : "sampled every 50 ms")}; before: {before / 1024 / 1024} MB); CPU time of the benchmark process (the app, not the database server) during the import {cpu.TotalSeconds:F1} s.\n");
        var phases = new List<string[]> { new[] { "phase", "seconds" } };
        phases.AddRange(result.Phases.Select(ph => new[] { ph.Phase, ph.Seconds.ToString("F2", CultureInfo.InvariantCulture) }));
        report.AppendLine("Phases (wall time in each step of the import; per-row steps summed over all rows):\n");
        report.AppendLine(BenchContext.Table(phases));
        if (importOnly) return;

        await SearchAndDrawAsync(sp, report);
    }

    private static async Task SearchAndDrawAsync(IServiceProvider sp, StringBuilder report)
    {
        // Admit ~80% to the pool for the draw.
        await using (var scope = SystemScope(sp))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            await db.Database.ExecuteSqlRawAsync("UPDATE exp_people SET pool_status = 'Admitted', expertise_codes = discipline_code WHERE birth_year % 5 <> 0");
            // The mass admission stands for weeks of edits: let (auto)vacuum settle it as it would (GIN pending lists merged, visibility map set).
            if (db.Provider == DatabaseProvider.Postgres) await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE exp_people");
        }

        // Search vs LIKE
        string[] queries = ["农业", "育种", "电池", "水稻育种", "动力电池", "中医内科"];
        var rows = new List<string[]> { new[] { "query", "hits", "index p50 ms", "index p95 ms", "LIKE p50 ms", "LIKE p95 ms", "LIKE/index (p95)" } };
        foreach (var q in queries)
        {
            var lowerBound = false;
            var (hits, p50, p95) = await TimeAsync(sp, async s =>
            {
                var page = await s.GetRequiredService<SearchPeople>().HandleAsync(new PeopleQuery(q));
                lowerBound = page.TotalIsLowerBound;
                return page.Total;
            });
            var (likeHits, l50, l95) = await TimeAsync(sp, async s => await LikeAsync(s.GetRequiredService<AppDbContext>(), q));
            // The list counts up to Paging.CountCap ("1,000+"); recall is checked exactly below.
            if (likeHits != hits && !(lowerBound && likeHits > hits)) throw new InvalidOperationException($"{q}: index {hits} vs LIKE {likeHits}");
            hits = likeHits;
            Console.WriteLine($"{q}: {hits} hits, index p50 {p50:F1} p95 {p95:F1}; LIKE p50 {l50:F1} p95 {l95:F1}");
            rows.Add([q, hits.ToString("N0", CultureInfo.InvariantCulture), F(p50), F(p95), F(l50), F(l95), (l95 / p95).ToString("F1", CultureInfo.InvariantCulture) + "×"]);
        }
        report.AppendLine(BenchContext.Table(rows));

        // Recall against the LIKE scan, 1- to 6-character substrings of real bios.
        var recallRows = new List<string[]> { new[] { "length", "queries", "LIKE hits", "index hits", "recall" } };
        var bios = DemoPeopleData.All.Select(p => p.Bio).ToList();
        var random = new Random(7);
        for (var len = 1; len <= 6; len++)
        {
            long likeTotal = 0, indexTotal = 0, found = 0;
            for (var k = 0; k < 5; k++)
            {
                var bio = bios[random.Next(bios.Count)];
                var start = random.Next(Math.Max(1, bio.Length - len));
                var q = bio.Substring(start, Math.Min(len, bio.Length - start)).Trim();
                if (q.Length == 0 || !q.All(char.IsLetterOrDigit)) { k--; continue; }
                await using var scope = SystemScope(sp);
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var likeIds = await LikeQuery(db, q).Select(p => p.Id).ToListAsync();
                var search = Kexie.Web.Platform.Search.SearchTokens.Parse(q);
                var idx = await IndexIdsAsync(db, q);
                likeTotal += likeIds.Count;
                indexTotal += idx.Count;
                found += likeIds.Count(idx.Contains);
                _ = search;
            }
            recallRows.Add([len.ToString(CultureInfo.InvariantCulture), "5", likeTotal.ToString(CultureInfo.InvariantCulture), indexTotal.ToString(CultureInfo.InvariantCulture), likeTotal == 0 ? "–" : ((double)found / likeTotal).ToString("F3", CultureInfo.InvariantCulture)]);
        }
        report.AppendLine("\nRecall of the search (SearchPeople.Matching, all hits; post-filtered in memory where the provider still needs it) against the LIKE scan:\n");
        report.AppendLine(BenchContext.Table(recallRows));

        // Draw
        var times = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            await using var scope = SystemScope(sp);
            var draw = scope.ServiceProvider.GetRequiredService<IExpertDraw>();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var org = await db.Organisations.Where(o => o.ParentId == null).Select(o => o.Id).FirstAsync();
            var t = Stopwatch.StartNew();
            await draw.DrawAsync(new DrawRequest($"基准抽取{i}", "bench", null, new DrawCriteria
            {
                Keywords = ["育种"],
                DisciplineCodes = ["210"],
                Members = 7,
                Reserves = 3,
                AvoidUnits = ["稻香种业有限公司", "示范市农业科学研究院"],
                RecentDays = 90,
            }, org, Seed: 1000 + i));
            t.Stop();
            if (i > 0) times.Add(t.Elapsed.TotalMilliseconds);
        }
        report.AppendLine(CultureInfo.InvariantCulture, $"\n7-person draw (+3 reserves) over keyword 育种 or discipline 210 with 2 avoided units and 90-day recent-use rule: median **{F(BenchContext.Median(times))} ms** (5 runs after 1 warm-up).\n");
    }

    private static IQueryable<Person> LikeQuery(AppDbContext db, string q) =>
        db.Set<Person>().AsNoTracking().Where(p => p.Status != PersonStatus.Merged && (p.Name.Contains(q) || p.Employer.Contains(q) || (p.Keywords != null && p.Keywords.Contains(q))
            || (p.Bio != null && p.Bio.Contains(q)) || (p.ExpertiseCodes != null && p.ExpertiseCodes.Contains(q)) || (p.Honours != null && p.Honours.Contains(q))));

    private static async Task<int> LikeAsync(AppDbContext db, string q)
    {
        var query = LikeQuery(db, q);
        var total = await query.CountAsync();
        _ = await query.OrderBy(p => p.Name).Take(20).ToListAsync();
        return total;
    }

    /// <summary>All hits of the handler's own matching (SearchPeople.Matching, then the post-filter where it still applies).</summary>
    private static async Task<HashSet<Guid>> IndexIdsAsync(AppDbContext db, string q)
    {
        var search = Kexie.Web.Platform.Search.SearchTokens.Parse(q);
        var rows = await SearchPeople.Matching(db, search).WithoutDataScope().AsNoTracking()
            .Select(p => new { p.Id, p.Name, p.Employer, p.Keywords, p.Bio, p.ExpertiseCodes, p.Honours }).ToListAsync();
        var exact = SearchPeople.IsExactOn(db, search);
        return rows.Where(r => exact || search.Matches(r.Name, r.Employer, r.Keywords, r.Bio, r.ExpertiseCodes?.Replace(',', ' '), r.Honours)).Select(r => r.Id).ToHashSet();
    }

    private static async Task<(int Hits, double P50, double P95)> TimeAsync(IServiceProvider sp, Func<IServiceProvider, Task<int>> run)
    {
        var times = new List<double>();
        var hits = 0;
        for (var i = 0; i < 33; i++)
        {
            await using var scope = SystemScope(sp);
            var t = Stopwatch.StartNew();
            hits = await run(scope.ServiceProvider);
            t.Stop();
            if (i >= 3) times.Add(t.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (hits, times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
    }

    private static string F(double ms) => ms.ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>Clears the process's peak RSS (Linux: "5" to /proc/self/clear_refs); false where that is not possible.</summary>
    private static bool ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static byte[] CachedXlsx(int n)
    {
        var path = Path.Combine(Path.GetTempPath(), $"kexie-bench-experts-{n}.xlsx");
        if (File.Exists(path)) return File.ReadAllBytes(path);
        var bytes = BuildXlsx(n);
        File.WriteAllBytes(path, bytes);
        return bytes;
    }

    private static byte[] BuildXlsx(int n)
    {
        var people = DemoPeopleData.All;
        IEnumerable<Dictionary<string, object?>> Rows()
        {
            for (var i = 0; i < n; i++)
            {
                var b = people[i % people.Count];
                var birth = new DateOnly(1960, 1, 1).AddDays(i % 15000);
                var seq = (i / 15000) + 600; // demo people use sequences below 500
                yield return new Dictionary<string, object?>
                {
                    ["姓名"] = Surnames[i % Surnames.Length] + Given[(i / Surnames.Length) % Given.Length] + (i % 7 == 0 ? "" : ((char)('甲' + (i % 5))).ToString()),
                    ["性别"] = null,
                    ["身份证号"] = ChineseIdNumber.Compose(b.EmployerCountyCode, birth, seq),
                    ["手机号"] = "139" + i.ToString("D8", CultureInfo.InvariantCulture),
                    ["工作单位"] = b.Employer,
                    ["职称"] = b.Title,
                    ["学历"] = b.Education,
                    ["学科"] = b.DisciplineCode,
                    ["行业"] = b.IndustrySection,
                    ["行政区划"] = b.EmployerCountyCode,
                    ["政治面貌"] = b.PoliticalStatus,
                    ["专业领域代码"] = b.DisciplineCode,
                    ["关键词"] = string.Join('、', b.Keywords),
                    ["简介"] = b.Bio,
                    ["荣誉"] = string.Join('、', b.Honours),
                    ["所属组织"] = null,
                };
            }
        }
        using var ms = new MemoryStream();
        ms.SaveAs(Rows());
        return ms.ToArray();
    }
}
