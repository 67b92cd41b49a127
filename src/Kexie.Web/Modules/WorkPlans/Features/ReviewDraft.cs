using System.Globalization;
using Kexie.Web.Modules.WorkPlans.Domain;
using Kexie.Web.Modules.WorkPlans.Parsing;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.WorkPlans.Features;

public sealed record PlanDraftView(Guid Id, string Title, int Year, WorkPlanDocumentKind Kind, WorkPlanStatus Status, string? SourceFileName,
    string OriginalText, IReadOnlyList<DraftItem> Items, IReadOnlyList<ReportedFigure> Figures, int Version);

public sealed class GetPlanDraft(AppDbContext db, CurrentUser user)
{
    public async Task<PlanDraftView> HandleAsync(Guid id, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.View);
        var p = await db.Set<WorkPlan>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("工作要点");
        return new PlanDraftView(p.Id, p.Title, p.Year, p.Kind, p.Status, p.SourceFileName, p.OriginalText, p.Draft(), p.Figures(), p.Version);
    }
}

/// <summary>What staff can do to one item of the parse.</summary>
public enum DraftOperation
{
    /// <summary>Replace title, body, targets and units.</summary>
    Edit,
    /// <summary>Set the item aside as page furniture or noise (it stays in the original text).</summary>
    Drop,
    Restore,
    /// <summary>Append the item to the one before it.</summary>
    MergeWithPrevious,
    /// <summary>Cut the body at <see cref="DraftEdit.SplitAt"/>: the text from there becomes a new item.</summary>
    Split,
}

/// <summary>
/// A correction of one draft item. Targets: one per line, "主题；数值；单位" with an optional "；上限" (a range)
/// or "；以上/以内/约". Units: responsible units separated by 、 or ，. SplitAt: the text that opens the new item.
/// </summary>
public sealed record DraftEdit(int No, DraftOperation Operation, int Version, string? Title = null, string? Body = null,
    string? Targets = null, string? Units = null, string? SplitAt = null);

public sealed class EditPlanDraft(AppDbContext db, CurrentUser user)
{
    public async Task<int> HandleAsync(Guid planId, DraftEdit e, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.Manage);
        var plan = await db.Set<WorkPlan>().FirstOrDefaultAsync(x => x.Id == planId, ct) ?? throw new NotFoundException("工作要点");
        db.Entry(plan).Property(p => p.Version).OriginalValue = e.Version;
        var items = plan.Draft();
        var index = items.FindIndex(i => i.No == e.No);
        if (index < 0) throw new DomainException($"没有第 {e.No} 条");
        var item = items[index];
        switch (e.Operation)
        {
            case DraftOperation.Edit:
                if (!e.Title.Has()) throw new DomainException("标题不能为空", "Title");
                item.Title = e.Title!.Trim();
                item.Body = e.Body?.Trim() ?? "";
                item.Targets = ParseTargets(e.Targets);
                item.Units = ResponsibleUnitExtractor.SplitUnits(e.Units ?? "").ToList();
                break;
            case DraftOperation.Drop:
                item.Dropped = true;
                break;
            case DraftOperation.Restore:
                item.Dropped = false;
                break;
            case DraftOperation.MergeWithPrevious:
                if (index == 0) throw new DomainException("第一条之前没有可合并的条目");
                var prev = items[index - 1];
                prev.Body = string.Join('\n', new[] { prev.Body, item.Title + "。" + item.Body }.Where(s => s.Has()));
                prev.Targets.AddRange(item.Targets);
                prev.Units = prev.Units.Union(item.Units).ToList();
                items.RemoveAt(index);
                break;
            case DraftOperation.Split:
                var at = e.SplitAt?.Trim();
                if (!at.Has()) throw new DomainException("请填写新条目开头的文字", "SplitAt");
                var cut = item.Body.IndexOf(at!, StringComparison.Ordinal);
                if (cut < 0) throw new DomainException("正文中找不到这段文字", "SplitAt");
                var rest = item.Body[cut..];
                var end = rest.IndexOfAny(['。', '；', '！', '？']);
                var newTitle = end > 0 ? rest[..end] : rest;
                var newBody = end > 0 ? rest[(end + 1)..].Trim() : "";
                var moving = item.Targets.Where(t => rest.Contains(t.Text, StringComparison.Ordinal) && !item.Body[..cut].Contains(t.Text, StringComparison.Ordinal)).ToList();
                item.Body = item.Body[..cut].Trim();
                item.Targets = item.Targets.Except(moving).ToList();
                items.Insert(index + 1, new DraftItem
                {
                    PartIndex = item.PartIndex,
                    PartTitle = item.PartTitle,
                    Path = item.Path + "+",
                    Title = newTitle.Trim(),
                    Body = newBody,
                    IsReview = item.IsReview,
                    Units = [.. item.Units],
                    Targets = moving,
                });
                break;
            default:
                throw new DomainException("未知操作");
        }
        plan.SetDraft(items);
        await db.SaveChangesAsync(ct);
        return plan.Version;
    }

    /// <summary>Reads "院士专家工作站；5；家" lines (also with "；以上" or "；50" as the upper end of a range).</summary>
    public static List<DraftTarget> ParseTargets(string? text)
    {
        var list = new List<DraftTarget>();
        if (text is null) return list;
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var f = line.Replace(';', '；').Split('；').Select(s => s.Trim()).ToArray();
            if (f.Length < 3 || !decimal.TryParse(f[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0)
                throw new DomainException($"指标第 {lineNo} 行应为“主题；数值；单位”", "Targets");
            var t = new DraftTarget { Subject = f[0], Value = value, Unit = f[2], Bound = QuantityBound.Exact };
            if (f.Length > 3 && f[3].Length > 0)
            {
                if (decimal.TryParse(f[3], NumberStyles.Number, CultureInfo.InvariantCulture, out var upper))
                {
                    if (upper < value) throw new DomainException($"指标第 {lineNo} 行：上限小于下限", "Targets");
                    (t.Upper, t.Bound) = (upper, QuantityBound.Range);
                }
                else
                {
                    t.Bound = f[3] switch
                    {
                        "以上" or "不少于" or "至少" => QuantityBound.AtLeast,
                        "以内" or "以下" or "不超过" => QuantityBound.AtMost,
                        "约" or "余" => QuantityBound.Approx,
                        _ => throw new DomainException($"指标第 {lineNo} 行：第四项应为上限或“以上/以内/约”", "Targets"),
                    };
                }
            }
            t.Text = $"{Format(t.Value)}{(t.Upper is { } u ? "—" + Format(u) : "")}{t.Unit}{(t.Bound is QuantityBound.AtLeast ? "以上" : t.Bound is QuantityBound.AtMost ? "以内" : "")}";
            list.Add(t);
        }
        return list;
    }

    public static string TargetsText(IEnumerable<DraftTarget> targets) => string.Join('\n', targets.Select(t =>
        $"{t.Subject}；{Format(t.Value)}；{t.Unit}" + (t.Bound switch
        {
            QuantityBound.Range when t.Upper is { } u => "；" + Format(u),
            QuantityBound.AtLeast => "；以上",
            QuantityBound.AtMost => "；以内",
            QuantityBound.Approx => "；约",
            _ => "",
        })));

    public static string Format(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
}
