using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using QRCoder;

namespace Kexie.Web.Platform.Certificates;

/// <summary>
/// Renders a certificate as an A4 landscape PDF with PDFsharp: Chinese text in a TrueType CJK font and Latin text
/// (digits, serial) in a TrueType Latin font — the CJK fallback font has no Latin glyphs — both configured by path and
/// embedded as subsets with ToUnicode maps, so the text can be searched and extracted; the QR code is drawn as vector squares.
/// PDFsharp 6.5 must be told its licence: <see cref="PdfSharp.PdfSharpLicense.SetAgplLicense"/> (see docs/architecture.md).
/// </summary>
public sealed class CertificatePdf
{
    public const string Family = "KexieCjk";
    public const string LatinFamily = "KexieLatin";
    private static readonly Lock Gate = new();
    private static CjkFontResolver? _resolver;

    public CertificatePdf(IOptions<CertificateOptions> options)
    {
        lock (Gate)
        {
            // PDFsharp's font resolver is process-wide and cannot be replaced once used: install it once.
            if (_resolver is null)
            {
                // PDFsharp ≥ 6.5 is dual-licensed (AGPL or commercial) and refuses to run until one is chosen.
                PdfSharp.PdfSharpLicense.SetAgplLicense();
                _resolver = new CjkFontResolver(options.Value.FontPath, options.Value.LatinFontPath);
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

            void Center(string text, double size, XBrush brush, double y) => DrawMixed(g, text, size, brush, null, y, w);

            Center("荣 誉 证 书", 44, red, 70);
            Center(c.HolderName, 30, XBrushes.Black, 170);
            Center("荣获", 18, XBrushes.Black, 225);
            Center(c.AwardTitle, 26, red, 262);
            if (c.Tier is { Length: > 0 } tier) Center(tier, 24, red, 308);
            Center("特发此证，以资鼓励。", 16, XBrushes.Black, 360);

            DrawMixed(g, c.IssuerName, 16, XBrushes.Black, null, h - 150, w - 80, right: true);
            DrawMixed(g, c.IssuedOn.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture), 14, XBrushes.Black, null, h - 124, w - 80, right: true);
            DrawMixed(g, $"证书编号：{c.Serial}", 11, XBrushes.DimGray, 60, h - 78, w);
            DrawMixed(g, $"核验码：{c.VerificationCode}　扫码或访问核验页面验证真伪", 9, XBrushes.DimGray, 60, h - 62, w);

            DrawQr(g, verifyUrl, 60, h - 190, 100);
        }
        using var ms = new MemoryStream();
        doc.Save(ms, false);
        return ms.ToArray();
    }

    private static bool IsLatin(char ch) => ch < 0x2E80;

    /// <summary>Draws text in runs: Latin characters in the Latin font, the rest in the CJK font. x null = centred across the page width; right = ends at <paramref name="width"/>.</summary>
    private static void DrawMixed(XGraphics g, string text, double size, XBrush brush, double? x, double y, double width, bool right = false)
    {
        var runs = new List<(string Text, XFont Font, double Width)>();
        var cjk = new XFont(Family, size, XFontStyleEx.Regular);
        var latin = new XFont(LatinFamily, size, XFontStyleEx.Regular);
        var i = 0;
        while (i < text.Length)
        {
            var isLatin = IsLatin(text[i]);
            var j = i;
            while (j < text.Length && IsLatin(text[j]) == isLatin) j++;
            var part = text[i..j];
            var font = isLatin ? latin : cjk;
            runs.Add((part, font, g.MeasureString(part, font).Width));
            i = j;
        }
        var total = runs.Sum(r => r.Width);
        var pos = right ? width - total : x ?? (width - total) / 2;
        foreach (var (part, font, w) in runs)
        {
            g.DrawString(part, font, brush, pos, y + size, XStringFormats.Default);
            pos += w;
        }
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

    /// <summary>The Latin family resolves to the configured Latin font, every other family to the CJK font (bold and italic simulated).</summary>
    private sealed class CjkFontResolver(string cjkPath, string latinPath) : IFontResolver
    {
        private byte[]? _cjk;
        private byte[]? _latin;

        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(familyName == LatinFamily ? LatinFamily : Family, bold, italic);

        public byte[] GetFont(string faceName) => faceName == LatinFamily ? _latin ??= Read(latinPath, "LatinFontPath", "fonts-dejavu-core") : _cjk ??= Read(cjkPath, "FontPath", "fonts-droid-fallback");

        private static byte[] Read(string path, string setting, string package) => File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new InvalidOperationException($"证书字体不存在：{path}。请安装 {package} 或配置 Kexie:Certificates:{setting}（TrueType 字体）。");
    }
}
