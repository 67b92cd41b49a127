namespace Kexie.Web.Modules.Experts.Contracts;

/// <summary>
/// A 科技工作者 as another module may show it in a picker: the id, the name, and a display with the employer and the
/// masked 身份证号 only (never the full number or a phone).
/// </summary>
public sealed record PersonRef(Guid Id, string Name, string Display);

/// <summary>
/// Looks people up by name for pickers (awards entry forms). Only records within the caller's data scope are found
/// (a member of the public finds the record that is theirs); merged records are never returned.
/// </summary>
public interface IPersonLookup
{
    /// <summary>Up to <paramref name="take"/> people whose name contains <paramref name="name"/>; exact names first.</summary>
    Task<IReadOnlyList<PersonRef>> SearchAsync(string? name, int take = 20, CancellationToken ct = default);

    /// <summary>The person, or null when it does not exist for the caller.</summary>
    Task<PersonRef?> FindAsync(Guid id, CancellationToken ct = default);
}
