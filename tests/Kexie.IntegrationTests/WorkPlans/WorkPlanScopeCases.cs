using System.Net;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Modules.WorkPlans.Domain;
using Kexie.Web.Modules.WorkPlans.Parsing;

namespace Kexie.IntegrationTests.WorkPlans;

/// <summary>
/// Data-scope probes for the work plan routes: a plan owned by 云岭县科协 with a task of one of its towns.
/// 秦川区's county admin may view and report (404 for records outside its scope) but not manage plans (403).
/// </summary>
public sealed class WorkPlanScopeCases : IScopeWalkCases
{
    public async Task<IEnumerable<ScopeCase>> ArrangeAsync(ScopeWalkContext ctx)
    {
        var db = ctx.Db;
        var plan = new WorkPlan { OrganisationId = ctx.YunlingCounty.Id, Title = "云岭县科协工作要点", Year = 2026, Kind = WorkPlanDocumentKind.Plan, Status = WorkPlanStatus.Active, OriginalText = "x" };
        var task = new WorkTask { OrganisationId = ctx.YunlingTown.Id, PlanId = plan.Id, PlanOrganisationId = plan.OrganisationId, PlanYear = 2026, PlanTitle = plan.Title, Title = "镇科协任务", Deadline = new DateOnly(2026, 12, 31) };
        var target = new WorkTarget { OrganisationId = ctx.YunlingTown.Id, TaskId = task.Id, PlanId = plan.Id, Subject = "活动", Value = 5, Unit = "场" };
        var notice = new SupervisionNotice { OrganisationId = ctx.YunlingTown.Id, TaskId = task.Id, Text = "请加快", AnswerBy = new DateOnly(2026, 12, 1), IssuedBy = "x", IssuedAt = db.UtcNow };
        var milestone = new WorkMilestone { OrganisationId = ctx.YunlingTown.Id, TaskId = task.Id, Title = "完成方案", Due = new DateOnly(2026, 6, 30) };
        var evaluation = new PlanEvaluation { OrganisationId = ctx.YunlingCounty.Id, PlanId = plan.Id, Title = "中期评估", AsOf = new DateOnly(2026, 6, 30), CreatedBy = "x" };
        db.AddRange(plan, task, target, notice, milestone, evaluation);
        await db.SaveChangesAsync();

        var p = $"/api/v1/workplans/{plan.Id}";
        var t = $"/api/v1/workplans/tasks/{task.Id}";
        return
        [
            new("GET /api/v1/workplans/{id:guid}", HttpMethod.Get, p, null, HttpStatusCode.NotFound),
            new("GET /api/v1/workplans/{id:guid}/dashboard", HttpMethod.Get, $"{p}/dashboard", null, HttpStatusCode.NotFound),
            new("GET /api/v1/workplans/{id:guid}/register", HttpMethod.Get, $"{p}/register", null, HttpStatusCode.NotFound),
            new("GET /api/v1/workplans/{id:guid}/review", HttpMethod.Get, $"{p}/review", null, HttpStatusCode.NotFound),
            new("GET /api/v1/workplans/{id:guid}/review.docx", HttpMethod.Get, $"{p}/review.docx", null, HttpStatusCode.NotFound),
            new("POST /api/v1/workplans/{id:guid}/draft", HttpMethod.Post, $"{p}/draft", new { no = 1, operation = "Drop", version = 0 }, HttpStatusCode.Forbidden),
            new("POST /api/v1/workplans/{id:guid}/activate", HttpMethod.Post, $"{p}/activate", new { version = 0 }, HttpStatusCode.Forbidden),
            new("POST /api/v1/workplans/{id:guid}/review/generate", HttpMethod.Post, $"{p}/review/generate", new { version = 0 }, HttpStatusCode.Forbidden),
            new("PUT /api/v1/workplans/{id:guid}/review", HttpMethod.Put, $"{p}/review", new { paragraphs = Array.Empty<string>(), version = 0 }, HttpStatusCode.Forbidden),
            new("POST /api/v1/workplans/{id:guid}/review/finalise", HttpMethod.Post, $"{p}/review/finalise", new { version = 0 }, HttpStatusCode.Forbidden),
            new("GET /api/v1/workplans/tasks/{id:guid}", HttpMethod.Get, t, null, HttpStatusCode.NotFound),
            new("PUT /api/v1/workplans/tasks/{id:guid}/assignment", HttpMethod.Put, $"{t}/assignment",
                new { organisationId = ctx.QinchuanCounty.Id, deadline = "2026-12-31", rhythm = "Monthly", version = 0 }, HttpStatusCode.Forbidden),
            new("POST /api/v1/workplans/tasks/{id:guid}/progress", HttpMethod.Post, $"{t}/progress", new { text = "x", percent = 10 }, HttpStatusCode.NotFound),
            new("POST /api/v1/workplans/tasks/{id:guid}/notices", HttpMethod.Post, $"{t}/notices", new { text = "x", answerBy = "2099-01-01" }, HttpStatusCode.Forbidden),
            new("POST /api/v1/workplans/tasks/{id:guid}/complete", HttpMethod.Post, $"{t}/complete", new { version = 0 }, HttpStatusCode.NotFound),
            new("POST /api/v1/workplans/tasks/{id:guid}/grade", HttpMethod.Post, $"{t}/grade", new { grade = "Good", version = 0 }, HttpStatusCode.Forbidden),
            new("POST /api/v1/workplans/notices/{id:guid}/answer", HttpMethod.Post, $"/api/v1/workplans/notices/{notice.Id}/answer", new { answer = "x" }, HttpStatusCode.NotFound),
            new("POST /api/v1/workplans/tasks/{id:guid}/co-progress", HttpMethod.Post, $"{t}/co-progress", new { text = "x" }, HttpStatusCode.NotFound),
            new("POST /api/v1/workplans/milestones/{id:guid}/done", HttpMethod.Post, $"/api/v1/workplans/milestones/{milestone.Id}/done", new { note = "x" }, HttpStatusCode.NotFound),
            new("GET /api/v1/workplans/{id:guid}/evaluations", HttpMethod.Get, $"{p}/evaluations", null, HttpStatusCode.NotFound),
            new("POST /api/v1/workplans/{id:guid}/evaluations", HttpMethod.Post, $"{p}/evaluations", new { title = "x" }, HttpStatusCode.Forbidden),
            new("GET /api/v1/workplans/evaluations/{id:guid}", HttpMethod.Get, $"/api/v1/workplans/evaluations/{evaluation.Id}", null, HttpStatusCode.NotFound),
            new("PUT /api/v1/workplans/evaluations/{id:guid}/conclusion", HttpMethod.Put, $"/api/v1/workplans/evaluations/{evaluation.Id}/conclusion", new { conclusion = "x", version = 0 }, HttpStatusCode.Forbidden),
            new("GET /api/v1/workplans/evaluations/{id:guid}/export", HttpMethod.Get, $"/api/v1/workplans/evaluations/{evaluation.Id}/export", null, HttpStatusCode.NotFound),
            new("PUT /api/v1/workplans/targets/{id:guid}/binding", HttpMethod.Put, $"/api/v1/workplans/targets/{target.Id}/binding", new { manualActual = 1 }, HttpStatusCode.NotFound),
        ];
    }
}
