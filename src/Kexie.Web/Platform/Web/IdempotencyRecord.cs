using Kexie.Web.Platform.Data;

namespace Kexie.Web.Platform.Web;

/// <summary>The first answer to a request carrying an Idempotency-Key (or a form token); a repeat replays it.</summary>
[NotAudited("replay cache; the request itself is audited by what it changed")]
public sealed class IdempotencyRecord
{
    public string Key { get; set; } = "";
    public Guid? UserId { get; set; }
    public string RequestHash { get; set; } = "";
    public int StatusCode { get; set; }
    public string? ResponseBody { get; set; }
    public string? Location { get; set; }
    public DateTime CreatedAt { get; set; }
}
