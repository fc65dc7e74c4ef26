using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Sqlite.Migrations
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
