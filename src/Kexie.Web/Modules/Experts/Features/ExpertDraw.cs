using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kexie.Web.Modules.Experts.Contracts;
using Kexie.Web.Modules.Experts.Data;
using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Search;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Experts.Features;

/// <summary>Pure parts of the draw: ordering, shuffling, fingerprints and the unit rule (unit-tested).</summary>
public static class DrawEngine
{
    /// <summary>
    /// The draw order: candidates sorted by id (ordinal, so the same on every database), then a Fisher–Yates
    /// shuffle driven by <c>new Random(seed)</c> (deterministic for a given seed).
    /// </summary>
    public static List<Guid> Shuffle(IEnumerable<Guid> candidates, int seed)
    {
        var list = candidates.Distinct().OrderBy(g => g.ToString("N"), StringComparer.Ordinal).ToList();
        var random = new Random(seed);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    public static string Fingerprint(IEnumerable<Guid> candidates) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Join(',', candidates.Distinct().Select(g => g.ToString("N")).Order(StringComparer.Ordinal)))));

    /// <summary>
    /// Same unit: equal after normalisation, or one contains the other when the shorter has at least 4 characters
    /// ("稻香种业" vs "稻香种业有限公司").
    /// </summary>
    public static bool SameUnit(string? a, string? b)
    {
        var x = SearchTokens.Normalize(a).Replace(" ", "", StringComparison.Ordinal);
        var y = SearchTokens.Normalize(b).Replace(" ", "", StringComparison.Ordinal);
        if (x.Length == 0 || y.Length == 0) return false;
        if (x == y) return true;
        return Math.Min(x.Length, y.Length) >= 4 && (x.Contains(y, StringComparison.Ordinal) || y.Contains(x, StringComparison.Ordinal));
    }
}

/// <summary>
/// The 随机抽取 of the 专家库 with 回避, for this module's draw wizard and for other modules (<see cref="IExpertDraw"/>).
/// The pool is the whole city's 专家库 (admitted, available, confirmed people), whatever the drawer's data scope:
/// a county drawing reviewers draws from every expert; only name, employer, title and region reach the runners.
/// </summary>
public sealed class ExpertDraw(AppDbContext db, CurrentUser user) : IExpertDraw
{
    public async Task<PanelView> DrawAsync(DrawRequest request, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.Draw);
        var c = request.Criteria ?? new DrawCriteria();
        if (string.IsNullOrWhiteSpace(request.Title)) throw new DomainException("请填写评审组名称", "Title");
        if (c.Members is < 1 or > 100) throw new DomainException("抽取人数应在1到100之间", "Members");
        if (c.Reserves is < 0 or > 100) throw new DomainException("备选人数应在0到100之间", "Reserves");
        if (c.RecentDays is < 0 or > 3650) throw new DomainException("近期使用回避天数应在0到3650之间", "RecentDays");
        var orgId = request.OrganisationId ?? user.OrganisationId ?? throw new DomainException("请指定组织抽取的组织");
        if (!await db.Organisations.AnyAsync(o => o.Id == orgId, ct)) throw new DomainException("组织不存在或不在您的管理范围内");
        var seed = request.Seed ?? RandomNumberGenerator.GetInt32(1, int.MaxValue);

