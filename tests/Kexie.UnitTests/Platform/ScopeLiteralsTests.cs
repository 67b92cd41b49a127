using Kexie.Web.Platform.Data;
using Npgsql;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Platform;

/// <summary>The PostgreSQL interceptor that writes the data-scope values and paging into the SQL as literals.</summary>
public sealed class ScopeLiteralsTests
{
    private static NpgsqlCommand Command(string sql, params (string Name, object Value)[] ps)
    {
        var c = new NpgsqlCommand(sql);
        foreach (var (name, value) in ps) c.Parameters.Add(new NpgsqlParameter(name, value));
        return c;
    }

    [Fact]
    public void Scope_filter_values_become_literals_and_the_user_id_stays_a_parameter()
    {
        var root = Guid.Parse("0e9c5c1e-4c39-4a53-9f40-1a2b3c4d5e6f");
        var user = Guid.NewGuid();
        var c = Command(
            "SELECT o.id FROM org_organisations AS o WHERE @ef_filter__ScopeAll OR (@ef_filter__ScopeHasUser AND o.owner_id = @ef_filter__ScopeUserId) "
            + "OR EXISTS (SELECT 1 FROM org_closure AS c WHERE c.ancestor_id = @ef_filter__ScopeRootId AND c.distance <= @ef_filter__ScopeMaxDistance)",
            ("@ef_filter__ScopeAll", false), ("@ef_filter__ScopeHasUser", true), ("@ef_filter__ScopeUserId", user),
            ("@ef_filter__ScopeRootId", root), ("@ef_filter__ScopeMaxDistance", 2147483647));

        ScopeLiterals.Inline(c);

        c.CommandText.ShouldBe(
            "SELECT o.id FROM org_organisations AS o WHERE FALSE OR (TRUE AND o.owner_id = @ef_filter__ScopeUserId) "
            + "OR EXISTS (SELECT 1 FROM org_closure AS c WHERE c.ancestor_id = '0e9c5c1e-4c39-4a53-9f40-1a2b3c4d5e6f'::uuid AND c.distance <= 2147483647)");
        c.Parameters.Count.ShouldBe(1);
        c.Parameters[0].ParameterName.ShouldBe("@ef_filter__ScopeUserId");
        c.Parameters[0].Value.ShouldBe(user);
    }

    [Fact]
    public void A_name_that_prefixes_another_only_replaces_itself()
    {
        var c = Command("SELECT 1 WHERE @ef_filter__ScopeAll AND @ef_filter__ScopeAll0 = 1",
            ("@ef_filter__ScopeAll", true), ("@ef_filter__ScopeAll0", 7));
        ScopeLiterals.Inline(c);
        c.CommandText.ShouldBe("SELECT 1 WHERE TRUE AND @ef_filter__ScopeAll0 = 1");
        c.Parameters.Count.ShouldBe(1);
    }

    [Fact]
    public void An_int_used_only_as_limit_or_offset_becomes_a_literal_but_not_one_also_compared()
    {
        var c = Command("SELECT o.id FROM t AS o WHERE o.depth = @p1 ORDER BY o.name LIMIT @p OFFSET @p0",
            ("@p", 20), ("@p0", 40), ("@p1", 3));
        ScopeLiterals.Inline(c);
        c.CommandText.ShouldBe("SELECT o.id FROM t AS o WHERE o.depth = @p1 ORDER BY o.name LIMIT 20 OFFSET 40");
        c.Parameters.Count.ShouldBe(1);
        c.Parameters[0].ParameterName.ShouldBe("@p1");

        var mixed = Command("SELECT o.id FROM t AS o WHERE o.n < @p LIMIT @p", ("@p", 5));
        ScopeLiterals.Inline(mixed);
        mixed.CommandText.ShouldBe("SELECT o.id FROM t AS o WHERE o.n < @p LIMIT @p");
        mixed.Parameters.Count.ShouldBe(1);
    }

    [Fact]
    public void Text_values_and_unrelated_commands_are_left_alone()
    {
        // A text parameter, even one named like a scope value, is never written into the SQL.
        var c = Command("SELECT 1 WHERE x = @scopeRootId", ("@scopeRootId", "'; DROP TABLE x; --"));
        ScopeLiterals.Inline(c);
        c.CommandText.ShouldBe("SELECT 1 WHERE x = @scopeRootId");
        c.Parameters.Count.ShouldBe(1);

        var plain = Command("SELECT 1 WHERE a = @p", ("@p", 1));
        ScopeLiterals.Inline(plain);
        plain.CommandText.ShouldBe("SELECT 1 WHERE a = @p");
        plain.Parameters.Count.ShouldBe(1);
    }
}
