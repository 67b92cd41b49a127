using QRCoder;

namespace Kexie.Web.Modules.Kepu.Features;

/// <summary>QR codes as PNG data URIs (allowed by the CSP's img-src data:).</summary>
public static class Qr
{
    public static string DataUri(string text)
    {
        var png = PngByteQRCodeHelper.GetQRCode(text, QRCodeGenerator.ECCLevel.M, 8);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
