using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Excel;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Search;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Experts.Features;

/// <summary>Exports any filtered list to Excel with 身份证号 and phone masked; the export is audited.</summary>
public sealed class ExportPeople(AppDbContext db, CurrentUser user)
{
    public const int MaxRows = 100_000;

    public async Task<byte[]> HandleAsync(PeopleQuery q, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.Export);
        var search = SearchTokens.Parse(q.Q);
        var query = SearchPeople.Filter(SearchPeople.Matching(db, search).AsNoTracking(), q).OrderBy(p => p.Name).ThenBy(p => p.Id);
        var people = await query.Take(MaxRows).ToListAsync(ct);
        if (!SearchPeople.IsExactOn(db, search)) people = people.Where(p => search.Matches(p.Name, p.Employer, p.Keywords, p.Bio, p.ExpertiseCodes?.Replace(',', ' '), p.Honours)).ToList();
        var rows = people.Select(p => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["姓名"] = p.Name,
            ["性别"] = p.Gender,
            ["出生年份"] = p.BirthYear,
            ["身份证号"] = p.IdNumberMasked,
            ["手机号"] = p.PhoneMasked,
            ["工作单位"] = p.Employer,
            ["职称"] = p.Title,
            ["学历"] = p.Education,
            ["学科"] = p.DisciplineCode,
            ["行业"] = p.IndustryCode,
            ["行政区划"] = p.RegionCode,
            ["政治面貌"] = p.PoliticalStatus,
            ["登记状态"] = p.Status.Zh(),
            ["专家库状态"] = p.PoolStatus.Zh(),
            ["可参加情况"] = p.Availability.Zh(),
            ["专业领域"] = p.ExpertiseCodes,
            ["关键词"] = p.Keywords,
            ["荣誉"] = p.Honours,
        }).ToList();
        db.AuditEvent(AuditActions.Export, "科技工作者", null, $"导出科技工作者名单 {rows.Count} 人（身份证号、手机号已脱敏）；条件：{Describe(q)}");
        await db.FlushAuditAsync(ct);
        return ExcelExport.ToXlsx(rows, "科技工作者");
    }

    private static string Describe(PeopleQuery q) =>
        string.Join("，", new[] { q.Q is { Length: > 0 } ? "关键词=" + q.Q : null, q.Discipline is { Length: > 0 } ? "学科=" + q.Discipline : null,
            q.Title is { Length: > 0 } ? "职称=" + q.Title : null, q.Region is { Length: > 0 } ? "地区=" + q.Region : null,
            q.Pool is { } p ? "专家库=" + p.Zh() : q.ExpertsOnly ? "专家" : null, q.Availability is { } a ? a.Zh() : null }.Where(s => s is not null)) is { Length: > 0 } d ? d : "全部";
}
