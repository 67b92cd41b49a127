using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KepuCountyCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_kp_activities_public_campaign",
                table: "kp_activities");

            migrationBuilder.DropIndex(
                name: "ix_kp_activities_public_type_region",
                table: "kp_activities");

            migrationBuilder.AddColumn<string>(
                name: "county_code",
                table: "kp_activities",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            // Existing activities get their county from the region code before the check constraint holds them to it.
            migrationBuilder.Sql("UPDATE kp_activities SET county_code = substr(region_code, 1, 6);");

            migrationBuilder.CreateIndex(
                name: "ix_kp_activities_public_campaign",
                table: "kp_activities",
                columns: new[] { "campaign_id", "start_date", "id" },
                filter: "status IN ('Published', 'Completed')");

            migrationBuilder.CreateIndex(
                name: "ix_kp_activities_public_county",
                table: "kp_activities",
                columns: new[] { "county_code", "start_date", "id" },
                filter: "status IN ('Published', 'Completed')");

            migrationBuilder.CreateIndex(
                name: "ix_kp_activities_public_type_county",
                table: "kp_activities",
                columns: new[] { "type", "county_code", "start_date", "id" },
                filter: "status IN ('Published', 'Completed')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_kp_activities_county_code",
                table: "kp_activities",
                sql: "county_code = substr(region_code, 1, 6)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_kp_activities_public_campaign",
                table: "kp_activities");

            migrationBuilder.DropIndex(
                name: "ix_kp_activities_public_county",
                table: "kp_activities");

            migrationBuilder.DropIndex(
                name: "ix_kp_activities_public_type_county",
                table: "kp_activities");

            migrationBuilder.DropCheckConstraint(
                name: "ck_kp_activities_county_code",
                table: "kp_activities");

            migrationBuilder.DropColumn(
                name: "county_code",
                table: "kp_activities");

            migrationBuilder.CreateIndex(
                name: "ix_kp_activities_public_campaign",
                table: "kp_activities",
                columns: new[] { "campaign_id", "start_date" },
                filter: "status IN ('Published', 'Completed')");

            migrationBuilder.CreateIndex(
                name: "ix_kp_activities_public_type_region",
                table: "kp_activities",
                columns: new[] { "type", "region_code", "start_date" },
                filter: "status IN ('Published', 'Completed')");
        }
    }
}
