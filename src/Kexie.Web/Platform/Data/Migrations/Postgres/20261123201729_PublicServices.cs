using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PublicServices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cal_days",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cal_days", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cert_certificates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    serial = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    verification_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    holder_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    award_title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    tier = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    issuer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: false),
                    source_module = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    source_ref = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoked_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    revoked_by_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cert_certificates", x => x.id);
                    table.ForeignKey(
                        name: "fk_cert_certificates_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "org_organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cert_sequences",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    last = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cert_sequences", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "pub_notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_module = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    source_ref = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    columns_json = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    items_json = table.Column<string>(type: "text", nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    working_days = table.Column<int>(type: "integer", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pub_notices", x => x.id);
                    table.ForeignKey(
                        name: "fk_pub_notices_org_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "org_organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rl_counters",
                columns: table => new
                {
                    bucket = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    slot = table.Column<long>(type: "bigint", nullable: false),
                    hits = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rl_counters", x => new { x.bucket, x.slot });
                });

            migrationBuilder.CreateTable(
                name: "sms_outbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    phone_masked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sms_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "vote_ballots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_module = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    source_ref = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    opens_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    closes_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    votes_per_day = table.Column<int>(type: "integer", nullable: false),
                    allow_same_option_twice = table.Column<bool>(type: "boolean", nullable: false),
                    allow_account = table.Column<bool>(type: "boolean", nullable: false),
                    allow_phone = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vote_ballots", x => x.id);
                    table.ForeignKey(
                        name: "fk_vote_ballots_org_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "org_organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "vote_phone_codes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    phone_hash = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    code_hash = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    consumed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vote_phone_codes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pub_objections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    notice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    receipt_no = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    contact_cipher = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    contact_masked = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    item_index = table.Column<int>(type: "integer", nullable: true),
                    item_label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    content = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    dedup_hash = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    notes = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    decision_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    decided_by_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pub_objections", x => x.id);
                    table.ForeignKey(
                        name: "fk_pub_objections_public_notice_notice_id",
                        column: x => x.notice_id,
                        principalTable: "pub_notices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "vote_options",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    ballot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    external_ref = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    accepted_count = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vote_options", x => x.id);
                    table.ForeignKey(
                        name: "fk_vote_options_vote_ballots_ballot_id",
                        column: x => x.ballot_id,
                        principalTable: "vote_ballots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "vote_votes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    ballot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    option_id = table.Column<Guid>(type: "uuid", nullable: false),
                    voter_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    slot = table.Column<int>(type: "integer", nullable: false),
                    distinct_key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    network = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    reviewed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    reviewed_by_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vote_votes", x => x.id);
                    table.ForeignKey(
                        name: "fk_vote_votes_vote_ballots_ballot_id",
                        column: x => x.ballot_id,
                        principalTable: "vote_ballots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_vote_votes_vote_options_option_id",
                        column: x => x.option_id,
                        principalTable: "vote_options",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cal_days_date",
                table: "cal_days",
                column: "date",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cert_certificates_organisation_id",
                table: "cert_certificates",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_cert_certificates_serial",
                table: "cert_certificates",
                column: "serial",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cert_certificates_source_module_source_ref",
                table: "cert_certificates",
                columns: new[] { "source_module", "source_ref" });

            migrationBuilder.CreateIndex(
                name: "ix_cert_certificates_year_seq",
                table: "cert_certificates",
                columns: new[] { "year", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pub_notices_end_date",
                table: "pub_notices",
                column: "end_date");

            migrationBuilder.CreateIndex(
                name: "ix_pub_notices_organisation_id",
                table: "pub_notices",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_pub_notices_source_module_source_ref",
                table: "pub_notices",
                columns: new[] { "source_module", "source_ref" });

            migrationBuilder.CreateIndex(
                name: "ix_pub_objections_notice_id_dedup_hash",
                table: "pub_objections",
                columns: new[] { "notice_id", "dedup_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pub_objections_receipt_no",
                table: "pub_objections",
                column: "receipt_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rl_counters_slot",
                table: "rl_counters",
                column: "slot");

            migrationBuilder.CreateIndex(
                name: "ix_sms_outbox_created_at",
                table: "sms_outbox",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_vote_ballots_organisation_id",
                table: "vote_ballots",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_vote_ballots_source_module_source_ref",
                table: "vote_ballots",
                columns: new[] { "source_module", "source_ref" });

            migrationBuilder.CreateIndex(
                name: "ix_vote_options_ballot_id_seq",
                table: "vote_options",
                columns: new[] { "ballot_id", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vote_phone_codes_phone_hash_created_at",
                table: "vote_phone_codes",
                columns: new[] { "phone_hash", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_vote_votes_ballot_id_status_option_id",
                table: "vote_votes",
                columns: new[] { "ballot_id", "status", "option_id" });

            migrationBuilder.CreateIndex(
                name: "ix_vote_votes_ballot_id_voter_key_day_distinct_key",
                table: "vote_votes",
                columns: new[] { "ballot_id", "voter_key", "day", "distinct_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vote_votes_ballot_id_voter_key_day_slot",
                table: "vote_votes",
                columns: new[] { "ballot_id", "voter_key", "day", "slot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vote_votes_option_id",
                table: "vote_votes",
                column: "option_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cal_days");

            migrationBuilder.DropTable(
                name: "cert_certificates");

            migrationBuilder.DropTable(
                name: "cert_sequences");

            migrationBuilder.DropTable(
                name: "pub_objections");

            migrationBuilder.DropTable(
                name: "rl_counters");

            migrationBuilder.DropTable(
                name: "sms_outbox");

            migrationBuilder.DropTable(
                name: "vote_phone_codes");

            migrationBuilder.DropTable(
                name: "vote_votes");

            migrationBuilder.DropTable(
                name: "pub_notices");

            migrationBuilder.DropTable(
                name: "vote_options");

            migrationBuilder.DropTable(
                name: "vote_ballots");
        }
    }
}
