namespace Kexie.Web.Modules.Experts.Contracts;

/// <summary>
/// The platform accounts of registry people (an expert who signs in to review). Only links for the given ids are
/// returned; no personal data.
/// </summary>
public interface IExpertAccounts
{
    /// <summary>Person id → user account id, for the people who have one.</summary>
    Task<IReadOnlyDictionary<Guid, Guid>> UserIdsAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct = default);

    /// <summary>The registry person linked to a user account, if any.</summary>
    Task<Guid?> PersonIdOfUserAsync(Guid userId, CancellationToken ct = default);
}
