using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Kexie.Web.Platform.Organisations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Kexie.Bench.Platform;

/// <summary>
/// Issue #2's benchmark: the scoped organisation list API on PostgreSQL with 100,000 extra organisations
/// and users, under 32 connections (wrk), next to a minimal endpoint of the same process (HTTP limit) and a
/// raw-Npgsql endpoint running the page's SQL (database limit), in the same run. 3 repeats, medians.
/// </summary>
public sealed class OrgListBenchmark : IBenchmark
{
    public string Name => "org-list";
    public string Description => "scoped organisation list API vs minimal and raw-Npgsql endpoints (--scale orgs, default 100000)";

    public async Task RunAsync(BenchContext ctx)
    {
        var scale = ctx.Scale > 0 ? ctx.Scale : 100_000;
        var cs = await ctx.CreateDatabaseAsync("kexie_bench_orgs");
        var dataDir = Path.Combine(Path.GetTempPath(), "kexie-bench-" + Guid.NewGuid().ToString("N")[..6]);
        await using var app = new BenchApp(cs, dataDir);
        app.UseKestrel(0);
        app.StartServer(); // migrations + demo city
        var baseUrl = app.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        var sw = Stopwatch.StartNew();
        var (scopeOrg, subtree) = await GenerateAsync(cs, scale);
        Console.WriteLine($"generated {scale:N0} organisations and users in {sw.Elapsed.TotalSeconds:F1} s; 秦川区 subtree = {subtree:N0}");
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            // The state autovacuum reaches on a live database: statistics, and the visibility map that lets the
            // closure probes and the capped count answer from indexes alone.
            await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", conn);
            await analyze.ExecuteNonQueryAsync();
        }

        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var cookie = await SignInAsync(baseUrl);

        // Same page, same answer: the raw endpoint must return what the API returns.
        var apiJson = await GetAsync(client, cookie, "/api/v1/organisations?page=3&pageSize=20");
        var rawJson = await GetAsync(client, cookie, $"/bench/raw?org={scopeOrg}&page=3");
        static List<string> Rows(string json)
        {
            var root = JsonDocument.Parse(json).RootElement;
            return root.GetProperty("items").EnumerateArray()
                .Select(i => $"{i.GetProperty("name").GetString()}|{i.GetProperty("parentName").GetString()}|{i.GetProperty("regionName").GetString()}")
                .Append("total " + root.GetProperty("total").GetInt32()).ToList();
        }
        var apiNames = Rows(apiJson);
        var rawNames = Rows(rawJson);
        if (!apiNames.SequenceEqual(rawNames)) throw new InvalidOperationException("raw endpoint and API disagree");

        // Steady state, as a server that has been up for a while: one untimed pass over the endpoints first, long enough for
        // tiered compilation to finish promoting the hot paths (on 2 saturated cores the first 10 s runs still on tier-0 code).
        await BenchContext.WrkAsync($"{baseUrl}/bench/raw?org={scopeOrg}&page=3", seconds: 10, warmupSeconds: 0);
        await BenchContext.WrkAsync($"{baseUrl}/api/v1/organisations?page=3&pageSize=20", seconds: 20, warmupSeconds: 0, cookie: await SignInAsync(baseUrl));

