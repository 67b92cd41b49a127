using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Platform.Jobs;
using Kexie.Web.Platform.Notifications;
using Kexie.Web.Platform.Organisations;

namespace Kexie.IntegrationTests.Platform;

/// <summary>Data-scope probes for the platform's own routes.</summary>
public sealed class PlatformScopeCases : IScopeWalkCases
{
    public async Task<IEnumerable<ScopeCase>> ArrangeAsync(ScopeWalkContext ctx)
    {
        var db = ctx.Db;
        var yUnit = new CoverageUnit { OrganisationId = ctx.YunlingCounty.Id, Name = "云岭测试企业", Kind = CoverageUnitKind.Enterprise, RegionCode = ctx.YunlingCounty.RegionCode };
        var yPost = new SanZhangPost { OrganisationId = ctx.YunlingTown.Id, PersonName = "测试", Kind = SanZhangKind.SchoolHead, UnitName = "测试小学" };
        var job = new BackgroundJob { Type = "none", Title = "x", Status = JobStatus.Succeeded, CreatedByUserId = ctx.YunlingUser.Id, CreatedAt = db.UtcNow };
        var note = new Notification { UserId = ctx.YunlingUser.Id, Title = "x", CreatedAt = db.UtcNow };
        db.AddRange(yUnit, yPost, job, note);
        await db.SaveChangesAsync();
        using var upload = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4 test"u8.ToArray()), "file", "a.pdf" } };
        var fileId = (await (await ctx.Yunling.PostAsync("/api/v1/files", upload)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var town = ctx.YunlingTown;
        var org = new { name = "x", type = "TownAssociation", parentId = ctx.YunlingCounty.Id, regionCode = ctx.YunlingCounty.RegionCode, version = 0 };
        return
        [
            new("GET /api/v1/organisations/{id:guid}", HttpMethod.Get, $"/api/v1/organisations/{town.Id}", null, HttpStatusCode.NotFound),
            new("PUT /api/v1/organisations/{id:guid}", HttpMethod.Put, $"/api/v1/organisations/{town.Id}", org, HttpStatusCode.NotFound),
            new("POST /api/v1/organisations/{id:guid}/move", HttpMethod.Post, $"/api/v1/organisations/{town.Id}/move", new { newParentId = ctx.YunlingCounty.Id, version = 0 }, HttpStatusCode.NotFound),
            new("POST /api/v1/organisations/{id:guid}/deactivate", HttpMethod.Post, $"/api/v1/organisations/{town.Id}/deactivate", new { reason = "x", version = 0 }, HttpStatusCode.NotFound),
            new("POST /api/v1/organisations/{id:guid}/reactivate", HttpMethod.Post, $"/api/v1/organisations/{town.Id}/reactivate", new { version = 0 }, HttpStatusCode.NotFound),
            new("PUT /api/v1/organisations/coverage-units/{id:guid}", HttpMethod.Put, $"/api/v1/organisations/coverage-units/{yUnit.Id}?version=0",
                new { countyOrganisationId = ctx.QinchuanCounty.Id, name = "x", kind = "Enterprise", regionCode = "", associationId = (Guid?)null, note = (string?)null }, HttpStatusCode.NotFound),
            new("PUT /api/v1/organisations/sanzhang/{id:guid}", HttpMethod.Put, $"/api/v1/organisations/sanzhang/{yPost.Id}",
                new { organisationId = ctx.QinchuanTown.Id, personName = "x", kind = "SchoolHead", unitName = "x", post = "x", version = 0 }, HttpStatusCode.NotFound),
            new("GET /api/v1/jobs/{id:guid}", HttpMethod.Get, $"/api/v1/jobs/{job.Id}", null, HttpStatusCode.NotFound),
            new("GET /api/v1/files/{id:guid}", HttpMethod.Get, $"/api/v1/files/{fileId}", null, HttpStatusCode.NotFound),
            // Marking someone else's notification read changes nothing: the update is filtered by its owner.
            new("POST /api/v1/notifications/{id:guid}/read", HttpMethod.Post, $"/api/v1/notifications/{note.Id}/read", null, HttpStatusCode.NoContent),
            new("PUT /api/v1/admin/users/{id:guid}", HttpMethod.Put, $"/api/v1/admin/users/{ctx.YunlingUser.Id}",
                new { user = new { userName = "x", displayName = "x", roles = Array.Empty<string>() }, isActive = true }, HttpStatusCode.NotFound),
            new("POST /api/v1/admin/users/{id:guid}/reset", HttpMethod.Post, $"/api/v1/admin/users/{ctx.YunlingUser.Id}/reset", new { newPassword = (string?)null }, HttpStatusCode.NotFound),
            // Not scoped data, and the county role lacks these permissions entirely:
            new("PUT /api/v1/dictionaries/{category}/{id:guid}", HttpMethod.Put, $"/api/v1/dictionaries/title/{Guid.NewGuid()}", new { code = "x", name = "x", sortOrder = 0 }, HttpStatusCode.Forbidden),
            new("PUT /api/v1/admin/roles/{id:guid}", HttpMethod.Put, $"/api/v1/admin/roles/{Guid.NewGuid()}", new { scope = "All", permissions = Array.Empty<string>() }, HttpStatusCode.Forbidden),
            new("POST /api/v1/admin/sessions/{id:guid}/end", HttpMethod.Post, $"/api/v1/admin/sessions/{Guid.NewGuid()}/end", null, HttpStatusCode.Forbidden),
        ];
    }
}
