// Jobs nobody approved in time become expired, with their targets skipped and an audit record: swept
// now and then, and also when someone tries to decide too late.
import type { Database, Queryable } from "../../db/database.js";
import { appendJobAudit, onBehalfOf } from "./jobAudit.js";
import { jobColumns, toJob, type JobRow } from "./jobRows.js";
import { assertJobTransition } from "./jobStates.js";
import type { RetractionJob } from "./jobTypes.js";

/**
 * Expires every job still awaiting approval whose window ended at or before `now`, one transaction
 * each, and returns their ids. Jobs another transaction holds (being decided right now) are left to
 * it. Safe to run from every API instance.
 * @example setInterval(() => void expireAwaitingApproval(db, new Date()), 60_000);
 */
export async function expireAwaitingApproval(db: Database, now: Date): Promise<string[]> {
  const expired: string[] = [];
  for (;;) {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx.query<JobRow>(
        `SELECT ${jobColumns} FROM retraction_jobs
         WHERE status = 'awaitingApproval' AND approval_expires_at <= $1
         ORDER BY approval_expires_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [now.toISOString()]
      );
      if (!row) return undefined;
      return (await expireJob(tx, toJob(row), now)).id;
    });
    if (id === undefined) return expired;
    expired.push(id);
  }
}

/**
 * Marks `job` (locked in `tx`) expired: its targets are skipped, and the record names the requester,
 * whose job it was (nobody acted). Returns the job as it now is.
 */
export async function expireJob(tx: Queryable, job: RetractionJob, now: Date): Promise<RetractionJob> {
  assertJobTransition(job, "expired");
  const at = now.toISOString();
  const [row] = await tx.query<JobRow>(
    `UPDATE retraction_jobs SET status = 'expired', finished_at = $2 WHERE id = $1 RETURNING ${jobColumns}`,
    [job.id, at]
  );
  await skipPendingTargets(tx, job.id, "not run: nobody approved the retraction in time", now);
  const expired = toJob(row!);
  await appendJobAudit(tx, expired, {
    actor: onBehalfOf(job),
    action: "retraction.expired",
    details: {
      approvalExpiresAt: job.approval.expiresAt ?? undefined,
      expiredAt: at,
      targetCount: job.targetCount,
    },
  });
  return expired;
}

/** Ends the targets of a job that will not run (rejected or expired): each one skipped, with why. */
export async function skipPendingTargets(
  tx: Queryable,
  jobId: string,
  outcome: string,
  now: Date
): Promise<void> {
  await tx.query(
    `UPDATE retraction_targets SET status = 'skipped', outcome = $2, finished_at = $3, updated_at = $3
     WHERE job_id = $1 AND status = 'pending'`,
    [jobId, outcome, now.toISOString()]
  );
}
