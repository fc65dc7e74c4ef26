using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Deliverability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "delivery_feedback",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    address_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    message_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    sending_domain = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_feedback", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "domain_checks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    domain = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    passed = table.Column<bool>(type: "boolean", nullable: false),
                    regressed = table.Column<bool>(type: "boolean", nullable: false),
                    items = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_domain_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "purchases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ordered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opt_out_offered = table.Column<bool>(type: "boolean", nullable: false),
                    refused_marketing = table.Column<bool>(type: "boolean", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchases", x => x.id);
                    table.ForeignKey(
                        name: "fk_purchases_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sending_pauses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    domain = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    complaints = table.Column<int>(type: "integer", nullable: false),
                    sent = table.Column<int>(type: "integer", nullable: false),
                    complaint_rate = table.Column<double>(type: "double precision", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    acknowledgement_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sending_pauses", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_send_records_sent_at",
                table: "send_records",
                column: "sent_at",
                filter: "sent_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_feedback_address_hash_kind_received_at",
                table: "delivery_feedback",
                columns: new[] { "address_hash", "kind", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_feedback_kind_address_hash_message_id",
                table: "delivery_feedback",
                columns: new[] { "kind", "address_hash", "message_id" },
                unique: true,
                filter: "message_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_feedback_received_at",
                table: "delivery_feedback",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_feedback_sending_domain_kind_received_at",
                table: "delivery_feedback",
                columns: new[] { "sending_domain", "kind", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_domain_checks_domain_checked_at",
                table: "domain_checks",
                columns: new[] { "domain", "checked_at" });

            migrationBuilder.CreateIndex(
                name: "ix_purchases_person_id_reference",
                table: "purchases",
                columns: new[] { "person_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sending_pauses_domain_acknowledged_at",
                table: "sending_pauses",
                columns: new[] { "domain", "acknowledged_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "delivery_feedback");

            migrationBuilder.DropTable(
                name: "domain_checks");

            migrationBuilder.DropTable(
                name: "purchases");

            migrationBuilder.DropTable(
                name: "sending_pauses");

            migrationBuilder.DropIndex(
                name: "ix_send_records_sent_at",
                table: "send_records");
        }
    }
}
