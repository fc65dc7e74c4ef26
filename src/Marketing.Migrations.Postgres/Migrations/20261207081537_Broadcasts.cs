using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Postgres.Migrations
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
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "variant",
                table: "send_records",
                type: "character varying(1)",
                maxLength: 1,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "broadcasts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    segment_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    purpose_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    template_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    schedule_kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    scheduled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    local_at = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    throttle_count = table.Column<int>(type: "integer", nullable: true),
                    throttle_per = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    test_template_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    test_percent = table.Column<int>(type: "integer", nullable: true),
                    test_wait_minutes = table.Column<int>(type: "integer", nullable: true),
                    winner = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    test_ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    materialised = table.Column<int>(type: "integer", nullable: false),
                    materialised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    slots = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    claimed_by = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    claimed_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
