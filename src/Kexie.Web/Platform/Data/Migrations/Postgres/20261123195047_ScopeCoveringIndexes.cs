using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ScopeCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_org_organisations_id_is_active",
                table: "org_organisations",
                columns: new[] { "id", "is_active" });

            migrationBuilder.CreateIndex(
                name: "ix_org_closure_ancestor_id_descendant_id_distance",
                table: "org_closure",
                columns: new[] { "ancestor_id", "descendant_id", "distance" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_org_organisations_id_is_active",
                table: "org_organisations");

            migrationBuilder.DropIndex(
                name: "ix_org_closure_ancestor_id_descendant_id_distance",
                table: "org_closure");
        }
    }
}
