namespace Kexie.Web.Platform.Errors;

/// <summary>A business rule refused the request. The message is shown to the user (Chinese).</summary>
public class DomainException(string message, string? field = null) : Exception(message)
{
    /// <summary>The form field the message belongs to, if any (the request property name).</summary>
    public string? Field { get; } = field;
}

/// <summary>Several field-level validation failures at once.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : DomainException(string.Join("；", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>The record does not exist or is outside the caller's data scope (both answer 404).</summary>
public sealed class NotFoundException(string what = "记录") : Exception($"{what}不存在或无权访问");

/// <summary>The caller lacks a permission (403).</summary>
public sealed class ForbiddenException(string message = "没有执行此操作的权限") : Exception(message);

/// <summary>The record changed since the caller read it (409).</summary>
public sealed class ConcurrencyConflictException(string message = "该记录已被他人修改，请刷新后重试。您的修改未保存。")
    : Exception(message);
