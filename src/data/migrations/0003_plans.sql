-- Improvement plans: imported Ofsted reports and their recommendations, the plan that answers them, and the oversight
-- loop (submissions, comments, challenges). Every editable row carries `version` (optimistic concurrency) and is archived,
-- never deleted (archived_at, archived_by, archive_reason). plan_history keeps every version (who, when, before/after).

-- Uploaded bytes (original Ofsted PDFs, evidence files). Type is sniffed from content before a row is written.
CREATE TABLE stored_file (
  id serial PRIMARY KEY,
  sha256 text NOT NULL,
  media_type text NOT NULL CHECK (media_type IN (
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'text/csv', 'image/png', 'image/jpeg')),
  size_bytes integer NOT NULL CHECK (size_bytes >= 0),
  file_name text NOT NULL,              -- as uploaded; shown to people, never trusted for the type
  bytes bytea NOT NULL,
  created_by integer REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stored_file_sha ON stored_file (sha256);

-- An Ofsted report or visit letter as confirmed by a person on the review page.
CREATE TABLE imported_report (
  id serial PRIMARY KEY,
  la_code text NOT NULL,
  framework text NOT NULL CHECK (framework IN ('SIF', 'ILACS', 'focused visit', 'monitoring visit', 'other')),
  inspection_start date,
  inspection_end date,
  published date,
  lscb_judgement text CHECK (lscb_judgement IN ('Outstanding', 'Good', 'Requires improvement', 'Inadequate')),
  inspection_id integer REFERENCES inspection(id),  -- the register's record of the same inspection (LA + dates)
  file_id integer REFERENCES stored_file(id),
  flags jsonb NOT NULL DEFAULT '[]'::jsonb,          -- what the extractor was unsure of, as shown on the review page
  extraction jsonb,                                  -- the extractor's output before corrections
  imported_by integer REFERENCES app_user(id),
  imported_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archived_by integer REFERENCES app_user(id),
  archive_reason text
);
CREATE INDEX imported_report_la ON imported_report (la_code);

CREATE TABLE report_judgement (
  report_id integer NOT NULL REFERENCES imported_report(id),
  ordinal integer NOT NULL,
  area text NOT NULL,
  grade text NOT NULL CHECK (grade IN ('Outstanding', 'Good', 'Requires improvement', 'Inadequate')),
  PRIMARY KEY (report_id, ordinal)
);

CREATE TABLE recommendation (
  id serial PRIMARY KEY,
  report_id integer NOT NULL REFERENCES imported_report(id),
  ordinal integer NOT NULL,             -- order in the report, 1-based; Sightline's number when the report has none
  paragraph text,                       -- the report's paragraph number, when it numbers them
  category text NOT NULL,               -- exactly as the report groups them
  addressee text NOT NULL CHECK (addressee IN ('local authority', 'safeguarding board')),
  text text NOT NULL,
  UNIQUE (report_id, ordinal)
);

CREATE TABLE plan (
  id serial PRIMARY KEY,
  la_code text NOT NULL,
  title text NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
  created_by integer REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archived_by integer REFERENCES app_user(id),
  archive_reason text
);
CREATE INDEX plan_la ON plan (la_code);

-- The inspections a plan answers.
CREATE TABLE plan_report (
  plan_id integer NOT NULL REFERENCES plan(id),
  report_id integer NOT NULL REFERENCES imported_report(id),
  PRIMARY KEY (plan_id, report_id)
);

CREATE TABLE plan_item (
  id serial PRIMARY KEY,
  plan_id integer NOT NULL REFERENCES plan(id),
  recommendation_id integer NOT NULL REFERENCES recommendation(id),
  theme text,
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archived_by integer REFERENCES app_user(id),
  archive_reason text,
  UNIQUE (plan_id, recommendation_id)
);

-- Written analyses of the issues underlying a recommendation. An item is explained only when one is agreed.
CREATE TABLE issue_analysis (
  id serial PRIMARY KEY,
  item_id integer NOT NULL REFERENCES plan_item(id),
  text text NOT NULL,
  author_id integer NOT NULL REFERENCES app_user(id),
  written_on date NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'agreed')),
  agreed_by integer REFERENCES app_user(id),
  agreed_on date,
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archived_by integer REFERENCES app_user(id),
  archive_reason text
);
CREATE INDEX issue_analysis_item ON issue_analysis (item_id);

