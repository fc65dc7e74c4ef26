using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Web16 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_send_records_enrolment_id",
                table: "send_records");

            migrationBuilder.AddColumn<string>(
                name: "step_id",
                table: "send_records",
                type: "text",
                nullable: true);

            // A nurture message's key is seq:{enrolment, 32 hex}:{run}:{step}: the messages sent before the column get their step from it.
            migrationBuilder.Sql("UPDATE send_records SET step_id = split_part(key, ':', 4) WHERE key LIKE 'seq:%' AND enrolment_id IS NOT NULL AND step_id IS NULL;");

            migrationBuilder.CreateIndex(
                name: "ix_send_records_enrolment_id_step_id_status",
                table: "send_records",
                columns: new[] { "enrolment_id", "step_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_send_records_enrolment_id_step_id_status",
                table: "send_records");

            migrationBuilder.DropColumn(
                name: "step_id",
                table: "send_records");

            migrationBuilder.CreateIndex(
                name: "ix_send_records_enrolment_id",
                table: "send_records",
                column: "enrolment_id");
        }
    }
}
