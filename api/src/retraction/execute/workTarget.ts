// One worker's turn on one claimed target: each copy that still needs work (the claim marked it in
// flight) is acted on through Graph (at most `copiesAtOnce` at a time: Graph serves 4 requests per
// mailbox at once). Then the target either ends in its final status, or, when Graph asked to wait or
// could not be reached, goes back to the queue until Retry-After (or a jittered backoff) has passed;
// either way with what became of each copy, recorded in that one transaction.
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { GraphGateway } from "../../graph/graphClient.js";
import type { Logger } from "../../logger.js";
import { mapWithConcurrency } from "../../mapWithConcurrency.js";
import { finishTarget, type FinishTargetInput, type FinishTargetResult } from "../store/finishTarget.js";
import type { CopyResultInput } from "../store/copyResults.js";
import { copyNeedsWork, type CopyState, type FinishStatus, type Phase } from "../store/jobStates.js";
import type { ClaimedTarget, RetractionJob } from "../store/jobTypes.js";
import { releaseTarget } from "../store/releaseTarget.js";
import { renewLease } from "../store/renewLease.js";
import { retractCopy, restoreCopy, type CopyContext, type CopyStep } from "./copySteps.js";
import { retryDelayMs, type RetryTiming } from "./retryDelay.js";

export type TargetWorkDeps = {
  db: Database;
  graph: GraphGateway;
  logger: Logger;
  now: () => number;
  random: () => number;
  workerId: string;
  leaseMs: number;
  /** Claims of a target before the copies still unsettled are given up as failed. */
  maxAttempts: number;
  retryTiming: RetryTiming;
  /** Copies of one mailbox acted on at once (Graph: at most 4 requests in flight per mailbox). */
  copiesAtOnce: number;
  /** True once the worker is shutting down: no new copy is started. */
  stopping: () => boolean;
  /** Writes a target's final state (finishTarget on `db` unless given; the worker groups them). */
  finish?: (input: FinishTargetInput) => Promise<FinishTargetResult>;
};

export type TargetWorkResult =
  | { kind: "finished"; status: FinishStatus; job: RetractionJob; jobFinished: boolean }
  | { kind: "released"; retryAt: Date; error: string }
  /** Another worker holds the target now (this one's lease ran out); it carries on from the records. */
  | { kind: "leaseLost" };

type Retry = Extract<CopyStep, { result: "retry" }>;

/**
 * Works `target` (just claimed by `deps.workerId`) as far as it can go now.
 * @example const result = await workTarget(deps, await claimTarget(db, { workerId, leaseMs, now }));
 */
export async function workTarget(deps: TargetWorkDeps, target: ClaimedTarget): Promise<TargetWorkResult> {
  const key = { jobId: target.jobId, mailbox: target.mailbox, workerId: deps.workerId };
  const ctx: CopyContext = {
    graph: deps.graph,
    mailbox: target.mailbox,
    mode: target.mode,
    claimedIds: new Set(
      target.copies.flatMap((c) => [c.copyId, c.newId, c.restoredId]).filter((id): id is string => !!id)
    ),
  };
  const results = new Map<string, CopyResultInput>();
  const retries = new Map<string, Retry>();
  const notes: string[] = [];
  const started = new Set<string>();
  const lease = keepLease(deps, key, target.leaseUntil);
  try {
    const todo = target.copies.filter((c) => copyNeedsWork(target.phase, c.state));
    await mapWithConcurrency(todo, deps.copiesAtOnce, async (copy) => {
      if (deps.stopping() || !lease.holds(deps.now())) return;
      started.add(copy.copyId);
      const step = target.phase === "retract" ? await retractCopy(ctx, copy) : await restoreCopy(ctx, copy);
      if (step.result === "retry") {
        // Left in flight: its call may have happened, so the next attempt checks it before acting.
        retries.set(copy.copyId, step);
        deps.logger.info(
          { jobId: target.jobId, mailbox: target.mailbox, requestIds: step.requestIds, error: step.error },
          "retraction copy to be retried"
        );
        return;
      }
      const { result: state, newId, requestIds, error, note } = step;
      results.set(copy.copyId, { copyId: copy.copyId, state, newId, requestIds, error });
      if (note) notes.push(note);
    });
    const unstarted = todo.some((c) => !started.has(c.copyId));
    // Shutting down (or the lease no longer safe) with copies not started: the target goes back for any
    // worker (of this instance or another), at once unless Graph asked to wait.
    if (unstarted && retries.size === 0) {
      const error = deps.stopping() ? "The worker stopped." : "The worker's lease ran out.";
      return await release(deps, key, results, { retryAt: new Date(deps.now()), error });
    }
    if (retries.size > 0 && (unstarted || target.attempts < deps.maxAttempts)) {
      return await release(deps, key, results, retryAfter(deps, target, retries));
    }
    for (const [copyId, retry] of retries) {
      results.set(copyId, {
        copyId,
        state: target.phase === "retract" ? "failed" : "restoreFailed",
        requestIds: retry.requestIds,
        error: `Gave up after ${target.attempts} attempts: ${retry.error}`,
      });
    }
    return await finish(deps, key, target, results, notes);
  } catch (err) {
    if (err instanceof AppError && err.code === "LEASE_LOST") return { kind: "leaseLost" };
    throw err;
  } finally {
    lease.stop();
  }
}

