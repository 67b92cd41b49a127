using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Kexie.Web.Modules.WorkPlans.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.WorkPlans.Features;

public sealed record AnnualReviewView(Guid PlanId, string Title, int Year, bool Finalised, IReadOnlyList<ReviewParagraph> Paragraphs,
    IReadOnlyList<TargetView> Targets, IReadOnlyDictionary<Guid, string> TaskTitles, int Version);

/// <summary>
/// The annual review (年度工作综述): a paragraph per part written from the records (tasks done, grades, every
/// target's actual), editable before it is finalised; the table of targets against actuals is always live
/// until then.
/// </summary>
public sealed class AnnualReview(AppDbContext db, CurrentUser user, GetPlanDashboard dashboard)
{
    public async Task<AnnualReviewView> GetAsync(Guid planId, CancellationToken ct = default)
    {
        var d = await dashboard.HandleAsync(planId, ct);
        var plan = await db.Set<WorkPlan>().AsNoTracking().FirstAsync(p => p.Id == planId, ct);
        return new AnnualReviewView(planId, ReviewTitle(plan), plan.Year, plan.ReviewFinalisedAt is not null,
            plan.Review() ?? Compose(d), d.Targets, d.Tasks.ToDictionary(t => t.Id, t => t.Title), plan.Version);
    }

    /// <summary>Writes (or rewrites) the paragraphs from the current records.</summary>
    public async Task<int> GenerateAsync(Guid planId, int version, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.Manage);
        var d = await dashboard.HandleAsync(planId, ct);
        var plan = await db.Set<WorkPlan>().FirstAsync(p => p.Id == planId, ct);
        db.Entry(plan).Property(p => p.Version).OriginalValue = version;
        plan.SetReview(Compose(d));
        db.AuditEvent("workplan.review.generate", "工作要点", planId.ToString(), "生成年度综述", plan.OrganisationId);
        await db.SaveChangesAsync(ct);
        return plan.Version;
    }

    public async Task<int> SaveAsync(Guid planId, IReadOnlyList<string> texts, int version, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.Manage);
        var plan = await db.Set<WorkPlan>().FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException("工作要点");
        db.Entry(plan).Property(p => p.Version).OriginalValue = version;
        var paragraphs = plan.Review() ?? throw new DomainException("请先生成年度综述");
        if (texts.Count != paragraphs.Count) throw new DomainException("段落数与综述不符，请刷新后再改");
        for (var i = 0; i < texts.Count; i++) paragraphs[i].Text = (texts[i] ?? "").Trim().Truncate(Lengths.LongText);
        plan.SetReview(paragraphs);
        await db.SaveChangesAsync(ct);
        return plan.Version;
    }

    public async Task FinaliseAsync(Guid planId, int version, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.Manage);
        var plan = await db.Set<WorkPlan>().FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException("工作要点");
        db.Entry(plan).Property(p => p.Version).OriginalValue = version;
        plan.FinaliseReview(db.UtcNow);
        db.AuditEvent("workplan.review.finalise", "工作要点", planId.ToString(), "年度综述定稿", plan.OrganisationId);
        await db.SaveChangesAsync(ct);
    }

    public async Task<(byte[] Content, string FileName)> DocxAsync(Guid planId, CancellationToken ct = default)
    {
        var v = await GetAsync(planId, ct);
        db.AuditEvent("workplan.review.export", "工作要点", planId.ToString(), "下载年度综述（.docx）");
        await db.FlushAuditAsync(ct);
        return (ReviewDocument.Build(v), $"{v.Title}.docx");
    }

    private static string ReviewTitle(WorkPlan plan) =>
        plan.Title.Contains("工作要点", StringComparison.Ordinal) ? plan.Title.Replace("工作要点", "工作综述", StringComparison.Ordinal) : $"{plan.Year}年工作综述";

    internal static List<ReviewParagraph> Compose(PlanDashboardView d)
    {
        var targets = d.Targets.ToLookup(t => t.TaskId);
        var list = new List<ReviewParagraph>();
        foreach (var part in d.Tasks.GroupBy(t => (t.PartIndex, t.PartTitle)).OrderBy(g => g.Key.PartIndex))
        {
            var tasks = part.ToList();
            var done = tasks.Count(t => t.Status == WorkTaskStatus.Completed);
            var excellent = tasks.Count(t => t.Grade == TaskGrade.Excellent);
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture, $"本部分部署重点任务{tasks.Count}项，已完成{done}项");
            if (excellent > 0) sb.Append(CultureInfo.InvariantCulture, $"（其中评定优秀{excellent}项）");
            var late = tasks.Count(t => t.Light == TrafficLight.Red);
            sb.Append(late > 0 ? $"，逾期未完成{late}项。" : "。");
            foreach (var t in tasks)
            {
                var figures = targets[t.Id].Where(x => x.Actual is not null).Select(x => $"{x.Subject}{EditPlanDraft.Format(x.Actual!.Value)}{x.Unit}（目标{x.TargetText}）").ToList();
                if (figures.Count == 0) continue;
                sb.Append(CultureInfo.InvariantCulture, $"{t.Title.TrimEnd('。')}：{string.Join("，", figures)}。");
            }
            list.Add(new ReviewParagraph { PartIndex = part.Key.PartIndex, Heading = $"{GetPlanDashboard.Numerals(part.Key.PartIndex)}、{part.Key.PartTitle}", Text = sb.ToString() });
        }
        return list;
    }
}

