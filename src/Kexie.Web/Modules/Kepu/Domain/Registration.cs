using Kexie.Web.Platform.Data;

namespace Kexie.Web.Modules.Kepu.Domain;

/// <summary>
/// A member of the public's registration (or a walk-in) for a published activity. Not org-scoped itself:
/// staff reach registrations only through the activity, which is. The seat is taken by a conditional update
/// of the activity's counter in the same transaction as this insert.
/// </summary>
[NotAudited("high-volume public sign-ups; the row itself records who, when and its state changes, and staff views of lists are audited")]
public sealed class Registration : Entity
{
    public Guid ActivityId { get; set; }

    /// <summary>Arrival order within the activity (waitlist order).</summary>
    public int Seq { get; set; }

    public RegistrationStatus Status { get; set; }

    [Pii(PiiKind.Name)]
    public string Name { get; set; } = "";

    /// <summary>Encrypted phone (FieldProtector); null for anonymous walk-ins.</summary>
    public string? PhoneCipher { get; set; }

    public string? PhoneMasked { get; set; }

    /// <summary>HMAC blind index of the phone: one live registration per phone and activity (unique index).</summary>
    public string? PhoneHash { get; set; }

    /// <summary>The secret shown as a QR code on the confirmation; used to check in and to cancel.</summary>
    public string Code { get; set; } = "";

    public Guid? UserId { get; set; }
    public bool IsWalkIn { get; set; }
    public DateTime? CheckedInAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public DateTime? PromotedAt { get; set; }
}
