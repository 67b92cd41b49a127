using Kexie.Web.Platform.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Sqlite
{
    /// <summary>
    /// No model change. The FTS5 index of exp_people becomes an external-content table over exp_people.search_tokens with
    /// detail=none (no copy of the token text, no position lists: the search only ANDs whole tokens), which makes it a
    /// fraction of the size and much cheaper to fill (import). The import drops the insert trigger inside its transaction,
    /// bulk-loads, indexes the new rows in one statement and recreates it (<see cref="Modules.Experts.Features.PersonImport"/>).
    /// </summary>
    [DbContext(typeof(SqliteAppDbContext))]
    [Migration("20261123200000_ExpertsSearchPerf")]
    public partial class ExpertsSearchPerf : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ---- hand-written SQL (ExpertsSearchPerf): carry over when migrations are regenerated ----
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS exp_people_fts_ai;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS exp_people_fts_ad;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS exp_people_fts_au;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS exp_people_fts;");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE exp_people_fts USING fts5(search_tokens, content='exp_people', content_rowid='rowid', detail=none);");
            migrationBuilder.Sql("INSERT INTO exp_people_fts(exp_people_fts) VALUES ('rebuild');");
            migrationBuilder.Sql(Modules.Experts.Features.PersonImport.SqliteInsertTrigger + ";");
            migrationBuilder.Sql("CREATE TRIGGER exp_people_fts_ad AFTER DELETE ON exp_people BEGIN INSERT INTO exp_people_fts(exp_people_fts, rowid, search_tokens) VALUES ('delete', old.rowid, old.search_tokens); END;");
            migrationBuilder.Sql("CREATE TRIGGER exp_people_fts_au AFTER UPDATE OF search_tokens ON exp_people BEGIN INSERT INTO exp_people_fts(exp_people_fts, rowid, search_tokens) VALUES ('delete', old.rowid, old.search_tokens); INSERT INTO exp_people_fts(rowid, search_tokens) VALUES (new.rowid, new.search_tokens); END;");
            // ---- end of hand-written SQL ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS exp_people_fts_ai;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS exp_people_fts_ad;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS exp_people_fts_au;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS exp_people_fts;");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE exp_people_fts USING fts5(tokens);");
            migrationBuilder.Sql("INSERT INTO exp_people_fts(rowid, tokens) SELECT rowid, search_tokens FROM exp_people;");
            migrationBuilder.Sql("CREATE TRIGGER exp_people_fts_ai AFTER INSERT ON exp_people BEGIN INSERT INTO exp_people_fts(rowid, tokens) VALUES (new.rowid, new.search_tokens); END;");
            migrationBuilder.Sql("CREATE TRIGGER exp_people_fts_ad AFTER DELETE ON exp_people BEGIN DELETE FROM exp_people_fts WHERE rowid = old.rowid; END;");
            migrationBuilder.Sql("CREATE TRIGGER exp_people_fts_au AFTER UPDATE OF search_tokens ON exp_people BEGIN UPDATE exp_people_fts SET tokens = new.search_tokens WHERE rowid = old.rowid; END;");
        }
    }
}
