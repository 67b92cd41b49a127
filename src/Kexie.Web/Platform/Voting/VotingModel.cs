using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Web.Platform.Voting;

public enum VoteStatus
{
    Accepted,

    /// <summary>Flagged (a burst from one network): held out of the public count until a reviewer decides.</summary>
    Held,

    Rejected,
}

public enum BallotState
{
    NotOpen,
    Open,
    Closed,
}

/// <summary>A public vote (网络投票) opened by a module: options, window, per-day rule and how voters identify.</summary>
public sealed class Ballot : Entity, IOrgScoped, IVersioned
{
    public Guid OrganisationId { get; set; }
    public string SourceModule { get; set; } = "";
    public string SourceRef { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public DateTime OpensAt { get; set; }
    public DateTime ClosesAt { get; set; }

    /// <summary>Votes one voter may cast per (China) calendar day.</summary>
    public int VotesPerDay { get; set; } = 1;

    /// <summary>Whether one voter may vote for the same option more than once on one day.</summary>
    public bool AllowSameOptionTwice { get; set; }

    public bool AllowAccount { get; set; } = true;
    public bool AllowPhone { get; set; } = true;
    public int Version { get; set; }
}

public sealed class BallotOption : Entity
{
    public Guid BallotId { get; set; }
    public int Seq { get; set; }
    public string Label { get; set; } = "";
    public string? ExternalRef { get; set; }

    /// <summary>Accepted votes: incremented in the transaction that inserts (or accepts) a vote, so it always equals the accepted rows.</summary>
    public int AcceptedCount { get; set; }
}

/// <summary>One vote. The per-day rule is two unique indexes, so parallel duplicates are refused by the database.</summary>
[NotAudited("high volume; votes are counted rows, reviews of held votes are audited as events")]
public sealed class Vote
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BallotId { get; set; }
    public Guid OptionId { get; set; }

    /// <summary>"u:{user id}" or "p:{HMAC of the verified phone}".</summary>
    public string VoterKey { get; set; } = "";

    /// <summary>The voter's day (China time).</summary>
    public DateOnly Day { get; set; }

    /// <summary>1..VotesPerDay: unique per voter and day, so no more than VotesPerDay votes a day.</summary>
    public int Slot { get; set; }

    /// <summary>The option id, or option id + slot when the same option may be chosen twice: unique per voter and day.</summary>
    public string DistinctKey { get; set; } = "";

    public VoteStatus Status { get; set; }

    /// <summary>The client's /24 (IPv4) or /48 (IPv6) network, for burst review (not the full address).</summary>
    public string Network { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public string? ReviewedByName { get; set; }
}

/// <summary>A phone verification code (stored as an HMAC), with expiry and attempt counter.</summary>
[NotAudited("short-lived verification codes; the votes they enable are recorded")]
public sealed class PhoneCode
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string PhoneHash { get; set; } = "";
    public string CodeHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? ConsumedAt { get; set; }
}

/// <summary>A message written by the development SMS sender (no gateway configured): shown on /admin/sms-outbox.</summary>
[NotAudited("development outbox")]
public sealed class SmsOutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string PhoneMasked { get; set; } = "";
    public string Message { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

internal sealed class BallotConfiguration : IEntityTypeConfiguration<Ballot>
{
    public void Configure(EntityTypeBuilder<Ballot> e)
    {
        e.ToTable("vote_ballots");
        e.Property(x => x.SourceModule).HasMaxLength(Lengths.Code).IsRequired();
        e.Property(x => x.SourceRef).HasMaxLength(Lengths.Name).IsRequired();
        e.Property(x => x.Title).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(x => x.Description).HasMaxLength(Lengths.Text);
        e.HasIndex(x => new { x.SourceModule, x.SourceRef });
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BallotOptionConfiguration : IEntityTypeConfiguration<BallotOption>
{
    public void Configure(EntityTypeBuilder<BallotOption> e)
    {
        e.ToTable("vote_options");
        e.Property(x => x.Label).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(x => x.ExternalRef).HasMaxLength(Lengths.Name);
        e.HasIndex(x => new { x.BallotId, x.Seq }).IsUnique();
        e.HasOne<Ballot>().WithMany().HasForeignKey(x => x.BallotId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VoteConfiguration : IEntityTypeConfiguration<Vote>
{
    public void Configure(EntityTypeBuilder<Vote> e)
    {
        e.ToTable("vote_votes");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.VoterKey).HasMaxLength(100).IsRequired();
        e.Property(x => x.DistinctKey).HasMaxLength(60).IsRequired();
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Network).HasMaxLength(64).IsRequired();
        e.Property(x => x.ReviewedByName).HasMaxLength(Lengths.Name);
        e.HasIndex(x => new { x.BallotId, x.VoterKey, x.Day, x.Slot }).IsUnique();
        e.HasIndex(x => new { x.BallotId, x.VoterKey, x.Day, x.DistinctKey }).IsUnique();
        e.HasIndex(x => new { x.BallotId, x.Status, x.OptionId });
        e.HasOne<Ballot>().WithMany().HasForeignKey(x => x.BallotId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<BallotOption>().WithMany().HasForeignKey(x => x.OptionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PhoneCodeConfiguration : IEntityTypeConfiguration<PhoneCode>
{
    public void Configure(EntityTypeBuilder<PhoneCode> e)
    {
        e.ToTable("vote_phone_codes");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.PhoneHash).HasMaxLength(100).IsRequired();
        e.Property(x => x.CodeHash).HasMaxLength(100).IsRequired();
        e.HasIndex(x => new { x.PhoneHash, x.CreatedAt });
    }
}

internal sealed class SmsOutboxConfiguration : IEntityTypeConfiguration<SmsOutboxMessage>
{
    public void Configure(EntityTypeBuilder<SmsOutboxMessage> e)
    {
        e.ToTable("sms_outbox");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.PhoneMasked).HasMaxLength(20).IsRequired();
        e.Property(x => x.Message).HasMaxLength(500).IsRequired();
        e.HasIndex(x => x.CreatedAt);
    }
}

public static class VotingPermissions
{
    public const string Review = "platform.voting.review";
    public const string SmsOutbox = "platform.sms.outbox";

    public static IEnumerable<PermissionDefinition> All =>
    [
        new(Review, "平台", "网络投票：查看投票与审核异常票", "Review flagged votes", RoleNames.Managers),
        new(SmsOutbox, "平台", "查看开发用短信发件箱", "View the development SMS outbox", [RoleNames.SystemAdmin]),
    ];
}
