using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Contacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "art14informed_at",
                table: "people",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "collected_indirectly_at",
                table: "people",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "external_id",
                table: "people",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "basis_reference",
                table: "consent_events",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "consent_events",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "consent_wordings",
                columns: table => new
                {
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    first_seen_at = table.Column<long>(type: "INTEGER", nullable: false)
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
