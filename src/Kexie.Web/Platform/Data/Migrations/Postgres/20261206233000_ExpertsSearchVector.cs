using Kexie.Web.Platform.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Postgres
{
    /// <summary>
    /// No model change. The search tokens of exp_people are stored once more as a ready <c>tsvector</c>
    /// (<c>search_vector</c> = <c>strip(to_tsvector('simple', search_tokens))</c> — no positions: searches only AND tokens) and
    /// the GIN search index covers that column instead of the expression: building the index no longer parses ~850 characters
    /// of tokens per person (three quarters of the build), a recheck reads the vector instead of parsing, and the Excel import
    /// sends the vector ready-made in its binary COPY. Every other write leaves the column to the triggers: on insert when it
    /// is not given (the WHEN clause costs the COPY no function call), and whenever <c>search_tokens</c> is updated. EF does
    /// not map the column. Both token columns are compressed with lz4 where the server supports it (a row is ~2.5 KB, so
    /// they are compressed on every insert; pglz took half of a bulk insert's time).
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
                DO $$
                BEGIN
                  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
                    ALTER TABLE exp_people ALTER COLUMN search_vector SET COMPRESSION lz4, ALTER COLUMN search_tokens SET COMPRESSION lz4;
                  END IF;
                END
                $$;
                CREATE OR REPLACE FUNCTION exp_people_search_vector() RETURNS trigger LANGUAGE plpgsql AS
                $$
                BEGIN
                  NEW.search_vector := strip(to_tsvector('simple', NEW.search_tokens));
                  RETURN NEW;
                END
                $$;
                DROP TRIGGER IF EXISTS exp_people_search_vector_insert ON exp_people;
                CREATE TRIGGER exp_people_search_vector_insert BEFORE INSERT ON exp_people
                  FOR EACH ROW WHEN (NEW.search_vector IS NULL) EXECUTE FUNCTION exp_people_search_vector();
                DROP TRIGGER IF EXISTS exp_people_search_vector_update ON exp_people;
                CREATE TRIGGER exp_people_search_vector_update BEFORE UPDATE OF search_tokens ON exp_people
                  FOR EACH ROW EXECUTE FUNCTION exp_people_search_vector();
                UPDATE exp_people SET search_vector = strip(to_tsvector('simple', search_tokens));
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
                DROP TRIGGER IF EXISTS exp_people_search_vector_insert ON exp_people;
                DROP TRIGGER IF EXISTS exp_people_search_vector_update ON exp_people;
                DROP FUNCTION IF EXISTS exp_people_search_vector();
                ALTER TABLE exp_people DROP COLUMN IF EXISTS search_vector;
                CREATE INDEX ix_exp_people_search ON exp_people USING GIN (to_tsvector('simple', search_tokens));
                """);
        }
    }
}
