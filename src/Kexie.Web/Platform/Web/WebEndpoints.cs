using Kexie.Web.Platform.Excel;
using Kexie.Web.Platform.Files;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Jobs;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Platform.Web;

/// <summary>Form posts of the pages that are not Razor forms (sign-out, file upload). Antiforgery applies: they bind [FromForm].</summary>
public static class WebEndpoints
{
    public static void MapPlatformFormEndpoints(this WebApplication app)
    {
        app.MapPost("/logout", async ([FromForm] string? returnUrl, SignInHandler signIn, HttpContext http) =>
        {
            await signIn.SignOutAsync(http.User, http.ClientIp());
            return Results.LocalRedirect(HttpContextExtensions.SafeReturnUrl(returnUrl));
        }).ExcludeFromDescription();

        app.MapPost("/imports/{key}/upload", async (string key, IFormFile file, ExcelService excel, FileService files, JobQueue jobs) =>
        {
            var def = excel.Find(key);
            await using var s = file.OpenReadStream();
            var stored = await files.UploadAsync(s, file.FileName, file.ContentType, purpose: "Import", maxBytes: 60L * 1024 * 1024);
            var jobId = await jobs.EnqueueAsync(ExcelImportJob.TypeName, def.Title, new ExcelImportJob.Args(key, stored.Id));
            return Results.LocalRedirect($"/jobs/{jobId}");
        }).RequireAuthorization().ExcludeFromDescription();
    }
}
