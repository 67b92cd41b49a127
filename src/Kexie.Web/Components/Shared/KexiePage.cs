using Kexie.Web.Platform.Errors;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Kexie.Web.Components.Shared;

/// <summary>
/// Base of pages with forms: runs a handler and turns its refusals into Chinese messages next to the
/// field (<see cref="ValidationMessageStore"/>) or above the form; out-of-scope ids render the 404 page.
/// </summary>
public abstract class KexiePage : ComponentBase
{
    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter] protected HttpContext? HttpContext { get; set; }

    protected string? Error { get; set; }
    protected string? Success { get; set; }

    protected async Task<bool> Run(Func<Task> action, EditContext? edit = null)
    {
        Error = null;
        ValidationMessageStore? store = null;
        if (edit is not null)
        {
            store = new ValidationMessageStore(edit);
            store.Clear();
        }
        try
        {
            await action();
            return true;
        }
        catch (ValidationFailedException v)
        {
            foreach (var (field, messages) in v.Errors)
                if (store is not null && !string.IsNullOrEmpty(field)) store.Add(edit!.Field(field), messages);
                else Error = string.Join("；", messages);
            if (store is null || v.Errors.Keys.All(string.IsNullOrEmpty)) Error ??= v.Message;
        }
        catch (DomainException d)
        {
            if (store is not null && d.Field is { Length: > 0 } f) store.Add(edit!.Field(f), d.Message);
            else Error = d.Message;
        }
        catch (ConcurrencyConflictException c)
        {
            Error = c.Message;
            if (HttpContext is not null) HttpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (ForbiddenException f)
        {
            Error = f.Message;
            if (HttpContext is not null) HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        catch (NotFoundException)
        {
            Navigation.NotFound();
        }
        edit?.NotifyValidationStateChanged();
        return false;
    }

    /// <summary>Loads a record; an id outside the scope answers 404.</summary>
    protected async Task<T?> Load<T>(Func<Task<T>> load) where T : class
    {
        try
        {
            return await load();
        }
        catch (NotFoundException)
        {
            Navigation.NotFound();
            return null;
        }
    }

    /// <summary>
    /// Runs a create once per form token: a double submit (two clicks, a refresh that re-posts) returns the
    /// first result's location instead of creating a second record.
    /// </summary>
    protected async Task<string?> RunOnce(string? formToken, string what, Func<Task<string>> create, EditContext? edit = null)
    {
        var store = HttpContext?.RequestServices.GetRequiredService<Platform.Web.IdempotencyStore>();
        if (store is null || string.IsNullOrWhiteSpace(formToken) || formToken.Length > 64) return await RunFor(create, edit);
        var user = HttpContext!.RequestServices.GetRequiredService<Platform.Identity.CurrentUser>();
        var key = $"form:{user.UserId:N}:{formToken}";
        var begin = await store.TryBeginAsync(key, user.UserId, Platform.Web.IdempotencyStore.Hash(what));
        if (!begin.IsNew)
        {
            if (begin.Existing is { StatusCode: > 0, Location: { } done }) return done;
            Error = "该表单正在提交，请勿重复提交";
            return null;
        }
        var location = await RunFor(create, edit);
        if (location is null) await store.AbandonAsync(key);
        else await store.CompleteAsync(key, StatusCodes.Status201Created, null, location);
        return location;
    }

    private async Task<string?> RunFor(Func<Task<string>> create, EditContext? edit)
    {
        string? location = null;
        return await Run(async () => location = await create(), edit) ? location : null;
    }

    /// <summary>A fresh token for a create form (rendered as a hidden field).</summary>
    protected static string NewFormToken() => Guid.NewGuid().ToString("N");

    protected static string Date(DateTime? utc) => utc is { } d ? d.AddHours(8).ToString("yyyy年M月d日 HH:mm") : "";

    protected static string Date(DateOnly? d) => d is { } x ? x.ToString("yyyy年M月d日") : "";
}
