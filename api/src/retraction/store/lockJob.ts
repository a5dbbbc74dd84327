// Reads a job for a change: its row locked until the transaction ends, so changes to one job (a
// decision, an undo, the last target finishing) happen one at a time across API instances.
import type { Queryable } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { jobColumns, toJob, type JobRow } from "./jobRows.js";
import type { RetractionJob } from "./jobTypes.js";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be a job id (a UUID): anything else is not found, never a database error. */
export function isJobId(id: string): boolean {
  return uuidPattern.test(id);
}

export function jobNotFound(id: string): AppError {
  return new AppError(404, "RETRACTION_NOT_FOUND", `There is no retraction ${JSON.stringify(id)}.`);
}

/**
 * The job, locked (FOR UPDATE) in `tx`; 404 RETRACTION_NOT_FOUND when there is none.
 * @example const job = await lockJob(tx, jobId);
 */
export async function lockJob(tx: Queryable, jobId: string): Promise<RetractionJob> {
  if (!isJobId(jobId)) throw jobNotFound(jobId);
  const [row] = await tx.query<JobRow>(`SELECT ${jobColumns} FROM retraction_jobs WHERE id = $1 FOR UPDATE`, [
    jobId,
  ]);
  if (!row) throw jobNotFound(jobId);
  return toJob(row);
}
