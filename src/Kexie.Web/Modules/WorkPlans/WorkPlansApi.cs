using Kexie.Web.Modules.WorkPlans.Domain;
using Kexie.Web.Modules.WorkPlans.Features;
using Kexie.Web.Modules.WorkPlans.Parsing;
using Kexie.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Modules.WorkPlans;

/// <summary>The work plan route table under /api/v1/workplans. Every route calls the same handler as its page.</summary>
public static class WorkPlansApi
{
    public sealed record ParseRequest(string? Text);

    public sealed record VersionBody(int Version);

    public sealed record ReviewTexts(IReadOnlyList<string> Paragraphs, int Version);

    public static void MapWorkPlansApi(this WebApplication app)
    {
        var api = app.MapApiGroup("/workplans", "工作要点 Work plans");

        api.MapPost("/parse", (ParseRequest r, ParseWorkPlan h) => TypedResults.Ok<ParsedWorkPlan>(h.Handle(r.Text)))
            .WithSummary("解析工作要点文本（不保存）：部分、条目、目标、责任单位、回顾数字");
        api.MapPost("/parse-file", async (IFormFile file, ParseWorkPlan h) =>
        {
            await using var s = file.OpenReadStream();
            return TypedResults.Ok<ParsedWorkPlan>(h.Handle(await PlanDocumentText.ReadAsync(s, file.FileName)));
        }).WithSummary("解析上传的 .txt/.docx（不保存）");
        api.MapGet("/", async (ListPlans h) => TypedResults.Ok(await h.HandleAsync())).WithSummary("工作要点列表");
        api.MapPost("/", async (ImportPlanRequest r, ImportPlan h) =>
        {
            var id = await h.HandleAsync(r);
            return TypedResults.Created($"/api/v1/workplans/{id}", new { id });
        }).WithSummary("导入工作要点（文本），生成待校对的草稿");
        api.MapPost("/upload", async (IFormFile file, ImportPlan h) =>
        {
            await using var s = file.OpenReadStream();
            var id = await h.HandleAsync(new ImportPlanRequest(await PlanDocumentText.ReadAsync(s, file.FileName), file.FileName));
            return TypedResults.Created($"/api/v1/workplans/{id}", new { id });
        }).WithSummary("上传 .txt/.docx 导入工作要点");
        api.MapGet("/{id:guid}", async (Guid id, GetPlanDraft h) => TypedResults.Ok(await h.HandleAsync(id))).WithSummary("工作要点（原文与校对稿）");
        api.MapPost("/{id:guid}/draft", async (Guid id, DraftEdit e, EditPlanDraft h) => TypedResults.Ok(new { version = await h.HandleAsync(id, e) }))
            .WithSummary("校对：修改条目、删除版面杂项、合并、拆分");
        api.MapPost("/{id:guid}/activate", async (Guid id, ActivatePlanRequest r, ActivatePlan h) => TypedResults.Ok(new { tasks = await h.HandleAsync(id, r) }))
            .WithSummary("确认校对稿，生成重点任务");
        api.MapGet("/{id:guid}/dashboard", async (Guid id, GetPlanDashboard h) => TypedResults.Ok(await h.HandleAsync(id)))
            .WithSummary("计划看板：按部分、按单位、红黄绿灯、目标完成");
        api.MapGet("/{id:guid}/register", async (Guid id, ExportTaskRegister h) =>
        {
            var (content, name) = await h.HandleAsync(id);
            return TypedResults.File(content, Platform.Excel.ExcelExport.ContentType, name);
        }).WithSummary("导出任务台账（Excel）");
        api.MapGet("/{id:guid}/review", async (Guid id, AnnualReview h) => TypedResults.Ok(await h.GetAsync(id))).WithSummary("年度综述（草稿或定稿）");
        api.MapPost("/{id:guid}/review/generate", async (Guid id, VersionBody r, AnnualReview h) => TypedResults.Ok(new { version = await h.GenerateAsync(id, r.Version) }))
            .WithSummary("根据记录生成年度综述");
        api.MapPut("/{id:guid}/review", async (Guid id, ReviewTexts r, AnnualReview h) => TypedResults.Ok(new { version = await h.SaveAsync(id, r.Paragraphs, r.Version) }))
            .WithSummary("修改年度综述段落");
        api.MapPost("/{id:guid}/review/finalise", async (Guid id, VersionBody r, AnnualReview h) =>
        {
            await h.FinaliseAsync(id, r.Version);
            return TypedResults.NoContent();
        }).WithSummary("年度综述定稿");
        api.MapGet("/{id:guid}/review.docx", async (Guid id, AnnualReview h) =>
        {
            var (content, name) = await h.DocxAsync(id);
            return TypedResults.File(content, WorkPlansModule.ReviewDocxContentType, name);
        }).WithSummary("下载年度综述（.docx）");

        api.MapGet("/tasks", async ([AsParameters] TaskQueryParameters q, ListTasks h) =>
        {
            var (items, total) = await h.HandleAsync(new TaskQuery(q.PlanId, q.OrganisationId, q.Light, q.Q, q.Page ?? 1, q.PageSize ?? 50));
            return TypedResults.Ok(new { items, total });
        }).WithSummary("重点任务（数据范围内，含进度与红黄绿灯）");
        api.MapGet("/tasks/{id:guid}", async (Guid id, GetTask h) => TypedResults.Ok(await h.HandleAsync(id))).WithSummary("任务详情");
        api.MapPut("/tasks/{id:guid}/assignment", async (Guid id, AssignTaskRequest r, AssignTask h) =>
        {
            await h.HandleAsync(id, r);
            return TypedResults.NoContent();
        }).WithSummary("分配责任单位、牵头人、时限、报送周期、节点");
        api.MapPost("/tasks/{id:guid}/progress", async (Guid id, ReportProgressRequest r, ReportProgress h) => TypedResults.Ok(new { id = await h.HandleAsync(id, r) }))
            .WithSummary("报送进度（文字、百分比、佐证材料文件号）");
        api.MapPost("/tasks/{id:guid}/notices", async (Guid id, IssueNoticeRequest r, IssueNotice h) => TypedResults.Ok(new { id = await h.HandleAsync(id, r) }))
            .WithSummary("督办");
        api.MapPost("/notices/{id:guid}/answer", async (Guid id, AnswerNoticeRequest r, AnswerNotice h) =>
        {
            await h.HandleAsync(id, r);
            return TypedResults.NoContent();
        }).WithSummary("答复督办");
        api.MapPost("/tasks/{id:guid}/complete", async (Guid id, VersionBody r, SubmitCompletion h) =>
        {
            await h.HandleAsync(id, r.Version);
            return TypedResults.NoContent();
        }).WithSummary("申请完成验收");
        api.MapPost("/tasks/{id:guid}/grade", async (Guid id, GradeTaskRequest r, GradeTask h) =>
        {
            await h.HandleAsync(id, r);
            return TypedResults.NoContent();
        }).WithSummary("验收评定（不合格退回）");
        api.MapPost("/tasks/{id:guid}/co-progress", async (Guid id, CoReportRequest r, ReportCoProgress h) => TypedResults.Ok(new { id = await h.HandleAsync(id, r) }))
            .WithSummary("配合单位报送配合情况");
        api.MapPost("/milestones/{id:guid}/done", async (Guid id, MilestoneDoneRequest r, CompleteMilestone h) =>
        {
            await h.HandleAsync(id, r);
            return TypedResults.NoContent();
        }).WithSummary("节点完成（责任单位）");
        api.MapGet("/{id:guid}/evaluations", async (Guid id, PlanEvaluations h) => TypedResults.Ok(await h.ListAsync(id))).WithSummary("计划评估（中期评估）列表");
        api.MapPost("/{id:guid}/evaluations", async (Guid id, CreateEvaluationRequest r, PlanEvaluations h) =>
        {
            var eid = await h.CreateAsync(id, r);
            return TypedResults.Created($"/api/v1/workplans/evaluations/{eid}", new { id = eid });
        }).WithSummary("中期评估：冻结当前各任务进度、预警与目标完成");
        api.MapGet("/evaluations/{id:guid}", async (Guid id, PlanEvaluations h) => TypedResults.Ok(await h.GetAsync(id))).WithSummary("评估详情（与当前对比）");
        api.MapPut("/evaluations/{id:guid}/conclusion", async (Guid id, SaveConclusionRequest r, PlanEvaluations h) => TypedResults.Ok(new { version = await h.SaveConclusionAsync(id, r) }))
            .WithSummary("修改评估结论（需带 version）");
        api.MapGet("/evaluations/{id:guid}/export", async (Guid id, PlanEvaluations h) =>
        {
            var (content, name) = await h.ExportAsync(id);
            return TypedResults.File(content, Platform.Excel.ExcelExport.ContentType, name);
        }).WithSummary("导出评估表（Excel）");
        api.MapPut("/targets/{id:guid}/binding", async (Guid id, BindTargetRequest r, BindTarget h) =>
        {
            await h.HandleAsync(id, r);
            return TypedResults.NoContent();
        }).WithSummary("目标绑定平台指标，或填报实际完成数");
    }

    public sealed record TaskQueryParameters([FromQuery] Guid? PlanId, [FromQuery] Guid? OrganisationId, [FromQuery] TrafficLight? Light, [FromQuery] string? Q,
        [FromQuery] int? Page, [FromQuery] int? PageSize);
}
