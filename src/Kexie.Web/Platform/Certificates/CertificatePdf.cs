using Microsoft.Extensions.Options;
using QRCoder;
using SkiaSharp;

namespace Kexie.Web.Platform.Certificates;

/// <summary>
/// Renders a certificate as an A4 landscape PDF (842×595 pt) with SkiaSharp's PDF backend (MIT). Text is drawn in Noto Sans CJK
/// (body) and Noto Serif CJK Bold (title, holder, award) — OpenType/CFF faces read from their .ttc collections by path and face
/// index (Kexie:Certificates options); Latin letters and digits come from the same fonts. Skia writes the glyphs with a ToUnicode
/// map, so the text can be searched and extracted; the QR code is drawn from QRCoder's module matrix as vector squares.
/// </summary>
public sealed class CertificatePdf(IOptions<CertificateOptions> options)
{
    private const float PageWidth = 842;
    private const float PageHeight = 595;

    private static readonly SKColor Red = new(178, 34, 34);
    private static readonly SKColor Gold = new(191, 144, 0);
    private static readonly SKColor DimGray = new(105, 105, 105);

    // PublicationOnly: a missing font is not cached as a failure, so installing it later works without a restart.
    private readonly Lazy<SKTypeface> _body = new(() => Load(options.Value.FontPath, options.Value.FontIndex, "FontPath"), LazyThreadSafetyMode.PublicationOnly);
    private readonly Lazy<SKTypeface> _title = new(() => Load(options.Value.TitleFontPath, options.Value.TitleFontIndex, "TitleFontPath"), LazyThreadSafetyMode.PublicationOnly);

    public byte[] Render(Certificate c, string verifyUrl)
    {
        var body = _body.Value;
        var title = _title.Value;
        using var ms = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"{c.AwardTitle} {c.Serial}",
            Creator = "Kexie",
            Producer = "Kexie (SkiaSharp)",
            RasterDpi = 300,
            // The PDF must not change with the rendering time: the dates come from the certificate itself.
            Creation = c.IssuedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            Modified = c.IssuedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        };
        using (var doc = SKDocument.CreatePdf(ms, metadata))
        {
            var canvas = doc.BeginPage(PageWidth, PageHeight);
            const float w = PageWidth;
            const float h = PageHeight;

            using (var frame = new SKPaint { Color = Gold, Style = SKPaintStyle.Stroke, StrokeWidth = 3, IsAntialias = true })
                canvas.DrawRect(24, 24, w - 48, h - 48, frame);
            using (var frame = new SKPaint { Color = Gold, Style = SKPaintStyle.Stroke, StrokeWidth = 1, IsAntialias = true })
                canvas.DrawRect(34, 34, w - 68, h - 68, frame);

            // y is the top of the line, as before; the baseline is placed one font size below it.
            void Text(string text, SKTypeface face, float size, SKColor color, float x, float y, SKTextAlign align)
            {
                using var font = new SKFont(face, size) { Subpixel = true };
                using var paint = new SKPaint { Color = color, IsAntialias = true };
                DrawTextWithSource(canvas, text, x, y + size, align, font, paint);
            }
            void Center(string text, SKTypeface face, float size, SKColor color, float y) => Text(text, face, size, color, w / 2, y, SKTextAlign.Center);

            Center("荣 誉 证 书", title, 44, Red, 70);
            Center(c.HolderName, title, 30, SKColors.Black, 170);
            Center("荣获", body, 18, SKColors.Black, 225);
            Center(c.AwardTitle, title, 26, Red, 262);
            if (c.Tier is { Length: > 0 } tier) Center(tier, title, 24, Red, 308);
            Center("特发此证，以资鼓励。", body, 16, SKColors.Black, 360);

            Text(c.IssuerName, body, 16, SKColors.Black, w - 80, h - 150, SKTextAlign.Right);
            Text(c.IssuedOn.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture), body, 14, SKColors.Black, w - 80, h - 124, SKTextAlign.Right);
            Text($"证书编号：{c.Serial}", body, 11, DimGray, 60, h - 78, SKTextAlign.Left);
            Text($"核验码：{c.VerificationCode}　扫码或访问核验页面验证真伪", body, 9, DimGray, 60, h - 62, SKTextAlign.Left);

            DrawQr(canvas, verifyUrl, 60, h - 190, 100);
            doc.EndPage();
            doc.Close();
        }
        return ms.ToArray();
    }

    /// <summary>
    /// Draws a line of text as a text blob that carries its UTF-8 source and clusters. Noto CJK maps some ideographs and their
    /// Kangxi radicals (月 U+6708 / ⽉ U+2F49, 一, 青, 示, 日 …) to the same glyph, and Skia's ToUnicode map picks one code point per
    /// glyph; with the source text attached Skia writes <c>/ActualText</c> for such glyphs, so extraction yields the real characters.
    /// </summary>
    internal static void DrawTextWithSource(SKCanvas canvas, string text, float x, float baseline, SKTextAlign align, SKFont font, SKPaint paint)
    {
        if (text.Length == 0) return;
        var glyphs = font.GetGlyphs(text);
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        // GetGlyphs gives one glyph per code point: the cluster of glyph i is the UTF-8 offset of code point i.
        var clusters = new uint[glyphs.Length];
        uint offset = 0;
        var i = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (i < clusters.Length) clusters[i++] = offset;
            offset += (uint)rune.Utf8SequenceLength;
        }
        var positions = font.GetGlyphPositions(glyphs);
        var width = font.MeasureText(glyphs);
        var start = align switch
        {
            SKTextAlign.Center => x - width / 2,
            SKTextAlign.Right => x - width,
            _ => x,
        };
        using var builder = new SKTextBlobBuilder();
        var run = builder.AllocatePositionedTextRun(font, glyphs.Length, utf8.Length);
        run.SetGlyphs(glyphs);
        run.SetPositions(positions);
        run.SetText(utf8);
        run.SetClusters(clusters);
        using var blob = builder.Build();
        if (blob is not null) canvas.DrawText(blob, start, baseline, paint);
    }

    private static void DrawQr(SKCanvas canvas, string text, float x, float y, float size)
    {
        using var gen = new QRCodeGenerator();
        using var data = gen.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var n = matrix.Count;
        var cell = size / n;
        using var ink = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Fill, IsAntialias = false };
        for (var r = 0; r < n; r++)
            for (var col = 0; col < n; col++)
                if (matrix[r][col])
                    canvas.DrawRect(x + col * cell, y + r * cell, cell + 0.2f, cell + 0.2f, ink);
    }

    private static SKTypeface Load(string path, int index, string setting) =>
        (File.Exists(path) ? SKTypeface.FromFile(path, index) : null)
        ?? throw new InvalidOperationException($"证书字体不存在或无法读取：{path}（字体序号 {index}）。请安装 fonts-noto-cjk 或配置 Kexie:Certificates:{setting}。");
}
