using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FeedbackOnceAndRefusals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "refused_marketing",
                table: "purchases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_delivery_feedback_kind_address_hash_message_id",
                table: "delivery_feedback",
                columns: new[] { "kind", "address_hash", "message_id" },
                unique: true,
                filter: "message_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_delivery_feedback_kind_address_hash_message_id",
                table: "delivery_feedback");

            migrationBuilder.DropColumn(
                name: "refused_marketing",
                table: "purchases");
        }
    }
}
