// A retraction plan's targets in the database while the plan is being used: written in groups as the
// mailboxes are planned, read back in pages, removed (with discovery's findings, planFindings.ts) when
// the preview has answered or the job exists. A large plan thus costs rows, not the API's memory.
import { randomUUID } from "node:crypto";
import type { Queryable } from "../../db/database.js";
import type { PlanTarget } from "../plan/buildPlan.js";

export type PlanEntry = { position: number; target: PlanTarget };

/**
 * A plan older than this was left by a process that stopped mid-way; the next plan removes it. A day:
 * far longer than planning even a million mailboxes takes at Graph's rate.
 */
export const abandonedPlanMs = 24 * 60 * 60_000;

/**
 * Stores planned targets under `planId`; each position once per plan.
 * @example await stagePlanEntries(db, planId, [{ position: 0, target }], new Date());
 */
export async function stagePlanEntries(
  db: Queryable,
  planId: string,
  entries: readonly PlanEntry[],
  now: Date
): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map(({ position, target }) => ({
    position,
    mailbox: target.mailbox.toLowerCase(),
    retractable: target.status === "retractable",
    entry: target,
  }));
  await db.query(
    `INSERT INTO retraction_plan_entries (plan_id, position, mailbox, retractable, entry, created_at)
     SELECT $1, r.position, r.mailbox, r.retractable, r.entry, $3
     FROM jsonb_to_recordset($2::jsonb) AS r(position integer, mailbox text, retractable boolean, entry jsonb)`,
    [planId, JSON.stringify(rows), now.toISOString()]
  );
}

/**
 * Up to `limit` entries after position `after` (-1 for the first page), in order, each as its JSON
 * text: the preview writes them to its answer without parsing them.
 * @example const page = await readPlanEntries(db, planId, -1, 500); // → [{ position: 0, json: '{"mailbox": ...}' }]
 */
export async function readPlanEntries(
  db: Queryable,
  planId: string,
  after: number,
  limit: number
): Promise<{ position: number; json: string }[]> {
  return db.query<{ position: number; json: string }>(
    `SELECT position, entry::text AS json FROM retraction_plan_entries
     WHERE plan_id = $1 AND position > $2 ORDER BY position LIMIT $3`,
    [planId, after, limit]
  );
}

/** The tables holding a plan while it is built and used: discovery's findings, then its entries. */
const planTables = ["retraction_plan_findings", "retraction_plan_entries"];

/** Removes a plan's findings and entries. */
export async function dropPlan(db: Queryable, planId: string): Promise<void> {
  for (const table of planTables) await db.query(`DELETE FROM ${table} WHERE plan_id = $1`, [planId]);
}

/**
 * Runs `work` with a new plan's id and removes that plan's rows afterwards, however `work` ends; plans
 * abandoned by a process that stopped mid-way are removed first.
 * @example await withPlan(db, new Date(), async (planId) => { ...; await streamPlan(res, db, planId, summary); });
 */
export async function withPlan<T>(
  db: Queryable,
  now: Date,
  work: (planId: string) => Promise<T>
): Promise<T> {
  await dropAbandonedPlans(db, now);
  const planId = randomUUID();
  try {
    return await work(planId);
  } finally {
    await dropPlan(db, planId);
  }
}

/** Removes plans abandoned by a process that stopped while using them (see abandonedPlanMs). */
export async function dropAbandonedPlans(db: Queryable, now: Date): Promise<void> {
  const before = new Date(now.getTime() - abandonedPlanMs).toISOString();
  for (const table of planTables) await db.query(`DELETE FROM ${table} WHERE created_at < $1`, [before]);
}
