using System.Text;

namespace Kexie.Web.Platform.Privacy;

internal static class PrivacyText
{
    /// <summary>NFKC (full-width digits, letters and dashes become ASCII); malformed UTF-16 is returned as is.</summary>
    public static string NormalizeWidth(string value)
    {
        try
        {
            return value.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return value;
        }
    }
}
