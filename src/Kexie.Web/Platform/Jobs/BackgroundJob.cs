using Kexie.Web.Platform.Data;

namespace Kexie.Web.Platform.Jobs;

public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// A unit of long work (an import, an export, a report). Any instance may run it; the one that
/// holds the lease (<see cref="LeaseOwner"/> until <see cref="LeaseUntil"/>) does, and renews it
/// while it works. A crashed instance's job is picked up again when its lease runs out.
/// </summary>
[NotAudited("progress bookkeeping; the work a job does is audited where it changes records")]
public sealed class BackgroundJob
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Type { get; set; } = "";
    public string Title { get; set; } = "";
    public string ArgumentsJson { get; set; } = "{}";
    public JobStatus Status { get; set; }
    public int Progress { get; set; }
    public string? Message { get; set; }
    public string? ResultJson { get; set; }
    public Guid? ResultFileId { get; set; }
    public Guid? CreatedByUserId { get; set; }

    /// <summary>Snapshot of the requesting user, so the job acts with their permissions and data scope.</summary>
    public string? ActorJson { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public int Attempts { get; set; }
}

/// <summary>A named lease for singleton work (recurring reminders): one instance at a time.</summary>
[NotAudited("coordination between instances")]
public sealed class JobLease
{
    public string Name { get; set; } = "";
    public string Owner { get; set; } = "";
    public DateTime Until { get; set; }
    public DateTime? LastRunAt { get; set; }
}
