// Ends a target in its final status, with what its calls did to each copy, its outcome and one audit
// record; the target that ends a job's last work also ends the job (completed, completedWithFailures or
// failed, or for undo undone or undoneWithFailures), with its own audit record, in the same transaction.
// finishTargets does the work, for one target here or for a group of them.
import type { Database } from "../../db/database.js";
import type { CopyResultInput } from "./copyResults.js";
import type { FinishStatus } from "./jobStates.js";
import type { RetractionJob, RetractionTarget } from "./jobTypes.js";
import { finishTargets } from "./finishTargets.js";

export type FinishTargetInput = {
  jobId: string;
  mailbox: string;
  workerId: string;
  /** Retracting: done, failed or skipped; undoing: restored or restoreFailed. */
  status: FinishStatus;
  /** What the calls made in this claim did to each copy acted on (those still in flight, all of them). */
  copies: CopyResultInput[];
  /** The result in a word or a phrase, e.g. "softDeleted", "purged", "alreadyGone", "restored". */
  outcome: string;
  /** Graph request ids of the target's calls not recorded per copy; added to those recorded before. */
  requestIds: string[];
  /** For failures: what went wrong, in words. */
  error?: string;
  now: Date;
};

export type FinishTargetResult = {
  target: RetractionTarget;
  job: RetractionJob;
  /** Whether this target was the job's (or the undo's) last one, so the job has just ended. */
  jobFinished: boolean;
};

/**
 * Finishes the target held by `workerId` (409 LEASE_LOST for anyone else; a lease that ran out without
 * another claim still counts). Every copy in flight must get its result, and the status must agree
 * with the copies: "done" only when every copy is done or gone (409 INVALID_STATE otherwise).
 * @example await finishTarget(db, { jobId, mailbox, workerId, status: "done", copies: [{ copyId, state: "done", requestIds: [id] }], outcome: "purged", requestIds: [], now: new Date() });
 */
export async function finishTarget(db: Database, input: FinishTargetInput): Promise<FinishTargetResult> {
  const [settled] = await finishTargets(db, [input]);
  if (!settled!.ok) throw settled!.error;
  return settled!.value;
}
