using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Restrict : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "restricted_at",
                table: "people",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "restricted_by",
                table: "people",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "restriction_reason",
                table: "people",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "restricted_at",
                table: "people");

            migrationBuilder.DropColumn(
                name: "restricted_by",
                table: "people");

            migrationBuilder.DropColumn(
                name: "restriction_reason",
                table: "people");
        }
    }
}
