// The lifecycle of a retraction: which statuses a job, a target and a copy can have, which changes are
// allowed, and what a finished job or undo ends as. Pure: every store function asks this module before
// it writes, so the rules live in one place and are tested without a database.
import { AppError } from "../../errors.js";
import type { RetractionMode } from "../retractionRequest.js";

export const jobStatuses = [
  "awaitingApproval",
  "queued",
  "running",
  "completed",
  "completedWithFailures",
  "failed",
  "rejected",
  "expired",
  "undoing",
  "undone",
  "undoneWithFailures",
] as const;
export type JobStatus = (typeof jobStatuses)[number];

export const targetStatuses = [
  "pending",
  "running",
  "done",
  "failed",
  "skipped",
  "restoring",
  "restored",
  "restoreFailed",
] as const;
export type TargetStatus = (typeof targetStatuses)[number];

/**
 * pending → acting → done | gone | failed; undo: done → restoring → restored | restoreFailed.
 * `acting` and `restoring` are written (and committed, by the claim) before any Graph call: a copy found
 * in one of them after a crash may or may not have been moved, and must be checked again before acting.
 */
export const copyStates = [
  "pending",
  "acting",
  "done",
  "gone",
  "failed",
  "restoring",
  "restored",
  "restoreFailed",
] as const;
export type CopyState = (typeof copyStates)[number];

/** What workers are doing for a job: retracting its copies, or moving them back. */
export type Phase = "retract" | "undo";

/** Statuses of a target that a worker may still claim or hold. */
export const activeTargetStatuses = ["pending", "running", "restoring"] as const satisfies TargetStatus[];

/** Final target statuses a worker may finish a target with, per phase. */
export const finishStatuses = {
  retract: ["done", "failed", "skipped"],
  undo: ["restored", "restoreFailed"],
} as const satisfies Record<Phase, TargetStatus[]>;
export type FinishStatus = (typeof finishStatuses)[Phase][number];

/** Results a worker may record for a copy, per phase. */
export const copyResults = {
  retract: ["done", "gone", "failed"],
  undo: ["restored", "restoreFailed"],
} as const satisfies Record<Phase, CopyState[]>;
export type CopyResult = (typeof copyResults)[Phase][number];

const jobMoves: Record<JobStatus, readonly JobStatus[]> = {
  awaitingApproval: ["queued", "rejected", "expired"],
  queued: ["running"],
  running: ["completed", "completedWithFailures", "failed"],
  completed: ["undoing"],
  completedWithFailures: ["undoing"],
  failed: ["undoing"], // a failed target may still have moved some of its copies
  rejected: [],
  expired: [],
  undoing: ["undone", "undoneWithFailures"],
  undone: [],
  undoneWithFailures: ["undoing"], // undo again: retries the copies that could not be restored
};

const targetMoves: Record<TargetStatus, readonly TargetStatus[]> = {
  pending: ["running", "skipped"],
  running: ["running", "pending", "done", "failed", "skipped"],
  done: ["restoring"],
  failed: ["restoring"],
  skipped: [],
  restoring: ["restoring", "restored", "restoreFailed"],
  restored: [],
  restoreFailed: ["restoring"],
};

const copyMoves: Record<CopyState, readonly CopyState[]> = {
  pending: ["acting"],
  acting: ["acting", "done", "gone", "failed"],
  done: ["restoring"],
  gone: [],
  failed: ["acting"],
  restoring: ["restoring", "restored", "restoreFailed"],
  restored: [],
  restoreFailed: ["restoring"],
};

/** What a job status change means, for messages: "only a job awaiting approval can be approved". */
const jobVerbs: Partial<Record<JobStatus, { verb: string; from: string }>> = {
  queued: { verb: "approved", from: "a job awaiting approval" },
  rejected: { verb: "rejected", from: "a job awaiting approval" },
  expired: { verb: "expired", from: "a job awaiting approval" },
  running: { verb: "started", from: "a queued job" },
  completed: { verb: "completed", from: "a running job" },
  completedWithFailures: { verb: "completed", from: "a running job" },
  failed: { verb: "marked failed", from: "a running job" },
  undoing: { verb: "undone", from: "a finished soft retraction (or an undo that left failures)" },
  undone: { verb: "marked undone", from: "a job being undone" },
  undoneWithFailures: { verb: "marked undone", from: "a job being undone" },
};

/**
 * Why `job` cannot move to `to`, in words, or undefined when it can.
 * @example jobTransitionProblem({ id: "j1", mode: "hard", status: "completed" }, "undoing")
 *   // "Retraction j1 is a hard retraction, which cannot be undone: its copies were purged."
 */
export function jobTransitionProblem(
  job: { id: string; mode: RetractionMode; status: JobStatus },
  to: JobStatus
): string | undefined {
  if (to === "undoing" && job.mode === "hard") {
    return `Retraction ${job.id} is a hard retraction, which cannot be undone: its copies were purged.`;
  }
  if (jobMoves[job.status].includes(to)) return undefined;
  const meaning = jobVerbs[to];
  if (!meaning) return `Retraction ${job.id} cannot go from ${job.status} to ${to}.`;
  return `Retraction ${job.id} is ${describeJobStatus(job.status)}; only ${meaning.from} can be ${meaning.verb}.`;
}

/** Throws 409 INVALID_STATE with the reason when `job` cannot move to `to`. */
export function assertJobTransition(
  job: { id: string; mode: RetractionMode; status: JobStatus },
  to: JobStatus
): void {
  const problem = jobTransitionProblem(job, to);
  if (problem) throw new AppError(409, "INVALID_STATE", problem);
}

