-- A counter of changes to what the pages show (issue 16): every INSERT, UPDATE, DELETE or TRUNCATE of a table below
-- adds one to data_change.n in the same transaction, so a reader that sees the new count also sees the change, in this
-- process or any other sharing the database. Pages made from these tables are kept per count and made again when it
-- moves (src/server/pageCache.ts); the session's lookup reads it in the same query, so keeping them costs no query.
-- Left out: what every request or sign-in writes and no cached page shows (sessions, sign-in attempts, API tokens, the
-- audit trail and its checkpoints, the first start's progress and the migrations' own record).
CREATE TABLE data_change (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  n bigint NOT NULL
);
INSERT INTO data_change (one, n) VALUES (true, 0);

CREATE FUNCTION data_change_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_change SET n = n + 1;
  RETURN NULL;
END
$$;

DO $$
DECLARE t text;
BEGIN
  FOR t IN
    SELECT tablename FROM pg_tables
     WHERE schemaname = current_schema()
       AND tablename NOT IN ('data_change', 'app_session', 'login_attempt', 'api_token', 'audit_event',
                             'audit_checkpoint', 'setup_progress', 'schema_migration')
  LOOP
    EXECUTE format('CREATE TRIGGER data_change_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION data_change_bump()', t);
  END LOOP;
END
$$;
