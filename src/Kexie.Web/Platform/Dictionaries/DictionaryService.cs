using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Platform.Dictionaries;

public sealed record DictionaryItemView(Guid Id, string Category, string Code, string Name, string? NameEn, string? ParentCode, int SortOrder, bool IsActive, int Version);

public sealed record DictionaryItemInput(string Code, string Name, string? NameEn, string? ParentCode, int SortOrder, bool IsActive = true, int Version = 0);

/// <summary>Reads dictionaries (anyone signed in) and edits them (admins). Codes never change once used.</summary>
public sealed class DictionaryService(AppDbContext db, CurrentUser user)
{
    public async Task<List<DictionaryItemView>> ItemsAsync(string category, bool includeInactive = false, CancellationToken ct = default) =>
        await db.DictionaryItems.AsNoTracking().Where(d => d.Category == category && (includeInactive || d.IsActive))
            .OrderBy(d => d.SortOrder).ThenBy(d => d.Code)
            .Select(d => new DictionaryItemView(d.Id, d.Category, d.Code, d.Name, d.NameEn, d.ParentCode, d.SortOrder, d.IsActive, d.Version))
            .ToListAsync(ct);

    public async Task<Dictionary<string, string>> NamesAsync(string category, CancellationToken ct = default) =>
        await db.DictionaryItems.AsNoTracking().Where(d => d.Category == category).ToDictionaryAsync(d => d.Code, d => d.Name, ct);

    public async Task<Guid> SaveAsync(string category, Guid? id, DictionaryItemInput input, CancellationToken ct = default)
    {
        user.Demand(PlatformPermissions.DictionariesManage);
        if (string.IsNullOrWhiteSpace(input.Code)) throw new DomainException("代码不能为空", "Code");
        if (string.IsNullOrWhiteSpace(input.Name)) throw new DomainException("名称不能为空", "Name");
        DictionaryItem item;
        if (id is { } existing)
        {
            item = await db.DictionaryItems.FirstOrDefaultAsync(d => d.Id == existing && d.Category == category, ct) ?? throw new NotFoundException("字典项");
            db.Entry(item).Property(d => d.Version).OriginalValue = input.Version;
            if (item.Code != input.Code.Trim()) throw new DomainException("字典代码不能修改；如需新代码请新增并停用旧项", "Code");
        }
        else
        {
            if (await db.DictionaryItems.AnyAsync(d => d.Category == category && d.Code == input.Code.Trim(), ct))
                throw new DomainException($"代码 {input.Code} 已存在", "Code");
            item = new DictionaryItem { Category = category, Code = input.Code.Trim() };
            db.DictionaryItems.Add(item);
        }
        item.Name = input.Name.Trim();
        item.NameEn = input.NameEn.Clean();
        item.ParentCode = input.ParentCode.Clean();
        item.SortOrder = input.SortOrder;
        item.IsActive = input.IsActive;
        await db.SaveChangesAsync(ct);
        return item.Id;
    }
}
