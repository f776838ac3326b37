-- The audit trail is append-only for the application: an UPDATE, DELETE or TRUNCATE of audit_event is refused, so a
-- bug or a stolen application connection cannot quietly rewrite it. (An owner who drops the trigger can still tamper;
-- the hash chain and the anchors kept outside the store, DATA_DIR/audit-anchors.jsonl, show that.)
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
