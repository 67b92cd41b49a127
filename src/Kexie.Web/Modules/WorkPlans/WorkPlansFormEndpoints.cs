using Kexie.Web.Modules.WorkPlans.Features;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Files;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Modules.WorkPlans;

/// <summary>Form posts of the pages that carry files (antiforgery applies: they bind [FromForm]). Refusals go back to the page as ?error=.</summary>
public static class WorkPlansFormEndpoints
{
    public static void MapWorkPlansFormEndpoints(this WebApplication app)
    {
        app.MapPost("/workplans/upload", async (IFormFile file, ImportPlan h) =>
        {
            try
            {
                await using var s = file.OpenReadStream();
                var id = await h.HandleAsync(new ImportPlanRequest(await PlanDocumentText.ReadAsync(s, file.FileName), file.FileName));
                return Results.LocalRedirect($"/workplans/{id}/draft");
            }
            catch (DomainException e)
            {
                return Results.LocalRedirect($"/workplans?error={Uri.EscapeDataString(e.Message)}");
            }
        }).RequireAuthorization(WorkPlansPermissions.Manage).ExcludeFromDescription();

        app.MapPost("/workplans/tasks/{id:guid}/progress", async (Guid id, [FromForm] string? text, [FromForm] int percent, IFormFileCollection? files,
            ReportProgress h, FileService storage) =>
        {
            try
            {
                var ids = new List<Guid>();
                foreach (var f in files ?? new FormFileCollection())
                {
                    if (f.Length == 0) continue;
                    await using var s = f.OpenReadStream();
                    ids.Add((await storage.UploadAsync(s, f.FileName, f.ContentType, purpose: "WorkPlanEvidence")).Id);
                }
                await h.HandleAsync(id, new ReportProgressRequest(text ?? "", percent, ids));
                return Results.LocalRedirect($"/workplans/tasks/{id}");
            }
            catch (DomainException e)
            {
                return Results.LocalRedirect($"/workplans/tasks/{id}?error={Uri.EscapeDataString(e.Message)}");
            }
        }).RequireAuthorization(WorkPlansPermissions.Report).ExcludeFromDescription();
    }
}
