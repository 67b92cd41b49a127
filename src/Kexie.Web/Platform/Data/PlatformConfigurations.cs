using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Dictionaries;
using Kexie.Web.Platform.Files;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Jobs;
using Kexie.Web.Platform.Notifications;
using Kexie.Web.Platform.Organisations;
using Kexie.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Web.Platform.Data;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> e)
    {
        e.ToTable("org_organisations");
        e.Property(o => o.Name).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(o => o.ShortName).HasMaxLength(Lengths.Name);
        e.Property(o => o.Type).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(o => o.RegionCode).HasMaxLength(12).IsRequired();
        e.Property(o => o.CreditCode).HasMaxLength(18);
        e.Property(o => o.ContactPerson).HasMaxLength(Lengths.Name);
        e.Property(o => o.ContactPhone).HasMaxLength(Lengths.Code);
        e.Property(o => o.Address).HasMaxLength(Lengths.LongName);
        e.Property(o => o.DeactivationReason).HasMaxLength(Lengths.Text);
        e.HasOne<Organisation>().WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(o => new { o.ParentId, o.SortOrder });
        e.HasIndex(o => o.RegionCode);
        e.HasIndex(o => o.Name);
        e.HasIndex(o => o.Type);
        // Lets a scoped count walk ids with the active flag from the index alone (index-only merge join with the closure).
        e.HasIndex(o => new { o.Id, o.IsActive });
    }
}

internal sealed class OrganisationClosureConfiguration : IEntityTypeConfiguration<OrganisationClosure>
{
    public void Configure(EntityTypeBuilder<OrganisationClosure> e)
    {
        e.ToTable("org_closure");
        e.HasKey(c => new { c.AncestorId, c.DescendantId });
        e.HasIndex(c => c.DescendantId);
        // The data-scope probe (ancestor, descendant, distance ≤ n) answered from the index alone, for every scoped table.
        e.HasIndex(c => new { c.AncestorId, c.DescendantId, c.Distance });
        // The count of a scope's active organisations, from the index alone.
        e.HasIndex(c => new { c.AncestorId, c.DescendantInactive, c.Distance });
        // No foreign key on AncestorId: the virtual root (all-zero id) is an ancestor but not an organisation.
        e.HasOne<Organisation>().WithMany().HasForeignKey(c => c.DescendantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> e)
    {
        e.ToTable("org_regions");
        e.HasKey(r => r.Code);
        e.Property(r => r.Code).HasMaxLength(12);
        e.Property(r => r.Name).HasMaxLength(Lengths.Name).IsRequired();
        e.Property(r => r.ParentCode).HasMaxLength(12);
        e.Property(r => r.Level).HasConversion<int>();
        e.HasIndex(r => r.ParentCode);
    }
}

internal sealed class SanZhangPostConfiguration : IEntityTypeConfiguration<SanZhangPost>
{
    public void Configure(EntityTypeBuilder<SanZhangPost> e)
    {
        e.ToTable("org_san_zhang_posts");
        e.Property(p => p.PersonName).HasMaxLength(Lengths.Name).IsRequired();
        e.Property(p => p.UnitName).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(p => p.Post).HasMaxLength(Lengths.Name).IsRequired();
        e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => p.OrganisationId);
    }
}

