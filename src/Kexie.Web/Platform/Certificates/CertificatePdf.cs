using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using QRCoder;

namespace Kexie.Web.Platform.Certificates;

/// <summary>
/// Renders a certificate as an A4 landscape PDF with PDFsharp: Chinese text in a TrueType CJK font (configured path,
/// embedded as a subset with a ToUnicode map, so the text can be searched and extracted), and the verification QR code
/// drawn as vector squares.
/// </summary>
public sealed class CertificatePdf
{
    public const string Family = "KexieCjk";
    private static readonly Lock Gate = new();
    private static CjkFontResolver? _resolver;

    public CertificatePdf(IOptions<CertificateOptions> options)
    {
        lock (Gate)
        {
            // PDFsharp's font resolver is process-wide and cannot be replaced once used: install it once.
            if (_resolver is null)
            {
                _resolver = new CjkFontResolver(options.Value.FontPath);
                GlobalFontSettings.FontResolver = _resolver;
            }
        }
    }

    public byte[] Render(Certificate c, string verifyUrl)
    {
        var doc = new PdfDocument();
        doc.Info.Title = $"{c.AwardTitle} {c.Serial}";
        var page = doc.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        page.Orientation = PdfSharp.PageOrientation.Landscape;
        using (var g = XGraphics.FromPdfPage(page))
        {
            var w = page.Width.Point;
            var h = page.Height.Point;
            var red = new XSolidBrush(XColor.FromArgb(178, 34, 34));
            var gold = new XPen(XColor.FromArgb(191, 144, 0), 3);
            g.DrawRectangle(gold, 24, 24, w - 48, h - 48);
            g.DrawRectangle(new XPen(XColor.FromArgb(191, 144, 0), 1), 34, 34, w - 68, h - 68);

            XFont F(double size) => new(Family, size, XFontStyleEx.Regular);
            void Center(string text, XFont font, XBrush brush, double y) => g.DrawString(text, font, brush, new XRect(0, y, w, font.Size * 1.4), XStringFormats.Center);

            Center("荣 誉 证 书", F(44), red, 70);
            Center(c.HolderName, F(30), XBrushes.Black, 170);
            Center("荣获", F(18), XBrushes.Black, 225);
            Center(c.AwardTitle, F(26), red, 262);
            if (c.Tier is { Length: > 0 } tier) Center(tier, F(24), red, 308);
            Center("特发此证，以资鼓励。", F(16), XBrushes.Black, 360);

            g.DrawString(c.IssuerName, F(16), XBrushes.Black, new XRect(w - 380, h - 150, 300, 24), XStringFormats.Center);
            g.DrawString(c.IssuedOn.ToString("yyyy年M月d日"), F(14), XBrushes.Black, new XRect(w - 380, h - 122, 300, 22), XStringFormats.Center);
            g.DrawString($"证书编号：{c.Serial}", F(11), XBrushes.DimGray, new XRect(60, h - 78, 400, 16), XStringFormats.TopLeft);
            g.DrawString($"核验码：{c.VerificationCode}  扫码或访问核验页面验证真伪", F(9), XBrushes.DimGray, new XRect(60, h - 62, 500, 14), XStringFormats.TopLeft);

            DrawQr(g, verifyUrl, 60, h - 190, 100);
        }
        using var ms = new MemoryStream();
        doc.Save(ms, false);
        return ms.ToArray();
    }

    private static void DrawQr(XGraphics g, string text, double x, double y, double size)
    {
        using var gen = new QRCodeGenerator();
        using var data = gen.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var n = matrix.Count;
        var cell = size / n;
        for (var r = 0; r < n; r++)
            for (var col = 0; col < n; col++)
                if (matrix[r][col])
                    g.DrawRectangle(XBrushes.Black, x + col * cell, y + r * cell, cell + 0.2, cell + 0.2);
    }

    /// <summary>Every family resolves to the one configured CJK TrueType font (bold and italic are simulated).</summary>
    private sealed class CjkFontResolver(string path) : IFontResolver
    {
        private byte[]? _bytes;

        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(Family, bold, italic);

        public byte[] GetFont(string faceName)
        {
            if (_bytes is not null) return _bytes;
            if (!File.Exists(path))
                throw new InvalidOperationException($"证书字体不存在：{path}。请安装 fonts-droid-fallback 或配置 Kexie:Certificates:FontPath（TrueType 中文字体）。");
            return _bytes = File.ReadAllBytes(path);
        }
    }
}
