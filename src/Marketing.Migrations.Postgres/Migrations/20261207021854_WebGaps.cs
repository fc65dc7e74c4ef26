using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WebGaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "name_key",
                table: "consent_states",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            // The states stored before carry their person's folded name too (the context copies it from now on).
            migrationBuilder.Sql("UPDATE consent_states SET name_key = (SELECT p.name_key FROM people p WHERE p.id = consent_states.person_id);");

            migrationBuilder.CreateIndex(
                name: "ix_consent_states_purpose_id_status_name_key",
                table: "consent_states",
                columns: new[] { "purpose_id", "status", "name_key" })
                .Annotation("Npgsql:IndexInclude", new[] { "person_id" })
                .Annotation("Npgsql:IndexOperators", new[] { "uuid_ops", "text_ops", "text_pattern_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_consent_states_purpose_id_status_name_key",
                table: "consent_states");

            migrationBuilder.DropColumn(
                name: "name_key",
                table: "consent_states");
        }
    }
}
