-- 001: the append-only, hash-chained audit log (api/src/audit/).
--
-- Each record stores the hash of the record before it (prev_hash) and its own hash: SHA-256 over the
-- canonical JSON of its seq, time, actor, action, subject, details and prev_hash, computed by the API
-- (api/src/audit/auditRecord.ts) and recomputed by `npm run audit:verify`. The database cannot check that
-- hash itself, but it enforces the rest: records are never changed or removed, and a new record must
-- extend the chain at its head, so the chain cannot fork even with many API instances writing.

CREATE TABLE audit_log (
  seq bigint PRIMARY KEY CHECK (seq >= 1),
  at timestamptz NOT NULL,
  actor_tenant_id text NOT NULL,
  actor_object_id text NOT NULL,
  actor_upn text NOT NULL,
  action text NOT NULL,
  -- What the action was about, e.g. {"mailbox": "...", "internetMessageId": "<...>"}.
  subject jsonb NOT NULL,
  details jsonb NOT NULL,
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);

-- The audit view filters by message and by actor, newest first.
CREATE INDEX audit_log_message_idx ON audit_log ((subject ->> 'internetMessageId'), seq);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_object_id, seq);

-- The chain's head: the last record's seq and hash (0 and 64 zeros while the log is empty). Appending
-- locks this one row (SELECT ... FOR UPDATE), which serializes writers across connections and API
-- instances; the trigger below moves it forward after each insert. Verification also compares the log's
-- end with it, so removing records from the end is noticed even without an outside checkpoint.
CREATE TABLE audit_head (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (seq, hash) VALUES (0, repeat('0', 64));

-- Why triggers, and not only privileges: REVOKE takes away what was granted, but a table's owner holds
-- every privilege on it implicitly, and the API usually connects as the role that ran these migrations,
-- i.e. the owner (always so with PGlite, which has one superuser). The triggers refuse UPDATE, DELETE
-- and TRUNCATE whoever asks. They are not absolute: an owner or superuser can disable triggers, or drop
-- the table, and rewrite the whole chain consistently. Hence, in production: run the migrations as a
-- separate owner role and give the API's role only SELECT and INSERT on audit_log and SELECT and UPDATE
-- on audit_head; and record the chain's head outside the database now and then, so that
-- `audit:verify --checkpoint` can tell a rewritten or shortened log from the real one.

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- A new record must be the one after the head and link to it.
CREATE FUNCTION audit_log_extend_head() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head audit_head%ROWTYPE;
BEGIN
  SELECT * INTO head FROM audit_head FOR UPDATE;
  IF NEW.seq <> head.seq + 1 OR NEW.prev_hash <> head.hash THEN
    RAISE EXCEPTION 'the audit log is append-only: record % does not follow the head, record %', NEW.seq, head.seq
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE FUNCTION audit_log_advance_head() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash;
  RETURN NULL;
END;
$$;

CREATE TRIGGER audit_log_check_link
  BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_extend_head();

CREATE TRIGGER audit_log_move_head
  AFTER INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_advance_head();

-- The head only ever moves one record forward, onto a record that exists.
CREATE FUNCTION audit_head_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE'
    OR NEW.only_row IS DISTINCT FROM OLD.only_row
    OR NEW.seq <> OLD.seq + 1
    OR NEW.hash IS DISTINCT FROM (SELECT hash FROM audit_log WHERE seq = NEW.seq) THEN
    RAISE EXCEPTION 'the audit log is append-only: % on audit_head is not allowed', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER audit_head_forward_only
  BEFORE UPDATE OR DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_head_guard();

CREATE TRIGGER audit_head_no_truncate
  BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_head_guard();

REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
REVOKE DELETE, TRUNCATE ON audit_head FROM PUBLIC;
