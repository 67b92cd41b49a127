using System.ComponentModel.DataAnnotations;

namespace Kexie.Web.Platform.Data;

/// <summary>Base of every entity: a client-generated, time-ordered id (UUID v7) and creation/update stamps.</summary>
public abstract class Entity
{
    public Guid Id { get; protected set; } = Guid.CreateVersion7();

    /// <summary>Set by <see cref="AppDbContext"/> on insert (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Set by <see cref="AppDbContext"/> on every update (UTC).</summary>
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// A record that two people may edit at once. <see cref="Version"/> is a concurrency token
/// incremented on every update; a save carrying a stale version is refused (409).
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>
/// A record owned by one node of the organisation tree (and optionally by one user).
/// Every query over such a type is filtered by the current user's data scope, and every
/// insert or update is checked against it, in <see cref="AppDbContext"/>. No module opts in by hand.
/// </summary>
public interface IOrgScoped
{
    Guid OrganisationId { get; }
}

/// <summary>
/// A scoped record that may also belong to one user (a scientist's own profile, a reporter's draft):
/// its owner sees it under the 本人 scope even outside their organisation's scope.
/// </summary>
public interface IUserOwned : IOrgScoped
{
    Guid? OwnerUserId { get; }
}

/// <summary>Marks an entity type that is not written to the audit trail, with the reason.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotAuditedAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}

/// <summary>Marks a property left out of audit before/after values (secrets, derived data).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditIgnoreAttribute : Attribute;

public enum PiiKind
{
    IdNumber,
    Phone,
    Name,
    Email,
    Cipher,
}

/// <summary>Marks personal data: the audit trail stores it masked, never in clear.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PiiAttribute(PiiKind kind) : Attribute
{
    public PiiKind Kind { get; } = kind;
}

/// <summary>Shared length limits so columns and validation agree.</summary>
public static class Lengths
{
    public const int Code = 32;
    public const int Name = 100;
    public const int LongName = 200;
    public const int Text = 2000;
    public const int LongText = 20000;
}

/// <summary>A Chinese display name for an entity type, used in audit rows and messages.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DisplayNameZhAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

internal static class ValidationHelpers
{
    public static bool Has(this string? s) => !string.IsNullOrWhiteSpace(s);

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(s))]
    public static string? Clean(this string? s) => s is null ? null : (s.Trim() is { Length: > 0 } t ? t : null);

    public static ValidationResult? Required(string? v, string label) =>
        string.IsNullOrWhiteSpace(v) ? new ValidationResult($"{label}不能为空") : null;
}
