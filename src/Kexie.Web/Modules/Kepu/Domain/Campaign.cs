using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;

namespace Kexie.Web.Modules.Kepu.Domain;

/// <summary>
/// One yearly instance of a campaign (2026年全国科普日). Campaigns are reference data for the whole network:
/// every organisation reports activities into them, so they are not scoped to an organisation.
/// </summary>
[DisplayNameZh("科普活动品牌")]
public sealed class Campaign : Entity, IVersioned
{
    public CampaignKind Kind { get; set; }
    public int Year { get; set; }
    public string Name { get; set; } = "";
    public string? Theme { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public string? Description { get; set; }
    public int Version { get; set; }

    public List<CampaignExpectedOrganisation> Expected { get; set; } = [];

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new DomainException("名称不能为空", nameof(Name));
        if (EndDate < StartDate) throw new DomainException("结束日期不能早于开始日期", nameof(EndDate));
        if (StartDate.Year != Year && EndDate.Year != Year) throw new DomainException("活动日期应在所属年度内", nameof(StartDate));
    }
}

/// <summary>An organisation expected to report activities in a campaign.</summary>
public sealed class CampaignExpectedOrganisation
{
    public Guid CampaignId { get; set; }
    public Guid OrganisationId { get; set; }
}
