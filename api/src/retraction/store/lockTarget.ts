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
import { phaseOf, type Phase, type TargetStatus } from "./jobStates.js";
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
  if (!row) {
    throw new AppError(
      404,
      "RETRACTION_TARGET_NOT_FOUND",
      `Retraction ${key.jobId} has no target ${JSON.stringify(key.mailbox)}.`
    );
  }
  if (row.lease_owner !== lease.workerId) {
    const holder = row.lease_owner === null ? "no worker holds it" : "another worker claimed it";
    throw new AppError(
      409,
      "LEASE_LOST",
      `Worker ${lease.workerId} does not hold the lease on ${key.mailbox} of retraction ${key.jobId}: ${holder}.`
    );
  }
  if (lease.live && row.lease_until!.getTime() <= lease.now.getTime()) {
    throw new AppError(
      409,
      "LEASE_LOST",
      `The lease of worker ${lease.workerId} on ${key.mailbox} of retraction ${key.jobId} ran out at ` +
        `${row.lease_until!.toISOString()}; the target is free to be claimed again.`
    );
  }
  return row;
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

/**
 * What a worker's step works on: the job (read, not locked: its status does not change while a target
 * is held) and the target (locked, lease checked), with the phase they are in. 409 INVALID_STATE when
 * the target is not being worked on (it is final, or its job is not running or undoing).
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
  const phase = phaseOf(job.status);
  const expected: TargetStatus | undefined =
    phase === "retract" ? "running" : phase === "undo" ? "restoring" : undefined;
  if (!phase || target.status !== expected) {
    throw new AppError(
      409,
      "INVALID_STATE",
      `The target ${key.mailbox} of retraction ${key.jobId} is ${target.status} and its job ${job.status}: ` +
        "there is no work in progress on it."
    );
  }
  return { job, target, phase };
}
