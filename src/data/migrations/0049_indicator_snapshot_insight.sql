-- Casework indicator values of each LA casework snapshot (issue 15): the series an improvement-plan KPI linked to an
-- indicator (kpi.casework_indicator) fills itself from. Counts only: no child-level data leaves the casework store.
CREATE TABLE indicator_snapshot (
  la_code text NOT NULL,
  snapshot_id integer NOT NULL,
  as_at date NOT NULL,
  indicator_id text NOT NULL,
  value double precision,
  numerator integer,
  denominator integer,
  note text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (la_code, snapshot_id, indicator_id)
);
CREATE INDEX indicator_snapshot_series ON indicator_snapshot (la_code, indicator_id, as_at);
