using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Platform.Privacy;
using Kexie.Web.Platform.Voting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Kexie.IntegrationTests.Platform;

/// <summary>Public voting: phone verification, one vote per day, the window, bursts held for review, exact counts, duplicates refused by the database.</summary>
public abstract partial class VotingTests(PublicServicesApp app)
{
    [GeneratedRegex(@"\d{6}")]
    private static partial Regex SixDigits();

    private static int _phone = Random.Shared.Next(1000, 5000);

    private static string NewPhone() => $"139{Interlocked.Increment(ref _phone) % 10000:D4}{Random.Shared.Next(0, 10000):D4}";

    private async Task<Guid> OpenBallotAsync(DateTimeOffset opens, DateTimeOffset closes, int options = 3)
    {
        Guid org;
        await using (var db = app.SystemDb())
            org = await db.Organisations.AsNoTracking().Where(o => o.Name == "云岭县科协").Select(o => o.Id).FirstAsync();
        return await app.AsSystemAsync(sp => sp.GetRequiredService<IVotingService>().OpenAsync(new BallotInput("awards", Guid.NewGuid().ToString("N"), "最美科技工作者网络投票",
            null, Enumerable.Range(1, options).Select(i => new BallotOptionInput($"候选人{i}", $"c{i}")).ToList(), opens.UtcDateTime, closes.UtcDateTime, org)));
    }

    /// <summary>Requests a code, reads it from the development outbox, verifies it: the voter token.</summary>
    private async Task<string> VerifiedTokenAsync(string phone, string ip)
    {
        var c = app.AnonymousFrom(ip);
        var sent = await c.PostAsJsonAsync("/api/v1/public/phone-codes", new { phone });
        sent.StatusCode.ShouldBe(HttpStatusCode.NoContent, await sent.Content.ReadAsStringAsync());
        string message;
        await using (var db = app.SystemDb())
            message = await db.Set<SmsOutboxMessage>().AsNoTracking().Where(m => m.PhoneMasked == Mask.Phone(phone)).OrderByDescending(m => m.CreatedAt).Select(m => m.Message).FirstAsync();
        var code = SixDigits().Match(message).Value;
        var wrong = await c.PostAsJsonAsync("/api/v1/public/phone-codes/verify", new { phone, code = code == "000000" ? "111111" : "000000" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var ok = await c.PostAsJsonAsync("/api/v1/public/phone-codes/verify", new { phone, code });
        ok.StatusCode.ShouldBe(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        return (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("voterToken").GetString()!;
    }

    private async Task<JsonElement> BallotAsync(Guid id) => await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/public/ballots/{id}");

    private static Guid Option(JsonElement ballot, int seq) => ballot.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("seq").GetInt32() == seq).GetProperty("id").GetGuid();

    private async Task AssertCountsExactAsync(Guid ballotId)
    {
        await using var db = app.SystemDb();
        var rows = await db.Set<Vote>().AsNoTracking().Where(v => v.BallotId == ballotId && v.Status == VoteStatus.Accepted).GroupBy(v => v.OptionId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N);
        foreach (var o in await db.Set<BallotOption>().AsNoTracking().Where(o => o.BallotId == ballotId).ToListAsync())
            o.AcceptedCount.ShouldBe(rows.GetValueOrDefault(o.Id), "the public count equals the accepted rows");
    }

    [Fact]
    public async Task One_vote_per_day_the_second_is_refused_and_the_next_day_is_allowed()
    {
        app.SetChinaTime(2026, 10, 12, 9);
        var id = await OpenBallotAsync(new DateTimeOffset(2026, 10, 12, 8, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.FromHours(8)));
        var token = await VerifiedTokenAsync(NewPhone(), "10.20.1.1");
        var ballot = await BallotAsync(id);
        var c = app.AnonymousFrom("10.20.1.1");

        var anonymousVote = await c.PostAsJsonAsync($"/api/v1/public/ballots/{id}/votes", new { optionId = Option(ballot, 1) });
        anonymousVote.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await anonymousVote.Content.ReadAsStringAsync()).ShouldContain("请先登录或验证手机号");

        var first = await c.PostAsJsonAsync($"/api/v1/public/ballots/{id}/votes", new { optionId = Option(ballot, 1), voterToken = token });
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("Accepted");
        var second = await c.PostAsJsonAsync($"/api/v1/public/ballots/{id}/votes", new { optionId = Option(ballot, 2), voterToken = token });
        second.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await second.Content.ReadAsStringAsync()).ShouldContain("每人每天限投1票");

        app.SetChinaTime(2026, 10, 13, 0, 5);
        (await c.PostAsJsonAsync($"/api/v1/public/ballots/{id}/votes", new { optionId = Option(ballot, 2), voterToken = token })).StatusCode.ShouldBe(HttpStatusCode.OK);
        ballot = await BallotAsync(id);
        ballot.GetProperty("totalVotes").GetInt32().ShouldBe(2);

        app.SetChinaTime(2026, 10, 20, 0, 1);
        var late = await c.PostAsJsonAsync($"/api/v1/public/ballots/{id}/votes", new { optionId = Option(ballot, 3), voterToken = token });
        late.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await late.Content.ReadAsStringAsync()).ShouldContain("投票已结束");
        (await app.Anonymous().GetStringAsync($"/vote/{id}")).ShouldContain("候选人1");
        await AssertCountsExactAsync(id);
    }

