using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Kepu : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "kp_campaigns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    theme = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kp_campaigns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "kp_venues",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    region_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    opening_days = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    designated_on = table.Column<DateOnly>(type: "date", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kp_venues", x => x.id);
                    table.ForeignKey(
                        name: "fk_kp_venues_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "org_organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "kp_activities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: true),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    audience = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    region_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    time_note = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    expected_participants = table.Column<int>(type: "integer", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: true),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    contact = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    return_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    submitted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    reviewed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    reviewed_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reviewed_by_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    reported_participants = table.Column<int>(type: "integer", nullable: true),
                    checked_in_participants = table.Column<int>(type: "integer", nullable: true),
                    actual_participants = table.Column<int>(type: "integer", nullable: true),
                    volunteers = table.Column<int>(type: "integer", nullable: true),
                    summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    photo_file_ids = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    confirmed_count = table.Column<int>(type: "integer", nullable: false),
                    registration_seq = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kp_activities", x => x.id);
                    table.ForeignKey(
                        name: "fk_kp_activities_campaign_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "kp_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_kp_activities_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "org_organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "kp_campaign_expected",
                columns: table => new
                {
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kp_campaign_expected", x => new { x.campaign_id, x.organisation_id });
                    table.ForeignKey(
                        name: "fk_kp_campaign_expected_kp_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "kp_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_kp_campaign_expected_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "org_organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "kp_caravan_tours",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    route = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kp_caravan_tours", x => x.id);
                    table.ForeignKey(
                        name: "fk_kp_caravan_tours_kp_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "kp_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_kp_caravan_tours_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "org_organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "kp_venue_visitors",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    visitors = table.Column<int>(type: "integer", nullable: false),
                    open_days = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kp_venue_visitors", x => x.id);
                    table.ForeignKey(
                        name: "fk_kp_venue_visitors_kp_venues_venue_id",
                        column: x => x.venue_id,
                        principalTable: "kp_venues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kp_registrations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    activity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    phone_cipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    phone_masked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    phone_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    is_walk_in = table.Column<bool>(type: "boolean", nullable: false),
                    checked_in_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cancelled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    promoted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kp_registrations", x => x.id);
                    table.ForeignKey(
                        name: "fk_kp_registrations_kp_activities_activity_id",
                        column: x => x.activity_id,
                        principalTable: "kp_activities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kp_caravan_stops",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tour_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    region_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    attendance = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kp_caravan_stops", x => x.id);
                    table.ForeignKey(
                        name: "fk_kp_caravan_stops_kp_caravan_tours_tour_id",
                        column: x => x.tour_id,
                        principalTable: "kp_caravan_tours",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_kp_activities_campaign_id_status",
                table: "kp_activities",
                columns: new[] { "campaign_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_kp_activities_organisation_id_start_date",
                table: "kp_activities",
                columns: new[] { "organisation_id", "start_date" });

            migrationBuilder.CreateIndex(
                name: "ix_kp_activities_region_code",
                table: "kp_activities",
                column: "region_code");

            migrationBuilder.CreateIndex(
                name: "ix_kp_activities_status_start_date",
                table: "kp_activities",
                columns: new[] { "status", "start_date" });

            migrationBuilder.CreateIndex(
                name: "ix_kp_campaign_expected_organisation_id",
                table: "kp_campaign_expected",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_kp_campaigns_year_kind",
                table: "kp_campaigns",
                columns: new[] { "year", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_kp_caravan_stops_tour_id_date",
                table: "kp_caravan_stops",
                columns: new[] { "tour_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_kp_caravan_tours_campaign_id",
                table: "kp_caravan_tours",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_kp_caravan_tours_organisation_id_start_date",
                table: "kp_caravan_tours",
                columns: new[] { "organisation_id", "start_date" });

            migrationBuilder.CreateIndex(
                name: "ix_kp_registrations_activity_id_phone_hash",
                table: "kp_registrations",
                columns: new[] { "activity_id", "phone_hash" },
                unique: true,
                filter: "status <> 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "ix_kp_registrations_activity_id_status_seq",
                table: "kp_registrations",
                columns: new[] { "activity_id", "status", "seq" });

            migrationBuilder.CreateIndex(
                name: "ix_kp_registrations_code",
                table: "kp_registrations",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_kp_venue_visitors_venue_id_month",
                table: "kp_venue_visitors",
                columns: new[] { "venue_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_kp_venues_organisation_id_kind",
                table: "kp_venues",
                columns: new[] { "organisation_id", "kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kp_campaign_expected");

            migrationBuilder.DropTable(
                name: "kp_caravan_stops");

            migrationBuilder.DropTable(
                name: "kp_registrations");

            migrationBuilder.DropTable(
                name: "kp_venue_visitors");

            migrationBuilder.DropTable(
                name: "kp_caravan_tours");

            migrationBuilder.DropTable(
                name: "kp_activities");

            migrationBuilder.DropTable(
                name: "kp_venues");

            migrationBuilder.DropTable(
                name: "kp_campaigns");
        }
    }
}
