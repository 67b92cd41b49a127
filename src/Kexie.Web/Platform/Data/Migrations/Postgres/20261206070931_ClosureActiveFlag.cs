using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Postgres
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Organisations already deactivated.
            migrationBuilder.Sql("UPDATE org_closure AS c SET descendant_inactive = TRUE FROM org_organisations AS o WHERE o.id = c.descendant_id AND NOT o.is_active;");

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
