using Kexie.Web.Modules.WorkPlans.Features;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Jobs;
using Kexie.Web.Platform.Web;

namespace Kexie.Web.Modules.WorkPlans;

/// <summary>工作要点 → 重点任务 → 督办 → 年度综述: the module's wiring.</summary>
public static class WorkPlansModule
{
    public static WebApplicationBuilder AddWorkPlans(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddPermissions(WorkPlansPermissions.All);
        s.AddScoped<ParseWorkPlan>();
        s.AddScoped<ImportPlan>();
        s.AddScoped<GetPlanDraft>();
        s.AddScoped<EditPlanDraft>();
        s.AddScoped<ActivatePlan>();
        s.AddScoped<ListPlans>();
        s.AddScoped<TargetProgress>();
        s.AddScoped<ListTasks>();
        s.AddScoped<GetTask>();
        s.AddScoped<AssignTask>();
        s.AddScoped<ReportProgress>();
        s.AddScoped<IssueNotice>();
        s.AddScoped<AnswerNotice>();
        s.AddScoped<SubmitCompletion>();
        s.AddScoped<GradeTask>();
        s.AddScoped<BindTarget>();
        s.AddScoped<ReportCoProgress>();
        s.AddScoped<CompleteMilestone>();
        s.AddScoped<PlanEvaluations>();
        s.AddScoped<GetPlanDashboard>();
        s.AddScoped<ExportTaskRegister>();
        s.AddScoped<AnnualReview>();
        s.AddRecurringJob<DeadlineReminders>();
        s.AddScoped<IDashboardTiles, WorkPlanTiles>();
        s.AddScoped<Platform.Demo.DemoSeeder.IModuleSeeder, WorkPlansDemoSeeder>();
        s.AddNav(
            new NavItem("工作要点", "工作要点", "/workplans", WorkPlansPermissions.View, 200, "☑"),
            new NavItem("工作要点", "重点任务", "/workplans/tasks", WorkPlansPermissions.View, 201, "✓"));
        return builder;
    }

    public static WebApplication MapWorkPlans(this WebApplication app)
    {
        app.MapWorkPlansApi();
        app.MapWorkPlansFormEndpoints();
        return app;
    }

    public const string ReviewDocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
}