    [Fact]
    public async Task A_burst_from_one_network_is_held_out_of_the_count_until_reviewed()
    {
        app.SetChinaTime(2026, 10, 14, 10);
        var id = await OpenBallotAsync(new DateTimeOffset(2026, 10, 14, 8, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 10, 30, 0, 0, 0, TimeSpan.FromHours(8)));
        var ballot = await BallotAsync(id);
        var tokens = new List<string>();
        for (var i = 0; i < 6; i++) tokens.Add(await VerifiedTokenAsync(NewPhone(), $"10.30.{i}.1"));
        var statuses = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            // Six voters on one /24 within a minute (threshold 4 in this fixture): the 5th and 6th are held.
            var r = await app.AnonymousFrom($"172.16.5.{10 + i}").PostAsJsonAsync($"/api/v1/public/ballots/{id}/votes", new { optionId = Option(ballot, 1), voterToken = tokens[i] });
            r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
            statuses.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()!);
        }
        statuses.ShouldBe(["Accepted", "Accepted", "Accepted", "Accepted", "Held", "Held"]);
        (await BallotAsync(id)).GetProperty("totalVotes").GetInt32().ShouldBe(4, "held votes are not counted");

        var staff = await app.LoginAsync("county.yunling");
        var held = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/platform/voting/{id}/held");
        held.GetArrayLength().ShouldBe(2);
        held[0].GetProperty("network").GetString().ShouldBe("172.16.5.0/24");
        var accept = held[0].GetProperty("id").GetGuid();
        var reject = held[1].GetProperty("id").GetGuid();
        (await staff.PostAsync($"/api/v1/platform/voting/votes/{accept}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await staff.PostAsync($"/api/v1/platform/voting/votes/{accept}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "reviewed once");
        (await staff.PostAsync($"/api/v1/platform/voting/votes/{reject}/reject", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await BallotAsync(id)).GetProperty("totalVotes").GetInt32().ShouldBe(5);
        await AssertCountsExactAsync(id);

        var qinchuan = await app.LoginAsync("county.qinchuan");
        (await qinchuan.GetAsync($"/api/v1/platform/voting/{id}/held")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var db = app.SystemDb();
        (await db.AuditEntries.AnyAsync(a => a.Action == "voting.vote.accept" && a.EntityId == accept.ToString())).ShouldBeTrue();
    }

    [Fact]
    public async Task Parallel_duplicate_votes_of_one_voter_are_refused_by_the_database_exactly_one_counts()
    {
        app.SetChinaTime(2026, 10, 21, 10);
        var id = await OpenBallotAsync(new DateTimeOffset(2026, 10, 21, 8, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 10, 30, 0, 0, 0, TimeSpan.FromHours(8)));
        var ballot = await BallotAsync(id);
        var token = await VerifiedTokenAsync(NewPhone(), "10.40.0.1");
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            app.AnonymousFrom($"10.41.{i}.1").PostAsJsonAsync($"/api/v1/public/ballots/{id}/votes", new { optionId = Option(ballot, 1 + i % 3), voterToken = token }))));
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest).ShouldBe(11);
        await using var db = app.SystemDb();
        (await db.Set<Vote>().CountAsync(v => v.BallotId == id)).ShouldBe(1);
        (await BallotAsync(id)).GetProperty("totalVotes").GetInt32().ShouldBe(1);
        await AssertCountsExactAsync(id);
    }

    [Fact]
    public async Task Codes_expire_and_attempts_are_limited()
    {
        app.SetChinaTime(2026, 10, 22, 10);
        var phone = NewPhone();
        var c = app.AnonymousFrom("10.50.0.1");
        (await c.PostAsJsonAsync("/api/v1/public/phone-codes", new { phone = "12345" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await c.PostAsJsonAsync("/api/v1/public/phone-codes", new { phone })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        for (var i = 0; i < 5; i++) await c.PostAsJsonAsync("/api/v1/public/phone-codes/verify", new { phone, code = "00000" + i });
        var locked = await c.PostAsJsonAsync("/api/v1/public/phone-codes/verify", new { phone, code = "000009" });
        (await locked.Content.ReadAsStringAsync()).ShouldContain("错误次数过多");

        (await c.PostAsJsonAsync("/api/v1/public/phone-codes", new { phone })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        string message;
        await using (var db = app.SystemDb())
            message = await db.Set<SmsOutboxMessage>().AsNoTracking().Where(m => m.PhoneMasked == Mask.Phone(phone)).OrderByDescending(m => m.CreatedAt).Select(m => m.Message).FirstAsync();
        app.SetChinaTime(2026, 10, 22, 10, 6);
        var expired = await c.PostAsJsonAsync("/api/v1/public/phone-codes/verify", new { phone, code = SixDigits().Match(message).Value });
        (await expired.Content.ReadAsStringAsync()).ShouldContain("验证码已过期");
        var admin = await app.LoginAsync("admin");
        (await admin.GetStringAsync("/admin/sms-outbox")).ShouldContain("开发用发件箱");
    }
}

[Collection(PublicServicesSqliteCollection.Name)]
public sealed class VotingTests_Sqlite(PublicServicesSqliteApp app) : VotingTests(app);

[Collection(PublicServicesPostgresCollection.Name)]
public sealed class VotingTests_Postgres(PublicServicesPostgresApp app) : VotingTests(app);

/// <summary>Data-scope probes for the voting routes.</summary>
public sealed class VotingScopeCases : IScopeWalkCases
{
    public async Task<IEnumerable<ScopeCase>> ArrangeAsync(ScopeWalkContext ctx)
    {
        var now = DateTime.UtcNow;
        var b = new Ballot { OrganisationId = ctx.YunlingCounty.Id, SourceModule = "test", SourceRef = "scope", Title = "云岭投票", OpensAt = now.AddDays(-1), ClosesAt = now.AddDays(1) };
        var o = new BallotOption { BallotId = b.Id, Seq = 1, Label = "x" };
        var v = new Vote { BallotId = b.Id, OptionId = o.Id, VoterKey = "p:x", Day = DateOnly.FromDateTime(now), Slot = 1, DistinctKey = o.Id.ToString("N"), Status = VoteStatus.Held, Network = "x", CreatedAt = now };
        ctx.Db.AddRange(b, o, v);
        await ctx.Db.SaveChangesAsync();
        return
        [
            // Public by design: the ballot and its counts; a vote without identification is refused.
            new("GET /api/v1/public/ballots/{id:guid}", HttpMethod.Get, $"/api/v1/public/ballots/{b.Id}", null, HttpStatusCode.OK),
            new("POST /api/v1/public/ballots/{id:guid}/votes", HttpMethod.Post, $"/api/v1/public/ballots/{b.Id}/votes", new { optionId = Guid.NewGuid() }, HttpStatusCode.BadRequest),
            new("GET /api/v1/platform/voting/{id:guid}/held", HttpMethod.Get, $"/api/v1/platform/voting/{b.Id}/held", null, HttpStatusCode.NotFound),
            new("POST /api/v1/platform/voting/votes/{id:guid}/accept", HttpMethod.Post, $"/api/v1/platform/voting/votes/{v.Id}/accept", null, HttpStatusCode.NotFound),
            new("POST /api/v1/platform/voting/votes/{id:guid}/reject", HttpMethod.Post, $"/api/v1/platform/voting/votes/{v.Id}/reject", null, HttpStatusCode.NotFound),
        ];
    }
}
