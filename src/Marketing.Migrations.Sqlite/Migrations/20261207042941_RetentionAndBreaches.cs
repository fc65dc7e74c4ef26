using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RetentionAndBreaches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "retention_policy",
                table: "purposes",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "erase");

            migrationBuilder.AddColumn<long>(
                name: "retention_expiring_at",
                table: "people",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    aware_at = table.Column<long>(type: "INTEGER", nullable: false),
                    scope_kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    scope_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    scope_from = table.Column<long>(type: "INTEGER", nullable: true),
                    scope_to = table.Column<long>(type: "INTEGER", nullable: true),
                    data_categories = table.Column<string>(type: "TEXT", nullable: false),
                    subject_categories = table.Column<string>(type: "TEXT", nullable: false),
                    likely_consequences = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    measures_taken = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    high_risk = table.Column<bool>(type: "INTEGER", nullable: false),
                    notified_at = table.Column<long>(type: "INTEGER", nullable: true),
                    authority_reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    late_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    not_required_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    subjects_informed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_people_retention_expiring_at",
                table: "people",
                column: "retention_expiring_at");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_aware_at",
                table: "incidents",
                column: "aware_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incidents");

            migrationBuilder.DropIndex(
                name: "ix_people_retention_expiring_at",
                table: "people");

            migrationBuilder.DropColumn(
                name: "retention_policy",
                table: "purposes");

            migrationBuilder.DropColumn(
                name: "retention_expiring_at",
                table: "people");
        }
    }
}
