using Kexie.Web.Modules.WorkPlans.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.WorkPlans.Features;

public sealed record ActivatePlanRequest(int Version, DateOnly? Deadline = null, ReportRhythm Rhythm = ReportRhythm.Quarterly);

/// <summary>Confirms the reviewed parse: every kept plan item becomes a task assigned to the unit it names.</summary>
public sealed class ActivatePlan(AppDbContext db, CurrentUser user)
{
    /// <summary>Organisation types a task can be assigned to.</summary>
    public static readonly OrganisationType[] AssignableTypes =
    [
        OrganisationType.CityAssociation, OrganisationType.CityDepartment, OrganisationType.DirectUnit, OrganisationType.MemberUnit,
        OrganisationType.CountyAssociation, OrganisationType.ParkAssociation, OrganisationType.Society,
    ];

    public async Task<int> HandleAsync(Guid planId, ActivatePlanRequest r, CancellationToken ct = default)
    {
        user.Demand(WorkPlansPermissions.Manage);
        var plan = await db.Set<WorkPlan>().FirstOrDefaultAsync(x => x.Id == planId, ct) ?? throw new NotFoundException("工作要点");
        db.Entry(plan).Property(p => p.Version).OriginalValue = r.Version;
        var items = plan.Draft().Where(i => !i.Dropped && !i.IsReview).ToList();
        plan.Activate(db.UtcNow);
        var resolver = await UnitResolver.LoadAsync(db, plan.OrganisationId, ct);
        CreateTasks(db, plan, items, resolver, r.Deadline ?? new DateOnly(plan.Year, 12, 31), r.Rhythm);
        db.AuditEvent("workplan.activate", "工作要点", plan.Id.ToString(), $"确认《{plan.Title}》，生成 {items.Count} 项任务", plan.OrganisationId);
        await db.SaveChangesAsync(ct);
        return items.Count;
    }

    internal static List<WorkTask> CreateTasks(AppDbContext db, WorkPlan plan, IReadOnlyList<DraftItem> items, UnitResolver resolver, DateOnly deadline, ReportRhythm rhythm)
    {
        var order = 0;
        var created = new List<WorkTask>();
        foreach (var item in items)
        {
            var (lead, rest) = resolver.Resolve(item.Units);
            var task = new WorkTask
            {
                OrganisationId = lead,
                PlanId = plan.Id,
                PlanOrganisationId = plan.OrganisationId,
                PlanYear = plan.Year,
                PlanTitle = plan.Title,
                PartIndex = item.PartIndex,
                PartTitle = item.PartTitle.Truncate(Lengths.LongName),
                SortOrder = ++order,
                Path = item.Path.Truncate(Lengths.Code),
                Title = item.Title.Truncate(Lengths.Text),
                Body = item.Body.Truncate(Lengths.LongText),
                UnitsAsWritten = string.Join("、", item.Units).Truncate(Lengths.Text),
                CoUnits = rest.Count > 0 ? string.Join("、", rest).Truncate(Lengths.Text) : null,
                Deadline = deadline,
                Rhythm = rhythm,
            };
            db.Set<WorkTask>().Add(task);
            created.Add(task);
            foreach (var co in resolver.ResolveAll(rest).Where(id => id != lead))
                db.Set<WorkTaskCoUnit>().Add(new WorkTaskCoUnit { OrganisationId = co, TaskId = task.Id, PlanId = plan.Id });
            foreach (var t in item.Targets)
                db.Set<WorkTarget>().Add(new WorkTarget
                {
                    OrganisationId = lead,
                    TaskId = task.Id,
                    PlanId = plan.Id,
                    Subject = t.Subject.Truncate(Lengths.LongName),
                    Value = t.Value,
                    Upper = t.Upper,
                    Bound = t.Bound,
                    Unit = t.Unit.Truncate(Lengths.Code),
                    Text = t.Text.Truncate(Lengths.LongName),
                });
        }
        return created;
    }
}

/// <summary>Finds the organisations a plan names ("市科协", "市科技局", "科学技术普及部") by name or short name.</summary>
public sealed class UnitResolver
{
    private readonly Guid _owner;
    private readonly List<(Guid Id, string Name, string? Short, OrganisationType Type)> _orgs;

    private UnitResolver(Guid owner, List<(Guid, string, string?, OrganisationType)> orgs) => (_owner, _orgs) = (owner, orgs);

    public static async Task<UnitResolver> LoadAsync(AppDbContext db, Guid owner, CancellationToken ct)
    {
        var orgs = await db.Organisations.AsNoTracking().Where(o => o.IsActive && ActivatePlan.AssignableTypes.Contains(o.Type))
            .Select(o => new { o.Id, o.Name, o.ShortName, o.Type }).ToListAsync(ct);
        return new UnitResolver(owner, orgs.Select(o => (o.Id, o.Name, o.ShortName, o.Type)).ToList());
    }

    public Guid? Find(string unit)
    {
        var u = unit.Trim();
        if (u.Length == 0) return null;
        if (u is "市科协" or "市科学技术协会" or "本会") return _owner;
        var hit = _orgs.FirstOrDefault(o => o.Name == u || o.Short == u);
        if (hit.Id != Guid.Empty) return hit.Id;
        // "示范市科技局" against the short name "市科技局"; "科普部" is not guessed.
        hit = _orgs.FirstOrDefault(o => o.Short is { Length: > 1 } s && s.StartsWith('市') && u.EndsWith(s[1..], StringComparison.Ordinal) && u.Length - s.Length <= 4);
        return hit.Id == Guid.Empty ? null : hit.Id;
    }

    /// <summary>The organisations among <paramref name="units"/> that are found in the tree (distinct, in order).</summary>
    public List<Guid> ResolveAll(IEnumerable<string> units) => units.Select(Find).OfType<Guid>().Distinct().ToList();

    /// <summary>Splits a list of units as people write it ("市教育局、市科技局，团市委").</summary>
    public static List<string> Split(string? text) =>
        (text ?? "").Split(['、', '，', ',', ';', '；', ' ', '　', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>The lead (the first unit found, else the plan owner) and the other units as written.</summary>
    public (Guid Lead, List<string> Others) Resolve(IReadOnlyList<string> units)
    {
        foreach (var u in units)
            if (Find(u) is { } id)
                return (id, units.Where(x => x != u).ToList());
        return (_owner, units.ToList());
    }
}
