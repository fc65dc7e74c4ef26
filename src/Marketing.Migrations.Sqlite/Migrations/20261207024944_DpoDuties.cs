using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DpoDuties : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "erased_at",
                table: "people",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "restricted_at",
                table: "people",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "restricted_by",
                table: "people",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "restriction_reason",
                table: "people",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "name_key",
                table: "consent_states",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "erased_at",
                table: "consent_events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "erasure_seal",
                table: "consent_events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "hash_version",
                table: "consent_events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "personal_digest",
                table: "consent_events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "personal_salt",
                table: "consent_events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "object_type",
                table: "audit_log",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "role",
                table: "audit_log",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "audit_log",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "expires_at",
                table: "api_keys",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "scopes",
                table: "api_keys",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "data_subject_request_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    request_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_subject_request_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_subject_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    locale = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    details = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: true),
                    due_at = table.Column<long>(type: "INTEGER", nullable: true),
                    identity_method = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    identity_verified_at = table.Column<long>(type: "INTEGER", nullable: true),
                    confirmation_token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    confirmation_expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    extended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    extension_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    extension_notified_at = table.Column<long>(type: "INTEGER", nullable: true),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    outcome_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    complaint_right_mentioned = table.Column<bool>(type: "INTEGER", nullable: false),
                    handler = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    archive_generated_at = table.Column<long>(type: "INTEGER", nullable: true),
                    archive_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    due_soon_warned_at = table.Column<long>(type: "INTEGER", nullable: true),
                    overdue_warned_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_subject_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "erasures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    ground = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    counts = table.Column<string>(type: "TEXT", nullable: false),
                    held = table.Column<int>(type: "INTEGER", nullable: false),
                    scan_result = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    scan_clean = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_erasures", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "legal_holds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    record_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    record_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    ground = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    released_at = table.Column<long>(type: "INTEGER", nullable: true),
                    released_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_holds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "processor_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    processor_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    change = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    summary = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_processor_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "processors",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    legal_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    service = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    data_categories = table.Column<string>(type: "TEXT", nullable: false),
                    storage_countries = table.Column<string>(type: "TEXT", nullable: false),
                    access_countries = table.Column<string>(type: "TEXT", nullable: false),
                    transfer_mechanism = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    transfer_document = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    dpa_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    dpa_reference = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    sub_processors_url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    dpf_certified = table.Column<bool>(type: "INTEGER", nullable: false),
                    dpf_verified_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_processors", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "register_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    purpose_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    data_subjects = table.Column<string>(type: "TEXT", nullable: true),
                    recipients = table.Column<string>(type: "TEXT", nullable: true),
                    security_measures = table.Column<string>(type: "TEXT", nullable: true),
                    dpia_reference = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    notes = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    reviewed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reviewed_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_register_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "restricted_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    hold_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    record_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    record_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ground = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    archived_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_restricted_records", x => x.id);
                });

            // Each consent state carries its person's folded name (the name-with-state search reads one index).
            migrationBuilder.Sql("UPDATE consent_states SET name_key = (SELECT p.name_key FROM people p WHERE p.id = consent_states.person_id);");

            migrationBuilder.CreateIndex(
                name: "ix_consent_states_purpose_id_status_name_key",
                table: "consent_states",
                columns: new[] { "purpose_id", "status", "name_key" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_target_at",
                table: "audit_log",
                columns: new[] { "target", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_data_subject_request_events_request_id_at",
                table: "data_subject_request_events",
                columns: new[] { "request_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_data_subject_requests_confirmation_token_hash",
                table: "data_subject_requests",
                column: "confirmation_token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_data_subject_requests_email",
                table: "data_subject_requests",
                column: "email");

            migrationBuilder.CreateIndex(
                name: "ix_data_subject_requests_person_id",
                table: "data_subject_requests",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_data_subject_requests_status_due_at",
                table: "data_subject_requests",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_erasures_at",
                table: "erasures",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_erasures_person_id",
                table: "erasures",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_legal_holds_person_id",
                table: "legal_holds",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_processor_changes_processor_key_at",
                table: "processor_changes",
                columns: new[] { "processor_key", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_processors_key",
                table: "processors",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_register_entries_purpose_key",
                table: "register_entries",
                column: "purpose_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_restricted_records_person_id",
                table: "restricted_records",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_restricted_records_record_kind_record_id",
                table: "restricted_records",
                columns: new[] { "record_kind", "record_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_subject_request_events");

            migrationBuilder.DropTable(
                name: "data_subject_requests");

            migrationBuilder.DropTable(
                name: "erasures");

            migrationBuilder.DropTable(
                name: "legal_holds");

            migrationBuilder.DropTable(
                name: "processor_changes");

            migrationBuilder.DropTable(
                name: "processors");

            migrationBuilder.DropTable(
                name: "register_entries");

            migrationBuilder.DropTable(
                name: "restricted_records");

            migrationBuilder.DropIndex(
                name: "ix_consent_states_purpose_id_status_name_key",
                table: "consent_states");

            migrationBuilder.DropIndex(
                name: "ix_audit_log_target_at",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "erased_at",
                table: "people");

            migrationBuilder.DropColumn(
                name: "restricted_at",
                table: "people");

            migrationBuilder.DropColumn(
                name: "restricted_by",
                table: "people");

            migrationBuilder.DropColumn(
                name: "restriction_reason",
                table: "people");

            migrationBuilder.DropColumn(
                name: "name_key",
                table: "consent_states");

            migrationBuilder.DropColumn(
                name: "erased_at",
                table: "consent_events");

            migrationBuilder.DropColumn(
                name: "erasure_seal",
                table: "consent_events");

            migrationBuilder.DropColumn(
                name: "hash_version",
                table: "consent_events");

            migrationBuilder.DropColumn(
                name: "personal_digest",
                table: "consent_events");

            migrationBuilder.DropColumn(
                name: "personal_salt",
                table: "consent_events");

            migrationBuilder.DropColumn(
                name: "object_type",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "role",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "source",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "expires_at",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "scopes",
                table: "api_keys");
        }
    }
}
