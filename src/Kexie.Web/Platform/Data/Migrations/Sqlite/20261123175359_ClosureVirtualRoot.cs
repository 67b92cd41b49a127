using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClosureVirtualRoot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_org_closure_organisations_ancestor_id",
                table: "org_closure");
        
            // Scope 全部 reads every organisation from the virtual root (Guid.Empty): give existing organisations that row.
            migrationBuilder.Sql("INSERT INTO org_closure (ancestor_id, descendant_id, distance) SELECT '00000000-0000-0000-0000-000000000000', id, depth + 1 FROM org_organisations WHERE NOT EXISTS (SELECT 1 FROM org_closure c WHERE c.ancestor_id = '00000000-0000-0000-0000-000000000000' AND c.descendant_id = org_organisations.id);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "fk_org_closure_organisations_ancestor_id",
                table: "org_closure",
                column: "ancestor_id",
                principalTable: "org_organisations",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
