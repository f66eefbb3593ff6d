using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class QueueCountsAndOwnerSeverityIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_queue_counts",
                table: "recovery_cases",
                columns: new[] { "stage", "waiting_since", "sla_due_at", "sla_at_risk_at" },
                filter: "stage NOT IN ('Closed', 'ClosedWithoutRecovery', 'Withdrawn')");

            migrationBuilder.CreateIndex(
                name: "ix_queue_owner_severity_sla",
                table: "recovery_cases",
                columns: new[] { "owner_id", "severity", "sla_sort_at", "id" },
                filter: "stage NOT IN ('Closed', 'ClosedWithoutRecovery', 'Withdrawn')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_queue_counts",
                table: "recovery_cases");

            migrationBuilder.DropIndex(
                name: "ix_queue_owner_severity_sla",
                table: "recovery_cases");
        }
    }
}
