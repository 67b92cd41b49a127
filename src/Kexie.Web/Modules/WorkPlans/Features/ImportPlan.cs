using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Kexie.Web.Modules.WorkPlans.Domain;
using Kexie.Web.Modules.WorkPlans.Parsing;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;

namespace Kexie.Web.Modules.WorkPlans.Features;

/// <summary>Reads an uploaded .txt or .docx into plain text for the parser.</summary>
public static class PlanDocumentText
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public static async Task<string> ReadAsync(Stream content, string fileName, CancellationToken ct = default)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBytes) throw new DomainException("文件超过 10 MB", "file");
        if (buffer.Length == 0) throw new DomainException("文件为空", "file");
        buffer.Position = 0;
        return ext switch
        {
            ".txt" => DecodeText(buffer.ToArray()),
            ".docx" => DocxText(buffer),
            _ => throw new DomainException("只支持 .txt 或 .docx 文件", "file"),
        };
    }

    /// <summary>UTF-8 (with or without BOM); files saved by older Chinese Windows tools are GB18030.</summary>
    private static string DecodeText(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    /// <summary>The paragraphs of the main document, one per line (tables cell by cell).</summary>
    public static string DocxText(Stream docx)
    {
        try
        {
            using var doc = WordprocessingDocument.Open(docx, false);
            var body = doc.MainDocumentPart?.Document?.Body ?? throw new DomainException("文档没有正文", "file");
            var sb = new StringBuilder();
            foreach (var p in body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>())
                sb.Append(p.InnerText).Append('\n');
            return sb.ToString();
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            throw new DomainException("无法读取该 .docx 文件", "file");
        }
    }
}

/// <summary>Parse only: text in, structure out, nothing saved (API and command line).</summary>
public sealed class ParseWorkPlan(CurrentUser user)
{
    public const int MaxChars = 200_000;

    public ParsedWorkPlan Handle(string? text)
    {
        user.Demand(WorkPlansPermissions.View);
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("请粘贴或上传工作要点全文", "Text");
        if (text.Length > MaxChars) throw new DomainException($"文本超过 {MaxChars} 字", "Text");
        return WorkPlanParser.Parse(text);
    }
}

public sealed record ImportPlanRequest(string? Text, string? SourceFileName = null);

/// <summary>Parses a document and keeps it as a draft plan for review and correction (no tasks yet).</summary>
public sealed class ImportPlan(AppDbContext db, CurrentUser user, TimeProvider time)
{
    public async Task<Guid> HandleAsync(ImportPlanRequest r, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.Manage);
        if (string.IsNullOrWhiteSpace(r.Text)) throw new DomainException("请粘贴或上传工作要点全文", "Text");
        if (r.Text.Length > ParseWorkPlan.MaxChars) throw new DomainException($"文本超过 {ParseWorkPlan.MaxChars} 字", "Text");
        var owner = user.OrganisationId ?? throw new DomainException("当前账号不属于任何组织，不能导入工作要点");
        var parsed = WorkPlanParser.Parse(r.Text);
        var plan = new WorkPlan
        {
            OrganisationId = owner,
            Title = (parsed.Title.Has() ? parsed.Title : "未命名工作要点").Truncate(Lengths.LongName),
            Year = parsed.Year ?? time.GetLocalNow().Year,
            Kind = parsed.Kind,
            Status = WorkPlanStatus.Draft,
            SourceFileName = r.SourceFileName?.Truncate(Lengths.LongName),
            OriginalText = r.Text,
            FiguresJson = System.Text.Json.JsonSerializer.Serialize(FiguresOf(parsed), WorkPlan.Json),
        };
        plan.SetDraft(DraftOf(parsed));
        db.Set<WorkPlan>().Add(plan);
        db.AuditEvent("workplan.import", "工作要点", plan.Id.ToString(), $"导入《{plan.Title}》：{parsed.Parts.Count} 个部分", owner);
        await db.SaveChangesAsync(ct);
        return plan.Id;
    }

    /// <summary>
    /// The task candidates: an item becomes one task unless its children are numbered sub-items (then they
    /// are the tasks); 一是/二是 enumerations stay inside their item, their targets included.
    /// </summary>
    public static List<DraftItem> DraftOf(ParsedWorkPlan parsed)
    {
        var list = new List<DraftItem>();
        foreach (var part in parsed.Parts)
        {
            var items = part.Items;
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var descendants = items.Skip(i + 1).TakeWhile(d => d.Path.StartsWith(item.Path + ".", StringComparison.Ordinal)).ToList();
                var numberedChildren = descendants.Any(d => d.Level == item.Level + 1 && !IsEnumeration(d));
                if (numberedChildren) continue;
                if (IsEnumeration(item) && IsWithinEnumeratingParent(items, i)) continue;
                var title = item.Title.Has() ? item.Title : descendants.FirstOrDefault()?.Title ?? "";
                var targets = item.Targets.Concat(descendants.SelectMany(d => d.Targets)).DistinctBy(t => t.Start)
                    .Select(t => new DraftTarget { Subject = t.Subject, Value = t.Value, Upper = t.UpperValue, Bound = t.Bound, Unit = t.Unit, Text = t.Text }).ToList();
                list.Add(new DraftItem
                {
                    PartIndex = part.Index,
                    PartTitle = part.Title,
                    Path = item.Path,
                    Title = title,
                    Body = item.Body,
                    IsReview = item.Kind == WorkPlanPartKind.Review,
                    Units = [.. item.ResponsibleUnits],
                    Targets = targets,
                });
            }
        }
        return list;
    }

    private static bool IsEnumeration(WorkPlanItem item) => item.Label is { } l && l.EndsWith('是');

    private static bool IsWithinEnumeratingParent(IReadOnlyList<WorkPlanItem> items, int index)
    {
        var path = items[index].Path;
        var cut = path.LastIndexOf('.');
        if (cut < 0) return false;
        var parent = path[..cut];
        return items.Take(index).Any(p => p.Path == parent);
    }

    public static List<ReportedFigure> FiguresOf(ParsedWorkPlan parsed) =>
        parsed.Parts.Where(p => p.Kind == WorkPlanPartKind.Review)
            .SelectMany(p => p.Items.SelectMany(i => i.Figures).DistinctBy(f => f.Start)
                .Select(f => new ReportedFigure(p.Title, f.Subject, f.Value, f.Bound, f.Unit, f.Text, f.Sentence)))
            .ToList();
}

internal static class StringTruncation
{
    public static string Truncate(this string s, int max) => s.Length <= max ? s : s[..max];
}
