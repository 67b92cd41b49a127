using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Metrics;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Awards.Contracts;

/// <summary>
/// 评选表彰 figures for the work plan: entries received and awards granted, within the caller's scope.
/// Optional parameter <c>template</c>: one shipped template's key (a kind of call, e.g. youth-innovation).
/// </summary>
public sealed class AwardMetrics(AppDbContext db) : IMetricProvider
{
    public const string EntriesReceived = "awards.entries.received";
    public const string AwardsGranted = "awards.granted";

    private static readonly MetricParameter TemplateParameter = new("template", "评选类型",
        AwardTemplates.All.Select(t => new MetricChoice(t.Key, t.Name)).ToList());

    public IReadOnlyList<MetricDefinition> Definitions { get; } =
    [
        new(EntriesReceived, "评选表彰", "收到申报", "项", "期间内提交的申报数（不含草稿）", [TemplateParameter]),
        new(AwardsGranted, "评选表彰", "评选获奖", "项", "年度内经主任委员确认的评选中获得奖项等级的申报数", [TemplateParameter]),
    ];

    public async Task<MetricValue> EvaluateAsync(string key, MetricQuery query, CancellationToken ct)
    {
        var calls = db.Set<AwardCall>().AsNoTracking();
        if (query.Parameter("template") is { Length: > 0 } template) calls = calls.Where(c => c.TemplateKey == template);
        var entries = db.Set<AwardEntry>().AsNoTracking().Where(e => calls.Any(c => c.Id == e.CallId));
        if (query.OrganisationId is { } root)
            entries = entries.Where(e => db.OrganisationClosures.Any(x => x.AncestorId == root && x.DescendantId == e.OrganisationId));
        if (key == EntriesReceived)
        {
            // Days are China days (UTC+8); PostgreSQL's timestamptz takes UTC instants only.
            var from = query.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            var to = query.To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            return new MetricValue(await entries.CountAsync(e => e.Status != EntryStatus.Draft && e.SubmittedAt >= from && e.SubmittedAt < to, ct), "/awards");
        }
        if (key == AwardsGranted)
        {
            var confirmed = calls.Where(c => c.Year >= query.From.Year && c.Year <= query.To.Year
                && (c.Status == CallStatus.ChairConfirmed || c.Status == CallStatus.Publicised || c.Status == CallStatus.Final));
            var lastRounds = db.Set<AwardRound>().Where(r => confirmed.Any(c => c.Id == r.CallId)
                && !db.Set<AwardRound>().Any(n => n.CallId == r.CallId && n.No > r.No)).Select(r => r.Id);
            var count = await db.Set<AwardResult>().CountAsync(r => lastRounds.Contains(r.RoundId) && r.Tier != null
                && r.Tier != "未通过" && r.Tier != "不合格" && entries.Any(e => e.Id == r.EntryId), ct);
            return new MetricValue(count, "/awards");
        }
        throw new Kexie.Web.Platform.Errors.DomainException($"未知指标：{key}");
    }
}
