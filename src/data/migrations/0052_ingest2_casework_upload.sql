-- Web uploads of casework returns (issue 14): the status page's record of each upload, so that it survives a
-- restart. An upload still queued or being read when the process stopped is marked failed on the next start (its
-- snapshot was never made current: the previous one stays). File names and counts only: no child-level data.
CREATE TABLE casework_upload (
  id text PRIMARY KEY,
  la_code text NOT NULL,
  created_by text NOT NULL,
  file_names jsonb NOT NULL,
  as_at date,
  state text NOT NULL,
  done integer NOT NULL DEFAULT 0,
  total integer NOT NULL DEFAULT 0,
  file text NOT NULL DEFAULT '',
  result jsonb,
  failure text,
  started_at timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE INDEX casework_upload_running ON casework_upload (state) WHERE state IN ('queued', 'reading');
