// The preview's answer for a plan staged in the database: the summary's fields, then the targets read
// in pages and written as they are, each page once the client has taken the one before. The answer is
// the same JSON document as a plan held whole (targets last), at a memory cost of one page.
import { once } from "node:events";
import type { Response } from "express";
import type { Queryable } from "../../db/database.js";
import { readPlanEntries } from "../store/planEntries.js";
import type { PlanSummary } from "./buildPlan.js";

/** Targets read and written at a time. */
const targetsPerPage = 500;

/** Resolves when the client can take more, false if it went away first. */
async function drained(res: Response): Promise<boolean> {
  if (res.destroyed) return false;
  const stopListening = new AbortController();
  const { signal } = stopListening;
  try {
    return await Promise.race([
      once(res, "drain", { signal }).then(() => true),
      once(res, "close", { signal }).then(() => false),
    ]);
  } finally {
    stopListening.abort();
  }
}

/**
 * Answers 200 with the plan `planId` as JSON; stops early, without error, if the client goes away.
 * @example await streamPlan(res, services.db, planId, summary);
 */
export async function streamPlan(
  res: Response,
  db: Queryable,
  planId: string,
  summary: PlanSummary
): Promise<void> {
  res.status(200).type("application/json");
  const head = JSON.stringify(summary);
  let more = res.write(`${head.slice(0, -1)},"targets":[`);
  let after = -1;
  for (;;) {
    if (!more && !(await drained(res))) return;
    const page = await readPlanEntries(db, planId, after, targetsPerPage);
    if (page.length === 0) break;
    more = res.write(`${after === -1 ? "" : ","}${page.map((entry) => entry.json).join(",")}`);
    after = page[page.length - 1]!.position;
  }
  res.end("]}");
}
