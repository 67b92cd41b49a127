using Kexie.Web.Platform.Data;

namespace Kexie.Web.Platform.Dictionaries;

/// <summary>Dictionary categories shipped with Kexie. Admins edit their items; modules may add categories.</summary>
public static class DictionaryCategories
{
    public const string Discipline = "discipline";
    public const string Industry = "industry";
    public const string Title = "title";
    public const string Education = "education";
    public const string PoliticalStatus = "political";

    public static readonly IReadOnlyList<(string Code, string Zh, string En)> BuiltIn =
    [
        (Discipline, "学科（GB/T 13745）", "Discipline (GB/T 13745)"),
        (Industry, "行业（GB/T 4754 门类）", "Industry (GB/T 4754 sections)"),
        (Title, "职称", "Professional title"),
        (Education, "学历", "Education"),
        (PoliticalStatus, "政治面貌", "Political status"),
    ];
}

/// <summary>One coded value of a dictionary (学科, 行业, 职称…). Codes are stable; names may be edited.</summary>
[DisplayNameZh("字典项")]
public sealed class DictionaryItem : Entity, IVersioned
{
    public string Category { get; set; } = "";
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public string? ParentCode { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}
