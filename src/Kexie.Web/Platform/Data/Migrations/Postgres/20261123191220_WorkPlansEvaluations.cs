using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WorkPlansEvaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_wp_milestones_task_id",
                table: "wp_milestones");

            migrationBuilder.AddColumn<string>(
                name: "done_by",
                table: "wp_milestones",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "done_note",
                table: "wp_milestones",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "wp_co_unit_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    reported_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reported_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reported_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wp_co_unit_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_wp_co_unit_reports_work_task_task_id",
                        column: x => x.task_id,
                        principalTable: "wp_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "wp_evaluations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    conclusion = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    snapshot_json = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wp_evaluations", x => x.id);
                    table.ForeignKey(
                        name: "fk_wp_evaluations_work_plan_plan_id",
                        column: x => x.plan_id,
                        principalTable: "wp_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "wp_task_co_units",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wp_task_co_units", x => x.id);
                    table.ForeignKey(
                        name: "fk_wp_task_co_units_wp_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "wp_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_wp_milestones_task_id_due",
                table: "wp_milestones",
                columns: new[] { "task_id", "due" });

            migrationBuilder.CreateIndex(
                name: "ix_wp_co_unit_reports_task_id_organisation_id_period",
                table: "wp_co_unit_reports",
                columns: new[] { "task_id", "organisation_id", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_wp_evaluations_plan_id_as_of",
                table: "wp_evaluations",
                columns: new[] { "plan_id", "as_of" });

            migrationBuilder.CreateIndex(
                name: "ix_wp_task_co_units_organisation_id_plan_id",
                table: "wp_task_co_units",
                columns: new[] { "organisation_id", "plan_id" });

            migrationBuilder.CreateIndex(
                name: "ix_wp_task_co_units_task_id_organisation_id",
                table: "wp_task_co_units",
                columns: new[] { "task_id", "organisation_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "wp_co_unit_reports");

            migrationBuilder.DropTable(
                name: "wp_evaluations");

            migrationBuilder.DropTable(
                name: "wp_task_co_units");

            migrationBuilder.DropIndex(
                name: "ix_wp_milestones_task_id_due",
                table: "wp_milestones");

            migrationBuilder.DropColumn(
                name: "done_by",
                table: "wp_milestones");

            migrationBuilder.DropColumn(
                name: "done_note",
                table: "wp_milestones");

            migrationBuilder.CreateIndex(
                name: "ix_wp_milestones_task_id",
                table: "wp_milestones",
                column: "task_id");
        }
    }
}
