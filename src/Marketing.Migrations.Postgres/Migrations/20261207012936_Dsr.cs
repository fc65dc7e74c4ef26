using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Dsr : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_subject_request_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_subject_request_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_subject_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    locale = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    identity_method = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    identity_verified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    confirmation_token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    confirmation_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    extended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    extension_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    extension_notified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    outcome_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    complaint_right_mentioned = table.Column<bool>(type: "boolean", nullable: false),
                    handler = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    archive_generated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    archive_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    due_soon_warned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    overdue_warned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_by = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_subject_requests", x => x.id);
                });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_subject_request_events");

            migrationBuilder.DropTable(
                name: "data_subject_requests");
        }
    }
}
