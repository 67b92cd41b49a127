using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Modules.Awards.Features;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Bench.Awards;

/// <summary>
/// Aggregation of one review round: 300 entries × 7 reviewers × 10 weighted criteria (--scale = entries), through the
/// real handler (RankingService.RankAsync: load scores, aggregate with trimmed mean and the tie rule, fill tiers,
/// replace the stored ranking, audit) on PostgreSQL, in-process as the system user. 1 warm-up, then 3 runs, median.
/// </summary>
public sealed class AwardsBenchmark : IBenchmark
{
    public string Name => "awards";
    public string Description => "评选表彰: rank 300 entries × 7 reviewers × 10 criteria through the real handler (PostgreSQL)";

    public async Task RunAsync(BenchContext ctx)
    {
        var n = ctx.Scale > 0 ? ctx.Scale : 300;
        const int reviewers = 7;
        const int criteria = 10;
        var repoRoot = Path.GetFullPath(Path.Combine(ctx.ResultsDirectory, "..", ".."));
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_KEXIE_WEB", Path.Combine(repoRoot, "src", "Kexie.Web"));
        var dir = Path.Combine(Path.GetTempPath(), "kexie-bench-aw-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(dir);
        var cs = await ctx.CreateDatabaseAsync("kexie_bench_awards", 8);
        await using var app = new WebApplicationFactory<Kexie.Web.Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Kexie:Database:Provider", "Postgres");
            b.UseSetting("Kexie:Database:ConnectionString", cs);
            b.UseSetting("Kexie:Files:Root", Path.Combine(dir, "files"));
            b.UseSetting("Kexie:Privacy:KeyFile", Path.Combine(dir, "keys.json"));
        });
        _ = app.Server;

        Guid callId, roundId;
        var setup = Stopwatch.StartNew();
        await using (var scope = SystemScope(app.Services))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var org = await db.Organisations.Where(o => o.ParentId == null).Select(o => o.Id).FirstAsync();
            var form = new ScoringForm(ScoringMethod.Weighted, Enumerable.Range(1, criteria).Select(i => new CriterionDef($"c{i}", $"指标{i}", 1m / criteria, 0, 100)).ToList());
            var config = new CallConfig
            {
                RequiresRecommendation = false,
                Rounds = [new("终评", form, reviewers, 0)],
                Tiers = [new("一等奖", Count: 12), new("二等奖", Count: 28), new("三等奖", Count: 102)],
                TrimmedMean = true,
            };
            var call = new AwardCall { OrganiserId = org, Name = "基准评选", Year = 2026, Status = CallStatus.Review };
            call.SetConfig(config);
            var round = new AwardRound { CallId = call.Id, No = 1, Name = "终评", Method = ScoringMethod.Weighted, FormJson = JsonSerializer.Serialize(form, CallConfig.Json), FrozenAt = DateTime.UtcNow };
            db.AddRange(call, round);
            var panel = Enumerable.Range(1, reviewers).Select(i => new AwardReviewer { RoundId = round.Id, Name = $"专家{i}" }).ToList();
            db.AddRange(panel);
            var rnd = new Random(7);
            for (var e = 0; e < n; e++)
            {
                var entry = new AwardEntry { CallId = call.Id, OrganisationId = org, Title = $"作品{e}", ApplicantName = $"学生{e}", ApplicantUnit = "基准中学", Status = EntryStatus.Eligible };
                db.Add(entry);
                foreach (var r in panel)
                {
                    var scores = form.Criteria.ToDictionary(c => c.Key, _ => (decimal)rnd.Next(40, 101));
                    db.Add(new AwardAssignment
                    {
                        RoundId = round.Id,
                        EntryId = entry.Id,
                        ReviewerId = r.Id,
                        Status = AssignmentStatus.Scored,
                        FormVersion = 1,
                        ScoresJson = JsonSerializer.Serialize(scores),
                        Total = AwardAggregator.WeightedTotal(form, scores),
                        ScoredAt = DateTime.UtcNow,
                    });
                }
            }
            await db.SaveChangesAsync();
            callId = call.Id;
            roundId = round.Id;
        }
        setup.Stop();

        var runs = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            await using var scope = SystemScope(app.Services);
            var ranking = scope.ServiceProvider.GetRequiredService<RankingService>();
            var sw = Stopwatch.StartNew();
            var ranked = await ranking.RankAsync(callId, roundId);
            sw.Stop();
            if (ranked != n) throw new InvalidOperationException($"ranked {ranked} of {n}");
            if (i > 0) runs.Add(sw.Elapsed.TotalMilliseconds);
        }
        runs.Sort();
        var median = runs[runs.Count / 2];
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# 评选表彰 aggregation benchmark ({n} entries × {reviewers} reviewers × {criteria} criteria)\n");
        report.AppendLine(CultureInfo.InvariantCulture, $"Command: `bench/run.sh awards` · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores · PostgreSQL 15 (throwaway cluster, fsync on)\n");
        report.AppendLine("The real handler `RankingService.RankAsync` in-process as the system user: reads the round's 2,100 scores, aggregates them (trimmed mean, tie rule: first criterion then first places), fills the tiers 12/28/102, replaces the stored ranking and writes one audit event. 1 warm-up, 3 measured runs.\n");
        report.AppendLine("| runs (ms) | median (ms) | target |");
        report.AppendLine("|---|---|---|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| {string.Join(" / ", runs.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))} | **{median:0}** | < 1000 |\n");
        report.AppendLine(CultureInfo.InvariantCulture, $"Setup (300 entries and 2,100 audited score rows through EF): {setup.Elapsed.TotalSeconds:0.0} s, not measured.\n");
        report.AppendLine(CultureInfo.InvariantCulture, $"Load average at the end of the run: {BenchContext.LoadAverage()} (`/proc/loadavg`, 1/5/15 min).");
        ctx.WriteResult("awards", report.ToString());
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }

    private static AsyncServiceScope SystemScope(IServiceProvider sp)
    {
        var scope = sp.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = CurrentUser.System("bench");
        return scope;
    }
}
