using Kexie.Web.Platform.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Postgres
{
    /// <summary>
    /// No model change. The name tokens (<c>exp_name_tokens(name)</c>, migration ExpertsNameTokens) are stored as a column,
    /// <c>name_vector</c> (stripped: the name tier only ANDs tokens), and the GIN index covers that column instead of the
    /// expression: building the index no longer runs the PL/pgSQL function once per person (1.8–2.6 s of a 100,000-row
    /// import's index rebuild), and the Excel import sends the vector ready-made in its COPY. Every other write leaves it to the
    /// triggers of ExpertsSearchVector, which now keep both vectors: on insert when either is not given, on an update of the
    /// name or the search tokens. EF does not map the column.
    /// </summary>
    [DbContext(typeof(PostgresAppDbContext))]
    [Migration("20261207030000_ExpertsNameVector")]
    public partial class ExpertsNameVector : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ---- hand-written SQL (ExpertsNameVector): carry over when migrations are regenerated ----
            migrationBuilder.Sql("""
                ALTER TABLE exp_people ADD COLUMN IF NOT EXISTS name_vector tsvector;
                CREATE OR REPLACE FUNCTION exp_people_search_vector() RETURNS trigger LANGUAGE plpgsql AS
                $$
                BEGIN
                  NEW.search_vector := strip(to_tsvector('simple', NEW.search_tokens));
                  NEW.name_vector := strip(exp_name_tokens(NEW.name));
                  RETURN NEW;
                END
                $$;
                DROP TRIGGER IF EXISTS exp_people_search_vector_insert ON exp_people;
                CREATE TRIGGER exp_people_search_vector_insert BEFORE INSERT ON exp_people
                  FOR EACH ROW WHEN (NEW.search_vector IS NULL OR NEW.name_vector IS NULL) EXECUTE FUNCTION exp_people_search_vector();
                DROP TRIGGER IF EXISTS exp_people_search_vector_update ON exp_people;
                CREATE TRIGGER exp_people_search_vector_update BEFORE UPDATE OF search_tokens, name ON exp_people
                  FOR EACH ROW EXECUTE FUNCTION exp_people_search_vector();
                UPDATE exp_people SET name_vector = strip(exp_name_tokens(name));
                DROP INDEX IF EXISTS ix_exp_people_name_tokens;
                CREATE INDEX ix_exp_people_name_tokens ON exp_people USING GIN (name_vector);
                """);
            // ---- end of hand-written SQL ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_exp_people_name_tokens;
                CREATE INDEX ix_exp_people_name_tokens ON exp_people USING GIN (exp_name_tokens(name));
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
                ALTER TABLE exp_people DROP COLUMN IF EXISTS name_vector;
                """);
        }
    }
}
