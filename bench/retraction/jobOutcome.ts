// Waits for a retraction job to finish and its check to be recorded, reading the job's row in the
// database (not the API: the figures must not include the benchmark's own polling load on the API).
import { setTimeout as delay } from "node:timers/promises";
import type { ThrowawaySchema } from "../support/benchDatabase.js";

const finalStatuses = ["completed", "completedWithFailures", "failed", "rejected", "expired"];

export type FinishedJob = { status: string; finishedAt: Date; checked: boolean };

/** Resolves once job `jobId` is final and checked (or `checkWaitMs` after it is final without a check). */
export async function waitForJob(
  schema: ThrowawaySchema,
  jobId: string,
  options: { pollMs?: number; checkWaitMs?: number; onFinal?: () => void } = {}
): Promise<FinishedJob> {
  const pollMs = options.pollMs ?? 100;
  let finalSince: number | undefined;
  for (;;) {
    const [row] = await schema.query<{ status: string; finished_at: Date | null; checked: boolean }>(
      "SELECT status, finished_at, verification IS NOT NULL AS checked FROM retraction_jobs WHERE id = $1",
      [jobId]
    );
    if (!row) throw new Error(`The job ${jobId} is not in the database.`);
    if (finalStatuses.includes(row.status)) {
      if (finalSince === undefined) {
        finalSince = Date.now();
        options.onFinal?.();
      }
      const gaveUp = Date.now() - finalSince > (options.checkWaitMs ?? 120_000);
      if (row.checked || gaveUp)
        return { status: row.status, finishedAt: row.finished_at!, checked: row.checked };
    }
    await delay(pollMs);
  }
}

/** Targets by final status, e.g. { done: 9893 }. */
export async function targetStatusCounts(
  schema: ThrowawaySchema,
  jobId: string
): Promise<Record<string, number>> {
  const rows = await schema.query<{ status: string; n: number }>(
    "SELECT status, count(*)::int AS n FROM retraction_targets WHERE job_id = $1 GROUP BY status",
    [jobId]
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
