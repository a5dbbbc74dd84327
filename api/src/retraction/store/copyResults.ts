// What a target's Graph calls did to its copies, recorded when the worker finishes or releases the
// target (in that transaction). Until then each copy worked on stays in flight, as the claim marked it:
// a crash before the record leaves it to be checked again by whoever resumes the target, never acted on
// twice. Retracting: done (moved, with its new id; or purged), gone (already not there: counts as done)
// or failed. Undoing: restored (back in its folder, with its id there) or restoreFailed.
import type { Queryable } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { RetractionMode } from "../retractionRequest.js";
import type { CopyRow } from "./jobRows.js";
import {
  copyResults,
  copyTransitionProblem,
  phaseMismatch,
  type CopyResult,
  type Phase,
} from "./jobStates.js";

export type CopyResultInput = {
  copyId: string;
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
};

/** A result with its target, phase and time, as written in one statement for many targets. */
export type TargetCopyResult = CopyResultInput & { jobId: string; mailbox: string; phase: Phase; now: Date };

/**
 * Why `result` cannot be recorded for `copy` (undefined when it can): it must suit the phase, follow
 * the copy's state (in flight since the claim), and carry a new id exactly when one exists.
 * @example copyResultProblem("retract", "hard", copyRow, { copyId, state: "done", requestIds: [] }) // → undefined
 */
export function copyResultProblem(
  phase: Phase,
  mode: RetractionMode,
  mailbox: string,
  copy: CopyRow | undefined,
  result: CopyResultInput
): AppError | undefined {
  if (!copy) {
    return new AppError(
      404,
      "RETRACTION_COPY_NOT_FOUND",
      `${mailbox} has no copy ${JSON.stringify(result.copyId)}.`
    );
  }
  const misfit = phaseMismatch("A copy cannot be", result.state, phase, copyResults[phase]);
  if (misfit) return new AppError(409, "INVALID_STATE", misfit);
  const problem = copyTransitionProblem(copy.state, result.state);
  if (problem) return new AppError(409, "INVALID_STATE", `Copy ${result.copyId} in ${mailbox}: ${problem}`);
  const needsId = (result.state === "done" && mode === "soft") || result.state === "restored";
  if (needsId !== (result.newId !== undefined)) {
    return new AppError(
      409,
      "INVALID_STATE",
      needsId
        ? `A ${result.state} copy of a ${mode} retraction needs its new id.`
        : `A ${result.state} copy of a ${mode} retraction has no new id.`
    );
  }
  return undefined;
}

/**
 * Writes `results` (already checked with copyResultProblem) in one statement, whatever their targets.
 * @example await writeCopyResults(tx, [{ jobId, mailbox, copyId, state: "done", requestIds, phase: "retract", now }]);
 */
export async function writeCopyResults(tx: Queryable, results: readonly TargetCopyResult[]): Promise<void> {
  if (results.length === 0) return;
  const rows = results.map((r) => ({
    job_id: r.jobId,
    mailbox: r.mailbox,
    copy_id: r.copyId,
    state: r.state,
    new_id: r.newId ?? null,
    request_ids: r.requestIds,
    error: r.error ?? null,
    phase: r.phase,
    at: r.now.toISOString(),
  }));
  await tx.query(
    `UPDATE retraction_copies c
     SET state = r.state,
         new_id = CASE WHEN r.phase = 'retract' THEN coalesce(r.new_id, c.new_id) ELSE c.new_id END,
         restored_id = CASE WHEN r.phase = 'undo' THEN coalesce(r.new_id, c.restored_id) ELSE c.restored_id END,
         request_ids = c.request_ids || r.request_ids, last_error = r.error, updated_at = r.at
     FROM jsonb_to_recordset($1::jsonb) AS r(job_id uuid, mailbox text, copy_id text, state text,
                                            new_id text, request_ids jsonb, error text, phase text, at timestamptz)
     WHERE c.job_id = r.job_id AND c.mailbox = r.mailbox AND c.copy_id = r.copy_id`,
    [JSON.stringify(rows)]
  );
}
