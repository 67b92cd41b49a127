using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "wp_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    source_file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    original_text = table.Column<string>(type: "TEXT", nullable: false),
                    draft_json = table.Column<string>(type: "TEXT", nullable: false),
                    figures_json = table.Column<string>(type: "TEXT", nullable: false),
                    review_json = table.Column<string>(type: "TEXT", nullable: true),
                    review_finalised_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    activated_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wp_plans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "wp_tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_year = table.Column<int>(type: "INTEGER", nullable: false),
                    plan_title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    part_index = table.Column<int>(type: "INTEGER", nullable: false),
                    part_title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false),
                    path = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    units_as_written = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    co_units = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    lead_person = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    rhythm = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    reported_percent = table.Column<int>(type: "INTEGER", nullable: false),
                    last_report_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    grade = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    grade_comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_reminded_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wp_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_wp_tasks_wp_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "wp_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "wp_milestones",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    task_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    due = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    done_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wp_milestones", x => x.id);
                    table.ForeignKey(
                        name: "fk_wp_milestones_work_task_task_id",
                        column: x => x.task_id,
                        principalTable: "wp_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "wp_progress_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    task_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    percent = table.Column<int>(type: "INTEGER", nullable: false),
                    file_ids = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    reported_by_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    reported_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    reported_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wp_progress_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_wp_progress_reports_work_task_task_id",
                        column: x => x.task_id,
                        principalTable: "wp_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "wp_supervision_notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    task_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    answer_by = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    issued_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    issued_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    answer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    answered_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    answered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wp_supervision_notices", x => x.id);
                    table.ForeignKey(
                        name: "fk_wp_supervision_notices_work_task_task_id",
                        column: x => x.task_id,
                        principalTable: "wp_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "wp_targets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    task_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    upper = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    bound = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    metric_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    metric_parameters = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    metric_own_subtree = table.Column<bool>(type: "INTEGER", nullable: false),
                    manual_actual = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wp_targets", x => x.id);
                    table.ForeignKey(
                        name: "fk_wp_targets_work_task_task_id",
                        column: x => x.task_id,
                        principalTable: "wp_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_wp_milestones_task_id",
                table: "wp_milestones",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "ix_wp_plans_organisation_id_year",
                table: "wp_plans",
                columns: new[] { "organisation_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_wp_progress_reports_task_id_reported_at",
                table: "wp_progress_reports",
                columns: new[] { "task_id", "reported_at" });

            migrationBuilder.CreateIndex(
                name: "ix_wp_supervision_notices_task_id",
                table: "wp_supervision_notices",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "ix_wp_targets_plan_id",
                table: "wp_targets",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_wp_targets_task_id",
                table: "wp_targets",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "ix_wp_tasks_organisation_id_deadline",
                table: "wp_tasks",
                columns: new[] { "organisation_id", "deadline" });

            migrationBuilder.CreateIndex(
                name: "ix_wp_tasks_plan_id_sort_order",
                table: "wp_tasks",
                columns: new[] { "plan_id", "sort_order" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "wp_milestones");

            migrationBuilder.DropTable(
                name: "wp_progress_reports");

            migrationBuilder.DropTable(
                name: "wp_supervision_notices");

            migrationBuilder.DropTable(
                name: "wp_targets");

            migrationBuilder.DropTable(
                name: "wp_tasks");

            migrationBuilder.DropTable(
                name: "wp_plans");
        }
    }
}
