// The second half of acting on a copy: what its Graph call did, recorded with the call's request ids.
// Retracting: done (moved, with its new id; or purged), gone (already not there: counts as done) or
// failed. Undoing: restored (back in its folder, with its id there) or restoreFailed.
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { copyColumns, toCopy, type CopyRow } from "./jobRows.js";
import { copyResults, copyTransitionProblem, type CopyResult } from "./jobStates.js";
import type { RetractionCopy } from "./jobTypes.js";
import { copyNotFound } from "./markCopyActing.js";
import { lockWork, readCopies } from "./lockTarget.js";

export type MarkCopyResultInput = {
  jobId: string;
  mailbox: string;
  copyId: string;
  workerId: string;
  state: CopyResult;
  /**
   * The copy's id after the call: in Recoverable Items for a soft "done" (required: undo needs it),
   * back in its folder for "restored" (required). None for a hard retraction, "gone" or a failure.
   */
  newId?: string;
  /** Graph request ids of the calls made for this copy; added to those recorded before. */
  requestIds: string[];
  /** For failures: what went wrong, in words. */
  error?: string;
  now: Date;
};

/**
 * Records a copy's result and returns the copy as it now is. Only the copy's in-flight mark may be
 * resolved, and only by the worker holding the target (409 LEASE_LOST when another worker has claimed
 * it since: that worker checks the copy itself). A lease that ran out without anyone claiming the target
 * still lets its worker record what happened.
 * @example await markCopyResult(db, { jobId, mailbox, copyId, workerId, state: "done", newId, requestIds: [id], now: new Date() });
 */
export async function markCopyResult(db: Database, input: MarkCopyResultInput): Promise<RetractionCopy> {
  return db.transaction(async (tx) => {
    const { job, phase } = await lockWork(tx, input, {
      workerId: input.workerId,
      now: input.now,
      live: false,
    });
    const allowed: readonly CopyResult[] = copyResults[phase];
    if (!allowed.includes(input.state)) {
      throw new AppError(
        409,
        "INVALID_STATE",
        `A copy cannot be ${input.state} while ${phase === "undo" ? "undoing" : "retracting"}; expected ${allowed.join(", ")}.`
      );
    }
    const copy = (await readCopies(tx, job.id, input.mailbox)).find((c) => c.copy_id === input.copyId);
    if (!copy) throw copyNotFound(job.id, input.mailbox, input.copyId);
    const problem = copyTransitionProblem(copy.state, input.state);
    if (problem)
      throw new AppError(409, "INVALID_STATE", `Copy ${input.copyId} in ${input.mailbox}: ${problem}`);
    const needsId = (input.state === "done" && job.mode === "soft") || input.state === "restored";
    if (needsId !== (input.newId !== undefined)) {
      throw new TypeError(
        needsId
          ? `A ${input.state} copy of a ${job.mode} retraction needs its new id (newId)`
          : `A ${input.state} copy of a ${job.mode} retraction has no new id`
      );
    }
    const [row] = await tx.query<CopyRow>(
      `UPDATE retraction_copies
       SET state = $4,
           new_id = CASE WHEN $5::text = 'retract' THEN coalesce($6, new_id) ELSE new_id END,
           restored_id = CASE WHEN $5::text = 'undo' THEN coalesce($6, restored_id) ELSE restored_id END,
           request_ids = request_ids || $7::jsonb, last_error = $8, updated_at = $9
       WHERE job_id = $1 AND mailbox = $2 AND copy_id = $3 RETURNING ${copyColumns}`,
      [
        job.id,
        input.mailbox,
        input.copyId,
        input.state,
        phase,
        input.newId ?? null,
        JSON.stringify(input.requestIds),
        input.error ?? null,
        input.now.toISOString(),
      ]
    );
    return toCopy(row!);
  });
}
