using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "object_type",
                table: "audit_log",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "role",
                table: "audit_log",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "audit_log",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "expires_at",
                table: "api_keys",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "scopes",
                table: "api_keys",
                type: "text[]",
                nullable: false,
                // Existing keys reach every group, as before (hand-added: EF gives a text[] no default).
                defaultValueSql: "'{}'");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_target_at",
                table: "audit_log",
                columns: new[] { "target", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_audit_log_target_at",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "object_type",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "role",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "source",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "expires_at",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "scopes",
                table: "api_keys");
        }
    }
}
