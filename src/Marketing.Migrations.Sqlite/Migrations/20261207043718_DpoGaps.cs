using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Sqlite.Migrations
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    purpose_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    processing_ended_at = table.Column<long>(type: "INTEGER", nullable: false),
                    purged_at = table.Column<long>(type: "INTEGER", nullable: false),
                    events = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_purges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "processor_notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    processor_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    processor_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    erasure_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    acknowledged_at = table.Column<long>(type: "INTEGER", nullable: true),
                    acknowledged_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
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
