using System.Text;
using Kexie.Web.Platform.Certificates;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Platform;

/// <summary>The SkiaSharp certificate renderer: an A4 landscape PDF from the Noto CJK fonts, and a clear error when a font is missing.</summary>
public sealed class CertificatePdfTests
{
    private static Certificate Sample() => new()
    {
        Serial = "KX-2026-000007",
        VerificationCode = "ABCD2345",
        HolderName = "欧阳明月",
        AwardTitle = "第六届青年科技奖",
        Tier = "一等奖",
        IssuerName = "示范市科学技术协会",
        IssuedOn = new DateOnly(2026, 11, 20),
    };

    [Fact]
    public void Renders_an_a4_landscape_pdf_with_unicode_maps()
    {
        var options = new CertificateOptions();

        var bytes = new CertificatePdf(Options.Create(options)).Render(Sample(), "https://kx.example.gov.cn/verify/KX-2026-000007?c=ABCD2345");

        var head = Encoding.Latin1.GetString(bytes);
        head.ShouldStartWith("%PDF-");
        head.ShouldContain("/MediaBox [0 0 841.9"); // 842×595 pt as Skia writes it (single precision)
        head.ShouldContain("/ToUnicode");
        bytes.Length.ShouldBeLessThan(1_000_000);
    }

    [Fact]
    public void A_missing_font_is_a_clear_error()
    {
        var pdf = new CertificatePdf(Options.Create(new CertificateOptions { FontPath = "/nonexistent/font.ttc" }));
        var ex = Should.Throw<InvalidOperationException>(() => pdf.Render(Sample(), "https://kx.example.gov.cn/verify/x"));
        ex.Message.ShouldContain("证书字体不存在");
        ex.Message.ShouldContain("Kexie:Certificates:FontPath");
    }
}
