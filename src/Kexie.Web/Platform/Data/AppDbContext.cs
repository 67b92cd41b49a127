using System.Reflection;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Dictionaries;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Files;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Jobs;
using Kexie.Web.Platform.Notifications;
using Kexie.Web.Platform.Organisations;
using Kexie.Web.Platform.Web;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Platform.Data;

/// <summary>What a context needs from the DI scope that leased it (pooled contexts cannot take scoped services in their constructor).</summary>
public sealed class DbRuntime(CurrentUserAccessor accessor, TimeProvider time)
{
    public CurrentUserAccessor Accessor { get; } = accessor;
    public TimeProvider Time { get; } = time;
}

/// <summary>
/// The one DbContext of Kexie. Provider-specific subclasses (<see cref="SqliteAppDbContext"/>,
/// <see cref="PostgresAppDbContext"/>) carry their own migrations. Three mechanisms live here so that
/// no module can forget them: the data-scope query filter on every <see cref="IOrgScoped"/> type,
/// the data-scope check of every insert and update, and the audit row of every change (same transaction).
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, AppRole, Guid, IdentityUserClaim<Guid>, IdentityUserRole<Guid>,
        IdentityUserLogin<Guid>, IdentityRoleClaim<Guid>, IdentityUserToken<Guid>>(options), IDataProtectionKeyContext
{
    /// <summary>The name of the data-scope query filter (for the few audited places that must bypass it).</summary>
    public const string DataScopeFilter = "DataScope";

    private DbRuntime? _runtime;
    private readonly List<PendingAudit> _events = [];

    public abstract DatabaseProvider Provider { get; }

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<OrganisationClosure> OrganisationClosures => Set<OrganisationClosure>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<SanZhangPost> SanZhangPosts => Set<SanZhangPost>();
    public DbSet<CoverageUnit> CoverageUnits => Set<CoverageUnit>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<StoredFile> Files => Set<StoredFile>();
    public DbSet<BackgroundJob> Jobs => Set<BackgroundJob>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<DictionaryItem> DictionaryItems => Set<DictionaryItem>();
    public DbSet<UserSession> Sessions => Set<UserSession>();
    public DbSet<PermissionSeed> PermissionSeeds => Set<PermissionSeed>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    internal void Attach(DbRuntime runtime)
    {
        _runtime = runtime;
        _events.Clear();
    }

    /// <summary>The acting user. Without a runtime (design time) nobody: every scoped query is empty.</summary>
    public CurrentUser Actor => _runtime?.Accessor.User ?? CurrentUser.Anonymous;

    public DateTime UtcNow => (_runtime?.Time ?? TimeProvider.System).GetUtcNow().UtcDateTime;

    // Read by the query filters on every query; EF Core sends them as parameters.
    private DataScope Scope => Actor.Scope;
    internal bool ScopeAll => Scope.IsAll;
    internal bool ScopeHasUser => Scope.HasUser;
    internal Guid ScopeUserId => Scope.UserId;

    /// <summary>The closure ancestor whose descendants are in scope: the virtual root for 全部, the user's organisation, or nobody.</summary>
    internal Guid ScopeRootId => Scope.IsAll ? OrganisationClosure.VirtualRoot
        : Scope.IsSubtree || Scope.IsOrgOnly ? Scope.OrganisationId
        : OrganisationClosure.Nobody;

    /// <summary>0 for 本组织 (the organisation itself), unlimited otherwise.</summary>
    internal int ScopeMaxDistance => Scope.IsOrgOnly ? 0 : int.MaxValue;

    /// <summary>
    /// Reads past the data-scope filter, for records the public may see (published activities, 公示, final results)
    /// and for names shown across scopes. The caller restricts to public records; this is the only sanctioned
    /// bypass outside Platform code (the architecture tests forbid IgnoreQueryFilters in modules). Use it as its
    /// own query: IgnoreQueryFilters anywhere in a LINQ query lifts the filter for the whole query.
    /// </summary>
    public IQueryable<T> PublicView<T>() where T : class => Set<T>().IgnoreQueryFilters([DataScopeFilter]);

    /// <summary>Records an audit event (a workflow transition, a personal-data view, an export) written with the next save.</summary>
    public void AuditEvent(string action, string entityType, string? entityId, string summary, Guid? organisationId = null, string? changesJson = null) =>
        _events.Add(new PendingAudit(action, entityType, entityId, summary, organisationId, changesJson, null));

    /// <summary>Writes pending audit events on their own (when nothing else changes).</summary>
    public Task FlushAuditAsync(CancellationToken ct = default) => SaveChangesAsync(ct);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly, t => !t.IsAbstract);
        PlatformModel.ConfigureIdentityTables(builder);

        foreach (var type in builder.Model.GetEntityTypes().Select(t => t.ClrType).ToList())
        {
            if (typeof(IVersioned).IsAssignableFrom(type))
                builder.Entity(type).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
            if (typeof(Entity).IsAssignableFrom(type))
                builder.Entity(type).Property(nameof(Entity.Id)).ValueGeneratedNever();

            var method = typeof(IUserOwned).IsAssignableFrom(type) ? nameof(ApplyOwnedScopeFilter)
                : typeof(IOrgScoped).IsAssignableFrom(type) ? nameof(ApplyScopeFilter)
                : null;
            if (method is not null)
                typeof(AppDbContext).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Instance)!
                    .MakeGenericMethod(type).Invoke(this, [builder]);
        }

        // One EXISTS over the closure table, never OR-ed with anything: PostgreSQL pulls a top-level EXISTS up
        // into a semi-join (an index probe per candidate row), which it cannot do under an OR.
        builder.Entity<Organisation>().HasQueryFilter(DataScopeFilter, o =>
            OrganisationClosures.Any(c => c.AncestorId == ScopeRootId && c.DescendantId == o.Id && c.Distance <= ScopeMaxDistance));
        builder.Entity<AppUser>().HasQueryFilter(DataScopeFilter, u => ScopeAll
            || (ScopeHasUser && u.Id == ScopeUserId)
            || OrganisationClosures.Any(c => c.AncestorId == ScopeRootId && c.DescendantId == u.OrganisationId && c.Distance <= ScopeMaxDistance));
    }

    private void ApplyScopeFilter<T>(ModelBuilder builder) where T : class, IOrgScoped =>
        builder.Entity<T>().HasQueryFilter(DataScopeFilter, e =>
            OrganisationClosures.Any(c => c.AncestorId == ScopeRootId && c.DescendantId == e.OrganisationId && c.Distance <= ScopeMaxDistance));

    // Own records are a union with the organisation scope; ScopeAll short-circuits it (folded away by PostgreSQL).
    private void ApplyOwnedScopeFilter<T>(ModelBuilder builder) where T : class, IUserOwned =>
        builder.Entity<T>().HasQueryFilter(DataScopeFilter, e => ScopeAll
            || (ScopeHasUser && e.OwnerUserId == ScopeUserId)
            || OrganisationClosures.Any(c => c.AncestorId == ScopeRootId && c.DescendantId == e.OrganisationId && c.Distance <= ScopeMaxDistance));

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var now = UtcNow;
        StampAndVersion(now);
        await EnforceWriteScopeAsync(cancellationToken);
        var pending = AuditCapture.Capture(this);
        pending.AddRange(_events);
        _events.Clear();
        if (pending.Count == 0) return await SaveCoreAsync(acceptAllChangesOnSuccess, cancellationToken);

        var ownTransaction = Database.CurrentTransaction is null;
        await using var tx = ownTransaction ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var written = await SaveCoreAsync(acceptAllChangesOnSuccess, cancellationToken);
        await AuditChain.AppendAsync(this, pending, now, cancellationToken);
        if (tx is not null) await tx.CommitAsync(cancellationToken);
        return written;
    }

    private async Task<int> SaveCoreAsync(bool accept, CancellationToken ct)
    {
        try
        {
            return await base.SaveChangesAsync(accept, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
    }

    /// <summary>Saves audit rows built by <see cref="AuditChain"/> without running the capture again.</summary>
    internal Task<int> SaveAuditRowsAsync(CancellationToken ct) => base.SaveChangesAsync(true, ct);

    /// <summary>Tests put a removed audit row back exactly as it was.</summary>
    internal Task<int> SaveAuditRowsForTestAsync() => base.SaveChangesAsync(true, default);

    private void StampAndVersion(DateTime now)
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Added)
            {
                if (entry.Entity is Entity e)
                {
                    if (e.CreatedAt == default) e.CreatedAt = now;
                    e.UpdatedAt = now;
                }
            }
            else if (entry.State == EntityState.Modified)
            {
                if (entry.Entity is Entity e) e.UpdatedAt = now;
                if (entry.Entity is IVersioned v)
                {
                    var original = (int)entry.Property(nameof(IVersioned.Version)).OriginalValue!;
                    v.Version = original + 1;
                }
            }
        }
    }

    /// <summary>An insert or update of a scoped record must land inside the actor's scope (or be their own record).</summary>
    private async Task EnforceWriteScopeAsync(CancellationToken ct)
    {
        var scope = Scope;
        if (scope.IsAll) return;
        var toCheck = new HashSet<Guid>();
        foreach (var entry in ChangeTracker.Entries<IOrgScoped>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.Entity is IUserOwned owned && scope.HasUser && owned.OwnerUserId == scope.UserId
                && (entry.State != EntityState.Modified || Equals(entry.Property(nameof(IUserOwned.OwnerUserId)).OriginalValue, scope.UserId)))
                continue;
            toCheck.Add(entry.Entity.OrganisationId);
            if (entry.State == EntityState.Modified && entry.Property(nameof(IOrgScoped.OrganisationId)).OriginalValue is Guid before)
                toCheck.Add(before);
        }
        foreach (var entry in ChangeTracker.Entries<Organisation>())
        {
            if (entry.State == EntityState.Added) toCheck.Add(entry.Entity.ParentId ?? Guid.Empty);
            else if (entry.State is EntityState.Modified or EntityState.Deleted) toCheck.Add(entry.Entity.Id);
        }
        if (toCheck.Count == 0) return;
        var allowed = await OrganisationsInScopeAsync(toCheck, ct);
        if (toCheck.Any(id => !allowed.Contains(id)))
            throw new ForbiddenException("无权在该组织范围内保存记录");
    }

    /// <summary>Which of <paramref name="ids"/> lie within the actor's organisation scope.</summary>
    public async Task<HashSet<Guid>> OrganisationsInScopeAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        if (Scope.IsAll) return ids.ToHashSet();
        var list = ids.ToList();
        var (root, max) = (ScopeRootId, ScopeMaxDistance);
        var found = await OrganisationClosures.AsNoTracking()
            .Where(c => c.AncestorId == root && c.Distance <= max && list.Contains(c.DescendantId))
            .Select(c => c.DescendantId).ToListAsync(ct);
        return found.ToHashSet();
    }
}

