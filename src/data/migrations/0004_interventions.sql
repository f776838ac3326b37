-- Intervention oversight: people and roles, interventions register, correspondence and commitments, studies, meetings, decisions.
CREATE TABLE person (
  id serial PRIMARY KEY,
  name text NOT NULL,
  organisation text,
  email text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE role_assignment (
  id serial PRIMARY KEY,
  person_id integer NOT NULL REFERENCES person(id),
  la_code text,                                  -- NULL for national roles
  role text NOT NULL,
  start_date date NOT NULL,
  end_date date,
  CHECK (end_date IS NULL OR end_date >= start_date)
);

CREATE TABLE intervention_event (
  id serial PRIMARY KEY,
  la_code text NOT NULL,
  kind text NOT NULL,
  event_date date NOT NULL,
  title text NOT NULL,
  details text,
  related_event_id integer REFERENCES intervention_event(id),
  document_name text,
  document_sha256 text,
  document bytea,
  created_by integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archived_by integer,
  archive_reason text
);
CREATE INDEX intervention_event_la ON intervention_event (la_code, event_date);

CREATE TABLE letter (
  id serial PRIMARY KEY,
  la_code text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  sent_on date NOT NULL,
  from_person_id integer NOT NULL REFERENCES person(id),
  subject text NOT NULL,
  summary text,
  document_name text,
  document_sha256 text,
  document bytea,
  created_by integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archived_by integer,
  archive_reason text
);

CREATE TABLE letter_recipient (
  letter_id integer NOT NULL REFERENCES letter(id),
  person_id integer NOT NULL REFERENCES person(id),
  kind text NOT NULL CHECK (kind IN ('to', 'cc')),
  PRIMARY KEY (letter_id, person_id)
);

CREATE TABLE study (
  id serial PRIMARY KEY,
  la_code text,                                  -- NULL for national studies
  title text NOT NULL,
  terms_of_reference text NOT NULL,
  commissioned_by integer NOT NULL REFERENCES person(id),
  team text,
  commissioned_on date NOT NULL,
  report_due date NOT NULL,
  status text NOT NULL DEFAULT 'commissioned' CHECK (status IN ('commissioned', 'in progress', 'reported', 'cancelled')),
  outputs text,
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  CHECK (report_due >= commissioned_on)
);

CREATE TABLE intervention_commitment (
  id serial PRIMARY KEY,
  la_code text NOT NULL,
  source_type text NOT NULL CHECK (source_type IN ('letter', 'event', 'study', 'meeting')),
  source_id integer NOT NULL,
  what text NOT NULL,
  owner_person_id integer NOT NULL REFERENCES person(id),
  due_date date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  done_on date,
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archived_by integer,
  archive_reason text
);
CREATE INDEX intervention_commitment_due ON intervention_commitment (status, due_date);

CREATE TABLE meeting (
  id serial PRIMARY KEY,
  la_code text NOT NULL,
  kind text NOT NULL,
  held_on date NOT NULL,
  attendees text NOT NULL,
  minutes text,
  decisions text,
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz
);

-- A person's decision, kept apart from the system's recommendation (which is snapshotted beside it).
CREATE TABLE intervention_decision (
  id serial PRIMARY KEY,
  la_code text NOT NULL,
  decided_on date NOT NULL,
  rung text NOT NULL,
  reasons text NOT NULL,
  recommendation jsonb NOT NULL,
  decided_by integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE threshold_version (
  version text PRIMARY KEY,
  effective_from date NOT NULL,
  settings jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
