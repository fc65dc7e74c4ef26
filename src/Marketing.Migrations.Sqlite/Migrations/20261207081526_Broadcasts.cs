using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Broadcasts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "broadcast_id",
                table: "send_records",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "variant",
                table: "send_records",
                type: "TEXT",
                maxLength: 1,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "broadcasts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    segment_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    purpose_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    template_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    schedule_kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    scheduled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    local_at = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    throttle_count = table.Column<int>(type: "INTEGER", nullable: true),
                    throttle_per = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    test_template_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    test_percent = table.Column<int>(type: "INTEGER", nullable: true),
                    test_wait_minutes = table.Column<int>(type: "INTEGER", nullable: true),
                    winner = table.Column<string>(type: "TEXT", maxLength: 1, nullable: true),
                    starts_at = table.Column<long>(type: "INTEGER", nullable: true),
                    test_ends_at = table.Column<long>(type: "INTEGER", nullable: true),
                    materialised = table.Column<int>(type: "INTEGER", nullable: false),
                    materialised_at = table.Column<long>(type: "INTEGER", nullable: true),
                    slots = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    claimed_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    claimed_until = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    cancelled_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_broadcasts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_send_records_broadcast_id_person_id",
                table: "send_records",
                columns: new[] { "broadcast_id", "person_id" });

            migrationBuilder.CreateIndex(
                name: "ix_broadcasts_key",
                table: "broadcasts",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_broadcasts_status_starts_at",
                table: "broadcasts",
                columns: new[] { "status", "starts_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "broadcasts");

            migrationBuilder.DropIndex(
                name: "ix_send_records_broadcast_id_person_id",
                table: "send_records");

            migrationBuilder.DropColumn(
                name: "broadcast_id",
                table: "send_records");

            migrationBuilder.DropColumn(
                name: "variant",
                table: "send_records");
        }
    }
}
