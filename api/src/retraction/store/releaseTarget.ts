// A worker gives a target back for a later attempt (throttled, or the mailbox failed for now): the lease
// ends, and the target waits until `retryAt` for any worker to claim it again.
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { copyResultProblem, writeCopyResults, type CopyResultInput } from "./copyResults.js";
import { targetColumns, toCopy, toTarget, type TargetRow } from "./jobRows.js";
import { targetTransitionProblem } from "./jobStates.js";
import type { RetractionTarget } from "./jobTypes.js";
import { lockWork, readCopies } from "./lockTarget.js";

export type ReleaseTargetInput = {
  jobId: string;
  mailbox: string;
  workerId: string;
  /** What the calls made in this claim did to the copies that got a result (the others stay in flight). */
  copies: CopyResultInput[];
  /** The earliest time it may be claimed again (Retry-After, or a backoff). */
  retryAt: Date;
  /** Why it is retried, in words; kept as the target's last error. */
  error: string;
  now: Date;
};

/**
 * Releases the target held by `workerId` (409 LEASE_LOST for anyone else). A retracting target goes
 * back to pending; an undoing one stays restoring. The copies' results are recorded; copies left in
 * flight stay so: the next worker checks them. No audit record: the target's final record carries its attempts and last error.
 * @example await releaseTarget(db, { jobId, mailbox, workerId, copies: [], retryAt: new Date(Date.now() + 30_000), error: "429 throttled", now: new Date() });
 */
export async function releaseTarget(db: Database, input: ReleaseTargetInput): Promise<RetractionTarget> {
  return db.transaction(async (tx) => {
    const { job, target, phase } = await lockWork(tx, input, {
      workerId: input.workerId,
      now: input.now,
      live: false,
    });
    const to = target.status === "running" ? "pending" : target.status;
    const problem = targetTransitionProblem(target.status, to);
    if (problem) throw new AppError(409, "INVALID_STATE", `${input.mailbox}: ${problem}`);
    if (input.copies.length > 0) {
      const copies = await readCopies(tx, input.jobId, input.mailbox);
      for (const result of input.copies) {
        const copy = copies.find((c) => c.copy_id === result.copyId);
        const refused = copyResultProblem(phase, job.mode, input.mailbox, copy, result);
        if (refused) throw refused;
      }
      await writeCopyResults(
        tx,
        input.copies.map((c) => ({ ...c, jobId: input.jobId, mailbox: input.mailbox, phase, now: input.now }))
      );
    }
    const [row] = await tx.query<TargetRow>(
      `UPDATE retraction_targets
       SET status = $3, lease_owner = NULL, lease_until = NULL, next_attempt_at = $4, last_error = $5,
           updated_at = $6
       WHERE job_id = $1 AND mailbox = $2 RETURNING ${targetColumns}`,
      [input.jobId, input.mailbox, to, input.retryAt.toISOString(), input.error, input.now.toISOString()]
    );
    return toTarget(row!, (await readCopies(tx, input.jobId, input.mailbox)).map(toCopy));
  });
}
