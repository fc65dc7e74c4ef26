using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DomainChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "domain_checks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    domain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    checked_at = table.Column<long>(type: "INTEGER", nullable: false),
                    passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    regressed = table.Column<bool>(type: "INTEGER", nullable: false),
                    items = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_domain_checks", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_domain_checks_domain_checked_at",
                table: "domain_checks",
                columns: new[] { "domain", "checked_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "domain_checks");
        }
    }
}
