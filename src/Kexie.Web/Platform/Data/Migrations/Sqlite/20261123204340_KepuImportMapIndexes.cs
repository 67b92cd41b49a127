using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KepuImportMapIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "kp_county_maps",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    geo_json = table.Column<string>(type: "TEXT", nullable: false),
                    size = table.Column<int>(type: "INTEGER", nullable: false),
                    codes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    uploaded_by_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kp_county_maps", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_kp_activities_public_campaign",
                table: "kp_activities",
                columns: new[] { "campaign_id", "start_date" },
                filter: "status IN ('Published', 'Completed')");

            migrationBuilder.CreateIndex(
                name: "ix_kp_activities_public_start",
                table: "kp_activities",
                columns: new[] { "start_date", "id" },
                filter: "status IN ('Published', 'Completed')");

            migrationBuilder.CreateIndex(
                name: "ix_kp_activities_public_type_region",
                table: "kp_activities",
                columns: new[] { "type", "region_code", "start_date" },
                filter: "status IN ('Published', 'Completed')");

            migrationBuilder.CreateIndex(
                name: "ix_kp_county_maps_created_at",
                table: "kp_county_maps",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kp_county_maps");

            migrationBuilder.DropIndex(
                name: "ix_kp_activities_public_campaign",
                table: "kp_activities");

            migrationBuilder.DropIndex(
                name: "ix_kp_activities_public_start",
                table: "kp_activities");

            migrationBuilder.DropIndex(
                name: "ix_kp_activities_public_type_region",
                table: "kp_activities");
        }
    }
}
