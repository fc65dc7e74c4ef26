using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Register : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "processor_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    processor_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    change = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    actor = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    summary = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_processor_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "processors",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    legal_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    service = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    data_categories = table.Column<string>(type: "text", nullable: false),
                    storage_countries = table.Column<string>(type: "text", nullable: false),
                    access_countries = table.Column<string>(type: "text", nullable: false),
                    transfer_mechanism = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    transfer_document = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    dpa_date = table.Column<DateOnly>(type: "date", nullable: false),
                    dpa_reference = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    sub_processors_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    dpf_certified = table.Column<bool>(type: "boolean", nullable: false),
                    dpf_verified_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_processors", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "register_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    data_subjects = table.Column<string>(type: "text", nullable: true),
                    recipients = table.Column<string>(type: "text", nullable: true),
                    security_measures = table.Column<string>(type: "text", nullable: true),
                    dpia_reference = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    notes = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_by = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_register_entries", x => x.id);
                });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "processor_changes");

            migrationBuilder.DropTable(
                name: "processors");

            migrationBuilder.DropTable(
                name: "register_entries");
        }
    }
}
