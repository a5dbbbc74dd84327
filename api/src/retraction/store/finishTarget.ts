// Ends a target in its final status, with its outcome, its Graph request ids and one audit record; the
// target that ends a job's last work also ends the job (completed, completedWithFailures or failed, or
// for undo undone or undoneWithFailures), with its own audit record, in the same transaction.
import type { Database, Queryable } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { appendJobAudit, onBehalfOf } from "./jobAudit.js";
import {
  jobColumns,
  targetColumns,
  toCopy,
  toJob,
  toTarget,
  type JobRow,
  type TargetRow,
} from "./jobRows.js";
import {
  assertJobTransition,
  emptyCounts,
  finalJobStatus,
  finalUndoStatus,
  finishProblem,
  finishStatuses,
  targetTransitionProblem,
  type FinishStatus,
  type Phase,
  type TargetCounts,
} from "./jobStates.js";
import type { RetractionJob, RetractionTarget } from "./jobTypes.js";
import { lockJob } from "./lockJob.js";
import { lockWork, readCopies } from "./lockTarget.js";

export type FinishTargetInput = {
  jobId: string;
  mailbox: string;
  workerId: string;
  /** Retracting: done, failed or skipped; undoing: restored or restoreFailed. */
  status: FinishStatus;
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
 * another claim still counts). Every copy must have its result recorded first, and the status must
 * agree with them: "done" only when every copy is done or gone (409 INVALID_STATE otherwise).
 * @example await finishTarget(db, { jobId, mailbox, workerId, status: "done", outcome: "softDeleted", requestIds: [], now: new Date() });
 */
export function finishTarget(db: Database, input: FinishTargetInput): Promise<FinishTargetResult> {
  return db.transaction((tx) => finishInTransaction(tx, input));
}

/**
 * finishTarget's work inside the caller's transaction (finishTargets runs many in one). The job's row
 * and the audit chain's head stay locked from here until that transaction ends.
 */
export async function finishInTransaction(
  tx: Queryable,
  input: FinishTargetInput
): Promise<FinishTargetResult> {
  const { target, phase } = await lockWork(tx, input, {
    workerId: input.workerId,
    now: input.now,
    live: false,
  });
  const allowed: readonly FinishStatus[] = finishStatuses[phase];
  if (!allowed.includes(input.status)) {
    throw new AppError(
      409,
      "INVALID_STATE",
      `A target cannot end ${input.status} while ${phase === "undo" ? "undoing" : "retracting"}; expected ${allowed.join(", ")}.`
    );
  }
  const transition = targetTransitionProblem(target.status, input.status);
  if (transition) throw new AppError(409, "INVALID_STATE", `${input.mailbox}: ${transition}`);
  const copies = (await readCopies(tx, input.jobId, input.mailbox)).map(toCopy);
  const problem = finishProblem(
    input.status,
    copies.map((c) => c.state)
  );
  if (problem) throw new AppError(409, "INVALID_STATE", `${input.mailbox}: ${problem}`);

  const finished = toTarget(await writeFinish(tx, input, phase), copies);
  // Then, as late as possible (the job's row and the audit chain's head stay locked until commit, and
  // every finisher of the job waits for them): the job's row, so finishers take turns and exactly one
  // of them sees no work left.
  const job = await lockJob(tx, input.jobId);
  await appendJobAudit(tx, job, {
    actor: onBehalfOf(job),
    action: `retraction.target.${input.status}`,
    mailbox: finished.mailbox,
    details: {
      mode: job.mode,
      outcome: input.outcome,
      error: input.error,
      attempts: finished.attempts,
      // Which instance and slot did it: when several API instances share jobs, the log tells them apart.
      worker: input.workerId,
      requestIds: phase === "undo" ? finished.undoRequestIds : finished.requestIds,
      copies: copies.map((c) => ({
        copyId: c.copyId,
        internetMessageId: c.internetMessageId,
        state: c.state,
        originalFolderId: c.originalFolderId,
        newId: c.newId ?? undefined,
        restoredId: c.restoredId ?? undefined,
        requestIds: c.requestIds,
        error: c.lastError ?? undefined,
      })),
    },
  });
  const ended = await endJobIfDone(tx, job, phase, input.now);
  return { target: finished, job: ended ?? job, jobFinished: ended !== undefined };
}

async function writeFinish(tx: Queryable, input: FinishTargetInput, phase: Phase): Promise<TargetRow> {
  const [outcome, requestIds] =
    phase === "undo" ? ["undo_outcome", "undo_request_ids"] : ["outcome", "request_ids"];
  const [row] = await tx.query<TargetRow>(
    `UPDATE retraction_targets
     SET status = $3, ${outcome} = $4, ${requestIds} = ${requestIds} || $5::jsonb, last_error = $6,
         lease_owner = NULL, lease_until = NULL, finished_at = $7, updated_at = $7
     WHERE job_id = $1 AND mailbox = $2 RETURNING ${targetColumns}`,
    [
      input.jobId,
      input.mailbox,
      input.status,
      input.outcome,
      JSON.stringify(input.requestIds),
      input.error ?? null,
      input.now.toISOString(),
    ]
  );
  return row!;
}

/** When no target of the job has work left: the job's final status, written and audited. */
async function endJobIfDone(
  tx: Queryable,
  job: RetractionJob,
  phase: Phase,
  now: Date
): Promise<RetractionJob | undefined> {
  // A probe of the partial index on unfinished targets, not a count: this runs once per target.
  const [open] = await tx.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM retraction_targets
       WHERE job_id = $1 AND status IN ('pending', 'running', 'restoring')) AS found`,
    [job.id]
  );
  if (open!.found) return undefined;
  const counts = emptyCounts();
  const rows = await tx.query<{ status: keyof TargetCounts; n: number }>(
    "SELECT status, count(*)::int AS n FROM retraction_targets WHERE job_id = $1 GROUP BY status",
    [job.id]
  );
  for (const row of rows) counts[row.status] = row.n;
  const status = phase === "retract" ? finalJobStatus(counts) : finalUndoStatus(counts);
  assertJobTransition(job, status);
  const [row] = await tx.query<JobRow>(
    `UPDATE retraction_jobs SET status = $2, ${phase === "retract" ? "finished_at" : "undo_finished_at"} = $3
     WHERE id = $1 RETURNING ${jobColumns}`,
    [job.id, status, now.toISOString()]
  );
  const ended = toJob(row!);
  await appendJobAudit(tx, ended, {
    actor: onBehalfOf(job),
    action: phase === "retract" ? "retraction.completed" : "retraction.undone",
    details: { status, mode: job.mode, targetCount: job.targetCount, counts },
  });
  return ended;
}
