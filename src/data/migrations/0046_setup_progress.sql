-- Set-up progress: each start records the steps it finished (public data, demo accounts, demo seeds), so a start that
-- was stopped half way is recognised and finished by the next one instead of leaving a half-set-up demo.
CREATE TABLE setup_progress (
  step text PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);
