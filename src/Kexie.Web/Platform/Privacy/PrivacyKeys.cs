using System.Security.Cryptography;

namespace Kexie.Web.Platform.Privacy;

/// <summary>
/// Key material for <see cref="FieldProtector"/>: one or more 32-byte AES-256 encryption keys, each with a
/// short id (the current one encrypts, all of them decrypt), and a separate 32-byte HMAC key for blind
/// indexes.
/// </summary>
/// <remarks>
/// Suggested configuration (values base64, kept out of the repository, e.g. environment variables):
/// <code>
/// "Privacy": {
///   "CurrentKeyId": "k2",
///   "EncryptionKeys": { "k1": "…", "k2": "…" },
///   "BlindIndexKey": "…"
/// }
/// </code>
/// Rotation: add a new key, make it current, re-encrypt rows for which
/// <see cref="FieldProtector.NeedsReencryption"/> is true, then remove the old key. The blind-index key
/// cannot be rotated the same way: changing it means recomputing every stored blind index.
/// Key ids are 1–16 lower-case ASCII letters or digits.
/// </remarks>
public sealed class PrivacyKeys
{
    /// <summary>Required key length in bytes (AES-256, HMAC-SHA256).</summary>
    public const int KeySize = 32;

    /// <summary>Key id used when a single encryption key is given.</summary>
    public const string DefaultKeyId = "k1";

    private readonly Dictionary<string, byte[]> encryptionKeys;

    /// <summary>Several encryption keys (for rotation) and the blind-index key.</summary>
    /// <exception cref="ArgumentException">Wrong key length, bad key id, unknown current id, or the blind-index key equal to an encryption key.</exception>
    public PrivacyKeys(string currentKeyId, IReadOnlyDictionary<string, byte[]> encryptionKeys, byte[] blindIndexKey)
    {
        ArgumentNullException.ThrowIfNull(encryptionKeys);
        ArgumentNullException.ThrowIfNull(blindIndexKey);
        if (blindIndexKey.Length != KeySize)
        {
            throw new ArgumentException($"盲索引密钥必须是{KeySize}字节", nameof(blindIndexKey));
        }

        this.encryptionKeys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, key) in encryptionKeys)
        {
            if (!IsValidKeyId(id))
            {
                throw new ArgumentException("密钥编号只能是1到16位小写字母或数字", nameof(encryptionKeys));
            }

            if (key is null || key.Length != KeySize)
            {
                throw new ArgumentException($"加密密钥 {id} 必须是{KeySize}字节", nameof(encryptionKeys));
            }

            if (CryptographicOperations.FixedTimeEquals(key, blindIndexKey))
            {
                throw new ArgumentException("盲索引密钥不能与加密密钥相同", nameof(blindIndexKey));
            }

            this.encryptionKeys[id] = (byte[])key.Clone();
        }

        if (currentKeyId is null || !this.encryptionKeys.ContainsKey(currentKeyId))
        {
            throw new ArgumentException("当前加密密钥编号不在密钥列表中", nameof(currentKeyId));
        }

        CurrentKeyId = currentKeyId;
        BlindIndexKey = (byte[])blindIndexKey.Clone();
    }

    /// <summary>A single encryption key (id <see cref="DefaultKeyId"/>) and the blind-index key.</summary>
    public PrivacyKeys(byte[] encryptionKey, byte[] blindIndexKey)
        : this(DefaultKeyId, new Dictionary<string, byte[]> { [DefaultKeyId] = encryptionKey }, blindIndexKey)
    {
    }

    /// <summary>Id of the key that <see cref="FieldProtector.Protect(string)"/> uses.</summary>
    public string CurrentKeyId { get; }

    /// <summary>Ids of all keys that can decrypt.</summary>
    public IReadOnlyCollection<string> KeyIds => encryptionKeys.Keys;

    internal byte[] BlindIndexKey { get; }

    internal byte[] CurrentKey => encryptionKeys[CurrentKeyId];

    /// <summary>From base64 (or base64url) configuration values: one encryption key and the blind-index key.</summary>
    /// <exception cref="ArgumentException">A value is not base64 or not 32 bytes (the message never contains the value).</exception>
    public static PrivacyKeys FromBase64(string encryptionKeyBase64, string blindIndexKeyBase64) =>
        new(Decode(encryptionKeyBase64, DefaultKeyId), Decode(blindIndexKeyBase64, "BlindIndexKey"));

    /// <summary>From base64 (or base64url) configuration values: several encryption keys by id, the current id, and the blind-index key.</summary>
    /// <exception cref="ArgumentException">A value is not base64, a key is not 32 bytes, or the ids are inconsistent.</exception>
    public static PrivacyKeys FromBase64(string currentKeyId, IReadOnlyDictionary<string, string> encryptionKeysBase64, string blindIndexKeyBase64)
    {
        ArgumentNullException.ThrowIfNull(encryptionKeysBase64);
        var keys = encryptionKeysBase64.ToDictionary(pair => pair.Key, pair => Decode(pair.Value, pair.Key), StringComparer.Ordinal);
        return new PrivacyKeys(currentKeyId, keys, Decode(blindIndexKeyBase64, "BlindIndexKey"));
    }

    /// <summary>Fresh random keys (development, tests, or to print values for a new deployment).</summary>
    public static PrivacyKeys Generate(string keyId = DefaultKeyId) =>
        new(keyId, new Dictionary<string, byte[]> { [keyId] = RandomNumberGenerator.GetBytes(KeySize) }, RandomNumberGenerator.GetBytes(KeySize));

    /// <summary>A fresh random 32-byte key as base64, for configuration.</summary>
    public static string GenerateKeyBase64() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize));

    internal bool TryGetKey(string keyId, out byte[] key) => encryptionKeys.TryGetValue(keyId, out key!);

    internal static bool IsValidKeyId(string? id) =>
        id is { Length: >= 1 and <= 16 } && id.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c));

    private static byte[] Decode(string? base64, string name)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            throw new ArgumentException($"缺少密钥 {name}", nameof(base64));
        }

        var standard = base64.Trim().Replace('-', '+').Replace('_', '/');
        standard = standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(standard);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"密钥 {name} 不是有效的Base64", nameof(base64));
        }
    }
}