/** When a throttled target may be tried again: after the longest Retry-After, or a jittered backoff. */
function retryAfter(
  deps: TargetWorkDeps,
  target: ClaimedTarget,
  retries: Map<string, Retry>
): { retryAt: Date; error: string } {
  const waits = [...retries.values()].map((r) => r.retryAfterMs).filter((ms) => ms !== undefined);
  const retryAfterMs = waits.length ? Math.max(...waits) : undefined;
  const delay = retryDelayMs(target.attempts, retryAfterMs, deps.retryTiming, deps.random);
  return { retryAt: new Date(deps.now() + delay), error: [...retries.values()][0]!.error };
}

async function release(
  deps: TargetWorkDeps,
  key: { jobId: string; mailbox: string; workerId: string },
  results: Map<string, CopyResultInput>,
  { retryAt, error }: { retryAt: Date; error: string }
): Promise<TargetWorkResult> {
  await releaseTarget(deps.db, {
    ...key,
    copies: [...results.values()],
    retryAt,
    error,
    now: new Date(deps.now()),
  });
  return { kind: "released", retryAt, error };
}

async function finish(
  deps: TargetWorkDeps,
  key: { jobId: string; mailbox: string; workerId: string },
  target: ClaimedTarget,
  results: Map<string, CopyResultInput>,
  said: string[]
): Promise<TargetWorkResult> {
  const notes = [...new Set(said)];
  const states = target.copies.map((c) => results.get(c.copyId)?.state ?? c.state);
  const errors = [...results.values()].flatMap((r) => (r.error ? [r.error] : []));
  const { status, outcome } = targetOutcome(target.phase, target.mode, states);
  const finish = deps.finish ?? ((input) => finishTarget(deps.db, input));
  const finished = await finish({
    ...key,
    status,
    copies: [...results.values()],
    outcome: notes.length ? `${outcome} (${notes.join(" ")})` : outcome,
    requestIds: [],
    error: status === "failed" || status === "restoreFailed" ? errors[0] : undefined,
    now: new Date(deps.now()),
  });
  return { kind: "finished", status, job: finished.job, jobFinished: finished.jobFinished };
}

/**
 * A target's final status and its outcome in a phrase, from its copies' states.
 * @example targetOutcome("retract", "soft", ["done", "gone"]) // → { status: "done", outcome: "softDeleted" }
 */
export function targetOutcome(
  phase: Phase,
  mode: "soft" | "hard",
  states: readonly CopyState[]
): { status: FinishStatus; outcome: string } {
  const count = (wanted: CopyState[]) => states.filter((s) => wanted.includes(s)).length;
  if (phase === "undo") {
    const failed = count(["restoreFailed"]);
    return failed === 0
      ? { status: "restored", outcome: "restored" }
      : { status: "restoreFailed", outcome: `${failed} of ${states.length} copies could not be restored` };
  }
  const failed = states.length - count(["done", "gone"]);
  if (failed > 0) {
    return { status: "failed", outcome: `${failed} of ${states.length} copies could not be retracted` };
  }
  if (count(["done"]) === 0) return { status: "done", outcome: "alreadyGone" };
  return { status: "done", outcome: mode === "soft" ? "softDeleted" : "purged" };
}

/**
 * Renews the lease every third of its length while the target is worked on. A copy's call is started
 * only while the lease `holds`: renewed (never refused) and with at least a third of its length left, so
 * the call ends long before anyone else may claim the target and check that copy.
 */
function keepLease(
  deps: TargetWorkDeps,
  key: { jobId: string; mailbox: string; workerId: string },
  claimedUntil: Date
): { holds(now: number): boolean; stop(): void } {
  let lost = false;
  let stopped = false;
  let until = claimedUntil.getTime();
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      renewLease(deps.db, { ...key, leaseMs: deps.leaseMs, now: new Date(deps.now()) }).then(
        (renewed) => {
          until = renewed.getTime();
          schedule();
        },
        (err: unknown) => {
          if (err instanceof AppError && err.code === "LEASE_LOST") lost = true;
          else {
            deps.logger.warn({ err, ...key }, "could not renew a retraction lease; trying again");
            schedule();
          }
        }
      );
    }, deps.leaseMs / 3);
    timer.unref();
  };
  schedule();
  return {
    holds: (now) => !lost && until - now > deps.leaseMs / 3,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
