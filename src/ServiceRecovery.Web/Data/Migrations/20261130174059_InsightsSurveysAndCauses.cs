using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class InsightsSurveysAndCauses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ==== insights surveys and causes: hand-written SQL (Data/Sql/insights-surveys-causes.sql), carry over when the migrations are combined ====
            using (var sql = typeof(InsightsSurveysAndCauses).Assembly.GetManifestResourceStream("ServiceRecovery.Web.Data.Sql.insights-surveys-causes.sql")!)
            using (var reader = new System.IO.StreamReader(sql))
            {
                migrationBuilder.Sql(reader.ReadToEnd());
            }
            // ==== end insights surveys and causes ====
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // ==== insights surveys and causes: undo the hand-written SQL ====
            migrationBuilder.Sql("""
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS root_cause_id;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS csat_answered;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS csat_sum;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS csat_1;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS csat_2;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS csat_3;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS csat_4;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS csat_5;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS nps_answered;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS nps_promoters;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS nps_detractors;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS nps_both;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS nps_both_before_promoters;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS nps_both_before_detractors;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS nps_both_after_promoters;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS nps_both_after_detractors;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS closed_surveyed;
                ALTER TABLE kpi_daily DROP COLUMN IF EXISTS closed_with_cause;
                UPDATE kpi_rollup_state SET changed_through = NULL;
                """);
            // ==== end insights surveys and causes ====
        }
    }
}