public static class DataScopeExtensions
{
    /// <summary>
    /// Lifts the data-scope filter for this query: cross-scope lookups a module legitimately needs (the shared expert
    /// pool, uniqueness checks, names above one's scope). Explicit and grep-able; the architecture tests forbid
    /// calling IgnoreQueryFilters from modules directly. It applies to the whole LINQ query it is part of.
    /// </summary>
    public static IQueryable<T> WithoutDataScope<T>(this IQueryable<T> query) where T : class =>
        query.IgnoreQueryFilters([AppDbContext.DataScopeFilter]);
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

internal static class PlatformModel
{
    public static void ConfigureIdentityTables(ModelBuilder b)
    {
        b.Entity<AppUser>(e =>
        {
            e.ToTable("id_users");
            e.Property(u => u.DisplayName).HasMaxLength(Lengths.Name);
            e.Property(u => u.Department).HasMaxLength(Lengths.Name);
            e.HasIndex(u => u.OrganisationId);
        });
        b.Entity<AppRole>(e =>
        {
            e.ToTable("id_roles");
            e.Property(r => r.Description).HasMaxLength(Lengths.LongName);
            e.Property(r => r.NameEn).HasMaxLength(Lengths.Name);
        });
        b.Entity<IdentityUserRole<Guid>>().ToTable("id_user_roles");
        b.Entity<IdentityUserClaim<Guid>>().ToTable("id_user_claims");
        b.Entity<IdentityUserLogin<Guid>>().ToTable("id_user_logins");
        b.Entity<IdentityUserToken<Guid>>().ToTable("id_user_tokens");
        b.Entity<IdentityRoleClaim<Guid>>().ToTable("id_role_claims");
        b.Entity<DataProtectionKey>().ToTable("dp_keys");
    }

    /// <summary>Entity type → display name for audit rows and messages.</summary>
    public static string DisplayName(Type t) =>
        t.GetCustomAttribute<DisplayNameZhAttribute>()?.Name
        ?? (t == typeof(IdentityUserRole<Guid>) ? "用户角色" : t == typeof(IdentityRoleClaim<Guid>) ? "角色权限" : t.Name);
}