        var runs = new List<(WrkResult Minimal, WrkResult Raw, WrkResult Api)>();
        for (var i = 0; i < 3; i++)
        {
            var minimal = await BenchContext.WrkAsync($"{baseUrl}/bench/ping");
            var raw = await BenchContext.WrkAsync($"{baseUrl}/bench/raw?org={scopeOrg}&page=3");
            // A browser gets the refreshed cookie back every minute; wrk replays one, so sign in afresh per run
            // (otherwise every request after the first minute re-validates the security stamp).
            var runCookie = await SignInAsync(baseUrl);
            var api = await BenchContext.WrkAsync($"{baseUrl}/api/v1/organisations?page=3&pageSize=20", cookie: runCookie);
            if (api.Non2xx > 0 || raw.Non2xx > 0) throw new InvalidOperationException($"non-2xx responses: api {api.Non2xx}, raw {raw.Non2xx}");
            runs.Add((minimal, raw, api));
            Console.WriteLine($"run {i + 1}: minimal {minimal.RequestsPerSecond:F0}/s, raw {raw.RequestsPerSecond:F0}/s p99 {raw.P99Ms:F1} ms, api {api.RequestsPerSecond:F0}/s p99 {api.P99Ms:F1} ms");
        }
        double M(Func<(WrkResult Minimal, WrkResult Raw, WrkResult Api), double> f) => BenchContext.Median(runs.Select(f));
        var apiRps = M(r => r.Api.RequestsPerSecond);
        var rawRps = M(r => r.Raw.RequestsPerSecond);
        var minRps = M(r => r.Minimal.RequestsPerSecond);
        var table = BenchContext.Table(
        [
            ["endpoint", "requests/s (median of 3)", "p50 ms", "p99 ms"],
            ["minimal (same process)", F(minRps), F(M(r => r.Minimal.P50Ms), 2), F(M(r => r.Minimal.P99Ms), 2)],
            ["raw Npgsql, same SQL", F(rawRps), F(M(r => r.Raw.P50Ms), 2), F(M(r => r.Raw.P99Ms), 2)],
            ["GET /api/v1/organisations (scoped, EF Core)", F(apiRps), F(M(r => r.Api.P50Ms), 2), F(M(r => r.Api.P99Ms), 2)],
        ]);
        var md = $"""
            # Scoped organisation list API — {DateTime.UtcNow:yyyy-MM-dd}

            Command: `bench/run.sh org-list --scale {scale}` (PostgreSQL 15 throwaway cluster on loopback, fsync on; app on Kestrel in
            the same process as the raw and minimal endpoints; wrk -t1 -c32; one untimed pass first (raw 10 s, API 20 s) so
            the measured runs see the warmed-up process; then per endpoint 3 s warm-up, 10 s measured, 3 runs, medians).

            Data: the demo city plus {scale:N0} generated organisations (under the 7 counties, with closure rows) and {scale:N0} users.
            Caller: 秦川区 county admin (scope 本组织及下级, {subtree:N0} organisations in scope), page 3 of 20 sorted by name.
            The API runs one statement: the page with the data-scope filter (EXISTS over org_closure), its region and in-scope
            parent names, and the capped count (closure rows of the caller's scope root, from the index alone) as a subquery;
            the raw endpoint runs the same statement with Npgsql (same connection settings: auto-prepare, force_custom_plan)
            and writes the same JSON.

            {table}
            - API / raw Npgsql: **{apiRps / rawRps:F2}×** (target ≥ 0.6×)
            - API / minimal endpoint: **{apiRps / minRps:F2}×**
            - API p99: **{M(r => r.Api.P99Ms):F1} ms** (target < 50 ms)

            Machine: {Environment.ProcessorCount} cores; server, database and load generator share them. Load average at the end:
            {BenchContext.LoadAverage()} (1/5/15 min).
            """;
        ctx.WriteResult("org-list", md);
        try { Directory.Delete(dataDir, true); } catch (IOException) { }
    }

    private static string F(double v, int digits = 0) => v.ToString("N" + digits, CultureInfo.InvariantCulture);

    /// <summary>Signs the county administrator in afresh and returns the cookie header a browser would send.</summary>
    private static async Task<string> SignInAsync(string baseUrl)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var login = await client.PostAsJsonAsync("/api/v1/account/login", new { userName = "county.qinchuan", password = "Kexie@2026" });
        login.EnsureSuccessStatusCode();
        return string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    private static async Task<string> GetAsync(HttpClient client, string cookie, string url)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, url);
        req.Headers.Add("Cookie", cookie);
        var r = await client.SendAsync(req);
        r.EnsureSuccessStatusCode();
        return await r.Content.ReadAsStringAsync();
    }

    /// <summary>Adds organisations under the demo counties (towns, then enterprises/branches under them) and one user each, with COPY.</summary>
    private static async Task<(Guid ScopeOrg, int Subtree)> GenerateAsync(string cs, int scale)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var counties = new List<(Guid Id, string Region)>();
        await using (var cmd = new NpgsqlCommand("SELECT id, region_code FROM org_organisations WHERE type = 'CountyAssociation' ORDER BY region_code", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) counties.Add((r.GetGuid(0), r.GetString(1)));
        var city = (Guid)(await new NpgsqlCommand("SELECT id FROM org_organisations WHERE parent_id IS NULL", conn).ExecuteScalarAsync())!;
        var hash = (string)(await new NpgsqlCommand("SELECT password_hash FROM id_users WHERE user_name = 'town.shimen'", conn).ExecuteScalarAsync())!;

        var rng = new Random(20261123);
        var orgs = new List<(Guid Id, string Name, string Type, Guid Parent, string Region, int Depth, Guid[] Ancestors)>(scale);
        var surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜".ToCharArray();
        var words = new[] { "农业", "电子", "机械", "茶叶", "医药", "材料", "能源", "建筑", "食品", "纺织", "化工", "信息", "水利", "林业", "环保" };
        var townsPerCounty = Math.Max(1, scale / counties.Count / 40);
        var n = 0;
        foreach (var (countyId, region) in counties)
        {
            for (var t = 0; t < townsPerCounty && n < scale; t++)
            {
                var town = Guid.CreateVersion7();
                orgs.Add((town, $"{region}-{t:D3}镇科协", "TownAssociation", countyId, region, 2, [city, countyId]));
                n++;
                for (var e = 0; e < 39 && n < scale; e++)
                {
                    var name = $"{surnames[rng.Next(surnames.Length)]}氏{words[rng.Next(words.Length)]}有限公司{n:D6}科协";
                    orgs.Add((Guid.CreateVersion7(), name, "RuralTechAssociation", town, region, 3, [city, countyId, town]));
                    n++;
                }
            }
        }
        var now = DateTime.UtcNow;
        await using (var w = await conn.BeginBinaryImportAsync("COPY org_organisations (id, name, type, parent_id, region_code, depth, sort_order, is_active, version, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var o in orgs)
            {
                await w.StartRowAsync();
                await w.WriteAsync(o.Id, NpgsqlDbType.Uuid);
                await w.WriteAsync(o.Name, NpgsqlDbType.Varchar);
                await w.WriteAsync(o.Type, NpgsqlDbType.Varchar);
                await w.WriteAsync(o.Parent, NpgsqlDbType.Uuid);
                await w.WriteAsync(o.Region, NpgsqlDbType.Varchar);
                await w.WriteAsync(o.Depth, NpgsqlDbType.Integer);
                await w.WriteAsync(0, NpgsqlDbType.Integer);
                await w.WriteAsync(true, NpgsqlDbType.Boolean);
                await w.WriteAsync(0, NpgsqlDbType.Integer);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            await w.CompleteAsync();
        }
        await using (var w = await conn.BeginBinaryImportAsync("COPY org_closure (ancestor_id, descendant_id, distance) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var o in orgs)
            {
                var chain = o.Ancestors.Prepend(Kexie.Web.Platform.Organisations.OrganisationClosure.VirtualRoot).Append(o.Id).ToArray();
                for (var i = 0; i < chain.Length; i++)
                {
                    await w.StartRowAsync();
                    await w.WriteAsync(chain[i], NpgsqlDbType.Uuid);
                    await w.WriteAsync(o.Id, NpgsqlDbType.Uuid);
                    await w.WriteAsync(chain.Length - 1 - i, NpgsqlDbType.Integer);
                }
            }
            await w.CompleteAsync();
        }
        await using (var w = await conn.BeginBinaryImportAsync("COPY id_users (id, user_name, normalized_user_name, display_name, kind, organisation_id, is_active, created_at, password_hash, security_stamp, concurrency_stamp, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count) FROM STDIN (FORMAT BINARY)"))
        {
            var i = 0;
            foreach (var o in orgs)
            {
                var user = $"bench{i++:D6}";
                await w.StartRowAsync();
                await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await w.WriteAsync(user, NpgsqlDbType.Varchar);
                await w.WriteAsync(user.ToUpperInvariant(), NpgsqlDbType.Varchar);
                await w.WriteAsync("联络员" + i, NpgsqlDbType.Varchar);
                await w.WriteAsync((int)Kexie.Web.Platform.Identity.AccountKind.Staff, NpgsqlDbType.Integer);
                await w.WriteAsync(o.Id, NpgsqlDbType.Uuid);
                await w.WriteAsync(true, NpgsqlDbType.Boolean);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await w.WriteAsync(hash, NpgsqlDbType.Text);
                await w.WriteAsync(Guid.NewGuid().ToString("N"), NpgsqlDbType.Text);
                await w.WriteAsync(Guid.NewGuid().ToString(), NpgsqlDbType.Text);
                await w.WriteAsync(false, NpgsqlDbType.Boolean);
                await w.WriteAsync(false, NpgsqlDbType.Boolean);
                await w.WriteAsync(false, NpgsqlDbType.Boolean);
                await w.WriteAsync(true, NpgsqlDbType.Boolean);
                await w.WriteAsync(0, NpgsqlDbType.Integer);
            }
            await w.CompleteAsync();
        }
        var qinchuan = counties[0].Id;
        var subtree = Convert.ToInt32(await new NpgsqlCommand($"SELECT count(*) FROM org_closure c JOIN org_organisations o ON o.id = c.descendant_id WHERE c.ancestor_id = '{qinchuan}' AND o.is_active", conn).ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        return (qinchuan, subtree);
    }

    /// <summary>The app with the two baseline endpoints added in front of its pipeline.</summary>
    private sealed class BenchApp(string connectionString, string dataDir) : WebApplicationFactory<Kexie.Web.Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseContentRoot(BenchContext.SourceDirectory("src/Kexie.Web"));
            builder.UseSetting("Kexie:Database:Provider", "Postgres");
            builder.UseSetting("Kexie:Database:ConnectionString", connectionString);
            builder.UseSetting("Kexie:Files:Root", Path.Combine(dataDir, "files"));
            builder.UseSetting("Kexie:Privacy:KeyFile", Path.Combine(dataDir, "keys.json"));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureServices(s =>
            {
                s.AddSingleton(new NpgsqlDataSourceBuilder(BenchContext.AppConnectionString(connectionString)).Build());
                s.AddSingleton<IStartupFilter, BaselineEndpoints>();
            });
        }
    }

    private sealed class BaselineEndpoints : IStartupFilter
    {
        // The SQL EF Core sends for the scoped list, by hand: one statement (page, region and in-scope parent names,
        // and the capped count as a subquery); the scope root, distance, limit and offset are literals (ScopeLiterals,
        // Paging.PageOf), so it has no parameters and its prepared plan is reused.
        private static string Page(Guid org, int offset) => $"""
            SELECT o2.id, o2.name, o2.type, o2.region_code, o1.name, o2.parent_id, o5.name, o2.is_active, o2.depth,
                   (SELECT count(*)::int FROM (SELECT 1 FROM org_closure AS o6
                    WHERE o6.ancestor_id = '{org}'::uuid AND o6.distance <= 2147483647 AND NOT (o6.descendant_inactive) LIMIT 1001) AS o7)
            FROM (SELECT o.id, o.depth, o.is_active, o.name, o.parent_id, o.region_code, o.type FROM org_organisations AS o
                  WHERE EXISTS (SELECT 1 FROM org_closure AS o0 WHERE o0.ancestor_id = '{org}'::uuid AND o0.descendant_id = o.id AND o0.distance <= 2147483647) AND o.is_active
                  ORDER BY o.name, o.id LIMIT 20 OFFSET {offset}) AS o2
            LEFT JOIN org_regions AS o1 ON o2.region_code = o1.code
            LEFT JOIN (SELECT o3.id, o3.name FROM org_organisations AS o3
                       WHERE EXISTS (SELECT 1 FROM org_closure AS o4 WHERE o4.ancestor_id = '{org}'::uuid AND o4.descendant_id = o3.id AND o4.distance <= 2147483647)) AS o5
                   ON o2.parent_id = o5.id
            ORDER BY o2.name, o2.id
            """;

        private const string Parents = "SELECT id, name FROM org_organisations WHERE id = ANY($1)";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, nxt) =>
            {
                if (http.Request.Path == "/bench/ping")
                {
                    http.Response.ContentType = "text/plain";
                    await http.Response.WriteAsync("ok");
                    return;
                }
                if (http.Request.Path == "/bench/raw")
                {
                    await RawAsync(http);
                    return;
                }
                await nxt();
            });
            next(app);
        };

        private static async Task RawAsync(HttpContext http)
        {
            var ds = http.RequestServices.GetRequiredService<NpgsqlDataSource>();
            var org = Guid.Parse(http.Request.Query["org"]!);
            var page = int.Parse(http.Request.Query["page"]!, CultureInfo.InvariantCulture);
            await using var conn = await ds.OpenConnectionAsync();
            var total = 0;
            var items = new List<Row>();
            await using (var c = new NpgsqlCommand(Page(org, (page - 1) * 20), conn))
            await using (var r = await c.ExecuteReaderAsync())
                while (await r.ReadAsync())
                {
                    total = Math.Min(r.GetInt32(9), 1000);
                    items.Add(new Row(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                        r.IsDBNull(5) ? null : r.GetGuid(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetBoolean(7), r.GetInt32(8)));
                }
            // Parents above the scope (only the scope root's own row has one), as the handler does.
            var missing = items.Where(i => i.ParentId != null && i.ParentName == null).Select(i => i.ParentId!.Value).Distinct().ToArray();
            var names = new Dictionary<Guid, string>();
            if (missing.Length > 0)
            {
                await using var c = new NpgsqlCommand(Parents, conn) { Parameters = { new() { Value = missing } } };
                await using var r = await c.ExecuteReaderAsync();
                while (await r.ReadAsync()) names[r.GetGuid(0)] = r.GetString(1);
            }
            var result = new
            {
                items = items.Select(i => i with { ParentName = i.ParentName ?? (i.ParentId is { } p ? names.GetValueOrDefault(p) : null), TypeName = Enum.Parse<OrganisationType>(i.Type).Zh() }),
                total,
                page,
                pageSize = 20,
            };
            http.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(http.Response.Body, result, JsonOptions);
        }

        private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

        private sealed record Row(Guid Id, string Name, string Type, string RegionCode, string? RegionName, Guid? ParentId, string? ParentName, bool IsActive, int Depth)
        {
            public string TypeName { get; init; } = "";
        }
    }
}
