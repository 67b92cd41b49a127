using Kexie.Web.Platform.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Sqlite
{
    /// <summary>
    /// No model change. The draw looks up the main discipline code through this index instead of scanning the pool
    /// (most of exp_people) for it; expertise codes and keywords go through the search tokens.
    /// </summary>
    [DbContext(typeof(SqliteAppDbContext))]
    [Migration("20261206213000_ExpertsDrawIndex")]
    public partial class ExpertsDrawIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ---- hand-written SQL (ExpertsDrawIndex): carry over when migrations are regenerated ----
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_exp_people_discipline_code ON exp_people (discipline_code);");
            // ---- end of hand-written SQL ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_exp_people_discipline_code;");
        }
    }
}
