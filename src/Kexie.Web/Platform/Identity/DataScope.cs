namespace Kexie.Web.Platform.Identity;

/// <summary>本人 / 本组织 / 本组织及下级 / 全部, in increasing breadth.</summary>
public enum DataScopeKind
{
    Self = 0,
    Organisation = 1,
    OrganisationAndBelow = 2,
    All = 3,
}

public static class DataScopeKinds
{
    public static string Zh(this DataScopeKind k) => k switch
    {
        DataScopeKind.Self => "本人",
        DataScopeKind.Organisation => "本组织",
        DataScopeKind.OrganisationAndBelow => "本组织及下级",
        DataScopeKind.All => "全部",
    };
}

/// <summary>
/// What rows the current user may see. Several roles give the union: the broadest organisation
/// scope among them, plus the user's own records (本人) always. The fields are read by the global
/// query filters of <see cref="Data.AppDbContext"/> on every query; they are plain values so EF Core
/// sends them as parameters.
/// </summary>
public sealed record DataScope(Guid UserId, Guid OrganisationId, DataScopeKind Kind)
{
    public static readonly DataScope None = new(Guid.Empty, Guid.Empty, DataScopeKind.Self);
    public static readonly DataScope Everything = new(Guid.Empty, Guid.Empty, DataScopeKind.All);

    public bool IsAll => Kind == DataScopeKind.All;
    public bool IsSubtree => Kind == DataScopeKind.OrganisationAndBelow && OrganisationId != Guid.Empty;
    public bool IsOrgOnly => Kind == DataScopeKind.Organisation && OrganisationId != Guid.Empty;
    public bool HasUser => UserId != Guid.Empty;
}
