-- Sessions end after 30 minutes without a request (as well as 8 hours after sign-in): the store keeps when each was
-- last used. Visitors who have not signed in get a session only for a CSRF token; it lasts an hour and is purged.
ALTER TABLE app_session ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX app_session_expires_at ON app_session (expires_at);
