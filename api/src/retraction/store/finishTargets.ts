// Finishes many targets in one transaction (group commit), in a few statements whatever their number:
// every finish appends to the audit chain, whose head is locked until commit, so one transaction per
// target makes all workers queue for it, each holding a database connection while it waits. Each
// target's copy results, final state and audit record still commit together.
import type { Database, Queryable } from "../../db/database.js";
import { appendAudits } from "../../audit/appendAudit.js";
import type { AuditEntry } from "../../audit/auditRecord.js";
import { AppError } from "../../errors.js";
import { copyResultProblem, writeCopyResults, type TargetCopyResult } from "./copyResults.js";
import type { FinishTargetInput, FinishTargetResult } from "./finishTarget.js";
import { jobAuditEntry, onBehalfOf } from "./jobAudit.js";
import {
  columnsOf,
  jobColumns,
  targetColumns,
  toCopy,
  toJob,
  toTarget,
  type CopyRow,
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
  phaseMismatch,
  targetTransitionProblem,
  type JobStatus,
  type Phase,
  type TargetCounts,
} from "./jobStates.js";
import type { RetractionJob, RetractionTarget } from "./jobTypes.js";
import { isJobId, lockJob } from "./lockJob.js";
import { leaseProblem, readCopiesOf, targetKey, workPhase } from "./lockTarget.js";

export type FinishSettled = { ok: true; value: FinishTargetResult } | { ok: false; error: unknown };

type HeldTarget = TargetRow & { job_status: JobStatus; job_mode: "soft" | "hard" };

type Accepted = { index: number; input: FinishTargetInput; phase: Phase };

/**
 * Finishes each of `inputs` in one transaction; one that cannot be finished (its lease lost, a copy
 * result that does not fit) is reported and left untouched, without holding back the others.
 * @example const [settled] = await finishTargets(db, [input]);
 */
export function finishTargets(db: Database, inputs: readonly FinishTargetInput[]): Promise<FinishSettled[]> {
  return db.transaction(async (tx) => {
    const settled: FinishSettled[] = new Array(inputs.length);
    const held = await lockTargets(tx, inputs);
    const copies = await readCopiesOf(tx, [...held.values()]);
    const accepted: Accepted[] = [];
    const seen = new Set<string>();
    inputs.forEach((input, index) => {
      const key = targetKey(input.jobId, input.mailbox);
      const checked = seen.has(key)
        ? new AppError(409, "INVALID_STATE", `${input.mailbox} is finished twice in one group.`)
        : finishRefusal(input, held.get(key), copies.get(key) ?? []);
      seen.add(key);
      if (checked instanceof AppError) settled[index] = { ok: false, error: checked };
      else accepted.push({ index, input, phase: checked });
    });
    if (accepted.length === 0) return settled;

    await writeCopyResults(
      tx,
      accepted.flatMap(({ input, phase }): TargetCopyResult[] =>
        input.copies.map((c) => ({ ...c, jobId: input.jobId, mailbox: input.mailbox, phase, now: input.now }))
      )
    );
    const finished = new Map(
      (await writeFinishes(tx, accepted)).map((row) => [targetKey(row.job_id, row.mailbox), row])
    );
    const after = await readCopiesOf(tx, [...finished.values()]);

    // Then, as late as possible (the jobs' rows and the audit chain's head stay locked until commit,
    // and every finisher of those jobs waits for them): the jobs' rows, so finishers take turns and
    // exactly one of them sees no work left.
    const jobs = new Map<string, RetractionJob>();
    for (const jobId of [...new Set(accepted.map((a) => a.input.jobId))].sort()) {
      jobs.set(jobId, await lockJob(tx, jobId));
    }
    const targets = accepted.map(({ index, input, phase }) => {
      const key = targetKey(input.jobId, input.mailbox);
      return {
        index,
        input,
        phase,
        target: toTarget(finished.get(key)!, (after.get(key) ?? []).map(toCopy)),
      };
    });
    await appendAudits(
      tx,
      targets.map(({ input, phase, target }) =>
        targetAuditEntry(jobs.get(input.jobId)!, input, phase, target)
      )
    );
    // The job's last target in this group is the one that ends it, if it ends.
    const lastOfJob = new Map(accepted.map((a) => [a.input.jobId, a]));
    const ended = new Map<string, RetractionJob>();
    for (const [jobId, job] of jobs) {
      const last = lastOfJob.get(jobId)!;
      const done = await endJobIfDone(tx, job, last.phase, last.input.now);
      if (done) ended.set(jobId, done);
    }
    for (const { index, input, target } of targets) {
      const end = lastOfJob.get(input.jobId)!.index === index ? ended.get(input.jobId) : undefined;
      settled[index] = {
        ok: true,
        value: { target, job: end ?? jobs.get(input.jobId)!, jobFinished: !!end },
      };
    }
    return settled;
  });
}

