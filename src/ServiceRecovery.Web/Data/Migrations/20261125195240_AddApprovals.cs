using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddApprovals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "abuse_flag_cleared_at",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "abuse_flag_cleared_by_name",
                table: "customers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "abuse_flag_cleared_reason",
                table: "customers",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "decision_reason",
                table: "case_atonements",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "fulfilled_at",
                table: "case_atonements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "fulfilled_by_id",
                table: "case_atonements",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fulfilled_by_name",
                table: "case_atonements",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "guidance_note",
                table: "case_atonements",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "needs_approval_because",
                table: "case_atonements",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "proposed_amount",
                table: "case_atonements",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "compensation_ledger",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    atonement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    gesture = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_compensation_ledger", x => x.id);
                    table.ForeignKey(
                        name: "fk_compensation_ledger_recovery_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "recovery_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "guidance_bands",
                columns: table => new
                {
                    severity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    min_percent = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    max_percent = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    fixed_min = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    fixed_max = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_guidance_bands", x => x.severity);
                });

            migrationBuilder.CreateIndex(
                name: "ix_case_atonements_proposed_at",
                table: "case_atonements",
                column: "proposed_at",
                filter: "status = 'PendingApproval'");

            migrationBuilder.CreateIndex(
                name: "ix_compensation_ledger_at",
                table: "compensation_ledger",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_compensation_ledger_case_id",
                table: "compensation_ledger",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_compensation_ledger_customer_id_at",
                table: "compensation_ledger",
                columns: new[] { "customer_id", "at" });

            // The compensation ledger is append-only, like the case timeline (function from AddRecoveryCases).
            migrationBuilder.Sql("""
                CREATE TRIGGER compensation_ledger_append_only BEFORE UPDATE OR DELETE ON compensation_ledger
                    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS compensation_ledger_append_only ON compensation_ledger;");

            migrationBuilder.DropTable(
                name: "compensation_ledger");

            migrationBuilder.DropTable(
                name: "guidance_bands");

            migrationBuilder.DropIndex(
                name: "ix_case_atonements_proposed_at",
                table: "case_atonements");

            migrationBuilder.DropColumn(
                name: "abuse_flag_cleared_at",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "abuse_flag_cleared_by_name",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "abuse_flag_cleared_reason",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "decision_reason",
                table: "case_atonements");

            migrationBuilder.DropColumn(
                name: "fulfilled_at",
                table: "case_atonements");

            migrationBuilder.DropColumn(
                name: "fulfilled_by_id",
                table: "case_atonements");

            migrationBuilder.DropColumn(
                name: "fulfilled_by_name",
                table: "case_atonements");

            migrationBuilder.DropColumn(
                name: "guidance_note",
                table: "case_atonements");

            migrationBuilder.DropColumn(
                name: "needs_approval_because",
                table: "case_atonements");

            migrationBuilder.DropColumn(
                name: "proposed_amount",
                table: "case_atonements");
        }
    }
}
