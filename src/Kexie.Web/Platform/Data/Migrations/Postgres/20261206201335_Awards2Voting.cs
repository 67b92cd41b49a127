using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Awards2Voting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "expert_score",
                table: "aw_results",
                type: "numeric(14,6)",
                precision: 14,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "votes",
                table: "aw_results",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ballot_id",
                table: "aw_calls",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "expert_score",
                table: "aw_results");

            migrationBuilder.DropColumn(
                name: "votes",
                table: "aw_results");

            migrationBuilder.DropColumn(
                name: "ballot_id",
                table: "aw_calls");
        }
    }
}