/** The record of one finished target: its outcome, which worker, and each copy's fate with Graph's request ids. */
function targetAuditEntry(
  job: RetractionJob,
  input: FinishTargetInput,
  phase: Phase,
  target: RetractionTarget
): AuditEntry {
  return jobAuditEntry(job, {
    actor: onBehalfOf(job),
    action: `retraction.target.${input.status}`,
    mailbox: target.mailbox,
    details: {
      mode: job.mode,
      outcome: input.outcome,
      error: input.error,
      attempts: target.attempts,
      // Which instance and slot did it: when several API instances share jobs, the log tells them apart.
      worker: input.workerId,
      requestIds: phase === "undo" ? target.undoRequestIds : target.requestIds,
      copies: target.copies.map((c) => ({
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
}

/** The targets of `inputs`, locked, with their jobs' status and mode; job ids that are not UUIDs are not found. */
async function lockTargets(
  tx: Queryable,
  inputs: readonly FinishTargetInput[]
): Promise<Map<string, HeldTarget>> {
  const keys = inputs.filter((i) => isJobId(i.jobId)).map((i) => ({ job_id: i.jobId, mailbox: i.mailbox }));
  if (keys.length === 0) return new Map();
  const rows = await tx.query<HeldTarget>(
    `SELECT ${columnsOf(targetColumns, "t")}, j.status AS job_status, j.mode AS job_mode
     FROM retraction_targets t
     JOIN jsonb_to_recordset($1::jsonb) AS k(job_id uuid, mailbox text)
       ON k.job_id = t.job_id AND k.mailbox = t.mailbox
     JOIN retraction_jobs j ON j.id = t.job_id
     ORDER BY t.job_id, t.mailbox
     FOR UPDATE OF t`,
    [JSON.stringify(keys)]
  );
  return new Map(rows.map((row) => [targetKey(row.job_id, row.mailbox), row]));
}

/**
 * Why `input` cannot finish `target` (whose copies are `copies`), or the phase it finishes in: the
 * worker must hold the target, the status must suit the phase and every copy's result must fit, and
 * once the results are in, no copy may be left in flight and the status must agree with them.
 */
function finishRefusal(
  input: FinishTargetInput,
  target: HeldTarget | undefined,
  copies: readonly CopyRow[]
): Phase | AppError {
  const lease = leaseProblem(target, input, { workerId: input.workerId, now: input.now, live: false });
  if (lease) return lease;
  const phase = workPhase(target!, target!.job_status);
  if (phase instanceof AppError) return phase;
  const misfit = phaseMismatch("A target cannot end", input.status, phase, finishStatuses[phase]);
  if (misfit) return new AppError(409, "INVALID_STATE", misfit);
  const transition = targetTransitionProblem(target!.status, input.status);
  if (transition) return new AppError(409, "INVALID_STATE", `${input.mailbox}: ${transition}`);
  const states = new Map(copies.map((c) => [c.copy_id, c.state]));
  for (const result of input.copies) {
    const copy = copies.find((c) => c.copy_id === result.copyId);
    const problem = copyResultProblem(phase, target!.job_mode, input.mailbox, copy, result);
    if (problem) return problem;
    states.set(result.copyId, result.state);
  }
  const problem = finishProblem(input.status, [...states.values()]);
  if (problem) return new AppError(409, "INVALID_STATE", `${input.mailbox}: ${problem}`);
  return phase;
}

async function writeFinishes(tx: Queryable, accepted: readonly Accepted[]): Promise<TargetRow[]> {
  const rows = accepted.map(({ input, phase }) => ({
    job_id: input.jobId,
    mailbox: input.mailbox,
    phase,
    status: input.status,
    outcome: input.outcome,
    request_ids: input.requestIds,
    error: input.error ?? null,
    at: input.now.toISOString(),
  }));
  return tx.query<TargetRow>(
    `UPDATE retraction_targets t
     SET status = f.status,
         outcome = CASE WHEN f.phase = 'retract' THEN f.outcome ELSE t.outcome END,
         undo_outcome = CASE WHEN f.phase = 'undo' THEN f.outcome ELSE t.undo_outcome END,
         request_ids = CASE WHEN f.phase = 'retract' THEN t.request_ids || f.request_ids ELSE t.request_ids END,
         undo_request_ids = CASE WHEN f.phase = 'undo' THEN t.undo_request_ids || f.request_ids
                                 ELSE t.undo_request_ids END,
         last_error = f.error, lease_owner = NULL, lease_until = NULL, finished_at = f.at, updated_at = f.at
     FROM jsonb_to_recordset($1::jsonb) AS f(job_id uuid, mailbox text, phase text, status text, outcome text,
                                            request_ids jsonb, error text, at timestamptz)
     WHERE t.job_id = f.job_id AND t.mailbox = f.mailbox
     RETURNING ${columnsOf(targetColumns, "t")}`,
    [JSON.stringify(rows)]
  );
}

/** When no target of the job has work left: the job's final status, written and audited. */
async function endJobIfDone(
  tx: Queryable,
  job: RetractionJob,
  phase: Phase,
  now: Date
): Promise<RetractionJob | undefined> {
  // A probe of the partial index on unfinished targets, not a count: this runs for every group.
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
  await appendAudits(tx, [
    jobAuditEntry(job, {
      actor: onBehalfOf(job),
      action: phase === "retract" ? "retraction.completed" : "retraction.undone",
      details: { status, mode: job.mode, targetCount: job.targetCount, counts },
    }),
  ]);
  return ended;
}
