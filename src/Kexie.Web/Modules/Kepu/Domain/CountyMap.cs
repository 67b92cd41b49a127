using Kexie.Web.Platform.Data;

namespace Kexie.Web.Modules.Kepu.Domain;

/// <summary>
/// The county boundaries of this deployment's city as GeoJSON (a FeatureCollection whose features carry the GB/T 2260
/// code of each county), uploaded by an administrator, e.g. from DataV GeoAtlas. The newest row is the one in use;
/// without any row the portal uses the schematic map shipped for the demo city. Stored normalised: every feature's
/// properties hold <c>code</c> (string) and <c>name</c>.
/// </summary>
[DisplayNameZh("县区地图")]
public sealed class CountyMap : Entity
{
    public string FileName { get; set; } = "";

    /// <summary>The normalised GeoJSON; not copied into the audit trail (it can be megabytes), its size and codes are.</summary>
    [AuditIgnore]
    public string GeoJson { get; set; } = "";

    public int Size { get; set; }

    /// <summary>Comma-separated county codes found in the file.</summary>
    public string Codes { get; set; } = "";

    public string UploadedByName { get; set; } = "";
}
