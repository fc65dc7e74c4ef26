using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Contacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "ix_people_external_id",
                table: "people",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_import_batches_created_at",
                table: "import_batches",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "consent_wordings");

            migrationBuilder.DropTable(
                name: "import_batches");

            migrationBuilder.DropIndex(
                name: "ix_people_external_id",
                table: "people");

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
                name: "basis_reference",
                table: "consent_events");

            migrationBuilder.DropColumn(
                name: "source",
                table: "consent_events");
        }
    }
}
