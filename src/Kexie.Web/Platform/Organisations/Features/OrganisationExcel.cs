using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Excel;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Platform.Organisations.Features;

internal static class OrganisationColumns
{
    public const string Name = "名称";
    public const string Type = "类型";
    public const string Parent = "上级组织";
    public const string Region = "行政区划代码";
    public const string ShortName = "简称";
    public const string CreditCode = "统一社会信用代码";
    public const string Contact = "联系人";
    public const string Phone = "联系电话";
    public const string Address = "地址";
    public const string Established = "成立日期";
    public const string Party = "是否建立党组织";
    public const string Members = "会员数";
}

/// <summary>Imports organisations; a row's parent may be in the database (within scope) or earlier/later in the same file.</summary>
public sealed class OrganisationImport : ExcelImportDefinition<OrganisationImport.Row>
{
    public sealed record Row(string Name, OrganisationType Type, string ParentName, string RegionCode, OrganisationInput Input);

    public override string Key => "organisations";
    public override string Title => "组织机构导入";
    public override string Permission => PlatformPermissions.OrganisationsImport;

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new(OrganisationColumns.Name, true, "石门镇科协", "组织全称，同一上级下不能重名"),
        new(OrganisationColumns.Type, true, OrganisationType.TownAssociation.Zh(), "可选：" + string.Join("、", Enum.GetValues<OrganisationType>().Select(t => t.Zh()))),
        new(OrganisationColumns.Parent, true, "秦川区科协", "上级组织全称：已在系统中，或在本文件中"),
        new(OrganisationColumns.Region, true, "619902001", "GB/T 2260 行政区划代码，6位（县级）或9位（乡镇）"),
        new(OrganisationColumns.ShortName),
        new(OrganisationColumns.CreditCode, false, null, "18位统一社会信用代码"),
        new(OrganisationColumns.Contact),
        new(OrganisationColumns.Phone, false, "0916-2345678"),
        new(OrganisationColumns.Address),
        new(OrganisationColumns.Established, false, "2020-06-01"),
        new(OrganisationColumns.Party, false, "是", "学会填写：是/否"),
        new(OrganisationColumns.Members, false, "120"),
    ];

    protected override Row? Parse(ImportRowReader row, ImportContext ctx)
    {
        var r = row;
        var name = r.Text(OrganisationColumns.Name, required: true);
        var type = r.Choice(OrganisationColumns.Type, OrganisationTypes.FromZh, "见填写说明", required: true);
        var parent = r.Text(OrganisationColumns.Parent, required: true);
        var region = r.Text(OrganisationColumns.Region, required: true, maxLength: 9);
        if (region is not null && !System.Text.RegularExpressions.Regex.IsMatch(region, @"^\d{6}(\d{3})?$"))
            r.Error(OrganisationColumns.Region, "行政区划代码应为6位或9位数字");
        var phone = r.Text(OrganisationColumns.Phone);
        if (phone is not null && !Privacy.ChinesePhone.Validate(phone).IsValid) r.Error(OrganisationColumns.Phone, $"联系电话「{phone}」格式不正确");
        var credit = r.Text(OrganisationColumns.CreditCode, maxLength: 18);
        if (credit is not null && credit.Length != 18) r.Error(OrganisationColumns.CreditCode, "统一社会信用代码应为18位");
        var input = new OrganisationInput
        {
            Name = name ?? "",
            ShortName = r.Text(OrganisationColumns.ShortName, maxLength: Lengths.Name),
            RegionCode = region ?? "",
            CreditCode = credit,
            ContactPerson = r.Text(OrganisationColumns.Contact, maxLength: Lengths.Name),
            ContactPhone = phone,
            Address = r.Text(OrganisationColumns.Address),
            EstablishedOn = r.Date(OrganisationColumns.Established),
            HasPartyOrganisation = r.Bool(OrganisationColumns.Party),
            MemberCount = r.Int(OrganisationColumns.Members, min: 0),
            Type = type ?? OrganisationType.TownAssociation,
        };
        return name is null || type is null || parent is null || region is null ? null : new Row(name, type.Value, parent, region, input);
    }

    protected override async Task ValidateAsync(IReadOnlyList<ParsedRow<Row>> rows, ImportContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var regionCodes = rows.Select(r => r.Value.RegionCode).Distinct().ToList();
        var knownRegions = (await db.Regions.AsNoTracking().Where(g => regionCodes.Contains(g.Code)).Select(g => g.Code).ToListAsync(ct)).ToHashSet();
        var parentNames = rows.Select(r => r.Value.ParentName).Concat(rows.Select(r => r.Value.Name)).Distinct().ToList();
        var existing = await db.Organisations.AsNoTracking().Where(o => parentNames.Contains(o.Name) && o.IsActive)
            .Select(o => new { o.Id, o.Name, o.Type }).ToListAsync(ct);
        var inFile = new Dictionary<string, int>();
        foreach (var r in rows)
        {
            if (!inFile.TryAdd(r.Value.Name, r.Row))
                ctx.Error(r.Row, OrganisationColumns.Name, $"与第 {inFile[r.Value.Name]} 行重名");
        }
        foreach (var r in rows)
        {
            if (!knownRegions.Contains(r.Value.RegionCode))
                ctx.Error(r.Row, OrganisationColumns.Region, $"行政区划代码 {r.Value.RegionCode} 不存在");
            var parentsInDb = existing.Where(e => e.Name == r.Value.ParentName).ToList();
            var parentInFile = rows.FirstOrDefault(x => x.Value.Name == r.Value.ParentName);
            OrganisationType? parentType = parentInFile?.Value.Type;
            if (parentInFile is null)
            {
                if (parentsInDb.Count == 0) { ctx.Error(r.Row, OrganisationColumns.Parent, $"上级组织「{r.Value.ParentName}」不存在或不在您的管理范围内"); continue; }
                if (parentsInDb.Count > 1) { ctx.Error(r.Row, OrganisationColumns.Parent, $"上级组织名称「{r.Value.ParentName}」不唯一"); continue; }
                parentType = parentsInDb[0].Type;
            }
            else if (parentsInDb.Count > 0)
            {
                ctx.Error(r.Row, OrganisationColumns.Parent, $"上级组织「{r.Value.ParentName}」在系统和文件中都存在，无法确定");
                continue;
            }
            if (parentType is { } pt && !r.Value.Type.CanBeChildOf(pt))
                ctx.Error(r.Row, OrganisationColumns.Type, $"「{r.Value.Type.Zh()}」不能设在「{pt.Zh()}」之下");
            if (existing.Any(e => e.Name == r.Value.Name) && parentsInDb.Count == 1)
                ctx.Error(r.Row, OrganisationColumns.Name, $"系统中已有名为「{r.Value.Name}」的组织");
        }
        // Cycles inside the file (A under B, B under A) leave rows whose parent never resolves.
        var resolved = existing.Select(e => e.Name).ToHashSet();
        var pending = rows.ToList();
        bool progress;
        do
        {
            progress = false;
            foreach (var r in pending.ToList())
                if (resolved.Contains(r.Value.ParentName)) { resolved.Add(r.Value.Name); pending.Remove(r); progress = true; }
        } while (progress);
        foreach (var r in pending) ctx.Error(r.Row, OrganisationColumns.Parent, "上级关系形成循环，无法确定层级");
    }

    protected override async Task<int> CommitAsync(IReadOnlyList<ParsedRow<Row>> rows, ImportContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var byName = new Dictionary<string, Organisation>();
        var remaining = rows.ToList();
        var count = 0;
        while (remaining.Count > 0)
        {
            var before = remaining.Count;
            foreach (var r in remaining.ToList())
            {
                var parent = byName.GetValueOrDefault(r.Value.ParentName);
                if (parent is null && rows.Any(x => x.Value.Name == r.Value.ParentName)) continue;
                parent ??= await db.Organisations.FirstAsync(o => o.Name == r.Value.ParentName && o.IsActive, ct);
                var org = new Organisation(r.Value.Name, r.Value.Type, r.Value.RegionCode, parent.Id);
                OrganisationRules.Apply(org, r.Value.Input);
                await OrganisationTree.AddAsync(db, org, parent, ct);
                byName[org.Name] = org;
                remaining.Remove(r);
                count++;
            }
            if (remaining.Count == before) throw new Errors.DomainException("上级关系无法解析");
            await db.SaveChangesAsync(ct);
        }
        return count;
    }
}

