using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class QuartzJobStoreAndScheduledRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "scheduled_runs",
                columns: table => new
                {
                    job = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    ran_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    messages = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduled_runs", x => new { x.job, x.day });
                });

            // --- hand-written (jobs): Quartz.NET's own PostgreSQL tables, Data/Sql/quartz_tables_postgres.sql (ADR 0014).
            migrationBuilder.Sql(QuartzSchema.CreateScript());
            // --- end hand-written
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // --- hand-written (jobs)
            migrationBuilder.Sql(QuartzSchema.DropScript);
            // --- end hand-written
            migrationBuilder.DropTable(
                name: "scheduled_runs");
        }
    }
}