/**
 * Why a target cannot move from `from` to `to`, or undefined when it can.
 * @example targetTransitionProblem("done", "running") // "A target that is done cannot become running."
 */
export function targetTransitionProblem(from: TargetStatus, to: TargetStatus): string | undefined {
  if (targetMoves[from].includes(to)) return undefined;
  return `A target that is ${from} cannot become ${to}.`;
}

/**
 * Why a copy cannot move from `from` to `to`, or undefined when it can.
 * @example copyTransitionProblem("gone", "acting") // "A copy that is gone cannot become acting."
 */
export function copyTransitionProblem(from: CopyState, to: CopyState): string | undefined {
  if (copyMoves[from].includes(to)) return undefined;
  return `A copy that is ${from} cannot become ${to}.`;
}

/** The phase workers are in for a job of this status, or undefined when no worker should touch it. */
export function phaseOf(status: JobStatus): Phase | undefined {
  if (status === "queued" || status === "running") return "retract";
  if (status === "undoing") return "undo";
  return undefined;
}

/**
 * Why `value` does not fit `phase` (undefined when it is one of `allowed`), e.g. a result of undo while
 * retracting.
 * @example phaseMismatch("A copy cannot be", "restored", "retract", ["done", "gone", "failed"])
 *          // → "A copy cannot be restored while retracting; expected done, gone, failed."
 */
export function phaseMismatch(
  what: string,
  value: string,
  phase: Phase,
  allowed: readonly string[]
): string | undefined {
  if (allowed.includes(value)) return undefined;
  return `${what} ${value} while ${phase === "undo" ? "undoing" : "retracting"}; expected ${allowed.join(", ")}.`;
}

/** The copy state a claim writes, before any Graph call, for each copy with work left in `phase`. */
export function inFlightState(phase: Phase): CopyState {
  return phase === "retract" ? "acting" : "restoring";
}

/**
 * Whether a worker still has something to do for a copy in `phase` (a copy in flight included: its
 * outcome is unknown and it must be checked again).
 * @example copyNeedsWork("undo", "done") // true: moved away, not yet moved back
 */
export function copyNeedsWork(phase: Phase, state: CopyState): boolean {
  return phase === "retract"
    ? state === "pending" || state === "failed" || state === "acting"
    : state === "done" || state === "restoreFailed" || state === "restoring";
}

/**
 * Why a target cannot be finished as `to` with its copies in `states`, or undefined when it can: each
 * copy's fate must be recorded first, and the target's status must agree with them.
 * @example finishProblem("done", ["done", "failed"]) // "... 1 copy is failed ..."
 */
export function finishProblem(to: FinishStatus, states: readonly CopyState[]): string | undefined {
  const inFlight = states.filter((s) => s === "acting" || s === "restoring").length;
  if (inFlight > 0) {
    return `${copies(inFlight)} still in flight; record ${inFlight === 1 ? "its" : "their"} result first.`;
  }
  const allowed: Record<FinishStatus, readonly CopyState[]> = {
    // A copy already gone counts as done.
    done: ["done", "gone"],
    failed: copyStates,
    // Nothing was changed: no copy moved or purged.
    skipped: ["pending", "failed", "gone"],
    restored: ["restored", "gone", "failed", "pending"],
    restoreFailed: copyStates,
  };
  const misfits = states.filter((s) => !allowed[to].includes(s));
  if (misfits.length === 0) return undefined;
  const counted = [...new Set(misfits)].map((s) => `${copies(misfits.filter((m) => m === s).length)} ${s}`);
  return `A target cannot be ${to} while ${counted.join(" and ")}.`;
}

/** Targets per status, zeros included. */
export type TargetCounts = Record<TargetStatus, number>;

export function emptyCounts(): TargetCounts {
  return Object.fromEntries(targetStatuses.map((s) => [s, 0])) as TargetCounts;
}

/**
 * What a retraction ends as once no target is pending or running: completed when nothing failed,
 * failed when nothing was done, completedWithFailures otherwise. Skipped targets are not failures.
 * @example finalJobStatus({ ...emptyCounts(), done: 3, failed: 1 }) // "completedWithFailures"
 */
export function finalJobStatus(counts: TargetCounts): "completed" | "completedWithFailures" | "failed" {
  if (counts.failed === 0) return "completed";
  return counts.done === 0 ? "failed" : "completedWithFailures";
}

/**
 * What an undo ends as once no target is restoring.
 * @example finalUndoStatus({ ...emptyCounts(), restored: 2, restoreFailed: 1 }) // "undoneWithFailures"
 */
export function finalUndoStatus(counts: TargetCounts): "undone" | "undoneWithFailures" {
  return counts.restoreFailed === 0 ? "undone" : "undoneWithFailures";
}

function copies(n: number): string {
  return n === 1 ? "1 copy is" : `${n} copies are`;
}

function describeJobStatus(status: JobStatus): string {
  const words: Record<JobStatus, string> = {
    awaitingApproval: "awaiting approval",
    queued: "queued",
    running: "running",
    completed: "completed",
    completedWithFailures: "completed with failures",
    failed: "failed",
    rejected: "rejected",
    expired: "expired (nobody approved it in time)",
    undoing: "being undone",
    undone: "undone",
    undoneWithFailures: "undone with failures",
  };
  return words[status];
}
