using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Kexie.Web.Platform.Privacy;

/// <summary>Thrown when a protected value cannot be decrypted: malformed, unknown key, wrong purpose or tampered.</summary>
public sealed class FieldProtectionException : CryptographicException
{
    /// <summary>Creates the exception with a message that never contains key material or data.</summary>
    public FieldProtectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Column-level protection of personal data (ID numbers, phone numbers…): authenticated encryption for
/// storage and a keyed blind index for equality lookups and uniqueness without decryption.
/// Thread-safe; register it as a singleton.
/// </summary>
/// <remarks>
/// <para><b>Format</b> of <see cref="Protect(string)"/>: <c>v1:{keyId}:{base64url(nonce ‖ ciphertext ‖ tag)}</c>
/// – AES-256-GCM, random 12-byte nonce, 16-byte tag, UTF-8 plaintext. The header <c>v1:{keyId}:</c> (plus
/// the optional purpose) is authenticated as associated data, so neither it nor the payload can be altered.
/// Each call gives a different string (≈ 50 characters for an 18-character ID number). Random nonces
/// are safe for up to 2³² encryptions per key – rotate long before that.</para>
/// <para><b>Purpose</b>: the optional purpose (e.g. "member.id_number") binds a value to its column, so
/// a ciphertext copied into another column does not decrypt there. Unprotect with the same purpose.</para>
/// <para><b>Blind index</b>: <c>hex(HMAC-SHA256(key, UTF-8(value)))</c>, 64 lower-case hex characters,
/// deterministic. With a purpose the HMAC key is first derived as HMAC(key, "kexie-blind-index:" + purpose),
/// so the same phone number gives unrelated indexes in different columns. Normalise before indexing
/// (e.g. <see cref="IdNumberResult.Normalized"/>, <see cref="PhoneResult.Normalized"/>).</para>
/// </remarks>
public sealed class FieldProtector
{
    /// <summary>Format version written by <see cref="Protect(string)"/>.</summary>
    public const string FormatVersion = "v1";

    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const string BlindIndexContext = "kexie-blind-index:";

    private readonly PrivacyKeys keys;

    /// <summary>Creates a protector over the given keys.</summary>
    public FieldProtector(PrivacyKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        this.keys = keys;
    }

    // The last AES-GCM context of this thread and the key it was made for: creating one (the native cipher context and key
    // schedule) cost more than encrypting an 18-character value. Instances are not thread-safe, hence one per thread.
    [ThreadStatic]
    private static AesGcm? threadAes;

    [ThreadStatic]
    private static byte[]? threadAesKey;

    private static AesGcm AesFor(byte[] key)
    {
        if (threadAes is null || !ReferenceEquals(threadAesKey, key))
        {
            threadAes?.Dispose();
            threadAes = new AesGcm(key, TagSize);
            threadAesKey = key;
        }

        return threadAes;
    }

    /// <summary>Encrypts with the current key; see the class remarks for the format.</summary>
    public string Protect(string plaintext) => Protect(plaintext, purpose: null);

    /// <summary>Encrypts with the current key, binding the value to <paramref name="purpose"/>.</summary>
    public string Protect(string plaintext, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var header = $"{FormatVersion}:{keys.CurrentKeyId}:";
        var plainBytes = Encoding.UTF8.GetBytes(plaintext);
        var payload = new byte[NonceSize + plainBytes.Length + TagSize];
        var nonce = payload.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        try
        {
            var aes = AesFor(keys.CurrentKey);
            aes.Encrypt(nonce, plainBytes, payload.AsSpan(NonceSize, plainBytes.Length), payload.AsSpan(NonceSize + plainBytes.Length), AssociatedData(header, purpose));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plainBytes);
        }

        return header + Base64Url.EncodeToString(payload);
    }

