// Reads a target for a worker's change: locked in the transaction, and only for the worker holding its
// lease. Starting new work (acting on a copy, renewing) needs a lease that has not run out; recording
// what already happened needs only that no other worker has claimed the target since.
import type { Queryable } from "../../db/database.js";
import { AppError } from "../../errors.js";
import {
  copyColumns,
  jobColumns,
  targetColumns,
  toJob,
  type CopyRow,
  type JobRow,
  type TargetRow,
} from "./jobRows.js";
import { phaseOf, type JobStatus, type Phase, type TargetStatus } from "./jobStates.js";
import type { RetractionJob } from "./jobTypes.js";
import { isJobId } from "./lockJob.js";

export type TargetKey = { jobId: string; mailbox: string };

/**
 * The target, locked (FOR UPDATE) in `tx`, after checking that `workerId` holds its lease (and, with
 * `live`, that the lease lasts beyond `now`): 404 RETRACTION_TARGET_NOT_FOUND or 409 LEASE_LOST.
 */
export async function lockLeasedTarget(
  tx: Queryable,
  key: TargetKey,
  lease: { workerId: string; now: Date; live: boolean }
): Promise<TargetRow> {
  const row = isJobId(key.jobId)
    ? (
        await tx.query<TargetRow>(
          `SELECT ${targetColumns} FROM retraction_targets WHERE job_id = $1 AND mailbox = $2 FOR UPDATE`,
          [key.jobId, key.mailbox]
        )
      )[0]
    : undefined;
  const problem = leaseProblem(row, key, lease);
  if (problem) throw problem;
  return row!;
}

/**
 * Why `workerId` may not change the target `row` (undefined when it may): there is none, another worker
 * claimed it, or (with `live`) the lease has run out.
 */
export function leaseProblem(
  row: TargetRow | undefined,
  key: TargetKey,
  lease: { workerId: string; now: Date; live: boolean }
): AppError | undefined {
  if (!row) {
    return new AppError(
      404,
      "RETRACTION_TARGET_NOT_FOUND",
      `Retraction ${key.jobId} has no target ${JSON.stringify(key.mailbox)}.`
    );
  }
  if (row.lease_owner !== lease.workerId) {
    const holder = row.lease_owner === null ? "no worker holds it" : "another worker claimed it";
    return new AppError(
      409,
      "LEASE_LOST",
      `Worker ${lease.workerId} does not hold the lease on ${key.mailbox} of retraction ${key.jobId}: ${holder}.`
    );
  }
  if (lease.live && row.lease_until!.getTime() <= lease.now.getTime()) {
    return new AppError(
      409,
      "LEASE_LOST",
      `The lease of worker ${lease.workerId} on ${key.mailbox} of retraction ${key.jobId} ran out at ` +
        `${row.lease_until!.toISOString()}; the target is free to be claimed again.`
    );
  }
  return undefined;
}

/**
 * The phase a held target is being worked in, or 409 INVALID_STATE when it is not being worked on (it
 * is final, or its job is not running or undoing).
 */
export function workPhase(target: TargetRow, jobStatus: JobStatus): Phase | AppError {
  const phase = phaseOf(jobStatus);
  const expected: TargetStatus | undefined =
    phase === "retract" ? "running" : phase === "undo" ? "restoring" : undefined;
  if (phase && target.status === expected) return phase;
  return new AppError(
    409,
    "INVALID_STATE",
    `The target ${target.mailbox} of retraction ${target.job_id} is ${target.status} and its job ${jobStatus}: ` +
      "there is no work in progress on it."
  );
}

/** The copies of one target, or of every target of the job, in a stable order. */
export async function readCopies(q: Queryable, jobId: string, mailbox?: string): Promise<CopyRow[]> {
  if (mailbox === undefined) {
    return q.query<CopyRow>(
      `SELECT ${copyColumns} FROM retraction_copies WHERE job_id = $1 ORDER BY mailbox, copy_id`,
      [jobId]
    );
  }
  return q.query<CopyRow>(
    `SELECT ${copyColumns} FROM retraction_copies WHERE job_id = $1 AND mailbox = $2 ORDER BY copy_id`,
    [jobId, mailbox]
  );
}

/** A target's key in the maps below. */
export const targetKey = (jobId: string, mailbox: string): string => `${jobId}\n${mailbox}`;

/** The copies of many targets (of any jobs) in one read, by targetKey, each target's in a stable order. */
export async function readCopiesOf(
  q: Queryable,
  targets: readonly { job_id: string; mailbox: string }[]
): Promise<Map<string, CopyRow[]>> {
  const byTarget = new Map<string, CopyRow[]>();
  if (targets.length === 0) return byTarget;
  const keys = targets.map(({ job_id, mailbox }) => ({ job_id, mailbox }));
  const rows = await q.query<CopyRow>(
    `SELECT ${copyColumns} FROM retraction_copies
     JOIN jsonb_to_recordset($1::jsonb) AS k(job_id uuid, mailbox text) USING (job_id, mailbox)
     ORDER BY job_id, mailbox, copy_id`,
    [JSON.stringify(keys)]
  );
  for (const row of rows) {
    const key = targetKey(row.job_id, row.mailbox);
    const own = byTarget.get(key);
    if (own) own.push(row);
    else byTarget.set(key, [row]);
  }
  return byTarget;
}

/**
 * What a worker's step works on: the job (read, not locked: its status does not change while a target
 * is held) and the target (locked, lease checked), with the phase they are in (workPhase).
 */
export async function lockWork(
  tx: Queryable,
  key: TargetKey,
  lease: { workerId: string; now: Date; live: boolean }
): Promise<{ job: RetractionJob; target: TargetRow; phase: Phase }> {
  const target = await lockLeasedTarget(tx, key, lease);
  const [row] = await tx.query<JobRow>(`SELECT ${jobColumns} FROM retraction_jobs WHERE id = $1`, [
    key.jobId,
  ]);
  const job = toJob(row!);
  const phase = workPhase(target, job.status);
  if (phase instanceof AppError) throw phase;
  return { job, target, phase };
}
