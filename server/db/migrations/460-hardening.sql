-- Hardening (issue 13).
-- Sessions end after SESSION_IDLE_MINUTES without a request: the last request's time is kept.
ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz;

-- The audit log says where a request came from and what was asked (filters, search terms).
ALTER TABLE audit_log ADD COLUMN source text;
ALTER TABLE audit_log ADD COLUMN details jsonb;

-- The audit log is append-only: the app's database role may not change or remove a row. The
-- privileges are revoked (they bind every role but a superuser or a table owner that grants
-- them back) and a trigger refuses UPDATE, DELETE and TRUNCATE whoever asks.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = '42501';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM CURRENT_USER;
