-- 005: what recipient discovery finds for a plan, written as it is found: a mailbox holding copies, or
-- a recipient that cannot be retracted, each with why it is part of the plan. Once discovery is done,
-- the findings about one mailbox (or one refused recipient) are given their place in the plan, and the
-- plan reads them back in pages to merge and plan each. Removed with the plan's entries (004).

CREATE TABLE retraction_plan_findings (
  plan_id uuid NOT NULL,
  -- The order discovery met them in.
  seq integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('target', 'refused')),
  -- Findings with the same kind and key are about the same mailbox or recipient and are merged.
  merge_key text NOT NULL,
  -- The depth of the message that brought it in, and the mailbox's UPN or the address (lower case).
  depth integer NOT NULL,
  name text NOT NULL,
  -- The directory object it is about, when known (a refused address may have none).
  object_id text,
  -- The finding (api/src/retraction/discovery/mergeFindings.ts).
  finding jsonb NOT NULL,
  -- The merged entry's place in the plan, set when discovery is done.
  position integer,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (plan_id, seq)
);

CREATE INDEX retraction_plan_findings_position_idx ON retraction_plan_findings (plan_id, position);
CREATE INDEX retraction_plan_findings_name_idx ON retraction_plan_findings (plan_id, name);
CREATE INDEX retraction_plan_findings_created_idx ON retraction_plan_findings (created_at);
