using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Web.Modules.Awards.Data;

internal sealed class AwardCallConfiguration : IEntityTypeConfiguration<AwardCall>
{
    public void Configure(EntityTypeBuilder<AwardCall> e)
    {
        e.ToTable("aw_calls");
        e.Property(c => c.Name).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(c => c.Edition).HasMaxLength(Lengths.Code);
        e.Property(c => c.TemplateKey).HasMaxLength(Lengths.Code);
        e.Property(c => c.ConfigJson).HasMaxLength(Lengths.LongText).IsRequired();
        e.Property(c => c.Status).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(c => c.Notice).HasMaxLength(Lengths.Text);
        e.Property(c => c.ChairConfirmedBy).HasMaxLength(Lengths.Name);
        e.Property(c => c.ChairNote).HasMaxLength(Lengths.Text);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.Ignore(c => c.Config);
        e.Ignore(c => c.Title);
        e.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganiserId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.Year, c.Status });
    }
}

internal sealed class AwardQuotaConfiguration : IEntityTypeConfiguration<AwardQuota>
{
    public void Configure(EntityTypeBuilder<AwardQuota> e)
    {
        e.ToTable("aw_quotas", t => t.HasCheckConstraint("ck_aw_quotas_used", "used >= 0 AND used <= quota"));
        e.HasIndex(q => new { q.CallId, q.UnitId }).IsUnique();
        e.HasOne<AwardCall>().WithMany().HasForeignKey(q => q.CallId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Organisation>().WithMany().HasForeignKey(q => q.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AwardEntryConfiguration : IEntityTypeConfiguration<AwardEntry>
{
    public void Configure(EntityTypeBuilder<AwardEntry> e)
    {
        e.ToTable("aw_entries");
        e.Property(x => x.Title).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(x => x.Category).HasMaxLength(Lengths.Name);
        e.Property(x => x.ApplicantName).HasMaxLength(Lengths.Name).IsRequired();
        e.Property(x => x.ApplicantUnit).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(x => x.ValuesJson).HasMaxLength(Lengths.LongText).IsRequired();
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(x => x.ReturnReason).HasMaxLength(Lengths.Text);
        e.Property(x => x.RejectReason).HasMaxLength(Lengths.Text);
        e.Property(x => x.RecommendedBy).HasMaxLength(Lengths.Name);
        e.Property(x => x.CheckedBy).HasMaxLength(Lengths.Name);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<AwardCall>().WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CallId, x.Status });
        e.HasIndex(x => x.OrganisationId);
        e.HasIndex(x => x.OwnerUserId);
    }
}

internal sealed class AwardRoundConfiguration : IEntityTypeConfiguration<AwardRound>
{
    public void Configure(EntityTypeBuilder<AwardRound> e)
    {
        e.ToTable("aw_rounds");
        e.Property(x => x.Name).HasMaxLength(Lengths.Name).IsRequired();
        e.Property(x => x.Method).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(x => x.FormJson).HasMaxLength(Lengths.LongText).IsRequired();
        e.Property(x => x.TieOrderJson).HasMaxLength(Lengths.LongText);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.Form);
        e.HasOne<AwardCall>().WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CallId, x.No }).IsUnique();
    }
}

internal sealed class AwardReviewerConfiguration : IEntityTypeConfiguration<AwardReviewer>
{
    public void Configure(EntityTypeBuilder<AwardReviewer> e)
    {
        e.ToTable("aw_reviewers");
        e.Property(x => x.Name).HasMaxLength(Lengths.Name).IsRequired();
        e.Property(x => x.Employer).HasMaxLength(Lengths.LongName);
        e.HasOne<AwardRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.RoundId, x.UserId });
    }
}

internal sealed class AwardAssignmentConfiguration : IEntityTypeConfiguration<AwardAssignment>
{
    public void Configure(EntityTypeBuilder<AwardAssignment> e)
    {
        e.ToTable("aw_assignments");
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(x => x.ScoresJson).HasMaxLength(Lengths.Text);
        e.Property(x => x.Total).HasPrecision(12, 4);
        e.Property(x => x.Comment).HasMaxLength(Lengths.Text);
        e.Property(x => x.ConflictReason).HasMaxLength(Lengths.Text);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<AwardRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AwardEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AwardReviewer>().WithMany().HasForeignKey(x => x.ReviewerId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.RoundId, x.EntryId, x.ReviewerId }).IsUnique();
        e.HasIndex(x => new { x.ReviewerUserId, x.Status });
    }
}

internal sealed class AwardResultConfiguration : IEntityTypeConfiguration<AwardResult>
{
    public void Configure(EntityTypeBuilder<AwardResult> e)
    {
        e.ToTable("aw_results");
        e.Property(x => x.Category).HasMaxLength(Lengths.Name);
        e.Property(x => x.Score).HasPrecision(14, 6);
        e.Property(x => x.ExpertScore).HasPrecision(14, 6);
        e.Property(x => x.Tier).HasMaxLength(Lengths.Name);
        e.Property(x => x.Grade).HasMaxLength(Lengths.Code);
        e.Property(x => x.TieNote).HasMaxLength(Lengths.LongName);
        e.Property(x => x.CertificateSerial).HasMaxLength(Lengths.Code);
        e.HasOne<AwardRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AwardEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.RoundId, x.EntryId }).IsUnique();
        e.HasIndex(x => new { x.CallId, x.Tier });
    }
}
