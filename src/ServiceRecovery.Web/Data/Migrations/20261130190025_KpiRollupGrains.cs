using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class KpiRollupGrains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ==== insights grains: hand-written SQL (Data/Sql/insights-grains.sql), carry over when the migrations are combined ====
            using (var sql = typeof(KpiRollupGrains).Assembly.GetManifestResourceStream("ServiceRecovery.Web.Data.Sql.insights-grains.sql")!)
            using (var reader = new System.IO.StreamReader(sql))
            {
                migrationBuilder.Sql(reader.ReadToEnd());
            }
            // ==== end insights grains ====
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // ==== insights grains: undo the hand-written SQL ====
            migrationBuilder.Sql("""
                DELETE FROM kpi_daily WHERE dims <> 31;
                DROP INDEX IF EXISTS ix_kpi_daily_dims_day;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS dims;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS retention_base;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS retained;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS closed_thanked;
                ALTER TABLE kpi_daily ALTER COLUMN category SET NOT NULL;
                ALTER TABLE kpi_daily ALTER COLUMN severity SET NOT NULL;
                ALTER TABLE kpi_daily ALTER COLUMN channel SET NOT NULL;
                UPDATE kpi_rollup_state SET changed_through = NULL;
                """);
        }
    }
}
