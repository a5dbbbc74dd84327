-- 004: a retraction plan's targets, written as they are planned and read back in pages, so that a plan
-- of 100,000 mailboxes is never held in the API's memory whole. The preview streams its answer from
-- these rows and the submit creates the job's targets and copies from them; both remove their plan
-- when done. A plan left behind by a process that stopped mid-way is removed by the next plan started.

CREATE TABLE retraction_plan_entries (
  plan_id uuid NOT NULL,
  -- The entry's place in the plan: retractable mailboxes first, nearest depth first, then by name.
  position integer NOT NULL,
  -- The mailbox's UPN in lower case, or the address that cannot be retracted.
  mailbox text NOT NULL,
  retractable boolean NOT NULL,
  -- The target as the preview answers it (planTargetSchema in api/src/retraction/plan/buildPlan.ts).
  entry jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (plan_id, position)
);

CREATE INDEX retraction_plan_entries_created_idx ON retraction_plan_entries (created_at);
