using Kexie.Web.Platform.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Postgres
{
    /// <summary>
    /// No model change. A GIN index over the unigrams and bigrams of the raw name, written by <c>exp_name_tokens</c> in the
    /// encoding of <c>SearchTokens</c> (every character counts, nothing is normalised), so a search finds the hits whose name
    /// contains the first term without visiting every hit (the ranking's name tiers); see <c>SearchPeople</c>.
    /// </summary>
    [DbContext(typeof(PostgresAppDbContext))]
    [Migration("20261206213505_ExpertsNameTokens")]
    public partial class ExpertsNameTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ---- hand-written SQL (ExpertsNameTokens): carry over when migrations are regenerated ----
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION exp_b36(c integer) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
                $$ SELECT substr('0123456789abcdefghijklmnopqrstuvwxyz', c / 46656 % 36 + 1, 1) || substr('0123456789abcdefghijklmnopqrstuvwxyz', c / 1296 % 36 + 1, 1)
                       || substr('0123456789abcdefghijklmnopqrstuvwxyz', c / 36 % 36 + 1, 1) || substr('0123456789abcdefghijklmnopqrstuvwxyz', c % 36 + 1, 1) $$;
                CREATE OR REPLACE FUNCTION exp_name_tokens(name text) RETURNS tsvector LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS
                $$
                DECLARE s text := ''; c integer; p integer;
                BEGIN
                  FOR i IN 1 .. char_length(name) LOOP
                    c := ascii(substr(name, i, 1));
                    s := s || ' u' || exp_b36(c);
                    IF i > 1 THEN s := s || ' b' || exp_b36(p) || exp_b36(c); END IF;
                    p := c;
                  END LOOP;
                  RETURN to_tsvector('simple', s);
                END
                $$;
                CREATE INDEX IF NOT EXISTS ix_exp_people_name_tokens ON exp_people USING GIN (exp_name_tokens(name));
                """);
            // ---- end of hand-written SQL ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_exp_people_name_tokens; DROP FUNCTION IF EXISTS exp_name_tokens(text); DROP FUNCTION IF EXISTS exp_b36(integer);");
        }
    }
}
