-- Audit checkpoints: each verification of the hash chain records how far it got (the last event's id, its hash, the
-- number of events up to it) and when, so the audit page only re-hashes the events written since the last good one.
-- A full verification ('full': every event from the first, and every anchor in DATA_DIR/audit-anchors.jsonl) is still
-- what `sightline audit verify` and the page's "verify the whole trail" run; a failed one is kept too, with where the
-- chain broke. Append-only like audit_event.
CREATE TABLE audit_checkpoint (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('full', 'incremental')),
  last_id bigint NOT NULL,
  head text NOT NULL,
  event_count bigint NOT NULL,
  checked bigint NOT NULL,
  anchors integer NOT NULL DEFAULT 0,
  break_id bigint,
  break_reason text,
  verified_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_checkpoint_kind ON audit_checkpoint (kind, id);
CREATE FUNCTION audit_checkpoint_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_checkpoint is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_checkpoint_no_change BEFORE UPDATE OR DELETE ON audit_checkpoint
  FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_append_only();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
  FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoint_append_only();

-- Keyset pagination: the audit page filtered by LA, newest first; a plan's timeline by (at, id).
CREATE INDEX audit_event_la_id ON audit_event (la_code, id);
CREATE INDEX plan_history_plan_at_id ON plan_history (plan_id, at, id);
