using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CaptureIdentity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "applied_at",
                table: "submissions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "confirmation_repeated",
                table: "submissions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "confirmation_request_id",
                table: "submissions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "identity",
                table: "submissions",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "new");

            migrationBuilder.AddColumn<string>(
                name: "notes",
                table: "submissions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "profile",
                table: "submissions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review",
                table: "submissions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_submissions_review",
                table: "submissions",
                column: "received_at",
                filter: "review IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_submissions_review",
                table: "submissions");

            migrationBuilder.DropColumn(
                name: "applied_at",
                table: "submissions");

            migrationBuilder.DropColumn(
                name: "confirmation_repeated",
                table: "submissions");

            migrationBuilder.DropColumn(
                name: "confirmation_request_id",
                table: "submissions");

            migrationBuilder.DropColumn(
                name: "identity",
                table: "submissions");

            migrationBuilder.DropColumn(
                name: "notes",
                table: "submissions");

            migrationBuilder.DropColumn(
                name: "profile",
                table: "submissions");

            migrationBuilder.DropColumn(
                name: "review",
                table: "submissions");
        }
    }
}
