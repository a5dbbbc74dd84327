-- 002: retraction jobs, their targets (one per mailbox) and the copies in each target
-- (api/src/retraction/store/).
--
-- A job is written with its targets, its copies and its audit "requested" record in one transaction.
-- Workers of any number of API instances claim targets with FOR UPDATE SKIP LOCKED and hold them by a
-- lease (lease_owner, lease_until): a target whose lease ran out (its worker died) is claimed again, so
-- a restarted instance resumes what was running. Each copy records its own state, written in a committed
-- transaction before and after its Graph call, so a resumed target never acts twice on a copy it has
-- already moved or purged; a copy left 'acting' or 'restoring' is one whose outcome is unknown and must
-- be checked again. The allowed status changes live in api/src/retraction/store/jobStates.ts; the
-- CHECKs below only keep out values that do not exist.

CREATE TABLE retraction_jobs (
  id uuid PRIMARY KEY,
  tenant_id text NOT NULL,
  requester_object_id text NOT NULL,
  requester_upn text NOT NULL,
  -- The client's Idempotency-Key, unique per requester; request_hash is SHA-256 (hex) of the canonical
  -- JSON of the request, so a repeated key with another body is told apart.
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
  request_hash text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
  internet_message_id text NOT NULL,
  -- Where the admin opened the message.
  mailbox text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('soft', 'hard')),
  conversation_depth integer NOT NULL CHECK (conversation_depth BETWEEN 0 AND 3),
  sweep boolean NOT NULL,
  reason text NOT NULL,
  status text NOT NULL CHECK (status IN (
    'awaitingApproval', 'queued', 'running', 'completed', 'completedWithFailures', 'failed',
    'rejected', 'expired', 'undoing', 'undone', 'undoneWithFailures'
  )),
  target_count integer NOT NULL CHECK (target_count >= 1),
  approval_required boolean NOT NULL,
  approval_expires_at timestamptz,
  decision text CHECK (decision IN ('approved', 'rejected')),
  decided_by_object_id text,
  decided_by_upn text,
  decided_at timestamptz,
  decision_comment text,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  undo_requested_by_object_id text,
  undo_requested_by_upn text,
  undo_started_at timestamptz,
  undo_finished_at timestamptz,
  CHECK (approval_required = (approval_expires_at IS NOT NULL)),
  CHECK ((decision IS NULL) = (decided_at IS NULL)),
  UNIQUE (tenant_id, requester_object_id, idempotency_key)
);

-- History of a message, newest first; the sweep for approvals that ran out.
CREATE INDEX retraction_jobs_message_idx ON retraction_jobs (internet_message_id, created_at DESC);
CREATE INDEX retraction_jobs_awaiting_idx ON retraction_jobs (approval_expires_at)
  WHERE status = 'awaitingApproval';

CREATE TABLE retraction_targets (
  job_id uuid NOT NULL REFERENCES retraction_jobs (id),
  -- The mailbox's UPN, lower-case.
  mailbox text NOT NULL,
  object_id text NOT NULL,
  display_name text,
  -- Why the mailbox is included (discovery's Inclusion list) and what the preview predicted.
  why jsonb NOT NULL,
  predicted jsonb,
  status text NOT NULL CHECK (status IN (
    'pending', 'running', 'done', 'failed', 'skipped', 'restoring', 'restored', 'restoreFailed'
  )),
  -- The retraction's result, and the undo's, kept apart so undoing does not erase what was done.
  outcome text,
  request_ids jsonb NOT NULL DEFAULT '[]',
  undo_outcome text,
  undo_request_ids jsonb NOT NULL DEFAULT '[]',
  -- Claims in the current phase (retraction or undo).
  attempts integer NOT NULL DEFAULT 0,
  lease_owner text,
  lease_until timestamptz,
  -- When the target may be claimed; NULL while the job waits for approval.
  next_attempt_at timestamptz,
  last_error text,
  finished_at timestamptz,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (job_id, mailbox),
  CHECK ((lease_owner IS NULL) = (lease_until IS NULL))
);

-- Only targets that are not final: what workers scan for work (in the claim's order), and how the
-- last finisher of a job learns that nothing is left.
CREATE INDEX retraction_targets_claim_idx ON retraction_targets (next_attempt_at, job_id, mailbox)
  WHERE status IN ('pending', 'running', 'restoring');
CREATE INDEX retraction_targets_unfinished_idx ON retraction_targets (job_id)
  WHERE status IN ('pending', 'running', 'restoring');

CREATE TABLE retraction_copies (
  job_id uuid NOT NULL,
  mailbox text NOT NULL,
  -- The copy's Graph id when the job was submitted.
  copy_id text NOT NULL,
  -- The original message's id, or a forward's or reply's.
  internet_message_id text NOT NULL,
  -- Where the copy was, for undo.
  original_folder_id text NOT NULL,
  -- The id after a soft retraction moved it to Recoverable Items, and after undo moved it back.
  new_id text,
  restored_id text,
  state text NOT NULL CHECK (state IN (
    'pending', 'acting', 'done', 'gone', 'failed', 'restoring', 'restored', 'restoreFailed'
  )),
  request_ids jsonb NOT NULL DEFAULT '[]',
  last_error text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (job_id, mailbox, copy_id),
  FOREIGN KEY (job_id, mailbox) REFERENCES retraction_targets (job_id, mailbox)
);

-- A forward or reply retracted as part of a job finds that job in the message's history.
CREATE INDEX retraction_copies_message_idx ON retraction_copies (internet_message_id, job_id);
