using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kexie.Web.Platform.Data;

/// <summary>
/// PostgreSQL only: writes the data-scope filter's values (the closure root, the maximum distance and the two
/// scope flags; locals named <c>scopeRootId</c>/<c>scopeMaxDistance</c> in Platform queries that read the closure
/// directly) and paging values (an int used only as LIMIT or OFFSET) into the SQL as literals instead of parameters,
/// so that each scope root and page has its own statement.
/// Npgsql prepares a statement that a connection runs repeatedly, and PostgreSQL keeps its plan; a plan made
/// for "the descendants of this county" is right for that county every time, while one plan for an unknown
/// root is wrong for most (a town has 40 organisations, the city 100,000). The values are a <see cref="Guid"/>,
/// ints and booleans formatted here, never text from a request. See docs/architecture.md.
/// </summary>
internal sealed class ScopeLiterals : DbCommandInterceptor
{
    public static readonly ScopeLiterals Instance = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Inline(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Inline(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Inline(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Inline(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Inline(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Inline(command);
        return ValueTask.FromResult(result);
    }

    /// <summary>Replaces the scope and paging parameters of <paramref name="command"/> by literals (no-op for other commands).</summary>
    internal static void Inline(DbCommand command)
    {
        var sql = command.CommandText;
        if (command.Parameters.Count == 0 || !(sql.Contains("LIMIT @", StringComparison.Ordinal) || sql.Contains("OFFSET @", StringComparison.Ordinal)
            || sql.Contains("@ef_filter__Scope", StringComparison.Ordinal) || sql.Contains("@scope", StringComparison.Ordinal))) return;
        var changed = false;
        for (var i = command.Parameters.Count - 1; i >= 0; i--)
        {
            var p = command.Parameters[i];
            var name = p.ParameterName.TrimStart('@');
            var literal = Literal(name, p.Value);
            var placeholder = Placeholder(name);
            if (literal is null)
            {
                // Paging: an int used only as LIMIT or OFFSET.
                if (p.Value is not int n || !PagingOnly(sql, name)) continue;
                literal = n.ToString(CultureInfo.InvariantCulture);
            }
            sql = placeholder.Replace(sql, _ => literal);
            command.Parameters.RemoveAt(i);
            changed = true;
        }
        if (changed) command.CommandText = sql;
    }

    private static bool PagingOnly(string sql, string name)
    {
        var uses = 0;
        foreach (Match m in Placeholder(name).Matches(sql))
        {
            uses++;
            var before = sql.AsSpan(0, m.Index).TrimEnd();
            if (!before.EndsWith("LIMIT", StringComparison.Ordinal) && !before.EndsWith("OFFSET", StringComparison.Ordinal)) return false;
        }
        return uses > 0;
    }

    private static string? Literal(string name, object? value) => value switch
    {
        Guid g when name.StartsWith("ef_filter__ScopeRootId", StringComparison.Ordinal)
            || name.StartsWith("scopeRootId", StringComparison.Ordinal) => "'" + g.ToString("D") + "'::uuid",
        int n when name.StartsWith("ef_filter__ScopeMaxDistance", StringComparison.Ordinal)
            || name.StartsWith("scopeMaxDistance", StringComparison.Ordinal) => n.ToString(CultureInfo.InvariantCulture),
        bool b when name.StartsWith("ef_filter__ScopeAll", StringComparison.Ordinal)
            || name.StartsWith("ef_filter__ScopeHasUser", StringComparison.Ordinal) => b ? "TRUE" : "FALSE",
        _ => null, // the user id stays a parameter: a statement per user would crowd out the per-scope ones
    };

    private static readonly ConcurrentDictionary<string, Regex> Placeholders = new();

    // "@name" not followed by more of an identifier (so @ef_filter__ScopeAll never eats @ef_filter__ScopeAll0).
    private static Regex Placeholder(string name) =>
        Placeholders.GetOrAdd(name, n => new Regex("@" + Regex.Escape(n) + @"(?![\p{L}\p{N}_])", RegexOptions.CultureInvariant));
}
