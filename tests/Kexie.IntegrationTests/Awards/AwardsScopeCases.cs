using System.Net;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Modules.Awards.Domain;

namespace Kexie.IntegrationTests.Awards;

/// <summary>
/// Data-scope probes for the 评选表彰 routes: an entry recommended by 云岭县 is invisible to 秦川区 (404). Calls are
/// network-wide (every unit reads them, only the city configures them: 403), and review tasks need the review permission.
/// </summary>
public sealed class AwardsScopeCases : IScopeWalkCases
{
    public async Task<IEnumerable<ScopeCase>> ArrangeAsync(ScopeWalkContext ctx)
    {
        var db = ctx.Db;
        var call = new AwardCall { OrganiserId = ctx.YunlingCounty.ParentId ?? ctx.YunlingCounty.Id, Name = "范围测试评选", Year = 2026, Status = CallStatus.Open, SubmissionDeadline = DateTime.UtcNow.AddDays(1) };
        call.SetConfig(AwardTemplates.Find("youth-innovation")!.Config);
        var round = new AwardRound { CallId = call.Id, No = 1, Name = "终评", Method = ScoringMethod.Weighted, FormJson = System.Text.Json.JsonSerializer.Serialize(call.Config.Rounds[0].Form, CallConfig.Json) };
        var entry = new AwardEntry
        {
            CallId = call.Id,
            OrganisationId = ctx.YunlingCounty.Id,
            OwnerUserId = ctx.YunlingUser.Id,
            Title = "云岭作品",
            ApplicantName = "云岭学生",
            ApplicantUnit = "云岭中学",
            Category = "学生科技创新成果",
            Status = EntryStatus.Submitted,
        };
        var reviewer = new AwardReviewer { RoundId = round.Id, UserId = ctx.YunlingUser.Id, Name = "云岭评审" };
        var assignment = new AwardAssignment { RoundId = round.Id, EntryId = entry.Id, ReviewerId = reviewer.Id, ReviewerUserId = ctx.YunlingUser.Id };
        db.AddRange(call, round, entry, reviewer, assignment);
        await db.SaveChangesAsync();
        var c = $"/api/v1/awards/calls/{call.Id}";
        var r = $"{c}/rounds/{round.Id}";
        var e = $"/api/v1/awards/entries/{entry.Id}";
        var a = $"/api/v1/awards/reviews/{assignment.Id}";
        var entryBody = new { callId = call.Id, title = "x", category = "学生科技创新成果", applicantName = "x", applicantUnit = "x", recommendingUnitId = ctx.YunlingCounty.Id, version = 0 };
        return
        [
            // Network-wide call: readable by every unit.
            new("GET /api/v1/awards/calls/{id:guid}", HttpMethod.Get, c, null, HttpStatusCode.OK),
            new("GET /api/v1/awards/calls/{id:guid}/config", HttpMethod.Get, $"{c}/config", null, HttpStatusCode.OK),
            // Configuration and review management are the city's.
            new("PUT /api/v1/awards/calls/{id:guid}", HttpMethod.Put, c, new { name = "x", year = 2026, version = 0 }, HttpStatusCode.Forbidden),
            new("GET /api/v1/awards/calls/{id:guid}/setup", HttpMethod.Get, $"{c}/setup", null, HttpStatusCode.Forbidden),
            new("PUT /api/v1/awards/calls/{id:guid}/setup", HttpMethod.Put, $"{c}/setup", new { name = "x", year = 2026, version = 0 }, HttpStatusCode.Forbidden),
            new("GET /api/v1/awards/calls/{id:guid}/rounds/{roundId:guid}/ties", HttpMethod.Get, $"{r}/ties", null, HttpStatusCode.Forbidden),
            new("GET /api/v1/awards/calls/{id:guid}/voting", HttpMethod.Get, $"{c}/voting", null, HttpStatusCode.Forbidden),
            new("POST /api/v1/awards/calls/{id:guid}/voting", HttpMethod.Post, $"{c}/voting", new { closesOn = "2026-12-31", version = 0 }, HttpStatusCode.Forbidden),
            // The public results of a call that is not final, and the public vote of a call without one, do not exist.
            new("GET /api/v1/awards/public/calls/{id:guid}/results", HttpMethod.Get, $"/api/v1/awards/public/calls/{call.Id}/results", null, HttpStatusCode.NotFound),
            new("GET /api/v1/awards/public/calls/{id:guid}/voting", HttpMethod.Get, $"/api/v1/awards/public/calls/{call.Id}/voting", null, HttpStatusCode.NotFound),
            new("POST /api/v1/awards/public/calls/{id:guid}/votes", HttpMethod.Post, $"/api/v1/awards/public/calls/{call.Id}/votes", new { entryId = entry.Id }, HttpStatusCode.NotFound),
            new("PUT /api/v1/awards/calls/{id:guid}/quotas", HttpMethod.Put, $"{c}/quotas", Array.Empty<object>(), HttpStatusCode.Forbidden),
            new("PUT /api/v1/awards/calls/{id:guid}/rounds/{roundId:guid}/form", HttpMethod.Put, $"{r}/form", new { form = new { method = "PassFail", criteria = Array.Empty<object>() }, version = 0 }, HttpStatusCode.Forbidden),
            new("POST /api/v1/awards/calls/{id:guid}/open", HttpMethod.Post, $"{c}/open", new { version = 0 }, HttpStatusCode.Forbidden),
            new("POST /api/v1/awards/calls/{id:guid}/review", HttpMethod.Post, $"{c}/review", new { version = 0 }, HttpStatusCode.Forbidden),
            new("GET /api/v1/awards/calls/{id:guid}/rounds/{roundId:guid}/panel", HttpMethod.Get, $"{r}/panel", null, HttpStatusCode.Forbidden),
            new("POST /api/v1/awards/calls/{id:guid}/rounds/{roundId:guid}/reviewers", HttpMethod.Post, $"{r}/reviewers", new { userName = "county.qinchuan" }, HttpStatusCode.Forbidden),
            new("POST /api/v1/awards/calls/{id:guid}/rounds/{roundId:guid}/draw", HttpMethod.Post, $"{r}/draw", new { }, HttpStatusCode.Forbidden),
            new("POST /api/v1/awards/calls/{id:guid}/rounds/{roundId:guid}/assign", HttpMethod.Post, $"{r}/assign", new { }, HttpStatusCode.Forbidden),
            new("POST /api/v1/awards/calls/{id:guid}/rounds/{roundId:guid}/remind", HttpMethod.Post, $"{r}/remind", new { }, HttpStatusCode.Forbidden),
            new("POST /api/v1/awards/calls/{id:guid}/rounds/{roundId:guid}/rank", HttpMethod.Post, $"{r}/rank", new { }, HttpStatusCode.Forbidden),
            new("POST /api/v1/awards/calls/{id:guid}/rounds/{roundId:guid}/ties", HttpMethod.Post, $"{r}/ties", new { entryIds = new[] { entry.Id } }, HttpStatusCode.Forbidden),
            new("GET /api/v1/awards/calls/{id:guid}/results", HttpMethod.Get, $"{c}/results", null, HttpStatusCode.Forbidden),
            new("POST /api/v1/awards/calls/{id:guid}/confirm", HttpMethod.Post, $"{c}/confirm", new { version = 0 }, HttpStatusCode.Forbidden),
            new("GET /api/v1/awards/calls/{id:guid}/publication", HttpMethod.Get, $"{c}/publication", null, HttpStatusCode.Forbidden),
            new("POST /api/v1/awards/calls/{id:guid}/publicise", HttpMethod.Post, $"{c}/publicise", new { version = 0 }, HttpStatusCode.Forbidden),
            new("POST /api/v1/awards/calls/{id:guid}/finalise", HttpMethod.Post, $"{c}/finalise", new { version = 0 }, HttpStatusCode.Forbidden),
            new("POST /api/v1/awards/calls/{id:guid}/certificates", HttpMethod.Post, $"{c}/certificates", new { }, HttpStatusCode.Forbidden),
            // 云岭县's entry does not exist for 秦川区.
            new("GET /api/v1/awards/entries/{id:guid}", HttpMethod.Get, e, null, HttpStatusCode.NotFound),
            new("PUT /api/v1/awards/entries/{id:guid}", HttpMethod.Put, e, entryBody, HttpStatusCode.NotFound),
            new("POST /api/v1/awards/entries/{id:guid}/submit", HttpMethod.Post, $"{e}/submit", new { version = 0 }, HttpStatusCode.NotFound),
            new("POST /api/v1/awards/entries/{id:guid}/recommend", HttpMethod.Post, $"{e}/recommend", new { version = 0 }, HttpStatusCode.NotFound),
            new("POST /api/v1/awards/entries/{id:guid}/check", HttpMethod.Post, $"{e}/check", new { decision = "Pass", version = 0 }, HttpStatusCode.Forbidden),
            // Review tasks: a county admin is no reviewer.
            new("GET /api/v1/awards/reviews/{id:guid}", HttpMethod.Get, a, null, HttpStatusCode.Forbidden),
            new("POST /api/v1/awards/reviews/{id:guid}/score", HttpMethod.Post, $"{a}/score", new { pass = true, version = 0 }, HttpStatusCode.Forbidden),
            new("POST /api/v1/awards/reviews/{id:guid}/conflict", HttpMethod.Post, $"{a}/conflict", new { reason = "x", version = 0 }, HttpStatusCode.Forbidden),
        ];
    }
}
