using Kexie.Web.Platform.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Postgres
{
    /// <summary>
    /// No model change. Searches of exp_people run serially: a search is a GIN bitmap lookup plus a top-N sort of the hits
    /// (a few thousand heap rows), which on a 2-core host measured 41 ms serial against 110–170 ms with two parallel workers
    /// competing for the same cores (EXPLAIN ANALYZE, 8,863 hits of 100,000).
    /// </summary>
    [DbContext(typeof(PostgresAppDbContext))]
    [Migration("20261123200005_ExpertsSearchPerf")]
    public partial class ExpertsSearchPerf : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ---- hand-written SQL (ExpertsSearchPerf): carry over when migrations are regenerated ----
            migrationBuilder.Sql("ALTER TABLE exp_people SET (parallel_workers = 0);");
            // ---- end of hand-written SQL ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE exp_people RESET (parallel_workers);");
        }
    }
}
