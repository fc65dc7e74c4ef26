using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Nurture : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "clicked_at",
                table: "send_records",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "enrolment_id",
                table: "send_records",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "enrolments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    sequence_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    trigger = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    step_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    steps_run = table.Column<int>(type: "INTEGER", nullable: false),
                    enrolled_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    end_reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    claimed_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    claimed_until = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrolments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "nurture_cursors",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    position = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_nurture_cursors", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "sequence_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition = table.Column<string>(type: "TEXT", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    published_at = table.Column<long>(type: "INTEGER", nullable: false),
                    published_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sequence_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sequences",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    draft = table.Column<string>(type: "TEXT", nullable: false),
                    latest_version = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sequences", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_send_records_enrolment_id",
                table: "send_records",
                column: "enrolment_id");

            migrationBuilder.CreateIndex(
                name: "ix_enrolments_key",
                table: "enrolments",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_enrolments_person_id",
                table: "enrolments",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_enrolments_sequence_id_person_id",
                table: "enrolments",
                columns: new[] { "sequence_id", "person_id" });

            migrationBuilder.CreateIndex(
                name: "ix_enrolments_status_due_at",
                table: "enrolments",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sequence_versions_sequence_id_version",
                table: "sequence_versions",
                columns: new[] { "sequence_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sequences_key",
                table: "sequences",
                column: "key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "enrolments");

            migrationBuilder.DropTable(
                name: "nurture_cursors");

            migrationBuilder.DropTable(
                name: "sequence_versions");

            migrationBuilder.DropTable(
                name: "sequences");

            migrationBuilder.DropIndex(
                name: "ix_send_records_enrolment_id",
                table: "send_records");

            migrationBuilder.DropColumn(
                name: "clicked_at",
                table: "send_records");

            migrationBuilder.DropColumn(
                name: "enrolment_id",
                table: "send_records");
        }
    }
}
