using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Privacy;

namespace Kexie.Web.Modules.Experts.Features;

/// <summary>
/// Encrypts, indexes and masks a person's 身份证号 and phone. The blind index (HMAC with its own key and
/// purpose) is what uniqueness and lookups use; the cipher is only opened for users holding
/// <see cref="ExpertPermissions.ViewPersonalData"/>, and every opening is audited by the caller.
/// </summary>
public sealed class PersonPrivacy(FieldProtector protector, TimeProvider time)
{
    public const string IdPurpose = "exp.id";
    public const string PhonePurpose = "exp.phone";

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().AddHours(8).DateTime);

    /// <summary>Validates and normalises an ID number (null when blank); throws a field error otherwise.</summary>
    public IdNumberResult? ValidateId(string? idNumber, string field = "IdNumber")
    {
        if (string.IsNullOrWhiteSpace(idNumber)) return null;
        var r = ChineseIdNumber.Validate(idNumber, Today);
        return r.IsValid ? r : throw new DomainException(r.Error ?? "身份证号不正确", field);
    }

    public PhoneResult? ValidatePhone(string? phone, string field = "Phone")
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var r = ChinesePhone.Validate(phone);
        return r.IsValid ? r : throw new DomainException(r.Error ?? ChinesePhone.PhoneError, field);
    }

    public string IdIndex(string normalised) => protector.BlindIndex(normalised, IdPurpose);

    public string PhoneIndex(string normalised) => protector.BlindIndex(normalised, PhonePurpose);

    /// <summary>Sets cipher, blind index and masked copy of the ID number (normalised input expected).</summary>
    public void SetIdNumber(Person p, string? normalised)
    {
        if (normalised is null)
        {
            p.IdNumberCipher = p.IdNumberIndex = p.IdNumberMasked = null;
            return;
        }
        p.IdNumberCipher = protector.Protect(normalised, IdPurpose);
        p.IdNumberIndex = IdIndex(normalised);
        p.IdNumberMasked = Mask.IdNumber(normalised);
    }

    public void SetPhone(Person p, string? normalised)
    {
        if (normalised is null)
        {
            p.PhoneCipher = p.PhoneIndex = p.PhoneMasked = null;
            return;
        }
        p.PhoneCipher = protector.Protect(normalised, PhonePurpose);
        p.PhoneIndex = PhoneIndex(normalised);
        p.PhoneMasked = Mask.Phone(normalised);
    }

    public string? OpenId(Person p) => p.IdNumberCipher is null ? null : protector.Unprotect(p.IdNumberCipher, IdPurpose);

    public string? OpenPhone(Person p) => p.PhoneCipher is null ? null : protector.Unprotect(p.PhoneCipher, PhonePurpose);
}
