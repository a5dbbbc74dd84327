// Shared pieces of the retraction store tests: people with roles, requests and targets as the routes
// would pass them, a fixed clock, and a worker step that settles a claimed target.
import type { AppRole, Principal } from "../../../../api/src/auth/principal.js";
import type { Database, Queryable } from "../../../../api/src/db/database.js";
import { randomUUID } from "node:crypto";
import { createJob, type CreateJobInput } from "../../../../api/src/retraction/store/createJob.js";
import { dropPlan, stagePlanEntries } from "../../../../api/src/retraction/store/planEntries.js";
import type { PlanTarget } from "../../../../api/src/retraction/plan/buildPlan.js";
import type { PredictedOutcome } from "../../../../api/src/retraction/plan/predictOutcome.js";
import {
  copyNeedsWork,
  type CopyResult,
  type FinishStatus,
} from "../../../../api/src/retraction/store/jobStates.js";
import type { ClaimedTarget, RetractionJob } from "../../../../api/src/retraction/store/jobTypes.js";
import { claimTarget } from "../../../../api/src/retraction/store/claimTarget.js";
import {
  finishTarget,
  type FinishTargetInput,
  type FinishTargetResult,
} from "../../../../api/src/retraction/store/finishTarget.js";
import type { CopyResultInput } from "../../../../api/src/retraction/store/copyResults.js";
import type { SubmitRequest } from "../../../../api/src/retraction/retractionRequest.js";

export const tenantId = "4d3c2b1a-6f5e-4a7b-9c8d-0e1f2a3b4c5d";

export function person(name: string, roles: AppRole[]): Principal {
  return {
    tenantId,
    objectId: `oid-${name}`,
    userPrincipalName: `${name}@contoso.com`,
    name,
    roles: new Set(roles),
    clientId: "addin-client",
    tokenId: `uti-${name}`,
  };
}

/** Requests retractions. */
export const alice = person("alice", ["Retract.Run"]);
/** Approves, and may request too. */
export const bob = person("bob", ["Retract.Approve", "Retract.Run"]);
/** Reads audit only. */
export const dave = person("dave", ["Audit.Read"]);

export const t0 = new Date("2025-06-02T09:00:00.000Z");
/** `t0` plus `ms` milliseconds: the tests' clock, never the real one. */
export const at = (ms: number) => new Date(t0.getTime() + ms);
export const minute = 60_000;

export const messageId = "<phish-0001@fabrikam.com>";

export function submit(overrides: Partial<SubmitRequest> = {}): SubmitRequest {
  return {
    internetMessageId: messageId,
    mailbox: "alice@contoso.com",
    conversationDepth: 0,
    mode: "soft",
    sweep: false,
    reason: "phishing link to a fake sign-in page",
    include: ["user1@contoso.com", "user2@contoso.com"],
    ...overrides,
  };
}

/** What the fixtures' targets are predicted to become. */
export const predicted: PredictedOutcome = {
  fate: "destroyed",
  userCanRecoverUntil: "2025-06-16T09:00:00.000Z",
  destroyedAt: "2025-06-16T09:00:00.000Z",
  keptBy: [],
  text: "Deleted: the user can recover it until 2025-06-16; it is destroyed then.",
};

/** `count` planned targets user1..userN, each with `copies` copies of `message`, as a submit stages them. */
export function newTargets(count: number, copies = 1, message = messageId): PlanTarget[] {
  return Array.from({ length: count }, (_, i) => ({
    mailbox: `user${i + 1}@contoso.com`,
    objectId: `oid-user${i + 1}`,
    displayName: `User ${i + 1}`,
    status: "retractable",
    statusText: null,
    copies: Array.from({ length: copies }, (_, j) => ({
      id: `AAMk-${i + 1}-${j + 1}`,
      internetMessageId: message,
      parentFolderId: `inbox-${i + 1}`,
      folder: "inbox",
      receivedDateTime: "2025-06-01T08:00:00Z",
      isRead: false,
      subject: "Your mailbox is full",
      predictedOutcome: predicted,
    })),
    predictedOutcome: predicted,
    why: [{ depth: 0, internetMessageId: message, text: "To recipient" }],
    problems: [],
  }));
}

export type TestJobInput = Omit<CreateJobInput, "planId"> & { targets: PlanTarget[] };

