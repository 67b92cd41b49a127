using System.Net;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Platform.Privacy;

namespace Kexie.IntegrationTests.Experts;

/// <summary>Data-scope probes for /api/v1/experts routes with an id: 云岭县's people and panels are invisible to 秦川区.</summary>
public sealed class ExpertsScopeCases : IScopeWalkCases
{
    public async Task<IEnumerable<ScopeCase>> ArrangeAsync(ScopeWalkContext ctx)
    {
        var db = ctx.Db;
        var person = new Person
        {
            OrganisationId = ctx.YunlingCounty.Id,
            Name = "云岭范围测试",
            Employer = "云岭单位",
            Status = PersonStatus.Confirmed,
            PoolStatus = PoolStatus.Admitted,
            IdNumberMasked = Mask.IdNumber("x"),
        };
        person.RefreshSearchTokens();
        var panel = new Panel { OrganisationId = ctx.YunlingCounty.Id, Title = "云岭评审", CreatedByUserId = ctx.YunlingUser.Id };
        var runner = new PanelRunner { PanelId = panel.Id, UserId = ctx.YunlingUser.Id };
        var relation = new PersonRelation { PersonId = person.Id, Kind = "亲属", RelatedUnit = "x" };
        var usage = new ExpertUsage { OrganisationId = ctx.YunlingCounty.Id, PersonId = person.Id, Title = "x", ProjectKey = "scope:" + person.Id, UsedOn = new DateOnly(2026, 1, 1) };
        var claim = new PersonClaim { OrganisationId = ctx.YunlingCounty.Id, PersonId = person.Id, ClaimantName = "云岭认领", OwnerUserId = ctx.YunlingUser.Id };
        db.AddRange(person, panel, runner, relation, usage, claim);
        await db.SaveChangesAsync();
        var input = new { name = "x", employer = "x", version = 0 };
        var p = person.Id;
        return
        [
            new("GET /api/v1/experts/people/{id:guid}", HttpMethod.Get, $"/api/v1/experts/people/{p}", null, HttpStatusCode.NotFound),
            new("PUT /api/v1/experts/people/{id:guid}", HttpMethod.Put, $"/api/v1/experts/people/{p}", input, HttpStatusCode.NotFound),
            new("POST /api/v1/experts/people/{id:guid}/confirm", HttpMethod.Post, $"/api/v1/experts/people/{p}/confirm", new { version = 0 }, HttpStatusCode.NotFound),
            new("POST /api/v1/experts/people/{id:guid}/reject", HttpMethod.Post, $"/api/v1/experts/people/{p}/reject", new { reason = "x", version = 0 }, HttpStatusCode.NotFound),
            new("POST /api/v1/experts/people/{id:guid}/pool", HttpMethod.Post, $"/api/v1/experts/people/{p}/pool", new { action = "Suspend", reason = "x", version = 0 }, HttpStatusCode.NotFound),
            // The county admin may not see full personal data at all; out of scope is 404 first.
            new("POST /api/v1/experts/people/{id:guid}/personal-data", HttpMethod.Post, $"/api/v1/experts/people/{p}/personal-data", null, HttpStatusCode.NotFound),
            new("POST /api/v1/experts/people/{id:guid}/merge", HttpMethod.Post, $"/api/v1/experts/people/{p}/merge", new { duplicateId = Guid.NewGuid(), version = 0, duplicateVersion = 0 }, HttpStatusCode.NotFound),
            new("POST /api/v1/experts/people/{id:guid}/relations", HttpMethod.Post, $"/api/v1/experts/people/{p}/relations", new { kind = "亲属", relatedUnit = "x" }, HttpStatusCode.NotFound),
            new("DELETE /api/v1/experts/people/{id:guid}/relations/{relationId:guid}", HttpMethod.Delete, $"/api/v1/experts/people/{p}/relations/{relation.Id}", null, HttpStatusCode.NotFound),
            new("POST /api/v1/experts/claims/{id:guid}/approve", HttpMethod.Post, $"/api/v1/experts/claims/{claim.Id}/approve", new { version = 0 }, HttpStatusCode.NotFound),
            new("POST /api/v1/experts/claims/{id:guid}/reject", HttpMethod.Post, $"/api/v1/experts/claims/{claim.Id}/reject", new { reason = "x", version = 0 }, HttpStatusCode.NotFound),
            new("GET /api/v1/experts/panels/{id:guid}", HttpMethod.Get, $"/api/v1/experts/panels/{panel.Id}", null, HttpStatusCode.NotFound),
            new("POST /api/v1/experts/panels/{id:guid}/decline", HttpMethod.Post, $"/api/v1/experts/panels/{panel.Id}/decline", new { personId = p, reason = "x" }, HttpStatusCode.NotFound),
            new("POST /api/v1/experts/panels/{id:guid}/close", HttpMethod.Post, $"/api/v1/experts/panels/{panel.Id}/close", new { }, HttpStatusCode.NotFound),
            new("POST /api/v1/experts/panels/{id:guid}/rate", HttpMethod.Post, $"/api/v1/experts/panels/{panel.Id}/rate", new { personId = p, rating = 5 }, HttpStatusCode.NotFound),
            new("POST /api/v1/experts/usages/{id:guid}/rate", HttpMethod.Post, $"/api/v1/experts/usages/{usage.Id}/rate", new { rating = 5 }, HttpStatusCode.NotFound),
        ];
    }
}
