// Reads one retraction with every target's status, outcome and copies: what GET /api/retractions/{id}
// shows and what progress is computed from.
import type { Queryable } from "../../db/database.js";
import { emptyCounts, type TargetCounts } from "./jobStates.js";
import {
  jobColumns,
  targetColumns,
  toCopy,
  toJob,
  toTarget,
  type JobRow,
  type TargetRow,
} from "./jobRows.js";
import type { RetractionCopy, RetractionJobDetail, RetractionTarget } from "./jobTypes.js";
import { isJobId, jobNotFound } from "./lockJob.js";
import { readCopies } from "./lockTarget.js";

/**
 * The job with its targets (by mailbox) and their copies; 404 RETRACTION_NOT_FOUND when there is none.
 * Reads without locking: a job that workers are changing reads as it was at each statement.
 * @example const job = await getJob(db, req.params.id);
 */
export async function getJob(db: Queryable, jobId: string): Promise<RetractionJobDetail> {
  if (!isJobId(jobId)) throw jobNotFound(jobId);
  const [row] = await db.query<JobRow>(`SELECT ${jobColumns} FROM retraction_jobs WHERE id = $1`, [jobId]);
  if (!row) throw jobNotFound(jobId);
  const targetRows = await db.query<TargetRow>(
    `SELECT ${targetColumns} FROM retraction_targets WHERE job_id = $1 ORDER BY mailbox`,
    [jobId]
  );
  const copies = new Map<string, RetractionCopy[]>();
  for (const copy of await readCopies(db, jobId)) {
    const list = copies.get(copy.mailbox) ?? [];
    list.push(toCopy(copy));
    copies.set(copy.mailbox, list);
  }
  const targets = targetRows.map((t) => toTarget(t, copies.get(t.mailbox) ?? []));
  return { ...toJob(row), counts: countTargets(targets), targets };
}

export function countTargets(targets: Pick<RetractionTarget, "status">[]): TargetCounts {
  const counts = emptyCounts();
  for (const target of targets) counts[target.status] += 1;
  return counts;
}
