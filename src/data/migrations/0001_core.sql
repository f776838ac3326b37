-- Accounts, sessions, audit trail and dataset provenance.
CREATE TABLE app_user (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  email text,
  role text NOT NULL CHECK (role IN ('national', 'oversight', 'local', 'partner', 'readonly')),
  title text NOT NULL,
  is_admin boolean NOT NULL DEFAULT false,
  password_hash text NOT NULL,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE user_la_scope (
  user_id integer NOT NULL REFERENCES app_user(id),
  la_code text NOT NULL,
  PRIMARY KEY (user_id, la_code)
);

CREATE TABLE app_session (
  id text PRIMARY KEY,
  user_id integer REFERENCES app_user(id),
  csrf_token text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX app_session_expires ON app_session (expires_at);

CREATE TABLE login_attempt (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  ip text NOT NULL,
  succeeded boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempt_user_at ON login_attempt (username, at);
CREATE INDEX login_attempt_ip_at ON login_attempt (ip, at);

-- Append-only: the application never updates or deletes rows; each row carries the previous row's hash.
CREATE TABLE audit_event (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id integer,
  actor_name text NOT NULL,
  role text,
  action text NOT NULL,
  subject_type text,
  subject_id text,
  la_code text,
  before jsonb,
  after jsonb,
  request_id text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_event_la ON audit_event (la_code, at);

CREATE TABLE dataset (
  name text PRIMARY KEY,
  file text NOT NULL,
  sha256 text NOT NULL,
  rows integer NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);