    /// <summary>Decrypts a value from <see cref="Protect(string)"/> with whichever configured key it names.</summary>
    /// <exception cref="FieldProtectionException">Malformed, unknown version or key id, or tampered.</exception>
    public string Unprotect(string protectedValue) => Unprotect(protectedValue, purpose: null);

    /// <summary>Decrypts a value protected with the same <paramref name="purpose"/>.</summary>
    /// <exception cref="FieldProtectionException">Malformed, unknown version or key id, wrong purpose, or tampered.</exception>
    public string Unprotect(string protectedValue, string? purpose)
    {
        if (!TrySplit(protectedValue, out var version, out var keyId, out var encoded))
        {
            throw new FieldProtectionException("加密字段格式无效");
        }

        if (version != FormatVersion)
        {
            throw new FieldProtectionException($"不支持的加密字段版本：{version}");
        }

        if (!keys.TryGetKey(keyId, out var key))
        {
            throw new FieldProtectionException($"找不到加密字段使用的密钥：{keyId}");
        }

        byte[] payload;
        try
        {
            payload = Base64Url.DecodeFromChars(encoded);
        }
        catch (FormatException ex)
        {
            throw new FieldProtectionException("加密字段格式无效", ex);
        }

        if (payload.Length < NonceSize + TagSize)
        {
            throw new FieldProtectionException("加密字段格式无效");
        }

        var cipherLength = payload.Length - NonceSize - TagSize;
        var plainBytes = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(
                payload.AsSpan(0, NonceSize),
                payload.AsSpan(NonceSize, cipherLength),
                payload.AsSpan(NonceSize + cipherLength),
                plainBytes,
                AssociatedData($"{version}:{keyId}:", purpose));
            return Encoding.UTF8.GetString(plainBytes);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new FieldProtectionException("加密字段校验失败：数据被篡改，或密钥、用途不匹配", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plainBytes);
        }
    }

    /// <summary>
    /// True when the value was protected with a key other than the current one (a rotation job should
    /// re-protect it). Malformed values also return true.
    /// </summary>
    public bool NeedsReencryption(string? protectedValue) =>
        !TrySplit(protectedValue, out var version, out var keyId, out _)
        || version != FormatVersion
        || keyId != keys.CurrentKeyId;

    /// <summary>True when the string has the shape of a protected value (no decryption is attempted).</summary>
    public static bool IsProtected(string? value) => TrySplit(value, out var version, out _, out _) && version == FormatVersion;

    /// <summary>Deterministic keyed hash of an already normalised value, as 64 lower-case hex characters.</summary>
    public string BlindIndex(string normalisedValue) => BlindIndex(normalisedValue, purpose: null);

    /// <summary>Deterministic keyed hash of an already normalised value, separated by <paramref name="purpose"/>.</summary>
    public string BlindIndex(string normalisedValue, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(normalisedValue);
        var key = purpose is null ? keys.BlindIndexKey : purposeKeys.GetOrAdd(purpose, DerivePurposeKey);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normalisedValue)));
    }

    // The per-purpose HMAC keys, derived once per purpose (an import indexes 200,000 values; deriving the key every time
    // doubled the HMAC work). They live as long as the protector, like the keys they are derived from.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> purposeKeys = new(StringComparer.Ordinal);

    private byte[] DerivePurposeKey(string purpose) => HMACSHA256.HashData(keys.BlindIndexKey, Encoding.UTF8.GetBytes(BlindIndexContext + purpose));

    private static byte[] AssociatedData(string header, string? purpose) => Encoding.UTF8.GetBytes(header + purpose);

    private static bool TrySplit(string? value, out string version, out string keyId, out string encoded)
    {
        version = keyId = encoded = string.Empty;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var parts = value.Split(':');
        if (parts.Length != 3 || parts[0].Length == 0 || !PrivacyKeys.IsValidKeyId(parts[1]) || parts[2].Length == 0)
        {
            return false;
        }

        (version, keyId, encoded) = (parts[0], parts[1], parts[2]);
        return true;
    }
}
