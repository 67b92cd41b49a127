using Kexie.Web.Modules.Kepu.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Web.Modules.Kepu.Data;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> e)
    {
        e.ToTable("kp_campaigns");
        e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(48);
        e.Property(c => c.Name).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(c => c.Theme).HasMaxLength(Lengths.LongName);
        e.Property(c => c.Description).HasMaxLength(Lengths.Text);
        e.HasIndex(c => new { c.Year, c.Kind });
        e.HasMany(c => c.Expected).WithOne().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignExpectedOrganisationConfiguration : IEntityTypeConfiguration<CampaignExpectedOrganisation>
{
    public void Configure(EntityTypeBuilder<CampaignExpectedOrganisation> e)
    {
        e.ToTable("kp_campaign_expected");
        e.HasKey(x => new { x.CampaignId, x.OrganisationId });
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> e)
    {
        e.ToTable("kp_activities", t => t.HasCheckConstraint("ck_kp_activities_county_code", "county_code = substr(region_code, 1, 6)"));
        e.Property(a => a.Title).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(a => a.Type).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(a => a.Audience).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(a => a.Status).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(a => a.RegionCode).HasMaxLength(12).IsRequired();
        e.Property(a => a.CountyCode).HasMaxLength(6).IsRequired();
        e.Property(a => a.Place).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(a => a.TimeNote).HasMaxLength(Lengths.Name);
        e.Property(a => a.Description).HasMaxLength(Lengths.Text);
        e.Property(a => a.Contact).HasMaxLength(Lengths.Name);
        e.Property(a => a.ReturnReason).HasMaxLength(Lengths.Text);
        e.Property(a => a.ReviewedByName).HasMaxLength(Lengths.Name);
        e.Property(a => a.Summary).HasMaxLength(Lengths.Text);
        e.Property(a => a.PhotoFileIds).HasMaxLength(Lengths.Text);
        e.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Campaign>().WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(a => new { a.Status, a.StartDate });
        e.HasIndex(a => new { a.OrganisationId, a.StartDate });
        e.HasIndex(a => new { a.CampaignId, a.Status });
        e.HasIndex(a => a.RegionCode);
        // The public portal lists published activities newest first (start date, then id, both descending), filtered by
        // campaign, county, type or dates (bench/Kexie.Bench/Kepu): partial indexes in the list's order, so a page is a
        // short backward index range scan and the capped count an index-only scan; the same SQL on both providers.
        e.HasIndex(a => new { a.StartDate, a.Id }).HasDatabaseName("ix_kp_activities_public_start").HasFilter(PublicFilter);
        e.HasIndex(a => new { a.CampaignId, a.StartDate, a.Id }).HasDatabaseName("ix_kp_activities_public_campaign").HasFilter(PublicFilter);
        e.HasIndex(a => new { a.CountyCode, a.StartDate, a.Id }).HasDatabaseName("ix_kp_activities_public_county").HasFilter(PublicFilter);
        e.HasIndex(a => new { a.Type, a.CountyCode, a.StartDate, a.Id }).HasDatabaseName("ix_kp_activities_public_type_county").HasFilter(PublicFilter);
    }

    private const string PublicFilter = "status IN ('Published', 'Completed')";
}

internal sealed class CountyMapConfiguration : IEntityTypeConfiguration<CountyMap>
{
    public void Configure(EntityTypeBuilder<CountyMap> e)
    {
        e.ToTable("kp_county_maps");
        e.Property(m => m.FileName).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(m => m.GeoJson).IsRequired();
        e.Property(m => m.Codes).HasMaxLength(Lengths.Text).IsRequired();
        e.Property(m => m.UploadedByName).HasMaxLength(Lengths.Name).IsRequired();
        e.HasIndex(m => m.CreatedAt);
    }
}

internal sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> e)
    {
        e.ToTable("kp_registrations");
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(r => r.Name).HasMaxLength(Lengths.Name).IsRequired();
        e.Property(r => r.PhoneCipher).HasMaxLength(200);
        e.Property(r => r.PhoneMasked).HasMaxLength(Lengths.Code);
        e.Property(r => r.PhoneHash).HasMaxLength(64);
        e.Property(r => r.Code).HasMaxLength(Lengths.Code).IsRequired();
        e.HasOne<Activity>().WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => r.Code).IsUnique();
        // One live registration per phone and activity, enforced by the database (same SQL on both providers).
        e.HasIndex(r => new { r.ActivityId, r.PhoneHash }).IsUnique().HasFilter("status <> 'Cancelled'");
        e.HasIndex(r => new { r.ActivityId, r.Status, r.Seq });
    }
}

internal sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> e)
    {
        e.ToTable("kp_venues");
        e.Property(v => v.Name).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(v => v.Kind).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(v => v.Level).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(v => v.Status).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(v => v.RegionCode).HasMaxLength(12).IsRequired();
        e.Property(v => v.Address).HasMaxLength(Lengths.LongName);
        e.Property(v => v.OpeningDays).HasMaxLength(Lengths.Name);
        e.HasOne<Organisation>().WithMany().HasForeignKey(v => v.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(v => new { v.OrganisationId, v.Kind });
    }
}

internal sealed class VenueVisitorMonthConfiguration : IEntityTypeConfiguration<VenueVisitorMonth>
{
    public void Configure(EntityTypeBuilder<VenueVisitorMonth> e)
    {
        e.ToTable("kp_venue_visitors");
        e.HasOne<Venue>().WithMany().HasForeignKey(v => v.VenueId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(v => new { v.VenueId, v.Month }).IsUnique();
    }
}

internal sealed class CaravanTourConfiguration : IEntityTypeConfiguration<CaravanTour>
{
    public void Configure(EntityTypeBuilder<CaravanTour> e)
    {
        e.ToTable("kp_caravan_tours");
        e.Property(t => t.Name).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(t => t.Route).HasMaxLength(Lengths.Text);
        e.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Campaign>().WithMany().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(t => t.Stops).WithOne().HasForeignKey(s => s.TourId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(t => new { t.OrganisationId, t.StartDate });
    }
}

internal sealed class CaravanStopConfiguration : IEntityTypeConfiguration<CaravanStop>
{
    public void Configure(EntityTypeBuilder<CaravanStop> e)
    {
        e.ToTable("kp_caravan_stops");
        e.Property(s => s.Place).HasMaxLength(Lengths.LongName).IsRequired();
        e.Property(s => s.RegionCode).HasMaxLength(12).IsRequired();
        e.HasIndex(s => new { s.TourId, s.Date });
    }
}