CREATE TABLE objective (
  id serial PRIMARY KEY,
  item_id integer NOT NULL REFERENCES plan_item(id),
  text text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archived_by integer REFERENCES app_user(id),
  archive_reason text
);
CREATE INDEX objective_item ON objective (item_id);

CREATE TABLE plan_action (
  id serial PRIMARY KEY,
  item_id integer NOT NULL REFERENCES plan_item(id),
  objective_id integer REFERENCES objective(id),
  title text NOT NULL,
  owner_id integer REFERENCES app_user(id),
  lead_officer text,
  start_date date,
  due_date date,
  status text NOT NULL DEFAULT 'not started'
    CHECK (status IN ('not started', 'on track', 'at risk', 'off track', 'complete', 'blocked')),
  completed_on date,
  progress text,
  rag_override text CHECK (rag_override IN ('red', 'amber', 'green', 'blue')),
  rag_override_reason text,
  rag_override_by integer REFERENCES app_user(id),
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archived_by integer REFERENCES app_user(id),
  archive_reason text,
  CHECK (rag_override IS NULL OR length(trim(coalesce(rag_override_reason, ''))) > 0),
  CHECK (due_date IS NULL OR start_date IS NULL OR due_date >= start_date)
);
CREATE INDEX plan_action_item ON plan_action (item_id);
CREATE INDEX plan_action_owner ON plan_action (owner_id);

CREATE TABLE milestone (
  id serial PRIMARY KEY,
  action_id integer NOT NULL REFERENCES plan_action(id),
  title text NOT NULL,
  due_date date NOT NULL,
  completed_on date,
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archived_by integer REFERENCES app_user(id),
  archive_reason text
);
CREATE INDEX milestone_action ON milestone (action_id);

CREATE TABLE evidence (
  id serial PRIMARY KEY,
  item_id integer NOT NULL REFERENCES plan_item(id),
  action_id integer REFERENCES plan_action(id),
  kind text NOT NULL CHECK (kind IN ('note', 'link', 'file')),
  title text NOT NULL,
  evidence_date date NOT NULL,
  note text,
  url text,
  file_id integer REFERENCES stored_file(id),
  added_by integer REFERENCES app_user(id),
  added_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archived_by integer REFERENCES app_user(id),
  archive_reason text,
  CHECK (kind <> 'link' OR url IS NOT NULL),
  CHECK (kind <> 'file' OR file_id IS NOT NULL)
);
CREATE INDEX evidence_item ON evidence (item_id);

CREATE TABLE kpi (
  id serial PRIMARY KEY,
  plan_id integer NOT NULL REFERENCES plan(id),
  name text NOT NULL,
  definition text NOT NULL,
  polarity text NOT NULL CHECK (polarity IN ('higher', 'lower', 'context')),
  unit text NOT NULL DEFAULT '%',
  baseline_value double precision,
  baseline_date date,
  target_value double precision,
  target_date date,
  amber_tolerance double precision,     -- in the KPI's unit; NULL uses the plan-wide default [L]
  casework_indicator text,              -- the casework indicator id its values will come from, when that lands
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archived_by integer REFERENCES app_user(id),
  archive_reason text
);
CREATE INDEX kpi_plan ON kpi (plan_id);

-- A KPI measures the impact of the work on one or more items.
CREATE TABLE kpi_item (
  kpi_id integer NOT NULL REFERENCES kpi(id),
  item_id integer NOT NULL REFERENCES plan_item(id),
  PRIMARY KEY (kpi_id, item_id)
);

