using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Web.Modules.Experts.Data;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public const string Table = "exp_people";

    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.ToTable(Table);
        e.Property(p => p.Name).HasMaxLength(Lengths.Name).IsRequired();
        e.Property(p => p.Gender).HasMaxLength(4);
        e.Property(p => p.IdNumberCipher).HasMaxLength(200);
        e.Property(p => p.IdNumberIndex).HasMaxLength(64);
        e.Property(p => p.IdNumberMasked).HasMaxLength(24);
        e.Property(p => p.PhoneCipher).HasMaxLength(200);
        e.Property(p => p.PhoneIndex).HasMaxLength(64);
        e.Property(p => p.PhoneMasked).HasMaxLength(Lengths.Code);
        e.Property(p => p.Employer).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(p => p.Title).HasMaxLength(Lengths.Code);
        e.Property(p => p.Education).HasMaxLength(Lengths.Code);
        e.Property(p => p.DisciplineCode).HasMaxLength(Lengths.Code);
        e.Property(p => p.IndustryCode).HasMaxLength(Lengths.Code);
        e.Property(p => p.RegionCode).HasMaxLength(12);
        e.Property(p => p.PoliticalStatus).HasMaxLength(Lengths.Code);
        e.Property(p => p.Honours).HasMaxLength(Lengths.Text);
        e.Property(p => p.Source).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(p => p.Status).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(p => p.StatusReason).HasMaxLength(Lengths.Text);
        e.Property(p => p.PoolStatus).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(p => p.PoolReason).HasMaxLength(Lengths.Text);
        e.Property(p => p.ExpertiseCodes).HasMaxLength(Lengths.LongName);
        e.Property(p => p.Keywords).HasMaxLength(Lengths.Text);
        e.Property(p => p.Bio).HasMaxLength(Lengths.Text);
        e.Property(p => p.Availability).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(p => p.SearchTokens).IsRequired();
        e.Ignore(p => p.KeywordList);
        e.Ignore(p => p.ExpertiseCodeList);
        e.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => p.IdNumberIndex).IsUnique();
        e.HasIndex(p => new { p.Name, p.PhoneIndex });
        e.HasIndex(p => p.PhoneIndex);
        e.HasIndex(p => new { p.OrganisationId, p.Status });
        e.HasIndex(p => p.OwnerUserId);
        e.HasIndex(p => new { p.PoolStatus, p.Availability });
        e.HasIndex(p => p.Employer);
    }
}

internal sealed class PersonRelationConfiguration : IEntityTypeConfiguration<PersonRelation>
{
    public void Configure(EntityTypeBuilder<PersonRelation> e)
    {
        e.ToTable("exp_relations");
        e.Property(r => r.Kind).HasMaxLength(Lengths.Code).IsRequired();
        e.Property(r => r.RelatedUnit).HasMaxLength(Lengths.LongName);
        e.Property(r => r.Note).HasMaxLength(Lengths.Text);
        e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => r.PersonId);
        e.HasIndex(r => r.RelatedPersonId);
    }
}

internal sealed class PanelConfiguration : IEntityTypeConfiguration<Panel>
{
    public void Configure(EntityTypeBuilder<Panel> e)
    {
        e.ToTable("exp_panels");
        e.Property(p => p.Title).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(p => p.SourceModule).HasMaxLength(Lengths.Code).IsRequired();
        e.Property(p => p.SourceRef).HasMaxLength(Lengths.Name);
        e.Property(p => p.CriteriaJson).HasMaxLength(Lengths.LongText).IsRequired();
        e.Property(p => p.CandidateFingerprint).HasMaxLength(64).IsRequired();
        e.Ignore(p => p.Order);
        e.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => new { p.OrganisationId, p.CreatedAt });
        e.HasIndex(p => new { p.SourceModule, p.SourceRef });
    }
}

internal sealed class PanelRunnerConfiguration : IEntityTypeConfiguration<PanelRunner>
{
    public void Configure(EntityTypeBuilder<PanelRunner> e)
    {
        e.ToTable("exp_panel_runners");
        e.HasOne<Panel>().WithMany().HasForeignKey(r => r.PanelId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.PanelId, r.UserId }).IsUnique();
        e.HasIndex(r => r.UserId);
    }
}

internal sealed class PanelMemberConfiguration : IEntityTypeConfiguration<PanelMember>
{
    public void Configure(EntityTypeBuilder<PanelMember> e)
    {
        e.ToTable("exp_panel_members");
        e.Property(m => m.Role).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(m => m.Status).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(m => m.DeclineReason).HasMaxLength(Lengths.Text);
        e.HasOne<Panel>().WithMany().HasForeignKey(m => m.PanelId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(m => new { m.PanelId, m.PersonId }).IsUnique();
        e.HasIndex(m => m.PersonId);
    }
}

internal sealed class ExpertUsageConfiguration : IEntityTypeConfiguration<ExpertUsage>
{
    public void Configure(EntityTypeBuilder<ExpertUsage> e)
    {
        e.ToTable("exp_usages");
        e.Property(u => u.Kind).HasMaxLength(Lengths.Code).IsRequired();
        e.Property(u => u.Title).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(u => u.SourceModule).HasMaxLength(Lengths.Code).IsRequired();
        e.Property(u => u.ProjectKey).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(u => u.RatingComment).HasMaxLength(Lengths.Text);
        e.HasOne<Person>().WithMany().HasForeignKey(u => u.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(u => new { u.PersonId, u.ProjectKey }).IsUnique();
        e.HasIndex(u => new { u.PersonId, u.UsedOn });
        e.HasIndex(u => u.OrganisationId);
    }
}

internal sealed class PersonClaimConfiguration : IEntityTypeConfiguration<PersonClaim>
{
    public void Configure(EntityTypeBuilder<PersonClaim> e)
    {
        e.ToTable("exp_claims");
        e.Property(c => c.Status).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(c => c.ClaimantName).HasMaxLength(Lengths.Name).IsRequired();
        e.Property(c => c.Reason).HasMaxLength(Lengths.Text);
        e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.OrganisationId, c.Status });
        e.HasIndex(c => new { c.PersonId, c.Status });
        e.HasIndex(c => c.OwnerUserId);
    }
}
