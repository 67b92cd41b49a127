using System.Net;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Modules.Kepu.Domain;

namespace Kexie.IntegrationTests.Kepu;

/// <summary>Data-scope probes for the 科普 routes: a 云岭县 town's activity is invisible to 秦川区.</summary>
public sealed class KepuScopeCases : IScopeWalkCases
{
    public async Task<IEnumerable<ScopeCase>> ArrangeAsync(ScopeWalkContext ctx)
    {
        var db = ctx.Db;
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var activity = new Activity
        {
            OrganisationId = ctx.YunlingTown.Id,
            Title = "云岭测试活动",
            Place = "云岭",
            RegionCode = ctx.YunlingTown.RegionCode,
            StartDate = today,
            EndDate = today,
            Capacity = 10,
        };
        var campaign = new Campaign { Kind = CampaignKind.Other, Year = today.Year, Name = "范围测试品牌", StartDate = today, EndDate = today };
        var venue = new Venue { OrganisationId = ctx.YunlingTown.Id, Name = "云岭测试基地", Kind = VenueKind.EStation, RegionCode = ctx.YunlingTown.RegionCode };
        var tour = new CaravanTour { OrganisationId = ctx.YunlingCounty.Id, Name = "云岭测试巡展", StartDate = today, EndDate = today };
        db.AddRange(activity, campaign, venue, tour);
        await db.SaveChangesAsync();
        var id = activity.Id;
        var input = new { title = "x", place = "x", startDate = today, endDate = today, version = 0 };
        return
        [
            new("GET /api/v1/kepu/activities/{id:guid}", HttpMethod.Get, $"/api/v1/kepu/activities/{id}", null, HttpStatusCode.NotFound),
            new("PUT /api/v1/kepu/activities/{id:guid}", HttpMethod.Put, $"/api/v1/kepu/activities/{id}", input, HttpStatusCode.NotFound),
            new("POST /api/v1/kepu/activities/{id:guid}/submit", HttpMethod.Post, $"/api/v1/kepu/activities/{id}/submit", new { version = 0 }, HttpStatusCode.NotFound),
            new("POST /api/v1/kepu/activities/{id:guid}/approve", HttpMethod.Post, $"/api/v1/kepu/activities/{id}/approve", new { version = 0 }, HttpStatusCode.NotFound),
            new("POST /api/v1/kepu/activities/{id:guid}/return", HttpMethod.Post, $"/api/v1/kepu/activities/{id}/return", new { reason = "x", version = 0 }, HttpStatusCode.NotFound),
            new("POST /api/v1/kepu/activities/{id:guid}/publish", HttpMethod.Post, $"/api/v1/kepu/activities/{id}/publish", new { version = 0 }, HttpStatusCode.NotFound),
            new("POST /api/v1/kepu/activities/{id:guid}/complete", HttpMethod.Post, $"/api/v1/kepu/activities/{id}/complete", new { reportedParticipants = 1, volunteers = 0, version = 0 }, HttpStatusCode.NotFound),
            new("GET /api/v1/kepu/activities/{id:guid}/registrations", HttpMethod.Get, $"/api/v1/kepu/activities/{id}/registrations", null, HttpStatusCode.NotFound),
            new("POST /api/v1/kepu/activities/{id:guid}/checkin", HttpMethod.Post, $"/api/v1/kepu/activities/{id}/checkin", new { code = "KPX" }, HttpStatusCode.NotFound),
            new("POST /api/v1/kepu/activities/{id:guid}/walkins", HttpMethod.Post, $"/api/v1/kepu/activities/{id}/walkins", new { name = "x" }, HttpStatusCode.NotFound),
            // Not published: the public routes do not know it either.
            new("GET /api/v1/kepu/public/activities/{id:guid}", HttpMethod.Get, $"/api/v1/kepu/public/activities/{id}", null, HttpStatusCode.NotFound),
            new("POST /api/v1/kepu/public/activities/{id:guid}/registrations", HttpMethod.Post, $"/api/v1/kepu/public/activities/{id}/registrations", new { name = "x", phone = "13800001111" }, HttpStatusCode.NotFound),
            new("POST /api/v1/kepu/public/activities/{id:guid}/self-checkin", HttpMethod.Post, $"/api/v1/kepu/public/activities/{id}/self-checkin", new { key = "x", phone = "13800001111" }, HttpStatusCode.NotFound),
            new("GET /api/v1/kepu/venues/{id:guid}", HttpMethod.Get, $"/api/v1/kepu/venues/{venue.Id}", null, HttpStatusCode.NotFound),
            new("PUT /api/v1/kepu/venues/{id:guid}", HttpMethod.Put, $"/api/v1/kepu/venues/{venue.Id}", new { name = "x", kind = "EStation", version = 0 }, HttpStatusCode.NotFound),
            new("POST /api/v1/kepu/venues/{id:guid}/visitors", HttpMethod.Post, $"/api/v1/kepu/venues/{venue.Id}/visitors", new { month = today, visitors = 1 }, HttpStatusCode.NotFound),
            new("GET /api/v1/kepu/caravans/{id:guid}", HttpMethod.Get, $"/api/v1/kepu/caravans/{tour.Id}", null, HttpStatusCode.NotFound),
            new("PUT /api/v1/kepu/caravans/{id:guid}", HttpMethod.Put, $"/api/v1/kepu/caravans/{tour.Id}", new { name = "x", startDate = today, endDate = today, version = 0 }, HttpStatusCode.NotFound),
            new("POST /api/v1/kepu/caravans/{id:guid}/stops", HttpMethod.Post, $"/api/v1/kepu/caravans/{tour.Id}/stops", new { date = today, place = "x", attendance = 1 }, HttpStatusCode.NotFound),
            // Campaigns are network-wide reference data: every staff user reads them; only the city edits them.
            new("GET /api/v1/kepu/campaigns/{id:guid}", HttpMethod.Get, $"/api/v1/kepu/campaigns/{campaign.Id}", null, HttpStatusCode.OK),
            new("PUT /api/v1/kepu/campaigns/{id:guid}", HttpMethod.Put, $"/api/v1/kepu/campaigns/{campaign.Id}", new { kind = "Other", year = today.Year, name = "x", startDate = today, endDate = today, version = 0 }, HttpStatusCode.Forbidden),
        ];
    }
}
