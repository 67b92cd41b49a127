using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Awards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "aw_calls",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organiser_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    edition = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    template_key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    config_json = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    submission_deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    recommendation_deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    notice = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    chair_confirmed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    chair_confirmed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    chair_note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    publicity_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    finalised_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aw_calls", x => x.id);
                    table.ForeignKey(
                        name: "fk_aw_calls_organisations_organiser_id",
                        column: x => x.organiser_id,
                        principalTable: "org_organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "aw_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    call_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    owner_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    applicant_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    applicant_unit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    applicant_person_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    values_json = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    return_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    reject_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    submitted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    recommended_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    recommended_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    holds_quota = table.Column<bool>(type: "INTEGER", nullable: false),
                    checked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    checked_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aw_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_aw_entries_aw_calls_call_id",
                        column: x => x.call_id,
                        principalTable: "aw_calls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_aw_entries_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "org_organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "aw_quotas",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    call_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    unit_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    quota = table.Column<int>(type: "INTEGER", nullable: false),
                    used = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aw_quotas", x => x.id);
                    table.CheckConstraint("ck_aw_quotas_used", "used >= 0 AND used <= quota");
                    table.ForeignKey(
                        name: "fk_aw_quotas_aw_calls_call_id",
                        column: x => x.call_id,
                        principalTable: "aw_calls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_aw_quotas_organisations_unit_id",
                        column: x => x.unit_id,
                        principalTable: "org_organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "aw_rounds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    call_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    no = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    method = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    form_json = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    form_version = table.Column<int>(type: "INTEGER", nullable: false),
                    frozen_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    panel_size = table.Column<int>(type: "INTEGER", nullable: false),
                    reserves = table.Column<int>(type: "INTEGER", nullable: false),
                    panel_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    ranked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    tie_order_json = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aw_rounds", x => x.id);
                    table.ForeignKey(
                        name: "fk_aw_rounds_aw_calls_call_id",
                        column: x => x.call_id,
                        principalTable: "aw_calls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "aw_results",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    call_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    round_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    entry_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    score = table.Column<decimal>(type: "TEXT", precision: 14, scale: 6, nullable: false),
                    score_count = table.Column<int>(type: "INTEGER", nullable: false),
                    rank = table.Column<int>(type: "INTEGER", nullable: false),
                    tier = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    grade = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    tie_flagged = table.Column<bool>(type: "INTEGER", nullable: false),
                    tie_note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    certificate_serial = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aw_results", x => x.id);
                    table.ForeignKey(
                        name: "fk_aw_results_aw_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "aw_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_aw_results_award_round_round_id",
                        column: x => x.round_id,
                        principalTable: "aw_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "aw_reviewers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    round_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    employer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    is_reserve = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aw_reviewers", x => x.id);
                    table.ForeignKey(
                        name: "fk_aw_reviewers_award_round_round_id",
                        column: x => x.round_id,
                        principalTable: "aw_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "aw_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    round_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    entry_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reviewer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reviewer_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    scores_json = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    total = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: true),
                    form_version = table.Column<int>(type: "INTEGER", nullable: true),
                    comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    conflict_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    scored_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    reminded_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aw_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_aw_assignments_award_entry_entry_id",
                        column: x => x.entry_id,
                        principalTable: "aw_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_aw_assignments_award_reviewer_reviewer_id",
                        column: x => x.reviewer_id,
                        principalTable: "aw_reviewers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_aw_assignments_award_round_round_id",
                        column: x => x.round_id,
                        principalTable: "aw_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_aw_assignments_entry_id",
                table: "aw_assignments",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_aw_assignments_reviewer_id",
                table: "aw_assignments",
                column: "reviewer_id");

            migrationBuilder.CreateIndex(
                name: "ix_aw_assignments_reviewer_user_id_status",
                table: "aw_assignments",
                columns: new[] { "reviewer_user_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_aw_assignments_round_id_entry_id_reviewer_id",
                table: "aw_assignments",
                columns: new[] { "round_id", "entry_id", "reviewer_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_aw_calls_organiser_id",
                table: "aw_calls",
                column: "organiser_id");

            migrationBuilder.CreateIndex(
                name: "ix_aw_calls_year_status",
                table: "aw_calls",
                columns: new[] { "year", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_aw_entries_call_id_status",
                table: "aw_entries",
                columns: new[] { "call_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_aw_entries_organisation_id",
                table: "aw_entries",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_aw_entries_owner_user_id",
                table: "aw_entries",
                column: "owner_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_aw_quotas_call_id_unit_id",
                table: "aw_quotas",
                columns: new[] { "call_id", "unit_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_aw_quotas_unit_id",
                table: "aw_quotas",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_aw_results_call_id_tier",
                table: "aw_results",
                columns: new[] { "call_id", "tier" });

            migrationBuilder.CreateIndex(
                name: "ix_aw_results_entry_id",
                table: "aw_results",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_aw_results_round_id_entry_id",
                table: "aw_results",
                columns: new[] { "round_id", "entry_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_aw_reviewers_round_id_user_id",
                table: "aw_reviewers",
                columns: new[] { "round_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_aw_rounds_call_id_no",
                table: "aw_rounds",
                columns: new[] { "call_id", "no" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aw_assignments");

            migrationBuilder.DropTable(
                name: "aw_quotas");

            migrationBuilder.DropTable(
                name: "aw_results");

            migrationBuilder.DropTable(
                name: "aw_reviewers");

            migrationBuilder.DropTable(
                name: "aw_entries");

            migrationBuilder.DropTable(
                name: "aw_rounds");

            migrationBuilder.DropTable(
                name: "aw_calls");
        }
    }
}