/** createJob as the submit calls it: `targets` staged as the plan first, and the plan removed after. */
export async function createJobOf(
  db: Database,
  input: TestJobInput
): Promise<{ job: RetractionJob; created: boolean }> {
  const { targets, ...rest } = input;
  const planId = randomUUID();
  await stagePlanEntries(
    db,
    planId,
    targets.map((target, position) => ({ position, target })),
    input.now
  );
  try {
    return await createJob(db, { ...rest, planId });
  } finally {
    await dropPlan(db, planId);
  }
}

let keys = 0;
/** A fresh Idempotency-Key per call. */
export const freshKey = () => `key-${++keys}-${Math.random().toString(36).slice(2)}`;

/** A queued job (no approval) with `count` targets. */
export async function queuedJob(
  db: Database,
  options: { count?: number; copies?: number; mode?: "soft" | "hard"; requester?: Principal } = {}
): Promise<RetractionJob> {
  const targets = newTargets(options.count ?? 2, options.copies ?? 1);
  const { job } = await createJobOf(db, {
    requester: options.requester ?? alice,
    idempotencyKey: freshKey(),
    request: submit({ mode: options.mode ?? "soft", include: targets.map((t) => t.mailbox) }),
    targets,
    approvalRequired: false,
    now: t0,
  });
  return job;
}

/** Removes every job, so a test's claims see only its own (the audit log stays: it is append-only). */
export async function clearJobs(db: Queryable): Promise<void> {
  await db.query("TRUNCATE retraction_copies, retraction_targets, retraction_jobs");
}

/**
 * What a worker does with a claimed target: a result for each copy with work left (the claim marked
 * them in flight; the same result for every copy unless `results` gives one per such copy), recorded
 * with the target's final status.
 */
export async function settle(
  db: Database,
  claimed: ClaimedTarget,
  options: { now: Date; results?: CopyResult[]; result?: CopyResult; status: FinishStatus; outcome?: string }
): Promise<FinishTargetResult> {
  return finishTarget(db, {
    jobId: claimed.jobId,
    mailbox: claimed.mailbox,
    workerId: claimed.leaseOwner,
    status: options.status,
    copies: copyResultsOf(claimed, (i) => options.results?.[i] ?? options.result ?? "done"),
    outcome: options.outcome ?? options.status,
    requestIds: [`req-${claimed.mailbox}`],
    now: options.now,
  });
}

/** A result for each copy of `claimed` with work left in its phase (as the executor acts on them). */
export function copyResultsOf(
  claimed: ClaimedTarget,
  stateOf: (index: number) => CopyResult
): CopyResultInput[] {
  const work = claimed.copies.filter((copy) => copyNeedsWork(claimed.phase, copy.state));
  return work.map((copy, i) => {
    const state = stateOf(i);
    const newId =
      (state === "done" && claimed.mode === "soft") || state === "restored"
        ? `${copy.copyId}-${state}`
        : undefined;
    return {
      copyId: copy.copyId,
      state,
      newId,
      requestIds: [`req-${copy.copyId}-${state}`],
      error: state.endsWith("ailed") ? "Graph said 500" : undefined,
    };
  });
}

/** The actions of the job's audit records, in order. */
export async function auditActions(db: Queryable, jobId: string): Promise<string[]> {
  const rows = await db.query<{ action: string }>(
    "SELECT action FROM audit_log WHERE subject ->> 'jobId' = $1 ORDER BY seq",
    [jobId]
  );
  return rows.map((r) => r.action);
}

/** Claims every target of the (only) job: each is ready to be finished (finishing). */
export async function claimedTargets(db: Database): Promise<ClaimedTarget[]> {
  const claimed: ClaimedTarget[] = [];
  for (;;) {
    const target = await claimTarget(db, {
      workerId: `w${claimed.length + 1}`,
      leaseMs: 10 * minute,
      now: at(0),
    });
    if (!target) break;
    claimed.push(target);
  }
  return claimed.sort((a, b) => a.mailbox.localeCompare(b.mailbox));
}

/** What finishing `target` as done asks for, every copy done (by its own worker unless `workerId` says otherwise). */
export function finishing(target: ClaimedTarget, workerId = target.leaseOwner): FinishTargetInput {
  return {
    jobId: target.jobId,
    mailbox: target.mailbox,
    workerId,
    status: "done",
    copies: copyResultsOf(target, () => "done"),
    outcome: "purged",
    requestIds: [],
    now: at(1000),
  };
}