-- The expected value month by month (month = first day of the month).
CREATE TABLE kpi_trajectory (
  kpi_id integer NOT NULL REFERENCES kpi(id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  value double precision NOT NULL,
  PRIMARY KEY (kpi_id, month)
);

CREATE TABLE kpi_value (
  id serial PRIMARY KEY,
  kpi_id integer NOT NULL REFERENCES kpi(id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  value double precision NOT NULL,
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'casework')),
  note text,
  entered_by integer REFERENCES app_user(id),
  entered_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archived_by integer REFERENCES app_user(id),
  archive_reason text
);
CREATE UNIQUE INDEX kpi_value_live ON kpi_value (kpi_id, month, source) WHERE archived_at IS NULL;

-- A promise with a due date, on the plan or on one item; completeness is computed from `measure`.
CREATE TABLE commitment (
  id serial PRIMARY KEY,
  plan_id integer NOT NULL REFERENCES plan(id),
  item_id integer REFERENCES plan_item(id),
  title text NOT NULL,
  measure text NOT NULL CHECK (measure IN ('explained', 'owned-action', 'milestones', 'kpi', 'actions-complete', 'manual')),
  due_date date NOT NULL,
  met_on date,                          -- for 'manual' commitments: when it was met
  created_by integer REFERENCES app_user(id),
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archived_by integer REFERENCES app_user(id),
  archive_reason text
);
CREATE INDEX commitment_plan ON commitment (plan_id);

CREATE TABLE submission (
  id serial PRIMARY KEY,
  plan_id integer NOT NULL REFERENCES plan(id),
  kind text NOT NULL CHECK (kind IN ('plan', 'update')),
  summary text NOT NULL,
  submitted_by integer NOT NULL REFERENCES app_user(id),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'accepted', 'returned')),
  decided_by integer REFERENCES app_user(id),
  decided_at timestamptz,
  decision_reason text,
  snapshot jsonb,                       -- the plan as submitted: items, RAG, completeness
  version integer NOT NULL DEFAULT 1,
  CHECK (status = 'submitted' OR (decided_by IS NOT NULL AND length(trim(coalesce(decision_reason, ''))) > 0))
);
CREATE INDEX submission_plan ON submission (plan_id);

-- Comments and challenges on the plan, an item or a submission. A challenge must be answered; answers are rows too.
CREATE TABLE plan_comment (
  id serial PRIMARY KEY,
  plan_id integer NOT NULL REFERENCES plan(id),
  item_id integer REFERENCES plan_item(id),
  submission_id integer REFERENCES submission(id),
  parent_id integer REFERENCES plan_comment(id),
  kind text NOT NULL CHECK (kind IN ('comment', 'challenge', 'answer')),
  text text NOT NULL,
  author_id integer NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  status text CHECK (status IN ('open', 'answered', 'closed')),  -- challenges only
  closed_by integer REFERENCES app_user(id),
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archived_by integer REFERENCES app_user(id),
  archive_reason text,
  CHECK ((kind = 'challenge') = (status IS NOT NULL)),
  CHECK ((kind = 'answer') = (parent_id IS NOT NULL))
);
CREATE INDEX plan_comment_plan ON plan_comment (plan_id);

-- Every version of every plan record: who, when, before and after. The plan's timeline and the readable diffs come from here.
CREATE TABLE plan_history (
  id bigserial PRIMARY KEY,
  plan_id integer,                      -- NULL for imported reports not yet in a plan
  la_code text NOT NULL,
  subject_type text NOT NULL,
  subject_id integer NOT NULL,
  version integer NOT NULL,
  action text NOT NULL,                 -- create | update | archive | submit | accept | return | challenge | answer | ...
  actor_id integer REFERENCES app_user(id),
  actor_name text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  before jsonb,
  after jsonb
);
CREATE INDEX plan_history_subject ON plan_history (subject_type, subject_id, version);
CREATE INDEX plan_history_plan ON plan_history (plan_id, at);
