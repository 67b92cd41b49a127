using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClosureActiveFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "descendant_inactive",
                table: "org_closure",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Organisations already deactivated.
            migrationBuilder.Sql("UPDATE org_closure SET descendant_inactive = 1 WHERE descendant_id IN (SELECT id FROM org_organisations WHERE is_active = 0);");

            migrationBuilder.CreateIndex(
                name: "ix_org_closure_ancestor_id_descendant_inactive_distance",
                table: "org_closure",
                columns: new[] { "ancestor_id", "descendant_inactive", "distance" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_org_closure_ancestor_id_descendant_inactive_distance",
                table: "org_closure");

            migrationBuilder.DropColumn(
                name: "descendant_inactive",
                table: "org_closure");
        }
    }
}