        var candidates = await CandidatesAsync(c, [], ct);
        if (candidates.Count < c.Members)
            throw new DomainException($"符合条件且不需回避的专家只有 {candidates.Count} 人，少于抽取人数 {c.Members} 人，请放宽条件");
        var order = DrawEngine.Shuffle(candidates, seed);
        var head = order.Take(Math.Min(order.Count, ((c.Members + c.Reserves) * 3) + 20)).ToList();
        var panel = new Panel
        {
            OrganisationId = orgId,
            Title = request.Title.Trim(),
            SourceModule = string.IsNullOrWhiteSpace(request.SourceModule) ? "experts" : request.SourceModule.Trim(),
            SourceRef = request.SourceRef?.Trim(),
            CriteriaJson = JsonSerializer.Serialize(c),
            Seed = seed,
            MemberCount = c.Members,
            ReserveCount = c.Reserves,
            CandidateCount = candidates.Count,
            CandidateFingerprint = DrawEngine.Fingerprint(candidates),
            DrawOrder = string.Join(',', head),
            CreatedByUserId = user.UserId ?? Guid.Empty,
        };
        var drawn = head.Take(c.Members + c.Reserves).ToList();
        panel.NextIndex = drawn.Count;
        db.Panels().Add(panel);
        if (user.UserId is { } uid) db.PanelRunners().Add(new PanelRunner { PanelId = panel.Id, UserId = uid });
        for (var i = 0; i < drawn.Count; i++)
            db.PanelMembers().Add(new PanelMember { PanelId = panel.Id, PersonId = drawn[i], Position = i + 1, Role = i < c.Members ? PanelMemberRole.Member : PanelMemberRole.Reserve });
        var names = await NamesAsync(drawn, ct);
        db.AuditEvent(AuditActions.Transition, "专家抽取", panel.Id.ToString(),
            $"随机抽取「{panel.Title}」：种子 {seed}，候选 {candidates.Count} 人；专家 {string.Join("、", drawn.Take(c.Members).Select(n => names[n]))}；备选 {string.Join("、", drawn.Skip(c.Members).Select(n => names[n]))}",
            orgId, JsonSerializer.Serialize(new { seed, candidates = candidates.Count, fingerprint = panel.CandidateFingerprint, drawn }));
        await db.SaveChangesAsync(ct);
        return await ViewAsync(panel, ct);
    }

    /// <summary>
    /// Candidate ids after every 回避 rule (also used to verify a recorded draw). The criteria are looked up through indexes
    /// – the main discipline code (btree), expertise codes and keywords (the search tokens, then the exact rule on the few
    /// hits) – and each source applies the pool conditions to its own hits, so the pool (most of the registry) is never
    /// scanned when there are criteria. The relation and recent-use rules run in SQL (NOT EXISTS) over the union of ids;
    /// the same-unit rule (<see cref="DrawEngine.SameUnit"/> works on normalised text) is decided in memory over the
    /// candidates' distinct employers and the declared related units.
    /// </summary>
    internal async Task<List<Guid>> CandidatesAsync(DrawCriteria c, IReadOnlyCollection<Guid> alreadyOnPanel, CancellationToken ct)
    {
        var regionPrefix = c.RegionPrefix.Clean();
        var excludePrefix = c.ExcludeRegionPrefix.Clean();
        IQueryable<Person> InPool(IQueryable<Person> q)
        {
            q = q.AsNoTracking().Where(p => p.PoolStatus == PoolStatus.Admitted && p.Availability == Availability.Available && p.Status == PersonStatus.Confirmed);
            if (regionPrefix is { } rp) q = q.Where(p => p.RegionCode != null && p.RegionCode.StartsWith(rp));
            if (excludePrefix is { } xp) q = q.Where(p => p.RegionCode == null || !p.RegionCode.StartsWith(xp));
            return q;
        }
        IQueryable<Person> Hits(SearchQuery search) => InPool(SearchPeople.Matching(db, search).WithoutDataScope());

        var codes = c.DisciplineCodes.Select(x => x.Trim()).Where(x => x.Length > 0).Distinct().ToList();
        var keywords = c.Keywords.Select(x => x.Trim()).Where(x => x.Length > 0).Distinct().ToList();
        var sources = new List<IQueryable<Person>>();
        if (codes.Count == 0 && keywords.Count == 0) sources.Add(InPool(db.AllPeople()));
        if (codes.Count > 0)
        {
            // Discipline: the main code, or an expertise code equal to or under one of the codes (",210" finds 210 and 21050).
            sources.Add(InPool(db.AllPeople()).Where(p => p.DisciplineCode != null && codes.Contains(p.DisciplineCode)));
            foreach (var code in codes)
            {
                // Expertise codes are part of the search tokens: every row whose codes contain the code is a token hit.
                var prefix = "," + code;
                var search = SearchTokens.Parse(code);
                var source = search.IsEmpty ? InPool(db.AllPeople()) : Hits(search);
                sources.Add(source.Where(p => p.ExpertiseCodes != null && ("," + p.ExpertiseCodes).Contains(prefix)));
            }
        }
        var postFiltered = new List<Guid>();
        foreach (var kw in keywords)
        {
            var search = SearchTokens.Parse(kw);
            if (search.IsEmpty) continue;
            if (SearchPeople.IsExactOn(db, search))
            {
                sources.Add(Hits(search));
                continue;
            }
            // A longer keyword may over-match on tokens: post-filter its hits in the pool (id and searched fields only).
            foreach (var x in await Hits(search).Select(p => new { p.Id, p.Name, p.Employer, p.Keywords, p.Bio, p.ExpertiseCodes, p.Honours }).ToListAsync(ct))
                if (search.Matches(x.Name, x.Employer, x.Keywords, x.Bio, x.ExpertiseCodes?.Replace(',', ' '), x.Honours))
                    postFiltered.Add(x.Id);
        }
        if (postFiltered.Count > 0) sources.Add(InPool(db.AllPeople()).Where(p => postFiltered.Contains(p.Id)));
        if (sources.Count == 0) return [];

        var units = c.AvoidUnits.Where(u => !string.IsNullOrWhiteSpace(u)).ToList();
        var parties = c.AvoidPeople.Distinct().ToList();
        var onPanel = alreadyOnPanel.ToList();
        var eligible = sources.Select(s => s.Select(p => new Candidate { Id = p.Id, Employer = p.Employer })).Aggregate((a, b) => a.Concat(b)); // UNION ALL: de-duplicated below, not sorted in SQL
        if (parties.Count > 0) eligible = eligible.Where(p => !parties.Contains(p.Id));
        if (onPanel.Count > 0) eligible = eligible.Where(p => !onPanel.Contains(p.Id));
        if (units.Count > 0)
        {
            var relatedUnits = await db.PersonRelations().AsNoTracking().Where(r => r.RelatedUnit != null).Select(r => r.RelatedUnit!).Distinct().ToListAsync(ct);
            var avoidedRelated = relatedUnits.Where(ru => units.Any(u => DrawEngine.SameUnit(ru, u))).ToList();
            if (avoidedRelated.Count > 0)
                eligible = eligible.Where(p => !db.PersonRelations().Any(r => r.PersonId == p.Id && r.RelatedUnit != null && avoidedRelated.Contains(r.RelatedUnit)));
        }
        if (parties.Count > 0)
        {
            // A relation declared by the expert towards a party, or by a party towards the expert, binds both ways.
            eligible = eligible.Where(p => !db.PersonRelations().Any(r =>
                (r.PersonId == p.Id && r.RelatedPersonId != null && parties.Contains(r.RelatedPersonId.Value))
                || (r.RelatedPersonId == p.Id && parties.Contains(r.PersonId))));
        }
        if (c.RecentDays > 0)
        {
            var since = DateOnly.FromDateTime(db.UtcNow.AddHours(8)).AddDays(-c.RecentDays);
            eligible = eligible.Where(p => !db.Usages().Any(u => u.PersonId == p.Id && u.UsedOn >= since));
        }
        List<Candidate> rows;
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // The candidates are a few tens of thousands of rows from three index scans; PostgreSQL runs them with parallel
            // workers, which on a small server only fight the web requests for the same cores (100,000 people, 2 cores:
            // 175–290 ms with two workers, 63–93 ms without). Off for this statement's transaction only.
            var own = db.Database.CurrentTransaction is null;
            await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
            await db.Database.ExecuteSqlRawAsync("SET LOCAL max_parallel_workers_per_gather = 0", ct);
            rows = await eligible.ToListAsync(ct);
            if (tx is not null) await tx.CommitAsync(ct);
        }
        else
        {
            rows = await eligible.ToListAsync(ct);
        }
        if (units.Count > 0)
        {
            var avoided = rows.Select(r => r.Employer).Distinct(StringComparer.Ordinal).Where(e => units.Any(u => DrawEngine.SameUnit(e, u))).ToHashSet(StringComparer.Ordinal);
            if (avoided.Count > 0) rows = rows.Where(r => !avoided.Contains(r.Employer)).ToList();
        }
        return rows.Select(r => r.Id).Distinct().ToList(); // a person found by several sources counts once
    }

    /// <summary>A candidate of the draw before the same-unit rule (a class, so set operations and filters translate).</summary>
    private sealed class Candidate
    {
        public Guid Id { get; init; }
        public string Employer { get; init; } = "";
    }

    public async Task<PanelView> GetAsync(Guid panelId, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.Draw);
        return await ViewAsync(await RunnablePanelAsync(panelId, ct), ct);
    }

    public async Task<PanelView> DeclineAsync(Guid panelId, Guid personId, string reason, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.Draw);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("请填写谢绝或无法参加的原因", "Reason");
        var panel = await RunnablePanelAsync(panelId, ct);
        panel.EnsureOpen();
        var members = await db.PanelMembers().Where(m => m.PanelId == panelId).OrderBy(m => m.Position).ToListAsync(ct);
        var member = members.FirstOrDefault(m => m.PersonId == personId && m.Status == PanelMemberStatus.Drawn)
            ?? throw new DomainException("该专家不在本评审组的待参加名单中");
        member.Status = PanelMemberStatus.Declined;
        member.DeclineReason = reason.Trim();
        Guid? replacement = null;
        if (member.Role == PanelMemberRole.Member)
        {
            var reserve = members.Where(m => m.Role == PanelMemberRole.Reserve && m.Status == PanelMemberStatus.Drawn).OrderBy(m => m.Position).FirstOrDefault();
            if (reserve is not null)
            {
                reserve.Role = PanelMemberRole.Member;
                replacement = reserve.PersonId;
            }
            else
            {
                // No reserve left: the next in the recorded draw order who is still eligible (回避 re-checked now).
                var criteria = JsonSerializer.Deserialize<DrawCriteria>(panel.CriteriaJson) ?? new DrawCriteria();
                var eligible = await CandidatesAsync(criteria, members.Select(m => m.PersonId).ToHashSet(), ct);
                var set = eligible.ToHashSet();
                var order = panel.Order;
                while (panel.NextIndex < order.Count && !set.Contains(order[panel.NextIndex])) panel.NextIndex++;
                if (panel.NextIndex >= order.Count) throw new DomainException("备选专家已用完，没有可递补的专家；请另行抽取");
                replacement = order[panel.NextIndex++];
                db.PanelMembers().Add(new PanelMember { PanelId = panel.Id, PersonId = replacement.Value, Position = members.Max(m => m.Position) + 1, Role = PanelMemberRole.Member });
            }
            member.ReplacedByPersonId = replacement;
        }
        panel.UpdatedAt = db.UtcNow;
        db.Entry(panel).State = EntityState.Modified;
        var names = await NamesAsync(replacement is null ? [personId] : [personId, replacement.Value], ct);
        db.AuditEvent(AuditActions.Transition, "专家抽取", panel.Id.ToString(),
            $"「{panel.Title}」：{names[personId]} 谢绝（{member.DeclineReason}）{(replacement is { } r ? "，由 " + names[r] + " 递补" : "")}", panel.OrganisationId);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(panel, ct);
    }

    public async Task<PanelView> CloseAsync(Guid panelId, DateOnly usedOn, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.Draw);
        var panel = await RunnablePanelAsync(panelId, ct);
        panel.EnsureOpen();
        var members = await db.PanelMembers().Where(m => m.PanelId == panelId && m.Role == PanelMemberRole.Member && m.Status == PanelMemberStatus.Drawn).ToListAsync(ct);
        panel.IsClosed = true;
        foreach (var m in members)
            db.Usages().Add(new ExpertUsage
            {
                OrganisationId = panel.OrganisationId,
                PersonId = m.PersonId,
                PanelId = panel.Id,
                Kind = "评审",
                Title = panel.Title,
                SourceModule = panel.SourceModule,
                ProjectKey = "panel:" + panel.Id.ToString("N"),
                UsedOn = usedOn,
            });
        db.AuditEvent(AuditActions.Transition, "专家抽取", panel.Id.ToString(), $"「{panel.Title}」结束，记录 {members.Count} 位专家的使用", panel.OrganisationId);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(panel, ct);
    }

    public async Task RateAsync(Guid panelId, Guid personId, int rating, string? comment, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.Draw);
        await RunnablePanelAsync(panelId, ct);
        var usage = await db.Usages().FirstOrDefaultAsync(u => u.PanelId == panelId && u.PersonId == personId, ct)
            ?? throw new DomainException("该专家没有本评审组的使用记录（评审组结束后才能评价）");
        usage.Rate(rating, comment, user.UserId);
        await db.SaveChangesAsync(ct);
    }

    public async Task<Guid> RecordUsageAsync(ExpertUsageInput usage, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.Draw);
        if (string.IsNullOrWhiteSpace(usage.Title) || string.IsNullOrWhiteSpace(usage.ProjectKey)) throw new DomainException("请填写使用事项和项目标识");
        if (!await db.AllPeople().AnyAsync(p => p.Id == usage.PersonId && p.PoolStatus == PoolStatus.Admitted, ct)) throw new DomainException("该专家不在库");
        var orgId = usage.OrganisationId ?? user.OrganisationId ?? throw new DomainException("请指定组织");
        if (await db.Usages().WithoutDataScope().AnyAsync(u => u.PersonId == usage.PersonId && u.ProjectKey == usage.ProjectKey, ct))
            throw new DomainException("该专家在此项目中已有使用记录（一项目一评价）");
        var u = new ExpertUsage
        {
            OrganisationId = orgId,
            PersonId = usage.PersonId,
            Kind = usage.Kind.Trim(),
            Title = usage.Title.Trim(),
            SourceModule = usage.SourceModule.Trim(),
            ProjectKey = usage.ProjectKey.Trim(),
            UsedOn = usage.UsedOn,
        };
        db.Usages().Add(u);
        await db.SaveChangesAsync(ct);
        return u.Id;
    }

    public async Task RateUsageAsync(Guid usageId, int rating, string? comment, CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.Draw);
        var usage = await db.Usages().FirstOrDefaultAsync(u => u.Id == usageId, ct) ?? throw new NotFoundException("使用记录");
        usage.Rate(rating, comment, user.UserId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Panels this user runs, newest first.</summary>
    public async Task<List<(Guid Id, string Title, DateTime CreatedAt, bool IsClosed, int Members)>> MineAsync(CancellationToken ct = default)
    {
        user.Demand(ExpertPermissions.Draw);
        var uid = user.UserId ?? Guid.Empty;
        var list = await db.Panels().AsNoTracking().Where(p => db.PanelRunners().Any(r => r.PanelId == p.Id && r.UserId == uid))
            .OrderByDescending(p => p.CreatedAt).Take(100).Select(p => new { p.Id, p.Title, p.CreatedAt, p.IsClosed, p.MemberCount }).ToListAsync(ct);
        return list.Select(p => (p.Id, p.Title, p.CreatedAt, p.IsClosed, p.MemberCount)).ToList();
    }

    /// <summary>The panel, when it is in scope and the user runs it; 404 otherwise (its very existence is not disclosed).</summary>
    private async Task<Panel> RunnablePanelAsync(Guid panelId, CancellationToken ct)
    {
        var panel = await db.Panels().FirstOrDefaultAsync(p => p.Id == panelId, ct) ?? throw new NotFoundException("评审组");
        if (!user.IsSystem && !await db.PanelRunners().AnyAsync(r => r.PanelId == panelId && r.UserId == user.UserId, ct))
            throw new NotFoundException("评审组");
        return panel;
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        await db.AllPeople().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);

    private async Task<PanelView> ViewAsync(Panel panel, CancellationToken ct)
    {
        var members = await db.PanelMembers().AsNoTracking().Where(m => m.PanelId == panel.Id).OrderBy(m => m.Position).ToListAsync(ct);
        var ids = members.Select(m => m.PersonId).ToList();
        var people = await db.AllPeople().AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Employer, p.Title, p.RegionCode, p.PhoneMasked }).ToDictionaryAsync(p => p.Id, ct);
        var ratings = await db.Usages().WithoutDataScope().AsNoTracking().Where(u => u.PanelId == panel.Id)
            .ToDictionaryAsync(u => u.PersonId, u => u.Rating, ct);
        DrawnExpert View(PanelMember m)
        {
            var p = people[m.PersonId];
            return new DrawnExpert(m.PersonId, p.Name, p.Employer, p.Title, p.RegionCode, p.PhoneMasked, m.Position, m.Role == PanelMemberRole.Member ? "专家" : "备选",
                m.Status == PanelMemberStatus.Declined ? "已谢绝" : panel.IsClosed ? "已参加" : "待参加", m.DeclineReason, m.ReplacedByPersonId, ratings.GetValueOrDefault(m.PersonId));
        }
        var criteria = JsonSerializer.Deserialize<DrawCriteria>(panel.CriteriaJson) ?? new DrawCriteria();
        return new PanelView(panel.Id, panel.Title, panel.SourceModule, panel.SourceRef, panel.Seed, panel.CandidateCount, panel.CandidateFingerprint, criteria,
            panel.IsClosed, panel.CreatedAt,
            members.Where(m => m.Role == PanelMemberRole.Member && m.Status == PanelMemberStatus.Drawn).Select(View).ToList(),
            members.Where(m => m.Role == PanelMemberRole.Reserve && m.Status == PanelMemberStatus.Drawn).Select(View).ToList(),
            members.Where(m => m.Status == PanelMemberStatus.Declined).Select(View).ToList());
    }
}
