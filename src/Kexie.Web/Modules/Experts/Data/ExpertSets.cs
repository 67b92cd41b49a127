using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Experts.Data;

/// <summary>The module's tables on the shared <see cref="AppDbContext"/>.</summary>
internal static class ExpertSets
{
    public static DbSet<Person> People(this AppDbContext db) => db.Set<Person>();

    public static DbSet<PersonRelation> PersonRelations(this AppDbContext db) => db.Set<PersonRelation>();

    public static DbSet<Panel> Panels(this AppDbContext db) => db.Set<Panel>();

    public static DbSet<PanelRunner> PanelRunners(this AppDbContext db) => db.Set<PanelRunner>();

    public static DbSet<PanelMember> PanelMembers(this AppDbContext db) => db.Set<PanelMember>();

    public static DbSet<ExpertUsage> Usages(this AppDbContext db) => db.Set<ExpertUsage>();

    public static DbSet<PersonClaim> Claims(this AppDbContext db) => db.Set<PersonClaim>();

    /// <summary>Everyone in the registry regardless of the actor's scope: uniqueness checks and the shared pool only.</summary>
    public static IQueryable<Person> AllPeople(this AppDbContext db) => db.Set<Person>().WithoutDataScope();
}
