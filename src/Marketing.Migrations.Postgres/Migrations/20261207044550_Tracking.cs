using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Tracking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "opened_at",
                table: "send_records",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "last_open_on",
                table: "people",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "campaign_click_counts",
                columns: table => new
                {
                    campaign = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    url_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    clicks = table.Column<long>(type: "bigint", nullable: false),
                    last_click_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_click_counts", x => new { x.campaign, x.url_hash });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "campaign_click_counts");

            migrationBuilder.DropColumn(
                name: "opened_at",
                table: "send_records");

            migrationBuilder.DropColumn(
                name: "last_open_on",
                table: "people");
        }
    }
}
