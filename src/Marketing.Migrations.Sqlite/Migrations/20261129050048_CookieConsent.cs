using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CookieConsent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "banners",
                columns: table => new
                {
                    site_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    draft = table.Column<string>(type: "TEXT", nullable: false),
                    latest_version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_banners", x => x.site_id);
                    table.ForeignKey(
                        name: "fk_banners_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cookie_consent_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    consent_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    site_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    banner_version = table.Column<int>(type: "INTEGER", nullable: false),
                    banner_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    choices = table.Column<string>(type: "TEXT", nullable: false),
                    page_url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    locale = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    gpc = table.Column<bool>(type: "INTEGER", nullable: false),
                    ip_address = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cookie_consent_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "banner_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    site_id = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    snapshot = table.Column<string>(type: "TEXT", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    published_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_banner_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_banner_versions_banners_site_id",
                        column: x => x.site_id,
                        principalTable: "banners",
                        principalColumn: "site_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_banner_versions_site_id_version",
                table: "banner_versions",
                columns: new[] { "site_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cookie_consent_records_consent_id",
                table: "cookie_consent_records",
                column: "consent_id");

            migrationBuilder.CreateIndex(
                name: "ix_cookie_consent_records_site_id_occurred_at",
                table: "cookie_consent_records",
                columns: new[] { "site_id", "occurred_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "banner_versions");

            migrationBuilder.DropTable(
                name: "cookie_consent_records");

            migrationBuilder.DropTable(
                name: "banners");
        }
    }
}
