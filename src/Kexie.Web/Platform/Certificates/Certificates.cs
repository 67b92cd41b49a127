using System.Globalization;
using System.Security.Cryptography;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations;
using Kexie.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Platform.Certificates;

/// <summary>An issued certificate (荣誉证书): a gapless yearly serial, a verification code printed in the QR, revocable with a reason.</summary>
public sealed class Certificate : Entity, IOrgScoped, IVersioned
{
    public Guid OrganisationId { get; set; }
    public string Serial { get; set; } = "";
    public int Year { get; set; }
    public int Seq { get; set; }

    [AuditIgnore]
    public string VerificationCode { get; set; } = "";

    public string HolderName { get; set; } = "";
    public string AwardTitle { get; set; } = "";
    public string? Tier { get; set; }
    public string IssuerName { get; set; } = "";
    public DateOnly IssuedOn { get; set; }
    public string SourceModule { get; set; } = "";
    public string SourceRef { get; set; } = "";
    public DateTime? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    public string? RevokedByName { get; set; }
    public int Version { get; set; }
}

/// <summary>The last serial number issued in a year (one row per year, incremented in the issuing transaction).</summary>
[NotAudited("a counter; each certificate it numbers is audited")]
public sealed class CertificateSequence
{
    public int Year { get; set; }
    public int Last { get; set; }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> e)
    {
        e.ToTable("cert_certificates");
        e.Property(x => x.Serial).HasMaxLength(Lengths.Code).IsRequired();
        e.HasIndex(x => x.Serial).IsUnique();
        e.HasIndex(x => new { x.Year, x.Seq }).IsUnique();
        e.Property(x => x.VerificationCode).HasMaxLength(16).IsRequired();
        e.Property(x => x.HolderName).HasMaxLength(Lengths.Name).IsRequired();
        e.Property(x => x.AwardTitle).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(x => x.Tier).HasMaxLength(50);
        e.Property(x => x.IssuerName).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(x => x.SourceModule).HasMaxLength(Lengths.Code).IsRequired();
        e.Property(x => x.SourceRef).HasMaxLength(Lengths.Name).IsRequired();
        e.Property(x => x.RevokedReason).HasMaxLength(Lengths.Text);
        e.Property(x => x.RevokedByName).HasMaxLength(Lengths.Name);
        e.HasIndex(x => new { x.SourceModule, x.SourceRef });
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificateSequenceConfiguration : IEntityTypeConfiguration<CertificateSequence>
{
    public void Configure(EntityTypeBuilder<CertificateSequence> e)
    {
        e.ToTable("cert_sequences");
        e.HasKey(x => x.Year);
        e.Property(x => x.Year).ValueGeneratedNever();
    }
}

public static class CertificatePermissions
{
    public const string Manage = "platform.certificates.manage";

    public static IEnumerable<PermissionDefinition> All =>
    [
        new(Manage, "平台", "查看、下载与作废证书", "View, download and revoke certificates", RoleNames.Managers),
    ];
}

public sealed class CertificateOptions
{
    public const string Section = "Kexie:Certificates";

    /// <summary>Body text font: an OpenType/TrueType file or .ttc collection with CJK and Latin glyphs. Debian: fonts-noto-cjk.</summary>
    public string FontPath { get; set; } = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

    /// <summary>Face index inside <see cref="FontPath"/> when it is a collection (Noto CJK .ttc: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK).</summary>
    public int FontIndex { get; set; } = 2;

    /// <summary>Font for the title, holder and award. Debian: fonts-noto-cjk.</summary>
    public string TitleFontPath { get; set; } = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc";

    /// <summary>Face index inside <see cref="TitleFontPath"/> (2 = Simplified Chinese in Noto Serif CJK).</summary>
    public int TitleFontIndex { get; set; } = 2;

    /// <summary>The public address printed in the QR code (e.g. https://kx.example.gov.cn); the request's own address when empty.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Serial prefix: KX-2026-000123.</summary>
    public string SerialPrefix { get; set; } = "KX";
}

/// <summary>What a module gives to issue a certificate. <paramref name="Tier"/> (一等奖…) is optional.</summary>
public sealed record CertificateInput(string HolderName, string AwardTitle, string? Tier, string IssuerName, DateOnly IssuedOn,
    string SourceModule, string SourceRef, Guid OrganisationId);

public sealed record IssuedCertificate(Guid Id, string Serial, string VerificationCode, string VerifyPath);

public sealed record CertificateView(Guid Id, string Serial, string HolderName, string AwardTitle, string? Tier, string IssuerName, DateOnly IssuedOn,
    string SourceModule, string SourceRef, bool Revoked, DateTime? RevokedAt, string? RevokedReason, int Version);

/// <summary>What /verify shows: no more than the certificate itself prints.</summary>
public sealed record CertificateVerification(string Serial, string HolderName, string AwardTitle, string? Tier, string IssuerName, DateOnly IssuedOn,
    bool Valid, DateTime? RevokedAt, string? RevokedReason);

public sealed record RevokeRequest(string? Reason, int Version);

public interface ICertificateService
{
    /// <summary>Issues a certificate: a serial KX-yyyy-nnnnnn (gapless per year of <see cref="CertificateInput.IssuedOn"/>, also under concurrency) and a verification code.</summary>
    Task<IssuedCertificate> IssueAsync(CertificateInput input, CancellationToken ct = default);

    /// <summary>The A4 landscape PDF with the QR code to /verify/{serial}?c={code}. 404 outside the caller's scope.</summary>
    Task<byte[]> GetPdfAsync(string serial, CancellationToken ct = default);
}

public sealed class CertificateService(AppDbContext db, CurrentUser user, IOptions<CertificateOptions> options, CertificatePdf pdf, IHttpContextAccessor http)
    : ICertificateService
{
    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string NewCode()
    {
        Span<char> c = stackalloc char[8];
        for (var i = 0; i < c.Length; i++) c[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        return new string(c);
    }

    public static string VerifyPath(string serial, string code) => $"/verify/{Uri.EscapeDataString(serial)}?c={Uri.EscapeDataString(code)}";

    public async Task<IssuedCertificate> IssueAsync(CertificateInput input, CancellationToken ct = default)
    {
        static string Req(string? v, string field, string message, int max)
        {
            var s = v.Clean() ?? throw new DomainException(message, field);
            return s.Length <= max ? s : throw new DomainException($"{message}（不超过{max}字）", field);
        }
        var holder = Req(input.HolderName, nameof(CertificateInput.HolderName), "请填写获奖者姓名", Lengths.Name);
        var award = Req(input.AwardTitle, nameof(CertificateInput.AwardTitle), "请填写奖项名称", Lengths.LongName);
        var issuer = Req(input.IssuerName, nameof(CertificateInput.IssuerName), "请填写颁发单位", Lengths.LongName);
        var tier = input.Tier.Clean();
        if (tier?.Length > 50) throw new DomainException("等级不能超过50字", nameof(CertificateInput.Tier));
        var module = Req(input.SourceModule, nameof(CertificateInput.SourceModule), "来源模块无效", Lengths.Code);
        var sourceRef = Req(input.SourceRef, nameof(CertificateInput.SourceRef), "来源编号无效", Lengths.Name);
        var year = input.IssuedOn.Year;
        if (year is < 2000 or > 2100) throw new DomainException("颁发日期无效", nameof(CertificateInput.IssuedOn));

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The counter row is locked until commit (PostgreSQL row lock; SQLite's single writer): concurrent issues
            // wait, and a rolled-back issue gives its number back — the serials stay consecutive without gaps.
            var seq = (await db.Database.SqlQuery<int>(
                $"INSERT INTO cert_sequences (year, last) VALUES ({year}, 1) ON CONFLICT (year) DO UPDATE SET last = cert_sequences.last + 1 RETURNING last AS \"Value\"")
                .ToListAsync(ct))[0];
            var c = new Certificate
            {
                OrganisationId = input.OrganisationId,
                Year = year,
                Seq = seq,
                Serial = string.Create(CultureInfo.InvariantCulture, $"{options.Value.SerialPrefix}-{year}-{seq:D6}"),
                VerificationCode = NewCode(),
                HolderName = holder,
                AwardTitle = award,
                Tier = tier,
                IssuerName = issuer,
                IssuedOn = input.IssuedOn,
                SourceModule = module,
                SourceRef = sourceRef,
            };
            db.Add(c);
            db.AuditEvent("certificate.issue", nameof(Certificate), c.Id.ToString(), $"颁发证书 {c.Serial}：{award}{tier}", input.OrganisationId);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new IssuedCertificate(c.Id, c.Serial, c.VerificationCode, VerifyPath(c.Serial, c.VerificationCode));
        });
    }

    public async Task<byte[]> GetPdfAsync(string serial, CancellationToken ct = default)
    {
        var c = await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(x => x.Serial == serial, ct) ?? throw new NotFoundException("证书");
        var url = BaseUrl() + VerifyPath(c.Serial, c.VerificationCode);
        return pdf.Render(c, url);
    }

    private string BaseUrl()
    {
        if (options.Value.PublicBaseUrl is { Length: > 0 } b) return b.TrimEnd('/');
        var req = http.HttpContext?.Request;
        return req is null ? "" : $"{req.Scheme}://{req.Host}{req.PathBase}";
    }

    public async Task<IReadOnlyList<CertificateView>> ListAsync(string? q, CancellationToken ct = default)
    {
        user.Demand(CertificatePermissions.Manage);
        var query = db.Set<Certificate>().AsNoTracking();
        if (q.Clean() is { } s) query = query.Where(c => c.Serial.Contains(s) || c.HolderName.Contains(s) || c.AwardTitle.Contains(s));
        return await query.OrderByDescending(c => c.Year).ThenByDescending(c => c.Seq).Take(200).Select(View).ToListAsync(ct);
    }

    public async Task<CertificateView> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Demand(CertificatePermissions.Manage);
        return await db.Set<Certificate>().AsNoTracking().Where(c => c.Id == id).Select(View).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("证书");
    }

    private static readonly System.Linq.Expressions.Expression<Func<Certificate, CertificateView>> View = c =>
        new CertificateView(c.Id, c.Serial, c.HolderName, c.AwardTitle, c.Tier, c.IssuerName, c.IssuedOn, c.SourceModule, c.SourceRef, c.RevokedAt != null,
            c.RevokedAt, c.RevokedReason, c.Version);

    /// <summary>Revokes with a reason (audited); the verification page then shows 已作废 and the reason.</summary>
    public async Task RevokeAsync(Guid id, RevokeRequest r, CancellationToken ct = default)
    {
        user.Demand(CertificatePermissions.Manage);
        var reason = r.Reason.Clean() ?? throw new DomainException("请填写作废原因", nameof(RevokeRequest.Reason));
        if (reason.Length > Lengths.Text) throw new DomainException("作废原因不能超过2000字", nameof(RevokeRequest.Reason));
        var c = await db.Set<Certificate>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("证书");
        if (c.Version != r.Version) throw new ConcurrencyConflictException();
        if (c.RevokedAt is not null) throw new DomainException("该证书已作废");
        c.RevokedAt = db.UtcNow;
        c.RevokedReason = reason;
        c.RevokedByName = user.DisplayName;
        db.AuditEvent("certificate.revoke", nameof(Certificate), c.Id.ToString(), $"作废证书 {c.Serial}：{reason}", c.OrganisationId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The public check: serial and code must both match (a wrong code is "not found", like a wrong serial).</summary>
    public async Task<CertificateVerification> VerifyAsync(string serial, string? code, CancellationToken ct = default)
    {
        var c = await db.PublicView<Certificate>().AsNoTracking().FirstOrDefaultAsync(x => x.Serial == serial, ct);
        if (c is null || code is null || !CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(c.VerificationCode), System.Text.Encoding.ASCII.GetBytes(code.Trim().ToUpperInvariant())))
            throw new NotFoundException("证书");
        return new CertificateVerification(c.Serial, c.HolderName, c.AwardTitle, c.Tier, c.IssuerName, c.IssuedOn, c.RevokedAt is null, c.RevokedAt, c.RevokedReason);
    }
}

public static class CertificatesModule
{
    public static IServiceCollection AddCertificates(this IServiceCollection s, IConfiguration config)
    {
        s.Configure<CertificateOptions>(config.GetSection(CertificateOptions.Section));
        s.AddPermissions(CertificatePermissions.All);
        s.AddSingleton<CertificatePdf>();
        s.AddScoped<CertificateService>();
        s.AddScoped<ICertificateService>(sp => sp.GetRequiredService<CertificateService>());
        s.AddNav(new NavItem("公示与投票", "证书", "/admin/certificates", CertificatePermissions.Manage, 802, "✪"));
        return s;
    }

    public static void MapCertificates(this IEndpointRouteBuilder app)
    {
        var pub = app.MapApiGroup("/public/certificates", "证书核验 Certificate verification", signedIn: false);
        pub.MapGet("/{serial}", async (string serial, string? c, CertificateService h) => TypedResults.Ok(await h.VerifyAsync(serial, c)))
            .WithSummary("核验证书（编号与校验码）");

        var staff = app.MapApiGroup("/platform/certificates", "证书 Certificates");
        staff.MapGet("/", async (string? q, CertificateService h) => TypedResults.Ok(await h.ListAsync(q))).WithSummary("证书列表（数据范围内）");
        staff.MapGet("/{id:guid}", async (Guid id, CertificateService h) => TypedResults.Ok(await h.GetAsync(id))).WithSummary("证书详情");
        staff.MapGet("/{id:guid}/pdf", async (Guid id, CertificateService h) =>
        {
            var c = await h.GetAsync(id);
            return TypedResults.File(await h.GetPdfAsync(c.Serial), "application/pdf", $"{c.Serial}.pdf");
        }).WithSummary("下载证书 PDF");
        staff.MapPost("/{id:guid}/revoke", async (Guid id, RevokeRequest r, CertificateService h) =>
        {
            await h.RevokeAsync(id, r);
            return TypedResults.NoContent();
        }).WithSummary("作废证书（须填原因，需带 version）");
    }
}
