namespace Kexie.Web.Modules.Experts.Contracts;

/// <summary>
/// What a draw is asked for. <see cref="DisciplineCodes"/> and <see cref="Keywords"/> are alternatives
/// (an expert matches when any code or any keyword matches; both empty = the whole pool).
/// 回避: <see cref="AvoidUnits"/> (the applicant and the unit under review: an expert employed there, or
/// declaring a relation to it, is left out), <see cref="AvoidPeople"/> (people in the registry who are
/// parties, and whoever declared a relation to them), <see cref="RecentDays"/> (experts used within the
/// last N days are left out; 0 = no rule). Region: <see cref="RegionPrefix"/> keeps only experts whose region
/// code starts with it, <see cref="ExcludeRegionPrefix"/> leaves out those whose region starts with it (异地评审).
/// </summary>
public sealed record DrawCriteria
{
    public IReadOnlyList<string> DisciplineCodes { get; init; } = [];
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public int Members { get; init; } = 5;
    public int Reserves { get; init; } = 2;
    public string? RegionPrefix { get; init; }
    public string? ExcludeRegionPrefix { get; init; }
    public IReadOnlyList<string> AvoidUnits { get; init; } = [];
    public IReadOnlyList<Guid> AvoidPeople { get; init; } = [];
    public int RecentDays { get; init; }
}

/// <summary>
/// A draw for a calling module. <see cref="OrganisationId"/> defaults to the user's organisation;
/// <see cref="Seed"/> is chosen at random when not given (give it to repeat a draw).
/// </summary>
public sealed record DrawRequest(string Title, string SourceModule, string? SourceRef, DrawCriteria Criteria, Guid? OrganisationId = null, int? Seed = null);

public sealed record DrawnExpert(Guid PersonId, string Name, string Employer, string? Title, string? RegionCode, string? PhoneMasked,
    int Position, string Role, string Status, string? DeclineReason, Guid? ReplacedByPersonId, int? Rating);

/// <summary>A panel as its runners see it: members on the panel, reserves still waiting, and who declined.</summary>
public sealed record PanelView(Guid Id, string Title, string SourceModule, string? SourceRef, int Seed, int CandidateCount,
    string CandidateFingerprint, DrawCriteria Criteria, bool IsClosed, DateTime CreatedAt,
    IReadOnlyList<DrawnExpert> Members, IReadOnlyList<DrawnExpert> Reserves, IReadOnlyList<DrawnExpert> Declined);

/// <summary>A use of an expert outside a drawn panel (a consultation, a lecture) recorded by another module.</summary>
public sealed record ExpertUsageInput(Guid PersonId, string Kind, string Title, string SourceModule, string ProjectKey, DateOnly UsedOn, Guid? OrganisationId = null);

/// <summary>
/// The expert pool as other modules use it (awards, think tank, workstations, demand matching).
/// Every call checks the caller's permission (<c>experts.draw</c>) and, for a panel, that the caller runs it.
/// </summary>
public interface IExpertDraw
{
    /// <summary>Draws a panel with 回避; audited. Fails when fewer candidates remain than members asked for.</summary>
    Task<PanelView> DrawAsync(DrawRequest request, CancellationToken ct = default);

    /// <summary>The panel, for its runners only (others get 404).</summary>
    Task<PanelView> GetAsync(Guid panelId, CancellationToken ct = default);

    /// <summary>Records that a member declined (with the reason) and puts the next reserve in their place; audited.</summary>
    Task<PanelView> DeclineAsync(Guid panelId, Guid personId, string reason, CancellationToken ct = default);

    /// <summary>Closes the panel and records one use per member (the basis of 回避 by recent use and of ratings).</summary>
    Task<PanelView> CloseAsync(Guid panelId, DateOnly usedOn, CancellationToken ct = default);

    /// <summary>Rates a member after the panel's work (一项目一评价: once per expert and panel).</summary>
    Task RateAsync(Guid panelId, Guid personId, int rating, string? comment, CancellationToken ct = default);

    /// <summary>Records a use outside a panel; returns the usage id.</summary>
    Task<Guid> RecordUsageAsync(ExpertUsageInput usage, CancellationToken ct = default);

    /// <summary>Rates a recorded use (once).</summary>
    Task RateUsageAsync(Guid usageId, int rating, string? comment, CancellationToken ct = default);
}
