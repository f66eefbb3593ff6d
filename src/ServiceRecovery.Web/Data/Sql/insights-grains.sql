-- ==== insights grains (issue 14, ADR 0018): hand-written SQL, carried over as is when the migrations are combined ====
-- Coarser grains of the daily roll-up (Features/Insights/KpiGrains): each day is kept per every dimension (dims = 31,
-- the fine rows) and also summed over coarser sets of dimensions; dims is the bit set of the dimensions a row keeps
-- (16 category, 8 severity, 4 channel, 2 owner, 1 root cause), the others are NULL.
ALTER TABLE kpi_daily ADD COLUMN dims smallint NOT NULL DEFAULT 31;
ALTER TABLE kpi_daily ALTER COLUMN dims DROP DEFAULT;
ALTER TABLE kpi_daily ALTER COLUMN category DROP NOT NULL;
ALTER TABLE kpi_daily ALTER COLUMN severity DROP NOT NULL;
ALTER TABLE kpi_daily ALTER COLUMN channel DROP NOT NULL;
CREATE INDEX ix_kpi_daily_dims_day ON kpi_daily (dims, day);
-- The fine rows are read when a view filters on two or more of category, severity and channel, or on one of them and
-- an owner or a root cause: an index per filter lets the planner fetch only the matching rows of the period.
CREATE INDEX ix_kpi_daily_fine_owner ON kpi_daily (owner_id, day) WHERE dims = 31;
CREATE INDEX ix_kpi_daily_fine_cause ON kpi_daily (root_cause_id, day) WHERE dims = 31;
CREATE INDEX ix_kpi_daily_fine_category ON kpi_daily (category, day) WHERE dims = 31;
CREATE INDEX ix_kpi_daily_fine_severity ON kpi_daily (severity, day) WHERE dims = 31;
CREATE INDEX ix_kpi_daily_fine_channel ON kpi_daily (channel, day) WHERE dims = 31;
-- Retention after recovery (KpiColumns): recovered cases closed that day, and those whose customer came back within 90 days.
ALTER TABLE kpi_daily ADD COLUMN retention_base int NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN retained int NOT NULL DEFAULT 0;
-- Recoveries the customers thanked (KpiColumns.Thanked), per owner on the dashboard.
ALTER TABLE kpi_daily ADD COLUMN closed_thanked int NOT NULL DEFAULT 0;
-- Forces a full rebuild of the roll-up on its next run (the coarse grains are missing until then).
UPDATE kpi_rollup_state SET changed_through = NULL;
-- ==== end insights grains ====
