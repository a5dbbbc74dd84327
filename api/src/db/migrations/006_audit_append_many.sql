-- 006: many audit records appended by one statement, under the same rules as before.
--
-- 001 checked each new record against the chain's head in a BEFORE row trigger and moved the head in an
-- AFTER row trigger. AFTER row triggers run only at the end of their statement, so the second row of a
-- multi-row INSERT would have been checked against a head not yet moved: every record needed an INSERT
-- of its own. That cost a round trip per record with the head locked throughout; when the workers
-- finished a group of 50 targets, those 50 INSERTs were more than half of the transaction, and all
-- finishing waits for the head.
--
-- Now one trigger runs after each INSERT statement, on the rows it added: in seq order, each must follow
-- the head (its seq one more, its prev_hash the head's hash), and the head, locked meanwhile, moves onto
-- the last of them. The head's guard lets it move forward by more than one record, still only onto a
-- record that exists; nothing else changes (001 explains the triggers that refuse every other change).

DROP TRIGGER audit_log_check_link ON audit_log;
DROP TRIGGER audit_log_move_head ON audit_log;
DROP FUNCTION audit_log_extend_head();
DROP FUNCTION audit_log_advance_head();

CREATE FUNCTION audit_log_extend_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head audit_head%ROWTYPE;
  added record;
  moved boolean := false;
BEGIN
  SELECT * INTO head FROM audit_head FOR UPDATE;
  FOR added IN SELECT seq, prev_hash, hash FROM appended ORDER BY seq LOOP
    IF added.seq <> head.seq + 1 OR added.prev_hash <> head.hash THEN
      RAISE EXCEPTION 'the audit log is append-only: record % does not follow the head, record %', added.seq, head.seq
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    head.seq := added.seq;
    head.hash := added.hash;
    moved := true;
  END LOOP;
  IF moved THEN
    UPDATE audit_head SET seq = head.seq, hash = head.hash;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER audit_log_extend_chain
  AFTER INSERT ON audit_log
  REFERENCING NEW TABLE AS appended
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_extend_chain();

-- The head only ever moves forward, onto a record that exists.
CREATE OR REPLACE FUNCTION audit_head_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE'
    OR NEW.only_row IS DISTINCT FROM OLD.only_row
    OR NEW.seq <= OLD.seq
    OR NEW.hash IS DISTINCT FROM (SELECT hash FROM audit_log WHERE seq = NEW.seq) THEN
    RAISE EXCEPTION 'the audit log is append-only: % on audit_head is not allowed', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
