using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Experts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "exp_panels",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    source_module = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    source_ref = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    criteria_json = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    seed = table.Column<int>(type: "INTEGER", nullable: false),
                    member_count = table.Column<int>(type: "INTEGER", nullable: false),
                    reserve_count = table.Column<int>(type: "INTEGER", nullable: false),
                    candidate_count = table.Column<int>(type: "INTEGER", nullable: false),
                    candidate_fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    draw_order = table.Column<string>(type: "TEXT", nullable: false),
                    next_index = table.Column<int>(type: "INTEGER", nullable: false),
                    created_by_user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    is_closed = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exp_panels", x => x.id);
                    table.ForeignKey(
                        name: "fk_exp_panels_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "org_organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exp_people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    owner_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    gender = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    birth_year = table.Column<int>(type: "INTEGER", nullable: true),
                    id_number_cipher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    id_number_index = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    id_number_masked = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    phone_cipher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    phone_index = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    phone_masked = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    employer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    education = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    discipline_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    industry_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    political_status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    honours = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    merged_into_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    pool_status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    pool_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    admitted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    expertise_codes = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    keywords = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    bio = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    availability = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    search_tokens = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exp_people", x => x.id);
                    table.ForeignKey(
                        name: "fk_exp_people_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "org_organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exp_panel_runners",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    panel_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exp_panel_runners", x => x.id);
                    table.ForeignKey(
                        name: "fk_exp_panel_runners_exp_panels_panel_id",
                        column: x => x.panel_id,
                        principalTable: "exp_panels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "exp_panel_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    panel_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    decline_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    replaced_by_person_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exp_panel_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_exp_panel_members_exp_panels_panel_id",
                        column: x => x.panel_id,
                        principalTable: "exp_panels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_exp_panel_members_person_person_id",
                        column: x => x.person_id,
                        principalTable: "exp_people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exp_relations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    related_person_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    related_unit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exp_relations", x => x.id);
                    table.ForeignKey(
                        name: "fk_exp_relations_exp_people_person_id",
                        column: x => x.person_id,
                        principalTable: "exp_people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "exp_usages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    panel_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    source_module = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    project_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    used_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    rating = table.Column<int>(type: "INTEGER", nullable: true),
                    rating_comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    rated_by_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exp_usages", x => x.id);
                    table.ForeignKey(
                        name: "fk_exp_usages_person_person_id",
                        column: x => x.person_id,
                        principalTable: "exp_people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_exp_panel_members_panel_id_person_id",
                table: "exp_panel_members",
                columns: new[] { "panel_id", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_exp_panel_members_person_id",
                table: "exp_panel_members",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_exp_panel_runners_panel_id_user_id",
                table: "exp_panel_runners",
                columns: new[] { "panel_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_exp_panel_runners_user_id",
                table: "exp_panel_runners",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_exp_panels_organisation_id_created_at",
                table: "exp_panels",
                columns: new[] { "organisation_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_exp_panels_source_module_source_ref",
                table: "exp_panels",
                columns: new[] { "source_module", "source_ref" });

            migrationBuilder.CreateIndex(
                name: "ix_exp_people_employer",
                table: "exp_people",
                column: "employer");

            migrationBuilder.CreateIndex(
                name: "ix_exp_people_id_number_index",
                table: "exp_people",
                column: "id_number_index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_exp_people_name_phone_index",
                table: "exp_people",
                columns: new[] { "name", "phone_index" });

            migrationBuilder.CreateIndex(
                name: "ix_exp_people_organisation_id_status",
                table: "exp_people",
                columns: new[] { "organisation_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_exp_people_owner_user_id",
                table: "exp_people",
                column: "owner_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_exp_people_phone_index",
                table: "exp_people",
                column: "phone_index");

            migrationBuilder.CreateIndex(
                name: "ix_exp_people_pool_status_availability",
                table: "exp_people",
                columns: new[] { "pool_status", "availability" });

            migrationBuilder.CreateIndex(
                name: "ix_exp_relations_person_id",
                table: "exp_relations",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_exp_relations_related_person_id",
                table: "exp_relations",
                column: "related_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_exp_usages_organisation_id",
                table: "exp_usages",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_exp_usages_person_id_project_key",
                table: "exp_usages",
                columns: new[] { "person_id", "project_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_exp_usages_person_id_used_on",
                table: "exp_usages",
                columns: new[] { "person_id", "used_on" });
            // Chinese full-text search (SearchTokens): an FTS5 table over the tokens column, keyed by exp_people's rowid and kept
            // in step by triggers. A later migration that rebuilds exp_people (SQLite rebuilds tables for some alterations) must
            // recreate these (rowids change): run the same statements and
            // INSERT INTO exp_people_fts(rowid, tokens) SELECT rowid, search_tokens FROM exp_people.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE exp_people_fts USING fts5(tokens);");
            migrationBuilder.Sql("CREATE TRIGGER exp_people_fts_ai AFTER INSERT ON exp_people BEGIN INSERT INTO exp_people_fts(rowid, tokens) VALUES (new.rowid, new.search_tokens); END;");
            migrationBuilder.Sql("CREATE TRIGGER exp_people_fts_ad AFTER DELETE ON exp_people BEGIN DELETE FROM exp_people_fts WHERE rowid = old.rowid; END;");
            migrationBuilder.Sql("CREATE TRIGGER exp_people_fts_au AFTER UPDATE OF search_tokens ON exp_people BEGIN UPDATE exp_people_fts SET tokens = new.search_tokens WHERE rowid = old.rowid; END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS exp_people_fts_ai;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS exp_people_fts_ad;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS exp_people_fts_au;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS exp_people_fts;");

            migrationBuilder.DropTable(
                name: "exp_panel_members");

            migrationBuilder.DropTable(
                name: "exp_panel_runners");

            migrationBuilder.DropTable(
                name: "exp_relations");

            migrationBuilder.DropTable(
                name: "exp_usages");

            migrationBuilder.DropTable(
                name: "exp_panels");

            migrationBuilder.DropTable(
                name: "exp_people");
        }
    }
}
