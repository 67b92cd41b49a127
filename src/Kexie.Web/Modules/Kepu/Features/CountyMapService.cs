using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kexie.Web.Modules.Kepu.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Kexie.Web.Modules.Kepu.Features;

public sealed record CountyMapStatus(bool IsSchematic, string? FileName, DateTime? UploadedAt, string? UploadedByName, int Size,
    IReadOnlyList<string> Codes, IReadOnlyList<(string Code, string Name)> MissingCounties);

/// <summary>
/// The county boundaries the public map draws. An administrator uploads the city's GeoJSON (features keyed by the
/// GB/T 2260 code of each county: <c>adcode</c> as in DataV GeoAtlas, or <c>code</c>); it is validated, normalised
/// (<c>properties.code</c> and <c>properties.name</c>) and stored. Without an upload the schematic map shipped for the
/// fictional demo city (wwwroot/lib/kepu-map/demo-counties.geojson) is served.
/// </summary>
public sealed class CountyMapService(AppDbContext db, CurrentUser user, IWebHostEnvironment env, IMemoryCache cache)
{
    /// <summary>Keeps an upload's error for the page the form post redirects to; returns the one-time token.</summary>
    public string PutError(string message)
    {
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        cache.Set($"kepu:map-error:{user.UserId}:{token}", message, TimeSpan.FromMinutes(5));
        return token;
    }

    public string? TakeError(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var key = $"kepu:map-error:{user.UserId}:{token}";
        if (!cache.TryGetValue(key, out string? message)) return null;
        cache.Remove(key);
        return message;
    }

    public const int MaxBytes = 20 * 1024 * 1024;
    public const string SchematicPath = "lib/kepu-map/demo-counties.geojson";

    /// <summary>The GeoJSON in use (public).</summary>
    public async Task<string> GeoJsonAsync(CancellationToken ct = default)
    {
        var stored = await db.Set<CountyMap>().AsNoTracking().OrderByDescending(m => m.CreatedAt).Select(m => m.GeoJson).FirstOrDefaultAsync(ct);
        if (stored is not null) return stored;
        var file = env.WebRootFileProvider.GetFileInfo(SchematicPath);
        if (!file.Exists) throw new NotFoundException("县区地图");
        await using var s = file.CreateReadStream();
        using var reader = new StreamReader(s, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }

    public async Task<CountyMapStatus> StatusAsync(CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.MapManage);
        var counties = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.County).OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(ct);
        var m = await db.Set<CountyMap>().AsNoTracking().OrderByDescending(x => x.CreatedAt)
            .Select(x => new { x.FileName, x.CreatedAt, x.UploadedByName, x.Size, x.Codes }).FirstOrDefaultAsync(ct);
        IReadOnlyList<string> codes = m is not null ? m.Codes.Split(',', StringSplitOptions.RemoveEmptyEntries)
            : Normalise(await GeoJsonAsync(ct), counties.ToDictionary(c => c.Code, c => c.Name)).Codes;
        var missing = counties.Where(c => !codes.Contains(c.Code)).Select(c => (c.Code, c.Name)).ToList();
        return new CountyMapStatus(m is null, m?.FileName, m?.CreatedAt, m?.UploadedByName, m?.Size ?? 0, codes, missing);
    }

    public async Task<Guid> UploadAsync(Stream content, string fileName, CancellationToken ct = default)
    {
        user.Demand(KepuPermissions.MapManage);
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (ext is not (".json" or ".geojson")) throw new DomainException("请上传 .json 或 .geojson 格式的 GeoJSON 文件", "file");
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw new DomainException($"文件超过大小上限 {MaxBytes / 1024 / 1024} MB", "file");
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw new DomainException("文件为空", "file");
        var counties = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.County).Select(r => new { r.Code, r.Name }).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new DomainException("文件不是 UTF-8 编码的文本", "file");
        }
        var (json, codes) = Normalise(text, counties);
        var map = new CountyMap
        {
            FileName = Path.GetFileName(fileName.Replace('\\', '/')) is { Length: > 0 and <= 200 } n ? n : "map.geojson",
            GeoJson = json,
            Size = Encoding.UTF8.GetByteCount(json),
            Codes = string.Join(',', codes),
            UploadedByName = user.DisplayName,
        };
        db.Add(map);
        await db.SaveChangesAsync(ct);
        return map.Id;
    }

    /// <summary>
    /// Checks a GeoJSON FeatureCollection of county polygons and rewrites each feature's properties to
    /// <c>{ code, name }</c>. Every feature must name a county of this deployment by its six-digit code.
    /// </summary>
    public static (string Json, IReadOnlyList<string> Codes) Normalise(string text, IReadOnlyDictionary<string, string> counties)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw new DomainException("文件不是有效的 JSON", "file");
        }
        if (root is not JsonObject obj || (string?)obj["type"] != "FeatureCollection" || obj["features"] is not JsonArray features)
            throw new DomainException("文件应为 GeoJSON FeatureCollection（含 features 数组）", "file");
        if (features.Count == 0) throw new DomainException("GeoJSON 中没有任何要素", "file");
        var codes = new List<string>();
        var outFeatures = new JsonArray();
        for (var i = 0; i < features.Count; i++)
        {
            var no = i + 1;
            if (features[i] is not JsonObject f || f["geometry"] is not JsonObject geometry)
                throw new DomainException($"第 {no} 个要素缺少 geometry", "file");
            var gtype = (string?)geometry["type"];
            if (gtype is not ("Polygon" or "MultiPolygon") || geometry["coordinates"] is not JsonArray)
                throw new DomainException($"第 {no} 个要素的几何类型应为 Polygon 或 MultiPolygon（实际：{gtype ?? "无"}）", "file");
            var props = f["properties"] as JsonObject;
            var code = CodeOf(props?["adcode"]) ?? CodeOf(props?["code"]) ?? CodeOf(props?["gb"]);
            var label = props?["name"] is JsonValue nv && nv.TryGetValue<string>(out var s) ? s : null;
            if (code is null) throw new DomainException($"第 {no} 个要素（{label ?? "无名称"}）缺少行政区划代码（properties.adcode 或 properties.code）", "file");
            if (!counties.TryGetValue(code, out var countyName))
                throw new DomainException($"第 {no} 个要素（{label ?? "无名称"}）的代码 {code} 不是本市的县(市、区)", "file");
            if (codes.Contains(code)) throw new DomainException($"代码 {code}（{countyName}）在文件中出现多次，请合并为一个要素", "file");
            codes.Add(code);
            outFeatures.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["properties"] = new JsonObject { ["code"] = code, ["name"] = countyName },
                ["geometry"] = geometry.DeepClone(),
            });
        }
        var result = new JsonObject { ["type"] = "FeatureCollection", ["features"] = outFeatures };
        return (result.ToJsonString(), codes);
    }

    private static string? CodeOf(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        string? s = v.GetValueKind() switch
        {
            JsonValueKind.Number => v.TryGetValue<long>(out var l) ? l.ToString(CultureInfo.InvariantCulture) : null,
            JsonValueKind.String => v.GetValue<string>().Trim(),
            _ => null,
        };
        // DataV and others use the six-digit county code; a twelve-digit statistical code starts with it.
        if (s is { Length: 12 } && s.EndsWith("000000", StringComparison.Ordinal)) s = s[..6];
        return s is { Length: 6 } && s.All(char.IsAsciiDigit) ? s : null;
    }
}
