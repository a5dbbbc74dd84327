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
    finding,
  }));
  await db.query(
    `INSERT INTO retraction_plan_findings (plan_id, seq, kind, merge_key, depth, name, finding, created_at)
     SELECT $1, r.seq, r.kind, r.merge_key, r.depth, r.name, r.finding, $3
     FROM jsonb_to_recordset($2::jsonb)
       AS r(seq integer, kind text, merge_key text, depth integer, name text, finding jsonb)`,
    [planId, JSON.stringify(rows), now.toISOString()]
  );
}

/**
 * Gives every merged target and refusal its place (position 0 up), in the plan's order: mailboxes
 * before refused recipients, then by the nearest depth that reached them, then by UPN or address. A
 * copy not found in a mailbox that holds copies of another of the plan's messages is no refusal and
 * gets no place (as in mergeFindings). Returns how many places there are.
 * @example await placeFindings(db, planId) // → 14
 */
export async function placeFindings(db: Queryable, planId: string): Promise<number> {
  const [row] = await db.query<{ places: number }>(
    `WITH kept AS (
       SELECT f.kind, f.merge_key, f.depth, f.name, f.seq FROM retraction_plan_findings f
       WHERE f.plan_id = $1 AND NOT (
         f.kind = 'refused' AND f.finding->>'reason' = 'copyNotFound' AND EXISTS (
           SELECT 1 FROM retraction_plan_findings t
           WHERE t.plan_id = $1 AND t.kind = 'target' AND t.merge_key = f.finding->>'objectId'))
     ), merged AS (
       SELECT kind, merge_key, min(depth) AS depth, (array_agg(name ORDER BY seq))[1] AS name
       FROM kept GROUP BY kind, merge_key
     ), placed AS (
       SELECT kind, merge_key, (row_number() OVER (
         ORDER BY kind = 'refused', depth, name COLLATE "C", merge_key COLLATE "C") - 1)::int AS position
       FROM merged
     ), updated AS (
       UPDATE retraction_plan_findings f SET position = p.position FROM placed p
       WHERE f.plan_id = $1 AND f.kind = p.kind AND f.merge_key = p.merge_key
     )
     SELECT count(*)::int AS places FROM placed`,
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
 * Of `mailboxes`, those discovery found no copies in, each with the first reason it found it cannot
 * be retracted (null: not among the recipients at all).
 * @example await notFoundAmong(db, planId, ["pradeep.gupta@contoso.com"])
 *          // → [{ mailbox: "pradeep.gupta@contoso.com", text: "...outside the mailboxes the app may open..." }]
 */
export async function notFoundAmong(
  db: Queryable,
  planId: string,
  mailboxes: readonly string[]
): Promise<{ mailbox: string; text: string | null }[]> {
  return db.query<{ mailbox: string; text: string | null }>(
    `SELECT w.mailbox, (
       SELECT r.finding->>'text' FROM retraction_plan_findings r
       WHERE r.plan_id = $1 AND r.kind = 'refused' AND r.name = w.mailbox ORDER BY r.seq LIMIT 1) AS text
     FROM unnest($2::text[]) WITH ORDINALITY AS w(mailbox, n)
     WHERE NOT EXISTS (
       SELECT 1 FROM retraction_plan_findings t
       WHERE t.plan_id = $1 AND t.kind = 'target' AND t.name = w.mailbox)
     ORDER BY w.n`,
    [planId, mailboxes]
  );
}
