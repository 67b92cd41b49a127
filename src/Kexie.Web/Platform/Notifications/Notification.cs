using Kexie.Web.Platform.Data;

namespace Kexie.Web.Platform.Notifications;

/// <summary>An in-app message for one user.</summary>
[NotAudited("messages to users; the actions that raise them are audited")]
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public string Title { get; set; } = "";
    public string? Body { get; set; }
    public string? Link { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
