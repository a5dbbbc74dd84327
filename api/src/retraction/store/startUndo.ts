// Starts undoing a soft retraction: every target with a copy in Recoverable Items becomes claimable
// again, for workers to move those copies back to their original folders. Audited under the name of
// whoever asked, whose action the moves then are.
import type { Principal } from "../../auth/principal.js";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { actorOf, appendJobAudit } from "./jobAudit.js";
import { jobColumns, toJob, type JobRow } from "./jobRows.js";
import { assertJobTransition } from "./jobStates.js";
import type { RetractionJob } from "./jobTypes.js";
import { lockJob } from "./lockJob.js";

export type StartUndoInput = { jobId: string; requester: Principal; now: Date };

/**
 * Moves a finished soft retraction to undoing and returns it. Also retries an undo that left failures.
 * Refused: 403 FORBIDDEN without Retract.Run; 409 INVALID_STATE for a hard retraction ("cannot be
 * undone") or a job that has not finished; 409 NOTHING_TO_UNDO when no copy was moved.
 * @example const job = await startUndo(db, { jobId, requester: principal, now: new Date() });
 */
export async function startUndo(db: Database, input: StartUndoInput): Promise<RetractionJob> {
  const { requester, now } = input;
  return db.transaction(async (tx) => {
    const job = await lockJob(tx, input.jobId);
    if (!requester.roles.has("Retract.Run")) {
      throw new AppError(403, "FORBIDDEN", "Undoing a retraction needs the Retract.Run role.");
    }
    assertJobTransition(job, "undoing");
    const at = now.toISOString();
    // done, failed and restoreFailed targets may all become restoring (jobStates): those with a copy
    // that was moved and is not back yet.
    const targets = await tx.query<{ mailbox: string; copies: number }>(
      `UPDATE retraction_targets t
       SET status = 'restoring', attempts = 0, last_error = NULL, next_attempt_at = $2, finished_at = NULL,
           updated_at = $2
       FROM (SELECT mailbox, count(*)::int AS copies FROM retraction_copies
             WHERE job_id = $1 AND state IN ('done', 'restoreFailed') GROUP BY mailbox) moved
       WHERE t.job_id = $1 AND t.mailbox = moved.mailbox AND t.status IN ('done', 'failed', 'restoreFailed')
       RETURNING t.mailbox, moved.copies`,
      [job.id, at]
    );
    if (targets.length === 0) {
      throw new AppError(
        409,
        "NOTHING_TO_UNDO",
        `Retraction ${job.id} moved no copy that is not back already, so there is nothing to restore.`
      );
    }
    const [row] = await tx.query<JobRow>(
      `UPDATE retraction_jobs
       SET status = 'undoing', undo_requested_by_object_id = $2, undo_requested_by_upn = $3,
           undo_started_at = $4, undo_finished_at = NULL
       WHERE id = $1 RETURNING ${jobColumns}`,
      [job.id, requester.objectId, requester.userPrincipalName, at]
    );
    const undoing = toJob(row!);
    await appendJobAudit(tx, undoing, {
      actor: actorOf(requester),
      action: "retraction.undoRequested",
      details: {
        previousStatus: job.status,
        requestedBy: job.requester.upn,
        targetCount: targets.length,
        copyCount: targets.reduce((sum, t) => sum + t.copies, 0),
        targets: targets.map((t) => t.mailbox).sort(),
      },
    });
    return undoing;
  });
}
