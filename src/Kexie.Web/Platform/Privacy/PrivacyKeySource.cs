using System.Text.Json;

namespace Kexie.Web.Platform.Privacy;

/// <summary>
/// Loads the personal-data keys from configuration (<c>Kexie:Privacy:EncryptionKey</c> and
/// <c>Kexie:Privacy:BlindIndexKey</c>, base64). In Development and Testing a key file is generated under
/// ./data on first start; elsewhere missing keys stop the app, because data encrypted with a lost key is lost.
/// </summary>
public static class PrivacyKeySource
{
    public static PrivacyKeys Load(IConfiguration config, IHostEnvironment env)
    {
        var enc = config["Kexie:Privacy:EncryptionKey"];
        var blind = config["Kexie:Privacy:BlindIndexKey"];
        if (!string.IsNullOrWhiteSpace(enc) && !string.IsNullOrWhiteSpace(blind)) return PrivacyKeys.FromBase64(enc, blind);
        if (!env.IsDevelopment() && !env.IsEnvironment("Testing"))
            throw new InvalidOperationException("Kexie:Privacy:EncryptionKey and Kexie:Privacy:BlindIndexKey must be configured (base64, 32 bytes each).");
        var path = Path.GetFullPath(config["Kexie:Privacy:KeyFile"] ?? "data/privacy-keys.json");
        if (File.Exists(path))
        {
            var stored = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!;
            return PrivacyKeys.FromBase64(stored["encryption"], stored["blindIndex"]);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var keys = new Dictionary<string, string> { ["encryption"] = PrivacyKeys.GenerateKeyBase64(), ["blindIndex"] = PrivacyKeys.GenerateKeyBase64() };
        File.WriteAllText(path, JsonSerializer.Serialize(keys));
        return PrivacyKeys.FromBase64(keys["encryption"], keys["blindIndex"]);
    }
}
