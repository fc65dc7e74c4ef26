using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Nurture : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "clicked_at",
                table: "send_records",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "enrolment_id",
                table: "send_records",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "enrolments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    sequence_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trigger = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    step_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    steps_run = table.Column<int>(type: "integer", nullable: false),
                    enrolled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    claimed_by = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    claimed_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrolments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "nurture_cursors",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    position = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_nurture_cursors", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "sequence_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    definition = table.Column<string>(type: "text", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sequence_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sequences",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    draft = table.Column<string>(type: "text", nullable: false),
                    latest_version = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
