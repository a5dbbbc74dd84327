// The first half of acting on a copy: before its Graph call, the worker marks it in flight ("acting",
// or "restoring" during undo) in a transaction of its own that commits before the call. A crash after
// the call leaves the mark behind, telling whoever resumes the target to check the copy, not act twice.
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { copyColumns, toCopy, type CopyRow } from "./jobRows.js";
import { copyTransitionProblem, inFlightState } from "./jobStates.js";
import type { RetractionCopy } from "./jobTypes.js";
import { lockWork, readCopies } from "./lockTarget.js";

export type MarkCopyActingInput = {
  jobId: string;
  mailbox: string;
  /** One or more copies of the target about to be acted on (one Graph request or a $batch). */
  copyIds: string[];
  workerId: string;
  now: Date;
};

/**
 * Marks the copies in flight and returns them as they now are. Needs a lease that lasts beyond `now`
 * (409 LEASE_LOST otherwise): a worker whose lease ran out must not start new calls. A copy already in
 * flight may be marked again, once its state has been checked.
 * @example await markCopyActing(db, { jobId, mailbox, copyIds: [copy.copyId], workerId, now: new Date() });
 *          // ... then the Graph call, then markCopyResult
 */
export async function markCopyActing(db: Database, input: MarkCopyActingInput): Promise<RetractionCopy[]> {
  if (input.copyIds.length === 0) throw new TypeError("copyIds must name at least one copy");
  return db.transaction(async (tx) => {
    const { job, phase } = await lockWork(tx, input, {
      workerId: input.workerId,
      now: input.now,
      live: true,
    });
    const to = inFlightState(phase);
    const copies = new Map((await readCopies(tx, job.id, input.mailbox)).map((c) => [c.copy_id, c]));
    for (const copyId of new Set(input.copyIds)) {
      const copy = copies.get(copyId);
      if (!copy) throw copyNotFound(job.id, input.mailbox, copyId);
      const problem = copyTransitionProblem(copy.state, to);
      if (problem) throw new AppError(409, "INVALID_STATE", `Copy ${copyId} in ${input.mailbox}: ${problem}`);
      if (phase === "undo" && copy.new_id === null) {
        throw new AppError(
          409,
          "INVALID_STATE",
          `Copy ${copyId} in ${input.mailbox} has no id in Recoverable Items to restore from.`
        );
      }
    }
    return (
      await tx.query<CopyRow>(
        `UPDATE retraction_copies SET state = $3, updated_at = $4
         WHERE job_id = $1 AND mailbox = $2 AND copy_id IN (SELECT jsonb_array_elements_text($5::jsonb))
         RETURNING ${copyColumns}`,
        [job.id, input.mailbox, to, input.now.toISOString(), JSON.stringify(input.copyIds)]
      )
    )
      .map(toCopy)
      .sort((a, b) => (a.copyId < b.copyId ? -1 : a.copyId > b.copyId ? 1 : 0));
  });
}

export function copyNotFound(jobId: string, mailbox: string, copyId: string): AppError {
  return new AppError(
    404,
    "RETRACTION_COPY_NOT_FOUND",
    `Retraction ${jobId} has no copy ${JSON.stringify(copyId)} in ${mailbox}.`
  );
}
