using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AudiencesAndDpoGaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_send_records_enrolment_id",
                table: "send_records");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "opened_at",
                table: "send_records",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "step_id",
                table: "send_records",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "art14informed_at",
                table: "people",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "collected_indirectly_at",
                table: "people",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "external_id",
                table: "people",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "last_open_on",
                table: "people",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "basis_reference",
                table: "consent_events",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "consent_events",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "campaign_click_counts",
                columns: table => new
                {
                    campaign = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    url_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    clicks = table.Column<long>(type: "bigint", nullable: false),
                    last_click_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_click_counts", x => new { x.campaign, x.url_hash });
                });

            migrationBuilder.CreateTable(
                name: "consent_wordings",
                columns: table => new
                {
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consent_wordings", x => x.sha256);
                });

            migrationBuilder.CreateTable(
                name: "evidence_purges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    processing_ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    purged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    events = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_purges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    contract_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    collected_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    collected_to = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    collection_urls = table.Column<string>(type: "text", nullable: false),
                    consent_wording_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    partners_shown = table.Column<string>(type: "text", nullable: false),
                    channels = table.Column<string>(type: "text", nullable: false),
                    purposes = table.Column<string>(type: "text", nullable: false),
                    proof_location = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    has_consent_proof = table.Column<bool>(type: "boolean", nullable: false),
                    file_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    lines_done = table.Column<long>(type: "bigint", nullable: false),
                    rows_read = table.Column<long>(type: "bigint", nullable: false),
                    created = table.Column<long>(type: "bigint", nullable: false),
                    merged = table.Column<long>(type: "bigint", nullable: false),
                    suppressed = table.Column<long>(type: "bigint", nullable: false),
                    refused = table.Column<long>(type: "bigint", nullable: false),
                    refused_lines = table.Column<string>(type: "text", nullable: false),
                    created_by = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "processor_notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    processor_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    processor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reason = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    erasure_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_processor_notices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "suppression_acknowledgements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    suppression_id = table.Column<Guid>(type: "uuid", nullable: false),
                    processor_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    delivery_id = table.Column<Guid>(type: "uuid", nullable: false),
                    suppressed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_suppression_acknowledgements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    endpoint_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    claimed_by = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_status_code = table.Column<int>(type: "integer", nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_endpoints",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    event_types = table.Column<string>(type: "text", nullable: false),
                    secret = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    processor_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    disabled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    disabled_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    consecutive_failures = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_endpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    data_json = table.Column<string>(type: "text", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    fanned_out_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_events", x => x.id);
                });

            // A nurture message's key is seq:{enrolment, 32 hex}:{run}:{step}: the messages sent before the column get their step from it.
            migrationBuilder.Sql("UPDATE send_records SET step_id = split_part(key, ':', 4) WHERE key LIKE 'seq:%' AND enrolment_id IS NOT NULL AND step_id IS NULL;");

            migrationBuilder.CreateIndex(
                name: "ix_send_records_enrolment_id_step_id_status",
                table: "send_records",
                columns: new[] { "enrolment_id", "step_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_people_external_id",
                table: "people",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_evidence_purges_person_id_purpose_id_channel",
                table: "evidence_purges",
                columns: new[] { "person_id", "purpose_id", "channel" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_import_batches_created_at",
                table: "import_batches",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_processor_notices_person_id",
                table: "processor_notices",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_processor_notices_status_created_at",
                table: "processor_notices",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_suppression_acknowledgements_suppression_id_processor_key",
                table: "suppression_acknowledgements",
                columns: new[] { "suppression_id", "processor_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_endpoint_id_event_id",
                table: "webhook_deliveries",
                columns: new[] { "endpoint_id", "event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_status_next_attempt_at",
                table: "webhook_deliveries",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_events_fanned_out_at",
                table: "webhook_events",
                column: "fanned_out_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "campaign_click_counts");

            migrationBuilder.DropTable(
                name: "consent_wordings");

            migrationBuilder.DropTable(
                name: "evidence_purges");

            migrationBuilder.DropTable(
                name: "import_batches");

            migrationBuilder.DropTable(
                name: "processor_notices");

            migrationBuilder.DropTable(
                name: "suppression_acknowledgements");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "webhook_endpoints");

            migrationBuilder.DropTable(
                name: "webhook_events");

            migrationBuilder.DropIndex(
                name: "ix_send_records_enrolment_id_step_id_status",
                table: "send_records");

            migrationBuilder.DropIndex(
                name: "ix_people_external_id",
                table: "people");

            migrationBuilder.DropColumn(
                name: "opened_at",
                table: "send_records");

            migrationBuilder.DropColumn(
                name: "step_id",
                table: "send_records");

            migrationBuilder.DropColumn(
                name: "art14informed_at",
                table: "people");

            migrationBuilder.DropColumn(
                name: "collected_indirectly_at",
                table: "people");

            migrationBuilder.DropColumn(
                name: "external_id",
                table: "people");

            migrationBuilder.DropColumn(
                name: "last_open_on",
                table: "people");

            migrationBuilder.DropColumn(
                name: "basis_reference",
                table: "consent_events");

            migrationBuilder.DropColumn(
                name: "source",
                table: "consent_events");

            migrationBuilder.CreateIndex(
                name: "ix_send_records_enrolment_id",
                table: "send_records",
                column: "enrolment_id");
        }
    }
}
