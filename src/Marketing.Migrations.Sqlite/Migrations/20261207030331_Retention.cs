using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Retention : Migration
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

            migrationBuilder.CreateIndex(
                name: "ix_people_retention_expiring_at",
                table: "people",
                column: "retention_expiring_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