internal sealed class CoverageUnitConfiguration : IEntityTypeConfiguration<CoverageUnit>
{
    public void Configure(EntityTypeBuilder<CoverageUnit> e)
    {
        e.ToTable("org_coverage_units");
        e.Property(p => p.Name).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(p => p.RegionCode).HasMaxLength(12).IsRequired();
        e.Property(p => p.Note).HasMaxLength(Lengths.Text);
        e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organisation>().WithMany().HasForeignKey(p => p.AssociationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => p.OrganisationId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("audit_entries");
        e.HasKey(a => a.Seq);
        e.Property(a => a.Seq).ValueGeneratedNever();
        e.Property(a => a.ActorName).HasMaxLength(Lengths.Name);
        e.Property(a => a.Ip).HasMaxLength(64);
        e.Property(a => a.Action).HasMaxLength(Lengths.Code);
        e.Property(a => a.EntityType).HasMaxLength(Lengths.Name);
        e.Property(a => a.EntityId).HasMaxLength(Lengths.LongName);
        e.Property(a => a.Summary).HasMaxLength(Lengths.Text);
        e.Property(a => a.PrevHash).HasMaxLength(64);
        e.Property(a => a.Hash).HasMaxLength(64);
        e.HasIndex(a => a.At);
        e.HasIndex(a => new { a.EntityType, a.EntityId });
        e.HasIndex(a => a.ActorUserId);
        e.HasIndex(a => a.Action);
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> e)
    {
        e.ToTable("file_stored_files");
        e.Property(f => f.FileName).HasMaxLength(255).IsRequired();
        e.Property(f => f.ContentType).HasMaxLength(Lengths.Name);
        e.Property(f => f.Sha256).HasMaxLength(64);
        e.Property(f => f.StorageKey).HasMaxLength(Lengths.LongName);
        e.Property(f => f.Purpose).HasMaxLength(Lengths.Name);
        e.HasIndex(f => f.OrganisationId);
    }
}

internal sealed class BackgroundJobConfiguration : IEntityTypeConfiguration<BackgroundJob>
{
    public void Configure(EntityTypeBuilder<BackgroundJob> e)
    {
        e.ToTable("job_jobs");
        e.Property(j => j.Type).HasMaxLength(Lengths.Name);
        e.Property(j => j.Title).HasMaxLength(Lengths.LongName);
        e.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(j => j.Message).HasMaxLength(Lengths.Text);
        e.Property(j => j.LeaseOwner).HasMaxLength(Lengths.Name);
        e.HasIndex(j => new { j.Status, j.CreatedAt });
        e.HasIndex(j => j.CreatedByUserId);
    }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> e)
    {
        e.ToTable("job_leases");
        e.HasKey(l => l.Name);
        e.Property(l => l.Name).HasMaxLength(Lengths.Name);
        e.Property(l => l.Owner).HasMaxLength(Lengths.Name);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.ToTable("ntf_notifications");
        e.Property(n => n.Title).HasMaxLength(Lengths.LongName);
        e.Property(n => n.Body).HasMaxLength(Lengths.Text);
        e.Property(n => n.Link).HasMaxLength(Lengths.LongName);
        e.HasIndex(n => new { n.UserId, n.ReadAt });
    }
}

internal sealed class DictionaryItemConfiguration : IEntityTypeConfiguration<DictionaryItem>
{
    public void Configure(EntityTypeBuilder<DictionaryItem> e)
    {
        e.ToTable("dict_items");
        e.Property(d => d.Category).HasMaxLength(Lengths.Code);
        e.Property(d => d.Code).HasMaxLength(Lengths.Code);
        e.Property(d => d.Name).HasMaxLength(Lengths.Name).IsRequired();
        e.Property(d => d.NameEn).HasMaxLength(Lengths.Name);
        e.Property(d => d.ParentCode).HasMaxLength(Lengths.Code);
        e.HasIndex(d => new { d.Category, d.Code }).IsUnique();
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> e)
    {
        e.ToTable("id_sessions");
        e.Property(s => s.UserName).HasMaxLength(256);
        e.Property(s => s.Ip).HasMaxLength(64);
        e.Property(s => s.UserAgent).HasMaxLength(512);
        e.Property(s => s.EndReason).HasMaxLength(Lengths.Name);
        e.HasIndex(s => new { s.EndedAt, s.LastSeenAt });
        e.HasIndex(s => s.UserId);
    }
}

internal sealed class PermissionSeedConfiguration : IEntityTypeConfiguration<PermissionSeed>
{
    public void Configure(EntityTypeBuilder<PermissionSeed> e)
    {
        e.ToTable("id_permission_seeds");
        e.HasKey(p => p.Permission);
        e.Property(p => p.Permission).HasMaxLength(Lengths.Name);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> e)
    {
        e.ToTable("plat_idempotency");
        e.HasKey(i => i.Key);
        e.Property(i => i.Key).HasMaxLength(Lengths.LongName);
        e.Property(i => i.RequestHash).HasMaxLength(64);
        e.Property(i => i.Location).HasMaxLength(Lengths.LongName);
        e.HasIndex(i => i.CreatedAt);
    }
}
