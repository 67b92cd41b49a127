using Kexie.Web.Modules.WorkPlans.Domain;
using Kexie.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Web.Modules.WorkPlans.Data;

internal sealed class WorkPlanConfiguration : IEntityTypeConfiguration<WorkPlan>
{
    public void Configure(EntityTypeBuilder<WorkPlan> e)
    {
        e.ToTable("wp_plans");
        e.Property(p => p.Title).HasMaxLength(Lengths.LongName);
        e.Property(p => p.SourceFileName).HasMaxLength(Lengths.LongName);
        e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(p => p.Status).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.HasIndex(p => new { p.OrganisationId, p.Year });
    }
}

internal sealed class WorkTaskConfiguration : IEntityTypeConfiguration<WorkTask>
{
    public void Configure(EntityTypeBuilder<WorkTask> e)
    {
        e.ToTable("wp_tasks");
        e.Property(t => t.PlanTitle).HasMaxLength(Lengths.LongName);
        e.Property(t => t.PartTitle).HasMaxLength(Lengths.LongName);
        e.Property(t => t.Path).HasMaxLength(Lengths.Code);
        e.Property(t => t.Title).HasMaxLength(Lengths.Text);
        e.Property(t => t.Body).HasMaxLength(Lengths.LongText);
        e.Property(t => t.UnitsAsWritten).HasMaxLength(Lengths.Text);
        e.Property(t => t.CoUnits).HasMaxLength(Lengths.Text);
        e.Property(t => t.LeadPerson).HasMaxLength(Lengths.Name);
        e.Property(t => t.GradeComment).HasMaxLength(Lengths.Text);
        e.Property(t => t.Rhythm).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(t => t.Status).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(t => t.Grade).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.HasOne<WorkPlan>().WithMany().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(t => new { t.PlanId, t.SortOrder });
        e.HasIndex(t => new { t.OrganisationId, t.Deadline });
    }
}

internal sealed class WorkTargetConfiguration : IEntityTypeConfiguration<WorkTarget>
{
    public void Configure(EntityTypeBuilder<WorkTarget> e)
    {
        e.ToTable("wp_targets");
        e.Property(t => t.Subject).HasMaxLength(Lengths.LongName);
        e.Property(t => t.Unit).HasMaxLength(Lengths.Code);
        e.Property(t => t.Text).HasMaxLength(Lengths.LongName);
        e.Property(t => t.MetricKey).HasMaxLength(Lengths.Name);
        e.Property(t => t.MetricParameters).HasMaxLength(Lengths.LongName);
        e.Property(t => t.Bound).HasConversion<string>().HasMaxLength(Lengths.Code);
        e.Property(t => t.Value).HasPrecision(18, 2);
        e.Property(t => t.Upper).HasPrecision(18, 2);
        e.Property(t => t.ManualActual).HasPrecision(18, 2);
        e.HasOne<WorkTask>().WithMany().HasForeignKey(t => t.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(t => t.PlanId);
    }
}

internal sealed class WorkMilestoneConfiguration : IEntityTypeConfiguration<WorkMilestone>
{
    public void Configure(EntityTypeBuilder<WorkMilestone> e)
    {
        e.ToTable("wp_milestones");
        e.Property(m => m.Title).HasMaxLength(Lengths.LongName);
        e.Property(m => m.DoneBy).HasMaxLength(Lengths.Name);
        e.Property(m => m.DoneNote).HasMaxLength(Lengths.Text);
        e.HasOne<WorkTask>().WithMany().HasForeignKey(m => m.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(m => new { m.TaskId, m.Due });
    }
}

internal sealed class WorkTaskCoUnitConfiguration : IEntityTypeConfiguration<WorkTaskCoUnit>
{
    public void Configure(EntityTypeBuilder<WorkTaskCoUnit> e)
    {
        e.ToTable("wp_task_co_units");
        e.HasOne<WorkTask>().WithMany().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => new { c.TaskId, c.OrganisationId }).IsUnique();
        e.HasIndex(c => new { c.OrganisationId, c.PlanId });
    }
}

internal sealed class CoUnitReportConfiguration : IEntityTypeConfiguration<CoUnitReport>
{
    public void Configure(EntityTypeBuilder<CoUnitReport> e)
    {
        e.ToTable("wp_co_unit_reports");
        e.Property(r => r.Period).HasMaxLength(Lengths.Code);
        e.Property(r => r.Text).HasMaxLength(Lengths.Text);
        e.Property(r => r.ReportedBy).HasMaxLength(Lengths.Name);
        e.HasOne<WorkTask>().WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.TaskId, r.OrganisationId, r.Period }).IsUnique();
    }
}

internal sealed class PlanEvaluationConfiguration : IEntityTypeConfiguration<PlanEvaluation>
{
    public void Configure(EntityTypeBuilder<PlanEvaluation> e)
    {
        e.ToTable("wp_evaluations");
        e.Property(x => x.Title).HasMaxLength(Lengths.LongName);
        e.Property(x => x.Conclusion).HasMaxLength(Lengths.LongText);
        e.Property(x => x.CreatedBy).HasMaxLength(Lengths.Name);
        e.HasOne<WorkPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.PlanId, x.AsOf });
    }
}

internal sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> e)
    {
        e.ToTable("wp_progress_reports");
        e.Property(r => r.Period).HasMaxLength(Lengths.Code);
        e.Property(r => r.Text).HasMaxLength(Lengths.Text);
        e.Property(r => r.FileIds).HasMaxLength(Lengths.Text);
        e.Property(r => r.ReportedBy).HasMaxLength(Lengths.Name);
        e.HasOne<WorkTask>().WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.TaskId, r.ReportedAt });
    }
}

internal sealed class SupervisionNoticeConfiguration : IEntityTypeConfiguration<SupervisionNotice>
{
    public void Configure(EntityTypeBuilder<SupervisionNotice> e)
    {
        e.ToTable("wp_supervision_notices");
        e.Property(n => n.Text).HasMaxLength(Lengths.Text);
        e.Property(n => n.Answer).HasMaxLength(Lengths.Text);
        e.Property(n => n.IssuedBy).HasMaxLength(Lengths.Name);
        e.Property(n => n.AnsweredBy).HasMaxLength(Lengths.Name);
        e.HasOne<WorkTask>().WithMany().HasForeignKey(n => n.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(n => n.TaskId);
    }
}
