using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Kexie.Web.Platform.Privacy;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Privacy;

public class FieldProtectorTests
{
    private const string IdNumber = "11010519491231002X";

    private static readonly byte[] KeyA = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] KeyB = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] HmacKey = Enumerable.Range(200, 32).Select(i => (byte)i).ToArray();

    private readonly FieldProtector protector = new(new PrivacyKeys(KeyA, HmacKey));

    [Fact]
    public void Protect_round_trips_including_chinese_and_empty_text()
    {
        foreach (var value in new[] { IdNumber, "13812345678", "陕西省西安市新城区某某路1号", "", "𠮷" })
        {
            protector.Unprotect(protector.Protect(value)).ShouldBe(value);
        }
    }

    [Fact]
    public void Protected_value_is_versioned_compact_and_does_not_contain_the_plaintext()
    {
        var protectedValue = protector.Protect(IdNumber);

        protectedValue.ShouldStartWith("v1:k1:");
        protectedValue.ShouldNotContain(IdNumber);
        protectedValue.ShouldNotContain("19491231");
        protectedValue.Length.ShouldBeLessThan(70);
        protectedValue["v1:k1:".Length..].ShouldAllBe(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
        FieldProtector.IsProtected(protectedValue).ShouldBeTrue();
        FieldProtector.IsProtected(IdNumber).ShouldBeFalse();
        FieldProtector.IsProtected(null).ShouldBeFalse();
    }

    [Fact]
    public void Two_protect_calls_differ()
    {
        var first = protector.Protect(IdNumber);
        var second = protector.Protect(IdNumber);

        first.ShouldNotBe(second);
        protector.Unprotect(first).ShouldBe(protector.Unprotect(second));
    }

    [Fact]
    public void Every_tampered_byte_is_detected()
    {
        var protectedValue = protector.Protect(IdNumber);
        var payload = Base64Url.DecodeFromChars(protectedValue.AsSpan("v1:k1:".Length));
        for (var i = 0; i < payload.Length; i++)
        {
            var tampered = (byte[])payload.Clone();
            tampered[i] ^= 0x01;
            var value = "v1:k1:" + Base64Url.EncodeToString(tampered);

            var ex = Should.Throw<FieldProtectionException>(() => protector.Unprotect(value));
            ex.Message.ShouldContain("篡改");
            ex.ShouldBeAssignableTo<CryptographicException>();
        }
    }

    [Fact]
    public void Truncated_or_malformed_values_fail_clearly()
    {
        var protectedValue = protector.Protect(IdNumber);

        foreach (var bad in new[] { protectedValue[..^4], "v1:k1:", "v1:k1:abc", "v1:k1:!!!!", IdNumber, "", "v1:k1", "v1::abc", "v1:K1:abc", protectedValue + ":x" })
        {
            Should.Throw<FieldProtectionException>(() => protector.Unprotect(bad));
        }

        Should.Throw<FieldProtectionException>(() => protector.Unprotect("v2" + protectedValue[2..])).Message.ShouldContain("版本");
    }

    [Fact]
    public void Header_cannot_be_swapped_to_another_key_id()
    {
        var keys = new PrivacyKeys("k2", new Dictionary<string, byte[]> { ["k1"] = KeyA, ["k2"] = KeyB }, HmacKey);
        var rotating = new FieldProtector(keys);
        var underK2 = rotating.Protect(IdNumber);

        Should.Throw<FieldProtectionException>(() => rotating.Unprotect("v1:k1:" + underK2["v1:k2:".Length..]));
    }

    [Fact]
    public void Purpose_binds_the_value_to_its_column()
    {
        var asIdNumber = protector.Protect(IdNumber, "member.id_number");

        protector.Unprotect(asIdNumber, "member.id_number").ShouldBe(IdNumber);
        Should.Throw<FieldProtectionException>(() => protector.Unprotect(asIdNumber, "member.phone"));
        Should.Throw<FieldProtectionException>(() => protector.Unprotect(asIdNumber));
    }

    [Fact]
    public void Key_rotation_decrypts_old_values_and_encrypts_with_the_current_key()
    {
        var oldValue = protector.Protect(IdNumber);
        var rotated = new FieldProtector(
            new PrivacyKeys("k2", new Dictionary<string, byte[]> { ["k1"] = KeyA, ["k2"] = KeyB }, HmacKey));

        rotated.Unprotect(oldValue).ShouldBe(IdNumber);
        rotated.NeedsReencryption(oldValue).ShouldBeTrue();

        var newValue = rotated.Protect(IdNumber);
        newValue.ShouldStartWith("v1:k2:");
        rotated.NeedsReencryption(newValue).ShouldBeFalse();

        var ex = Should.Throw<FieldProtectionException>(() => protector.Unprotect(newValue));
        ex.Message.ShouldContain("k2");
    }

    [Fact]
    public void Blind_index_is_deterministic_keyed_and_separated_by_purpose()
    {
        var index = protector.BlindIndex(IdNumber);

        index.ShouldBe(protector.BlindIndex(IdNumber));
        index.Length.ShouldBe(64);
        index.ShouldAllBe(c => char.IsAsciiDigit(c) || (c >= 'a' && c <= 'f'));
        index.ShouldBe(Convert.ToHexStringLower(HMACSHA256.HashData(HmacKey, Encoding.UTF8.GetBytes(IdNumber))));
        protector.BlindIndex("11010519491231002x").ShouldNotBe(index); // callers normalise first
        protector.BlindIndex(IdNumber, "member.id_number").ShouldNotBe(index);
        protector.BlindIndex(IdNumber, "member.id_number").ShouldBe(protector.BlindIndex(IdNumber, "member.id_number"));
        protector.BlindIndex(IdNumber, "member.phone").ShouldNotBe(protector.BlindIndex(IdNumber, "member.id_number"));

        var otherHmacKey = new FieldProtector(new PrivacyKeys(KeyA, KeyB));
        otherHmacKey.BlindIndex(IdNumber).ShouldNotBe(index);
    }

    [Fact]
    public void Blind_index_does_not_depend_on_the_encryption_key()
    {
        var rotated = new FieldProtector(
            new PrivacyKeys("k2", new Dictionary<string, byte[]> { ["k1"] = KeyA, ["k2"] = KeyB }, HmacKey));

        rotated.BlindIndex(IdNumber).ShouldBe(protector.BlindIndex(IdNumber));
    }

    [Fact]
    public void Keys_load_from_base64_and_base64url()
    {
        var keys = PrivacyKeys.FromBase64(Convert.ToBase64String(KeyA), Base64Url.EncodeToString(HmacKey));
        var fromConfig = new FieldProtector(keys);

        keys.CurrentKeyId.ShouldBe(PrivacyKeys.DefaultKeyId);
        fromConfig.Unprotect(protector.Protect(IdNumber)).ShouldBe(IdNumber);
        fromConfig.BlindIndex(IdNumber).ShouldBe(protector.BlindIndex(IdNumber));

        var rotating = PrivacyKeys.FromBase64(
            "k2",
            new Dictionary<string, string> { ["k1"] = Convert.ToBase64String(KeyA), ["k2"] = Convert.ToBase64String(KeyB) },
            Convert.ToBase64String(HmacKey));
        rotating.KeyIds.ShouldBe(new[] { "k1", "k2" }, ignoreOrder: true);
        new FieldProtector(rotating).Unprotect(protector.Protect(IdNumber)).ShouldBe(IdNumber);
    }

    [Fact]
    public void Bad_key_configuration_is_rejected_without_echoing_the_key()
    {
        var shortKey = Convert.ToBase64String(new byte[16]);
        var good = Convert.ToBase64String(KeyA);
        var hmac = Convert.ToBase64String(HmacKey);

        Should.Throw<ArgumentException>(() => PrivacyKeys.FromBase64(shortKey, hmac));
        Should.Throw<ArgumentException>(() => PrivacyKeys.FromBase64(good, shortKey));
        Should.Throw<ArgumentException>(() => PrivacyKeys.FromBase64("not base64 ***", hmac)).Message.ShouldNotContain("not base64");
        Should.Throw<ArgumentException>(() => PrivacyKeys.FromBase64("", hmac));
        Should.Throw<ArgumentException>(() => PrivacyKeys.FromBase64(good, good)); // same key for both jobs
        Should.Throw<ArgumentException>(() => PrivacyKeys.FromBase64("k3", new Dictionary<string, string> { ["k1"] = good }, hmac));
        Should.Throw<ArgumentException>(() => PrivacyKeys.FromBase64("K1", new Dictionary<string, string> { ["K1"] = good }, hmac));
        Should.Throw<ArgumentException>(() => PrivacyKeys.FromBase64("a:b", new Dictionary<string, string> { ["a:b"] = good }, hmac));
    }

    [Fact]
    public void Generated_keys_are_random_and_usable()
    {
        var first = new FieldProtector(PrivacyKeys.Generate());
        var second = new FieldProtector(PrivacyKeys.Generate("k7"));

        first.Unprotect(first.Protect(IdNumber)).ShouldBe(IdNumber);
        second.Protect(IdNumber).ShouldStartWith("v1:k7:");
        first.BlindIndex(IdNumber).ShouldNotBe(second.BlindIndex(IdNumber));
        Should.Throw<FieldProtectionException>(() => second.Unprotect(first.Protect(IdNumber)));
        Convert.FromBase64String(PrivacyKeys.GenerateKeyBase64()).Length.ShouldBe(32);
        PrivacyKeys.GenerateKeyBase64().ShouldNotBe(PrivacyKeys.GenerateKeyBase64());
    }

    [Fact]
    public void Keys_are_copied_so_later_changes_to_the_caller_array_do_not_matter()
    {
        var key = (byte[])KeyA.Clone();
        var copyTaken = new FieldProtector(new PrivacyKeys(key, HmacKey));
        var value = copyTaken.Protect(IdNumber);

        Array.Clear(key);

        copyTaken.Unprotect(value).ShouldBe(IdNumber);
    }

    [Fact]
    public void Protector_is_safe_to_share_between_threads()
    {
        var values = Enumerable.Range(0, 2000).Select(i => $"1381234{i:D4}").ToArray();

        var results = values.AsParallel().AsOrdered().Select(v => protector.Unprotect(protector.Protect(v))).ToArray();

        results.ShouldBe(values);
    }
}
