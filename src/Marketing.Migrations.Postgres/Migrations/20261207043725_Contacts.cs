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

            migrationBuilder.CreateIndex(
                name: "ix_people_external_id",
                table: "people",
                column: "external_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "consent_wordings");

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
