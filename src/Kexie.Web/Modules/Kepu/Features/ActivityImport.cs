using System.Text.RegularExpressions;
using Kexie.Web.Modules.Kepu.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Excel;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Kepu.Features;

public sealed record ImportActivity(string Title, string? CampaignName, string? OrganiserName, string? RegionCode, string Place,
    ActivityType Type, AudienceGroup Audience, DateOnly StartDate, DateOnly EndDate, string? TimeNote, int ExpectedParticipants,
    int? Capacity, string? Description, string? Contact);

/// <summary>
/// Excel import of many activities at once (key <c>kepu-activities</c>, through the platform's ExcelService: template,
/// per-row checks, all or nothing, error report). Rows become drafts of their organiser, which must lie within the
/// importer's write scope. Likely duplicates (same organiser, same start date, similar title — against the ledger and
/// within the file) do not block the import: they are flagged exactly as hand-entered activities are (on the detail
/// page, <see cref="DuplicateDetector"/>), and the import's audit event counts them.
/// </summary>
public sealed partial class ActivityImport : ExcelImportDefinition<ImportActivity>
{
    public const string ImportKey = "kepu-activities";
    public override string Key => ImportKey;
    public override string Title => "科普活动导入";
    public override string Permission => KepuPermissions.Report;

    private static readonly string TypeNames = string.Join("、", Enum.GetValues<ActivityType>().Select(t => t.Zh()));
    private static readonly string AudienceNames = string.Join("、", Enum.GetValues<AudienceGroup>().Select(a => a.Zh()));

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("活动名称", true, "2026年全国科普日石门镇农技讲座"),
        new("活动品牌", false, "2026年全国科普日", "年度活动品牌的名称；可空"),
        new("主办单位", false, "石门镇科协", "组织全称，须在您的管理范围内；空则为导入人所在组织"),
        new("行政区划代码", false, "619902001", "活动地点的 GB/T 2260 代码（6位或9位）；空则为主办单位所在区划"),
        new("活动地点", true, "石门镇文化广场"),
        new("活动类型", true, "科普进农村", "可选：" + TypeNames),
        new("受众人群", true, "农民", "可选：" + AudienceNames),
        new("开始日期", true, "2026-09-16", "如 2026-09-16"),
        new("结束日期", false, "2026-09-16", "空则与开始日期相同"),
        new("时间说明", false, "上午9:00-11:30"),
        new("预计参与人数", false, "200", "非负整数"),
        new("报名名额", false, "", "接受公众报名时填写名额（1-100000），否则留空"),
        new("活动简介", false, ""),
        new("联系方式", false, ""),
    ];

    public static ActivityType? ParseType(string s) =>
        Enum.GetValues<ActivityType>().Cast<ActivityType?>().FirstOrDefault(t => t!.Value.Zh() == s || string.Equals(t.Value.ToString(), s, StringComparison.OrdinalIgnoreCase));

    public static AudienceGroup? ParseAudience(string s) =>
        Enum.GetValues<AudienceGroup>().Cast<AudienceGroup?>().FirstOrDefault(a => a!.Value.Zh() == s || string.Equals(a.Value.ToString(), s, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"^\d{6}(\d{3})?$")]
    private static partial Regex RegionPattern();

    protected override ImportActivity? Parse(ImportRowReader row, ImportContext ctx)
    {
        var title = row.Text("活动名称", required: true, maxLength: Lengths.LongName);
        var campaign = row.Text("活动品牌");
        var organiser = row.Text("主办单位");
        var region = row.Text("行政区划代码", maxLength: 12);
        if (region is not null && !RegionPattern().IsMatch(region)) row.Error("行政区划代码", $"「行政区划代码」应为6位或9位数字，实际为「{region}」");
        var place = row.Text("活动地点", required: true, maxLength: Lengths.LongName);
        var type = row.Choice("活动类型", ParseType, TypeNames, required: true);
        var audience = row.Choice("受众人群", ParseAudience, AudienceNames, required: true);
        var start = row.Date("开始日期", required: true);
        var end = row.Date("结束日期");
        if (start is { } s && end is { } e && e < s) row.Error("结束日期", "「结束日期」不能早于开始日期");
        var timeNote = row.Text("时间说明", maxLength: Lengths.Name);
        var expected = row.Int("预计参与人数", min: 0, max: 10_000_000);
        var capacity = row.Int("报名名额", min: 1, max: 100_000);
        var description = row.Text("活动简介", maxLength: Lengths.Text);
        var contact = row.Text("联系方式", maxLength: Lengths.Name);
        if (row.HasErrors || title is null || place is null || type is null || audience is null || start is null) return null;
        return new ImportActivity(title, campaign, organiser, region, place, type.Value, audience.Value, start.Value, end ?? start.Value,
            timeNote, expected ?? 0, capacity, description, contact);
    }

    private sealed record Resolved(Dictionary<string, Guid> Campaigns, Dictionary<string, (Guid Id, string Region)> Organisations, (Guid Id, string Region)? Default);

    private static async Task<Resolved> ResolveAsync(IReadOnlyList<ParsedRow<ImportActivity>> rows, ImportContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var campaignNames = rows.Select(r => r.Value.CampaignName).OfType<string>().Distinct().ToList();
        var campaigns = await db.Set<Campaign>().AsNoTracking().Where(c => campaignNames.Contains(c.Name)).Select(c => new { c.Name, c.Id }).ToListAsync(ct);
        var orgNames = rows.Select(r => r.Value.OrganiserName).OfType<string>().Distinct().ToList();
        // The scoped query resolves only organisations the importer may read; the write scope is checked below.
        var orgs = await db.Organisations.AsNoTracking().Where(o => orgNames.Contains(o.Name) && o.IsActive)
            .Select(o => new { o.Name, o.Id, o.RegionCode }).ToListAsync(ct);
        var writable = await db.OrganisationsInScopeAsync(orgs.Select(o => o.Id).ToList(), ct);
        var byName = orgs.Where(o => writable.Contains(o.Id)).GroupBy(o => o.Name).Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => (g.First().Id, g.First().RegionCode));
        (Guid, string)? mine = null;
        if (ctx.User.OrganisationId is { } own)
        {
            var o = await db.Organisations.AsNoTracking().Where(x => x.Id == own).Select(x => new { x.Id, x.RegionCode }).FirstOrDefaultAsync(ct);
            if (o is not null) mine = (o.Id, o.RegionCode);
        }
        return new Resolved(campaigns.GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First().Id), byName, mine);
    }

    protected override async Task ValidateAsync(IReadOnlyList<ParsedRow<ImportActivity>> rows, ImportContext ctx, CancellationToken ct)
    {
        var resolved = await ResolveAsync(rows, ctx, ct);
        var regionCodes = rows.Select(r => r.Value.RegionCode).OfType<string>().Distinct().ToList();
        var knownRegions = (await ctx.Db.Regions.AsNoTracking().Where(r => regionCodes.Contains(r.Code)).Select(r => r.Code).ToListAsync(ct)).ToHashSet();
        foreach (var r in rows)
        {
            var v = r.Value;
            if (v.CampaignName is { } c && !resolved.Campaigns.ContainsKey(c))
                ctx.Error(r.Row, "活动品牌", $"活动品牌「{c}」不存在，请填写「活动品牌」页面上的名称");
            if (v.OrganiserName is { } o)
            {
                if (!resolved.Organisations.ContainsKey(o)) ctx.Error(r.Row, "主办单位", $"主办单位「{o}」不存在或不在您的管理范围内");
            }
            else if (resolved.Default is null)
            {
                ctx.Error(r.Row, "主办单位", "您的账号不属于任何组织，请在「主办单位」列填写组织全称");
            }
            if (v.RegionCode is { } code && !knownRegions.Contains(code))
                ctx.Error(r.Row, "行政区划代码", $"行政区划代码「{code}」不存在");
        }
    }

    protected override async Task<int> CommitAsync(IReadOnlyList<ParsedRow<ImportActivity>> rows, ImportContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var resolved = await ResolveAsync(rows, ctx, ct);
        var activities = new List<Activity>(rows.Count);
        foreach (var r in rows)
        {
            var v = r.Value;
            var (orgId, orgRegion) = v.OrganiserName is { } n ? resolved.Organisations[n] : resolved.Default!.Value;
            var a = new Activity
            {
                OrganisationId = orgId,
                CampaignId = v.CampaignName is { } c ? resolved.Campaigns[c] : null,
                Title = v.Title,
                RegionCode = v.RegionCode ?? orgRegion,
                Place = v.Place,
                Type = v.Type,
                Audience = v.Audience,
                StartDate = v.StartDate,
                EndDate = v.EndDate,
                TimeNote = v.TimeNote,
                ExpectedParticipants = v.ExpectedParticipants,
                Capacity = v.Capacity,
                Description = v.Description,
                Contact = v.Contact,
            };
            a.ValidateFields();
            activities.Add(a);
        }
        var duplicates = await CountLikelyDuplicatesAsync(db, activities, ct);
        db.AddRange(activities);
        await db.SaveChangesAsync(ct);
        if (duplicates > 0)
            db.AuditEvent(Platform.Audit.AuditActions.Import, Title, null, $"{Title}：{duplicates} 行与已有或同批活动疑似重复（同一主办单位、同一日期、名称相近），已在活动详情中标记");
        return activities.Count;
    }

    /// <summary>Rows that look like another activity of the same organiser and date, in the ledger or earlier in the file.</summary>
    internal static async Task<int> CountLikelyDuplicatesAsync(AppDbContext db, IReadOnlyList<Activity> incoming, CancellationToken ct)
    {
        var orgIds = incoming.Select(a => a.OrganisationId).Distinct().ToList();
        var dates = incoming.Select(a => a.StartDate).Distinct().ToList();
        var existing = orgIds.Count == 0 ? [] : await db.Set<Activity>().AsNoTracking()
            .Where(a => orgIds.Contains(a.OrganisationId) && dates.Contains(a.StartDate))
            .Select(a => new { a.OrganisationId, a.StartDate, a.Title }).ToListAsync(ct);
        var seen = existing.GroupBy(a => (a.OrganisationId, a.StartDate)).ToDictionary(g => g.Key, g => g.Select(x => x.Title).ToList());
        var n = 0;
        foreach (var a in incoming)
        {
            var key = (a.OrganisationId, a.StartDate);
            if (!seen.TryGetValue(key, out var titles)) seen[key] = titles = [];
            if (titles.Any(t => DuplicateDetector.Similarity(t, a.Title) >= DuplicateDetector.Threshold)) n++;
            titles.Add(a.Title);
        }
        return n;
    }
}
