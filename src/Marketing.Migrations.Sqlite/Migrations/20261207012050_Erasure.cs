using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Erasure : Migration
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
                name: "erasures");

            migrationBuilder.DropTable(
                name: "legal_holds");

            migrationBuilder.DropTable(
                name: "restricted_records");

            migrationBuilder.DropColumn(
                name: "erased_at",
                table: "people");

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
        }
    }
}
