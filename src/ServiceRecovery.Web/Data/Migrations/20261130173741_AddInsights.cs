using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddInsights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "first_fix_at_first_contact",
                table: "recovery_cases",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "first_response_business_minutes",
                table: "recovery_cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "first_response_met_sla",
                table: "recovery_cases",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "resolution_business_minutes",
                table: "recovery_cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "resolution_met_sla",
                table: "recovery_cases",
                type: "boolean",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_recovery_cases_closed_at",
                table: "recovery_cases",
                column: "closed_at");
            // ==== insights: hand-written SQL (Data/Sql/insights-rollup.sql), carry over when the migrations are combined ====
            using (var sql = typeof(AddInsights).Assembly.GetManifestResourceStream("ServiceRecovery.Web.Data.Sql.insights-rollup.sql")!)
            using (var reader = new System.IO.StreamReader(sql))
            {
                migrationBuilder.Sql(reader.ReadToEnd());
            }
            // ==== end insights ====
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // ==== insights: undo the hand-written SQL ====
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS kpi_rollup_state;
                DROP TABLE IF EXISTS kpi_daily;
                DROP TRIGGER IF EXISTS recovery_cases_touch ON recovery_cases;
                DROP FUNCTION IF EXISTS recovery_cases_touch();
                DROP INDEX IF EXISTS ix_recovery_cases_changed_at;
                ALTER TABLE recovery_cases DROP COLUMN IF EXISTS changed_at;
                """);
            // ==== end insights ====
            migrationBuilder.DropIndex(
                name: "ix_recovery_cases_closed_at",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "first_fix_at_first_contact",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "first_response_business_minutes",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "first_response_met_sla",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "resolution_business_minutes",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "resolution_met_sla",
                table: "recovery_cases");
        }
    }
}
