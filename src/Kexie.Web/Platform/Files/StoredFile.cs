using Kexie.Web.Platform.Data;

namespace Kexie.Web.Platform.Files;

/// <summary>
/// Metadata of an uploaded file. The bytes live behind <see cref="IFileStorage"/> under
/// <see cref="StorageKey"/>, a generated name: the user's file name is never used as a path.
/// </summary>
[DisplayNameZh("附件")]
public sealed class StoredFile : Entity, IUserOwned
{
    public Guid OrganisationId { get; set; }
    public Guid? OwnerUserId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public string StorageKey { get; set; } = "";

    /// <summary>Files anyone may download (photos of published activities, public notices).</summary>
    public bool IsPublic { get; set; }

    /// <summary>What the file is attached to, e.g. "Activity".</summary>
    public string? Purpose { get; set; }
}
