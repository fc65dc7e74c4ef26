using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SmsChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "delivery_status",
                table: "send_records",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "channel",
                table: "message_templates",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "email");

            migrationBuilder.CreateTable(
                name: "sms_replies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    keyword = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    message_sid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sms_replies", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sms_replies_message_sid",
                table: "sms_replies",
                column: "message_sid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sms_replies_person_id_received_at",
                table: "sms_replies",
                columns: new[] { "person_id", "received_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sms_replies");

            migrationBuilder.DropColumn(
                name: "delivery_status",
                table: "send_records");

            migrationBuilder.DropColumn(
                name: "channel",
                table: "message_templates");
        }
    }
}
