// What discovery found for a plan, in the database while the plan is built: findings are written as
// they are found, given their places in the plan once discovery is done (the findings about one
// mailbox or one refused recipient share a place), and read back in pages of places to be merged and
// planned. A discovery of 100,000 mailboxes thus costs rows, not the API's memory.
import type { Queryable } from "../../db/database.js";
import { mergeKeyOf, type Finding } from "../discovery/mergeFindings.js";

/**
 * Stores findings under `planId`, numbered from `firstSeq` in the order given.
 * @example await stageFindings(db, planId, findings, 0, new Date());
 */
export async function stageFindings(
  db: Queryable,
  planId: string,
  findings: readonly Finding[],
  firstSeq: number,
  now: Date
): Promise<void> {
  if (findings.length === 0) return;
  const rows = findings.map((finding, i) => ({
    seq: firstSeq + i,
    kind: finding.kind,
    merge_key: mergeKeyOf(finding),
    depth: finding.why.depth,
    name: (finding.kind === "target" ? finding.mailbox.upn : finding.address).toLowerCase(),
    object_id: finding.kind === "target" ? finding.mailbox.objectId : finding.objectId,
    finding,
  }));
  await db.query(
    `INSERT INTO retraction_plan_findings
       (plan_id, seq, kind, merge_key, depth, name, object_id, finding, created_at)
     SELECT $1, r.seq, r.kind, r.merge_key, r.depth, r.name, r.object_id, r.finding, $3
     FROM jsonb_to_recordset($2::jsonb) AS r(seq integer, kind text, merge_key text, depth integer,
       name text, object_id text, finding jsonb)`,
    [planId, JSON.stringify(rows), now.toISOString()]
  );
}

/**
 * Gives every merged target and refusal its place (position 0 up), in the plan's order: mailboxes
 * before refused recipients, then by the nearest depth that reached them, then by UPN or address. A
 * copy not found in a mailbox that holds copies of another of the plan's messages is no refusal and
 * gets no place (as in mergeFindings). Returns how many places there are.
 *
 * One pass of window functions over the plan's rows, written back by primary key: a table just filled
 * has no statistics yet, and a join the planner chose without them could compare every row with every
 * other.
 * @example await placeFindings(db, planId) // → 14
 */
export async function placeFindings(db: Queryable, planId: string): Promise<number> {
  const [row] = await db.query<{ places: number }>(
    `WITH found AS (
       SELECT seq, kind, merge_key, depth, name, finding->>'reason' AS reason, object_id,
         bool_or(kind = 'target') OVER (PARTITION BY object_id) AS object_holds_copies
       FROM retraction_plan_findings WHERE plan_id = $1
     ), kept AS (
       SELECT * FROM found
       WHERE NOT (kind = 'refused' AND reason = 'copyNotFound' AND object_id IS NOT NULL
         AND object_holds_copies)
     ), merged AS (
       SELECT seq, kind, merge_key,
         min(depth) OVER (PARTITION BY kind, merge_key) AS depth,
         first_value(name) OVER (PARTITION BY kind, merge_key ORDER BY seq) AS name
       FROM kept
     ), placed AS (
       SELECT seq, (dense_rank() OVER (
         ORDER BY kind = 'refused', depth, name COLLATE "C", merge_key COLLATE "C") - 1)::int AS position
       FROM merged
     ), updated AS (
       UPDATE retraction_plan_findings f SET position = p.position FROM placed p
       WHERE f.plan_id = $1 AND f.seq = p.seq
     )
     SELECT coalesce(max(position) + 1, 0)::int AS places FROM placed`,
    [planId]
  );
  return row!.places;
}

/**
 * The findings of each place after `after` (-1 for the first page), up to `limit` places, in order,
 * each place's findings in the order discovery met them.
 * @example const page = await readPlacedFindings(db, planId, -1, 500); // → [{ position: 0, findings: [...] }, ...]
 */
export async function readPlacedFindings(
  db: Queryable,
  planId: string,
  after: number,
  limit: number
): Promise<{ position: number; findings: Finding[] }[]> {
  return db.query<{ position: number; findings: Finding[] }>(
    `SELECT position, jsonb_agg(finding ORDER BY seq) AS findings FROM retraction_plan_findings
     WHERE plan_id = $1 AND position > $2 AND position <= $2 + $3
     GROUP BY position ORDER BY position`,
    [planId, after, limit]
  );
}

/**
 * Of `mailboxes` (lower case), those discovery found no copies in, in name order, each with the first
 * reason it found it cannot be retracted (null: not among the recipients at all). EXCEPT compares the
 * two sets by hashing or sorting, whatever the planner knows: a table just filled has no statistics,
 * and a plan chosen without them can compare 100,000 names with 100,000 one pair at a time.
 * @example await notFoundAmong(db, planId, ["pradeep.gupta@contoso.com"])
 *          // → [{ mailbox: "pradeep.gupta@contoso.com", text: "...outside the mailboxes the app may open..." }]
 */
export async function notFoundAmong(
  db: Queryable,
  planId: string,
  mailboxes: readonly string[]
): Promise<{ mailbox: string; text: string | null }[]> {
  const missing = await db.query<{ mailbox: string }>(
    `SELECT mailbox FROM (
       SELECT unnest($2::text[]) AS mailbox
       EXCEPT
       SELECT name FROM retraction_plan_findings WHERE plan_id = $1 AND kind = 'target') AS m
     ORDER BY mailbox COLLATE "C"`,
    [planId, mailboxes]
  );
  if (missing.length === 0) return [];
  const names = missing.map((m) => m.mailbox);
  const refusals = await db.query<{ name: string; text: string }>(
    `SELECT DISTINCT ON (name) name, finding->>'text' AS text FROM retraction_plan_findings
     WHERE plan_id = $1 AND kind = 'refused' AND name = ANY($2::text[])
     ORDER BY name, seq`,
    [planId, names]
  );
  const texts = new Map(refusals.map((r) => [r.name, r.text]));
  return names.map((mailbox) => ({ mailbox, text: texts.get(mailbox) ?? null }));
}