/// <summary>Writes the review as a .docx in the usual style: 方正小标宋-like centred title, 黑体 headings, 仿宋 body with two-character indents, a table of targets.</summary>
public static class ReviewDocument
{
    public static byte[] Build(AnnualReviewView v)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);
            body.Append(Para(v.Title, "SimHei", 44, bold: true, center: true));
            body.Append(Para("", "FangSong", 32));
            foreach (var p in v.Paragraphs)
            {
                body.Append(Para(p.Heading, "SimHei", 32));
                foreach (var line in p.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    body.Append(Para(line, "FangSong", 32, indent: true));
            }
            body.Append(Para("附表：主要目标完成情况", "SimHei", 32));
            body.Append(TargetTable(v));
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588, Right = 1474, Header = 851, Footer = 992 }));
            main.Document.Save();
        }
        return ms.ToArray();
    }

    private static Paragraph Para(string text, string font, int halfPoints, bool bold = false, bool center = false, bool indent = false)
    {
        var pp = new ParagraphProperties(new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact });
        if (center) pp.Append(new Justification { Val = JustificationValues.Center });
        if (indent) pp.Append(new Indentation { FirstLineChars = 200 });
        return new Paragraph(pp, new Run(RunProps(font, halfPoints, bold), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static RunProperties RunProps(string font, int halfPoints, bool bold = false)
    {
        var rp = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font }, new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) });
        if (bold) rp.Append(new Bold());
        return rp;
    }

    private static Table TargetTable(AnnualReviewView v)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
        table.Append(Row(true, "序号", "任务", "指标", "目标", "完成", "完成率"));
        var n = 0;
        foreach (var t in v.Targets)
            table.Append(Row(false, (++n).ToString(CultureInfo.InvariantCulture), v.TaskTitles.GetValueOrDefault(t.TaskId, ""), t.Subject, t.TargetText,
                t.Actual is { } a ? EditPlanDraft.Format(a) + t.Unit : "未报", t.Percent is { } p ? p + "%" : "—"));
        return table;
    }

    private static TableRow Row(bool header, params string[] cells)
    {
        var row = new TableRow();
        foreach (var c in cells)
            row.Append(new TableCell(new Paragraph(new Run(RunProps(header ? "SimHei" : "FangSong", 21, header), new Text(c)))));
        return row;
    }
}