/// <summary>Exports the organisations in scope in the import template's columns (a round trip re-imports them elsewhere).</summary>
public sealed class ExportOrganisations(AppDbContext db, CurrentUser user, ListOrganisations list)
{
    public async Task<byte[]> HandleAsync(OrganisationListRequest filter, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.OrganisationsView);
        var q = list.Filter(filter);
        var orgs = await q.OrderBy(o => o.Depth).ThenBy(o => o.SortOrder).ThenBy(o => o.Name).ToListAsync(ct);
        var parents = await ListOrganisations.ParentNamesAsync(db, orgs.Select(o => o.ParentId), ct);
        var rows = orgs.Select(o => new { o, ParentName = o.ParentId is { } p ? parents.GetValueOrDefault(p, "") : "" }).ToList();
        db.AuditEvent(Audit.AuditActions.Export, "组织机构", null, $"导出组织机构 {rows.Count} 条");
        await db.FlushAuditAsync(ct);
        return ExcelExport.ToXlsx(rows.Select(x => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            [OrganisationColumns.Name] = x.o.Name,
            [OrganisationColumns.Type] = x.o.Type.Zh(),
            [OrganisationColumns.Parent] = x.ParentName,
            [OrganisationColumns.Region] = x.o.RegionCode,
            [OrganisationColumns.ShortName] = x.o.ShortName,
            [OrganisationColumns.CreditCode] = x.o.CreditCode,
            [OrganisationColumns.Contact] = x.o.ContactPerson,
            [OrganisationColumns.Phone] = Privacy.Mask.Phone(x.o.ContactPhone),
            [OrganisationColumns.Address] = x.o.Address,
            [OrganisationColumns.Established] = x.o.EstablishedOn?.ToString("yyyy-MM-dd"),
            [OrganisationColumns.Party] = x.o.HasPartyOrganisation is { } b ? (b ? "是" : "否") : null,
            [OrganisationColumns.Members] = x.o.MemberCount,
            ["状态"] = x.o.IsActive ? "启用" : "停用",
        }), "组织机构");
    }
}
