using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddSlaAndQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_responded_at",
                table: "recovery_cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolved_at",
                table: "recovery_cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sla_at_risk_at",
                table: "recovery_cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sla_due_at",
                table: "recovery_cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "waiting_since",
                table: "recovery_cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "severity_order",
                table: "recovery_cases",
                type: "integer",
                nullable: false,
                computedColumnSql: "CASE severity WHEN 'Critical' THEN 1 WHEN 'Major' THEN 2 WHEN 'Moderate' THEN 3 ELSE 4 END",
                stored: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sla_sort_at",
                table: "recovery_cases",
                type: "timestamp with time zone",
                nullable: false,
                computedColumnSql: "COALESCE(sla_due_at, '9999-12-31 00:00:00+00'::timestamptz)",
                stored: true);

            migrationBuilder.CreateTable(
                name: "case_waiting_periods",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_waiting_periods", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_waiting_periods_recovery_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "recovery_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sla_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    time_zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    business_hours = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at_risk_percent = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sla_targets",
                columns: table => new
                {
                    severity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    first_response_minutes = table.Column<int>(type: "integer", nullable: false),
                    resolution_minutes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_targets", x => x.severity);
                });

            migrationBuilder.CreateIndex(
                name: "ix_queue_age",
                table: "recovery_cases",
                columns: new[] { "opened_at", "id" },
                filter: "stage NOT IN ('Closed', 'ClosedWithoutRecovery', 'Withdrawn')");

            migrationBuilder.CreateIndex(
                name: "ix_queue_owner_sla",
                table: "recovery_cases",
                columns: new[] { "owner_id", "sla_sort_at", "id" },
                filter: "stage NOT IN ('Closed', 'ClosedWithoutRecovery', 'Withdrawn')");

            migrationBuilder.CreateIndex(
                name: "ix_queue_severity",
                table: "recovery_cases",
                columns: new[] { "severity_order", "sla_sort_at", "id" },
                filter: "stage NOT IN ('Closed', 'ClosedWithoutRecovery', 'Withdrawn')");

            migrationBuilder.CreateIndex(
                name: "ix_queue_sla",
                table: "recovery_cases",
                columns: new[] { "sla_sort_at", "id" },
                filter: "stage NOT IN ('Closed', 'ClosedWithoutRecovery', 'Withdrawn')");

            migrationBuilder.CreateIndex(
                name: "ix_case_waiting_periods_case_id",
                table: "case_waiting_periods",
                column: "case_id");

            // Back-fill cases logged before SLAs existed: milestones from their steps, deadlines with the default
            // 24x7 targets (saving the SLA policy in Admin → SLA recomputes them with the organisation's own).
            migrationBuilder.Sql("""
                UPDATE recovery_cases rc SET first_responded_at = a.at FROM case_apologies a WHERE a.case_id = rc.id;
                UPDATE recovery_cases rc SET resolved_at = f.at
                    FROM (SELECT case_id, min(at) AS at FROM case_fixes GROUP BY case_id) f WHERE f.case_id = rc.id;
                UPDATE recovery_cases rc SET
                    sla_due_at = rc.opened_at + interval '1 minute' * (CASE WHEN rc.first_responded_at IS NULL THEN t.fr ELSE t.res END),
                    sla_at_risk_at = rc.opened_at + interval '1 minute' * (CASE WHEN rc.first_responded_at IS NULL THEN t.fr ELSE t.res END) * 0.8
                FROM (VALUES ('Critical', 60, 1440), ('Major', 240, 4320), ('Moderate', 480, 7200), ('Minor', 1440, 10080)) AS t(sev, fr, res)
                WHERE rc.severity = t.sev AND rc.resolved_at IS NULL
                  AND rc.stage NOT IN ('Closed', 'ClosedWithoutRecovery', 'Withdrawn');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_waiting_periods");

            migrationBuilder.DropTable(
                name: "sla_settings");

            migrationBuilder.DropTable(
                name: "sla_targets");

            migrationBuilder.DropIndex(
                name: "ix_queue_age",
                table: "recovery_cases");

            migrationBuilder.DropIndex(
                name: "ix_queue_owner_sla",
                table: "recovery_cases");

            migrationBuilder.DropIndex(
                name: "ix_queue_severity",
                table: "recovery_cases");

            migrationBuilder.DropIndex(
                name: "ix_queue_sla",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "severity_order",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "sla_sort_at",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "first_responded_at",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "resolved_at",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "sla_at_risk_at",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "sla_due_at",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "waiting_since",
                table: "recovery_cases");
        }
    }
}
