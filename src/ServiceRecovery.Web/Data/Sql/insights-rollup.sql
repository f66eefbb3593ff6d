-- ==== insights (issue 14, ADR 0018): hand-written SQL, carried over as is when the migrations are combined ====
-- When a case last changed (any INSERT or UPDATE of its row: every step writes the row), by the database clock: the
-- roll-up's watermark finds the days to recompute from it (KpiRollup.RefreshChangedAsync).
ALTER TABLE recovery_cases ADD COLUMN changed_at timestamptz NOT NULL DEFAULT clock_timestamp();
CREATE INDEX ix_recovery_cases_changed_at ON recovery_cases (changed_at);
CREATE FUNCTION recovery_cases_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.changed_at := clock_timestamp();
    RETURN NEW;
END $$;
CREATE TRIGGER recovery_cases_touch BEFORE UPDATE ON recovery_cases FOR EACH ROW EXECUTE FUNCTION recovery_cases_touch();

-- The daily roll-up: one row per org-local day x category x severity x channel x owner (KpiColumns lists the measures).
CREATE TABLE kpi_daily (
    day date NOT NULL,
    category varchar(100) NOT NULL,
    severity varchar(20) NOT NULL,
    channel varchar(20) NOT NULL,
    owner_id uuid NULL,
    owner_name varchar(200) NULL,
    opened int NOT NULL,
    opened_with_owner int NOT NULL,
    opened_repeat int NOT NULL,
    opened_web int NOT NULL,
    closed int NOT NULL,
    closed_recovered int NOT NULL,
    closed_unsatisfied int NOT NULL,
    closed_unreachable int NOT NULL,
    closed_withdrawn int NOT NULL,
    closed_resolved int NOT NULL,
    first_contact int NOT NULL,
    reopened int NOT NULL,
    fr_measured int NOT NULL,
    fr_met int NOT NULL,
    res_measured int NOT NULL,
    res_met int NOT NULL,
    compensation_recovered numeric(14,2) NOT NULL,
    fr_h00 int NOT NULL,
    fr_h01 int NOT NULL,
    fr_h02 int NOT NULL,
    fr_h03 int NOT NULL,
    fr_h04 int NOT NULL,
    fr_h05 int NOT NULL,
    fr_h06 int NOT NULL,
    fr_h07 int NOT NULL,
    fr_h08 int NOT NULL,
    fr_h09 int NOT NULL,
    fr_h10 int NOT NULL,
    fr_h11 int NOT NULL,
    fr_h12 int NOT NULL,
    fr_h13 int NOT NULL,
    fr_h14 int NOT NULL,
    fr_h15 int NOT NULL,
    fr_h16 int NOT NULL,
    fr_h17 int NOT NULL,
    fr_h18 int NOT NULL,
    fr_h19 int NOT NULL,
    fr_h20 int NOT NULL,
    fr_h21 int NOT NULL,
    fr_h22 int NOT NULL,
    fr_h23 int NOT NULL,
    fr_h24 int NOT NULL,
    res_h00 int NOT NULL,
    res_h01 int NOT NULL,
    res_h02 int NOT NULL,
    res_h03 int NOT NULL,
    res_h04 int NOT NULL,
    res_h05 int NOT NULL,
    res_h06 int NOT NULL,
    res_h07 int NOT NULL,
    res_h08 int NOT NULL,
    res_h09 int NOT NULL,
    res_h10 int NOT NULL,
    res_h11 int NOT NULL,
    res_h12 int NOT NULL,
    res_h13 int NOT NULL,
    res_h14 int NOT NULL,
    res_h15 int NOT NULL,
    res_h16 int NOT NULL,
    res_h17 int NOT NULL,
    res_h18 int NOT NULL,
    res_h19 int NOT NULL,
    res_h20 int NOT NULL,
    res_h21 int NOT NULL,
    res_h22 int NOT NULL,
    res_h23 int NOT NULL,
    res_h24 int NOT NULL
);
CREATE INDEX ix_kpi_daily_day ON kpi_daily (day);

-- Up to when changes of cases are in kpi_daily (one row), and the time zone its days are in.
CREATE TABLE kpi_rollup_state (
    id int PRIMARY KEY CHECK (id = 1),
    changed_through timestamptz NULL,
    time_zone varchar(64) NULL,
    refreshed_at timestamptz NULL
);
INSERT INTO kpi_rollup_state (id) VALUES (1);
-- ==== end insights ====
