using Kexie.Web.Platform.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Postgres
{
    /// <summary>
    /// No model change. The search tokens of exp_people are stored once more as a ready <c>tsvector</c>
    /// (<c>search_vector</c> = <c>to_tsvector('simple', search_tokens)</c>) and the GIN search index covers that column instead
    /// of the expression: building the index no longer parses ~850 characters of tokens per person (three quarters of the
    /// build), a recheck reads the vector instead of parsing, and the Excel import sends the vector ready-made in its binary
    /// COPY. Every other write leaves the column to the trigger, which fills it on insert (unless given) and whenever
    /// <c>search_tokens</c> is updated; EF does not map the column.
    /// </summary>
    [DbContext(typeof(PostgresAppDbContext))]
    [Migration("20261206233000_ExpertsSearchVector")]
    public partial class ExpertsSearchVector : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ---- hand-written SQL (ExpertsSearchVector): carry over when migrations are regenerated ----
            migrationBuilder.Sql("""
                ALTER TABLE exp_people ADD COLUMN IF NOT EXISTS search_vector tsvector;
                CREATE OR REPLACE FUNCTION exp_people_search_vector() RETURNS trigger LANGUAGE plpgsql AS
                $$
                BEGIN
                  IF TG_OP = 'UPDATE' OR NEW.search_vector IS NULL THEN
                    NEW.search_vector := to_tsvector('simple', NEW.search_tokens);
                  END IF;
                  RETURN NEW;
                END
                $$;
                DROP TRIGGER IF EXISTS exp_people_search_vector ON exp_people;
                CREATE TRIGGER exp_people_search_vector BEFORE INSERT OR UPDATE OF search_tokens ON exp_people
                  FOR EACH ROW EXECUTE FUNCTION exp_people_search_vector();
                UPDATE exp_people SET search_vector = to_tsvector('simple', search_tokens);
                DROP INDEX IF EXISTS ix_exp_people_search;
                CREATE INDEX ix_exp_people_search ON exp_people USING GIN (search_vector);
                """);
            // ---- end of hand-written SQL ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_exp_people_search;
                DROP TRIGGER IF EXISTS exp_people_search_vector ON exp_people;
                DROP FUNCTION IF EXISTS exp_people_search_vector();
                ALTER TABLE exp_people DROP COLUMN IF EXISTS search_vector;
                CREATE INDEX ix_exp_people_search ON exp_people USING GIN (to_tsvector('simple', search_tokens));
                """);
        }
    }
}
