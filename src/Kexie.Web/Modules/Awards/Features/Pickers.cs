using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Modules.Experts.Contracts;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations.Features;

namespace Kexie.Web.Modules.Awards.Features;

public sealed record PickOption(Guid Id, string Name, string Display);

/// <summary>
/// The entry form's person and organisation pickers. People come from the 科技工作者 registry through the experts
/// module's <see cref="IPersonLookup"/> (the caller's data scope; masked display); organisations from the public
/// directory (<see cref="OrganisationDirectory"/>: names are public). Values are stored as ids, with the display name
/// next to them under "<c>key:name</c>".
/// </summary>
public sealed class PickerService(CurrentUser user, IPersonLookup people, OrganisationDirectory organisations)
{
    private const string NameSuffix = ":name";

    public static string NameKey(string key) => key + NameSuffix;

    public static bool IsNameKey(string key) => key.EndsWith(NameSuffix, StringComparison.Ordinal);

    public async Task<IReadOnlyList<PickOption>> PeopleAsync(string? q, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Apply);
        return (await people.SearchAsync(q, 20, ct)).Select(p => new PickOption(p.Id, p.Name, p.Display)).ToList();
    }

    public async Task<IReadOnlyList<PickOption>> OrganisationsAsync(string? q, CancellationToken ct = default)
    {
        user.Demand(AwardPermissions.Apply);
        if (q.Clean() is null) return [];
        return (await organisations.SearchAsync(q, take: 20, ct: ct)).Select(o => new PickOption(o.Id, o.Name, $"{o.Name}（{o.TypeName}）")).ToList();
    }

    /// <summary>
    /// Person and organisation values given as an id (checked: it must exist for the user, unless it is the value already
    /// stored) or as a name (resolved when exactly one record has that name). Returns the values with ids and the names.
    /// </summary>
    public async Task<(Dictionary<string, string?> Values, Dictionary<string, string> Names)> ResolveAsync(IReadOnlyList<FieldDef> fields,
        IReadOnlyDictionary<string, string?> input, IReadOnlyDictionary<string, string?> stored, CancellationToken ct)
    {
        var values = input.Where(kv => !IsNameKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var names = new Dictionary<string, string>();
        foreach (var f in fields.Where(f => f.Type is FieldType.Person or FieldType.Organisation))
        {
            if (values.GetValueOrDefault(f.Key).Clean() is not { } v) continue;
            var isPerson = f.Type == FieldType.Person;
            if (Guid.TryParse(v, out var id))
            {
                if (stored.GetValueOrDefault(f.Key) == v && stored.GetValueOrDefault(NameKey(f.Key)) is { } kept)
                {
                    names[f.Key] = kept;
                    continue;
                }
                var name = isPerson ? (await people.FindAsync(id, ct))?.Name : (await organisations.FindAsync(id, ct))?.Name;
                names[f.Key] = name ?? throw new DomainException(isPerson ? $"「{f.Label}」应为科技工作者库中的人员" : $"「{f.Label}」应为组织体系中的单位", $"Values.{f.Key}");
                continue;
            }
            var matches = isPerson
                ? (await people.SearchAsync(v, 50, ct)).Where(p => p.Name == v).Select(p => (p.Id, p.Name)).ToList()
                : (await organisations.SearchAsync(v, take: 50, ct: ct)).Where(o => o.Name == v).Select(o => (o.Id, o.Name)).ToList();
            if (matches.Count == 0)
                throw new DomainException(isPerson ? $"「{f.Label}」：科技工作者库中没有找到「{v}」（只能选择您有权查看的人员）" : $"「{f.Label}」：没有找到名为「{v}」的单位", $"Values.{f.Key}");
            if (matches.Count > 1)
                throw new DomainException($"「{f.Label}」：有{matches.Count}个名为「{v}」的{(isPerson ? "人员" : "单位")}，请从查找结果中选择", $"Values.{f.Key}");
            values[f.Key] = matches[0].Id.ToString();
            names[f.Key] = matches[0].Name;
        }
        return (values, names);
    }
}
