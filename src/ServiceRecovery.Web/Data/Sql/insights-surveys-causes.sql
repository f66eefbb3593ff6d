-- ==== insights surveys and causes (issue 14, ADR 0018): hand-written SQL, carried over as is when the migrations are combined ====
-- Root cause as a dimension of the daily roll-up, and the survey / root-cause measures (KpiColumns).
ALTER TABLE kpi_daily ADD COLUMN root_cause_id uuid NULL;
ALTER TABLE kpi_daily ADD COLUMN csat_answered int NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN csat_sum int NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN csat_1 int NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN csat_2 int NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN csat_3 int NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN csat_4 int NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN csat_5 int NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN nps_answered int NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN nps_promoters int NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN nps_detractors int NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN nps_both int NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN nps_both_before_promoters int NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN nps_both_before_detractors int NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN nps_both_after_promoters int NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN nps_both_after_detractors int NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN closed_surveyed int NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN closed_with_cause int NOT NULL DEFAULT 0;
-- Forces a full rebuild of the roll-up on its next run (the new columns are 0 until then).
UPDATE kpi_rollup_state SET changed_through = NULL;
-- ==== end insights surveys and causes ====
