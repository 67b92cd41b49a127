using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Platform.Certificates;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Kexie.IntegrationTests.Platform;

/// <summary>Certificates: issue, PDF (text extracted with pdftotext), public verification, revocation, gapless serials under concurrency.</summary>
public abstract class CertificatesTests(KexieApp app)
{
    private async Task<IssuedCertificate> IssueAsync(string holder, DateOnly issuedOn, string org = "云岭县科协")
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = CurrentUser.System("测试");
        Guid orgId;
        await using (var db = app.SystemDb())
            orgId = await db.Organisations.AsNoTracking().Where(o => o.Name == org).Select(o => o.Id).FirstAsync();
        return await scope.ServiceProvider.GetRequiredService<ICertificateService>().IssueAsync(
            new CertificateInput(holder, "第六届青年科技奖", "一等奖", "示范市科学技术协会", issuedOn, "awards", Guid.NewGuid().ToString("N"), orgId));
    }

    [Fact]
    public async Task An_issued_certificate_renders_a_chinese_pdf_and_verifies_publicly_until_revoked()
    {
        var issued = await IssueAsync("欧阳明月", new DateOnly(2026, 11, 20));
        issued.Serial.ShouldMatch(@"^KX-2026-\d{6}$");

        var admin = await app.LoginAsync("county.yunling");
        var pdf = await admin.GetAsync($"/api/v1/platform/certificates/{issued.Id}/pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        var text = PdfText(bytes);
        text.ShouldContain("欧阳明月");
        text.ShouldContain(issued.Serial);
        text.ShouldContain("第六届青年科技奖");
        text.ShouldContain("一等奖"); // 一, 月, 示, 日 share glyphs with Kangxi radicals: /ActualText keeps the real characters
        text.ShouldContain("示范市科学技术协会");
        text.ShouldContain("2026年11月20日");
        text.ShouldContain(issued.VerificationCode);
        bytes.Length.ShouldBeLessThan(1_000_000); // only the glyphs used, not whole CJK fonts

        var anon = app.Anonymous();
        var page = await anon.GetAsync(issued.VerifyPath);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("欧阳明月");
        html.ShouldContain("有效证书");
        (await anon.GetAsync($"/verify/{issued.Serial}?c=WRONG123")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anon.GetAsync($"/api/v1/public/certificates/{issued.Serial}?c=WRONG123")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var qinchuan = await app.LoginAsync("county.qinchuan");
        (await qinchuan.GetAsync($"/api/v1/platform/certificates/{issued.Id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await admin.PostAsJsonAsync($"/api/v1/platform/certificates/{issued.Id}/revoke", new { reason = "", version = 0 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PostAsJsonAsync($"/api/v1/platform/certificates/{issued.Id}/revoke", new { reason = "获奖资格经复核被撤销", version = 0 })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var revoked = await anon.GetStringAsync(issued.VerifyPath);
        revoked.ShouldContain("该证书已作废");
        revoked.ShouldContain("获奖资格经复核被撤销");
        await using var db = app.SystemDb();
        (await db.AuditEntries.AnyAsync(a => a.Action == "certificate.revoke" && a.EntityId == issued.Id.ToString())).ShouldBeTrue();
    }

    [Fact]
    public async Task Concurrent_issues_get_distinct_consecutive_serials()
    {
        var day = new DateOnly(2031, 3, 1); // a year of its own
        var issued = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => IssueAsync($"并发{i}", day))));
        var seqs = issued.Select(c => int.Parse(c.Serial[^6..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        seqs.ShouldBe(Enumerable.Range(1, 16).ToList());
        issued.Select(c => c.VerificationCode).Distinct().Count().ShouldBe(16);
    }

    private static string PdfText(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"kexie-cert-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            using var p = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })!;
            var text = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CertificatesTests_Sqlite(SqliteApp app) : CertificatesTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CertificatesTests_Postgres(PostgresApp app) : CertificatesTests(app);

/// <summary>Data-scope probes for the certificate routes.</summary>
public sealed class CertificatesScopeCases : IScopeWalkCases
{
    public async Task<IEnumerable<ScopeCase>> ArrangeAsync(ScopeWalkContext ctx)
    {
        var c = new Certificate
        {
            OrganisationId = ctx.YunlingCounty.Id,
            Serial = "KX-2099-" + Random.Shared.Next(100000, 999999),
            Year = 2099,
            Seq = Random.Shared.Next(1, 1_000_000),
            VerificationCode = "ABCDEFGH",
            HolderName = "x",
            AwardTitle = "x",
            IssuerName = "x",
            IssuedOn = new DateOnly(2099, 1, 1),
            SourceModule = "test",
            SourceRef = "scope",
        };
        ctx.Db.Add(c);
        await ctx.Db.SaveChangesAsync();
        return
        [
            new("GET /api/v1/platform/certificates/{id:guid}", HttpMethod.Get, $"/api/v1/platform/certificates/{c.Id}", null, HttpStatusCode.NotFound),
            new("GET /api/v1/platform/certificates/{id:guid}/pdf", HttpMethod.Get, $"/api/v1/platform/certificates/{c.Id}/pdf", null, HttpStatusCode.NotFound),
            new("POST /api/v1/platform/certificates/{id:guid}/revoke", HttpMethod.Post, $"/api/v1/platform/certificates/{c.Id}/revoke", new { reason = "x", version = 0 }, HttpStatusCode.NotFound),
        ];
    }
}
