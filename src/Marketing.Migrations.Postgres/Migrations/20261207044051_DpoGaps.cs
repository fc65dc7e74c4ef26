using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DpoGaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "ix_evidence_purges_person_id_purpose_id_channel",
                table: "evidence_purges",
                columns: new[] { "person_id", "purpose_id", "channel" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_processor_notices_person_id",
                table: "processor_notices",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_processor_notices_status_created_at",
                table: "processor_notices",
                columns: new[] { "status", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evidence_purges");

            migrationBuilder.DropTable(
                name: "processor_notices");
        }
    }
}
