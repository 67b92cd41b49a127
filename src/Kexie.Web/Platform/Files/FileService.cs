using System.Security.Cryptography;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Platform.Files;

/// <summary>Where file bytes live. Local disk by default; an object store can replace it for several instances.</summary>
public interface IFileStorage
{
    Task SaveAsync(string key, Stream content, CancellationToken ct);
    Task<Stream> OpenReadAsync(string key, CancellationToken ct);
    Task DeleteAsync(string key, CancellationToken ct);
}

/// <summary>Configuration section <c>Kexie:Files</c>.</summary>
public sealed class FileOptions
{
    public const string Section = "Kexie:Files";
    public string Root { get; set; } = "data/files";
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;
    public long MaxImportBytes { get; set; } = 60 * 1024 * 1024;

    public string[] AllowedExtensions { get; set; } =
        [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".txt", ".csv", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".zip", ".mp4"];
}

public sealed class LocalDiskFileStorage(IOptions<FileOptions> options) : IFileStorage
{
    private string Root => Path.GetFullPath(options.Value.Root);

    private string PathOf(string key)
    {
        var full = Path.GetFullPath(Path.Combine(Root, key));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw new InvalidOperationException("bad storage key");
        return full;
    }

    public async Task SaveAsync(string key, Stream content, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tmp = path + ".part";
        await using (var f = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            await content.CopyToAsync(f, ct);
        File.Move(tmp, path);
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken ct) =>
        Task.FromResult<Stream>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }
}

/// <summary>Uploads with size, type and signature checks; downloads within the data scope (or public files).</summary>
public sealed class FileService(AppDbContext db, IFileStorage storage, CurrentUser user, IOptions<FileOptions> options)
{
    public async Task<StoredFile> UploadAsync(Stream content, string fileName, string? contentType, string? purpose = null,
        bool isPublic = false, Guid? organisationId = null, long? maxBytes = null, CancellationToken ct = default)
    {
        if (!user.IsAuthenticated) throw new ForbiddenException("请先登录");
        var o = options.Value;
        var limit = maxBytes ?? o.MaxBytes;
        var safeName = Path.GetFileName(fileName.Replace('\\', '/'));
        if (string.IsNullOrWhiteSpace(safeName)) throw new DomainException("文件名无效", "file");
        var ext = Path.GetExtension(safeName).ToLowerInvariant();
        if (!o.AllowedExtensions.Contains(ext)) throw new DomainException($"不支持的文件类型 {ext}；允许：{string.Join(" ", o.AllowedExtensions)}", "file");

        // Buffer to a temp file: we need the size, the hash and the first bytes before keeping it.
        var tmp = Path.GetTempFileName();
        try
        {
            long size;
            byte[] head = new byte[16];
            string sha;
            await using (var t = new FileStream(tmp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, System.IO.FileOptions.DeleteOnClose | System.IO.FileOptions.Asynchronous))
            {
                using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                size = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > limit) throw new DomainException($"文件超过大小上限 {limit / 1024 / 1024} MB", "file");
                    if (size - read < head.Length) Array.Copy(buffer, 0, head, size - read, (int)Math.Min(read, head.Length - (size - read)));
                    hasher.AppendData(buffer, 0, read);
                    await t.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                if (size == 0) throw new DomainException("文件为空", "file");
                if (!SignatureMatches(ext, head)) throw new DomainException("文件内容与扩展名不符", "file");
                sha = Convert.ToHexStringLower(hasher.GetHashAndReset());
                t.Position = 0;
                var now = db.UtcNow;
                var key = $"{now:yyyy}/{now:MM}/{Guid.CreateVersion7():N}{ext}";
                await storage.SaveAsync(key, t, ct);
                var file = new StoredFile
                {
                    OrganisationId = organisationId ?? user.OrganisationId ?? Guid.Empty,
                    OwnerUserId = user.UserId,
                    FileName = safeName.Length > 255 ? safeName[^255..] : safeName,
                    ContentType = ContentTypeOf(ext, contentType),
                    Size = size,
                    Sha256 = sha,
                    StorageKey = key,
                    IsPublic = isPublic,
                    Purpose = purpose,
                };
                db.Files.Add(file);
                await db.SaveChangesAsync(ct);
                return file;
            }
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>Opens a file the user may see (in scope, their own, or public). Null when not found.</summary>
    public async Task<(StoredFile File, Stream Content)?> OpenAsync(Guid id, CancellationToken ct = default)
    {
        var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct)
            ?? await db.Files.IgnoreQueryFilters([AppDbContext.DataScopeFilter]).AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.IsPublic, ct);
        if (file is null) return null;
        return (file, await storage.OpenReadAsync(file.StorageKey, ct));
    }

    private static bool SignatureMatches(string ext, byte[] h) => ext switch
    {
        ".pdf" => h[0] == 0x25 && h[1] == 0x50 && h[2] == 0x44 && h[3] == 0x46,
        ".png" => h[0] == 0x89 && h[1] == 0x50 && h[2] == 0x4E && h[3] == 0x47,
        ".jpg" or ".jpeg" => h[0] == 0xFF && h[1] == 0xD8,
        ".gif" => h[0] == 0x47 && h[1] == 0x49 && h[2] == 0x46,
        ".webp" => h[0] == 0x52 && h[1] == 0x49 && h[2] == 0x46 && h[3] == 0x46,
        ".docx" or ".xlsx" or ".pptx" or ".zip" => h[0] == 0x50 && h[1] == 0x4B,
        ".doc" or ".xls" or ".ppt" => h[0] == 0xD0 && h[1] == 0xCF,
        _ => true,
    };

    private static string ContentTypeOf(string ext, string? given) => ext switch
    {
        ".pdf" => "application/pdf",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ".txt" => "text/plain; charset=utf-8",
        ".csv" => "text/csv; charset=utf-8",
        ".zip" => "application/zip",
        ".mp4" => "video/mp4",
        _ => string.IsNullOrWhiteSpace(given) ? "application/octet-stream" : given,
    };
}
