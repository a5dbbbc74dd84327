// A retraction job as the API shows it: progress of the current phase with the time left at the pace
// so far (waiting, queued, retracting, finished, undoing), and whether an undo would be accepted.
import assert from "node:assert/strict";
import { jobSummarySchema, jobSummaryView, progressOf } from "../../../api/src/retraction/jobView.js";
import {
  emptyCounts,
  type JobStatus,
  type TargetCounts,
} from "../../../api/src/retraction/store/jobStates.js";
import type { RetractionJobSummary } from "../../../api/src/retraction/store/jobTypes.js";

const created = new Date("2025-06-02T09:00:00.000Z");
const started = new Date("2025-06-02T09:01:00.000Z");
/** `started` plus `ms`. */
const after = (ms: number) => new Date(started.getTime() + ms);

function job(
  status: JobStatus,
  options: {
    counts?: Partial<TargetCounts>;
    targetCount?: number;
    mode?: "soft" | "hard";
    startedAt?: Date | null;
    undoStartedAt?: Date;
  } = {}
): RetractionJobSummary {
  return {
    id: "3f1d2c4b-5a6e-4f70-8192-a3b4c5d6e7f8",
    tenantId: "tenant-1",
    requester: { objectId: "oid-alice", upn: "alice@contoso.com" },
    idempotencyKey: "key-1",
    requestHash: "hash",
    internetMessageId: "<phish-0001@fabrikam.com>",
    mailbox: "alice@contoso.com",
    mode: options.mode ?? "soft",
    conversationDepth: 0,
    sweep: false,
    reason: "phishing",
    status,
    targetCount: options.targetCount ?? 8,
    approval: {
      required: false,
      expiresAt: null,
      decision: null,
      decidedBy: null,
      decidedAt: null,
      comment: null,
    },
    createdAt: created,
    startedAt: options.startedAt === undefined ? started : options.startedAt,
    finishedAt: null,
    undo: options.undoStartedAt
      ? {
          requestedBy: { objectId: "oid-bob", upn: "bob@contoso.com" },
          startedAt: options.undoStartedAt,
          finishedAt: null,
        }
      : null,
    verification: null,
    counts: { ...emptyCounts(), ...options.counts },
  };
}

describe("progressOf", () => {
  it("awaitingApproval → waitingForApproval, nothing finished, no estimate", () => {
    const progress = progressOf(
      job("awaitingApproval", { startedAt: null, counts: { pending: 8 } }),
      after(0)
    );
    assert.deepEqual(progress, {
      phase: "waitingForApproval",
      total: 8,
      finished: 0,
      percent: 0,
      etaSeconds: null,
    });
  });

  it("queued → queued, nothing finished, no estimate", () => {
    const progress = progressOf(job("queued", { startedAt: null, counts: { pending: 8 } }), after(0));
    assert.deepEqual(progress, { phase: "queued", total: 8, finished: 0, percent: 0, etaSeconds: null });
  });

  it("running, 2 of 8 ended after 60 s → 25 %, eta 60/2·6 = 180 s", () => {
    const progress = progressOf(
      job("running", { counts: { done: 1, failed: 1, running: 2, pending: 4 } }),
      after(60_000)
    );
    assert.deepEqual(progress, { phase: "retracting", total: 8, finished: 2, percent: 25, etaSeconds: 180 });
  });

  it("running → skipped targets count as ended", () => {
    const progress = progressOf(
      job("running", { counts: { skipped: 3, done: 1, pending: 4 } }),
      after(40_000)
    );
    assert.deepEqual(progress, { phase: "retracting", total: 8, finished: 4, percent: 50, etaSeconds: 40 });
  });

  it("running, none ended yet → 0 %, no estimate", () => {
    const progress = progressOf(job("running", { counts: { running: 4, pending: 4 } }), after(30_000));
    assert.deepEqual(progress, { phase: "retracting", total: 8, finished: 0, percent: 0, etaSeconds: null });
  });

  it("running, 1 of 3 ended after 10.4 s → percent rounded down (33), eta rounded (20.8 → 21 s)", () => {
    const progress = progressOf(
      job("running", { targetCount: 3, counts: { done: 1, pending: 2 } }),
      after(10_400)
    );
    assert.deepEqual(progress, { phase: "retracting", total: 3, finished: 1, percent: 33, etaSeconds: 21 });
  });

  it("running, every target ended (the job not yet marked) → 100 %, no estimate", () => {
    const progress = progressOf(job("running", { targetCount: 2, counts: { done: 2 } }), after(5_000));
    assert.deepEqual(progress, {
      phase: "retracting",
      total: 2,
      finished: 2,
      percent: 100,
      etaSeconds: null,
    });
  });

  it("completed, completedWithFailures, failed, undone → finished, all targets, 100 %, no estimate", () => {
    for (const status of ["completed", "completedWithFailures", "failed", "undone"] as const) {
      const progress = progressOf(job(status, { counts: { done: 6, failed: 2 } }), after(600_000));
      assert.deepEqual(
        progress,
        { phase: "finished", total: 8, finished: 8, percent: 100, etaSeconds: null },
        status
      );
    }
  });

  it("undoing, 2 of 4 restoring targets ended 20 s after the undo started → 50 %, eta 20 s; untouched targets not counted", () => {
    const undoStartedAt = after(600_000);
    const progress = progressOf(
      job("undoing", { undoStartedAt, counts: { restored: 1, restoreFailed: 1, restoring: 2, done: 4 } }),
      new Date(undoStartedAt.getTime() + 20_000)
    );
    assert.deepEqual(progress, { phase: "undoing", total: 4, finished: 2, percent: 50, etaSeconds: 20 });
  });

  it("undoing, none restored yet → 0 %, no estimate (the retraction's start is not used)", () => {
    const undoStartedAt = after(600_000);
    const progress = progressOf(
      job("undoing", { undoStartedAt, counts: { restoring: 3, done: 5 } }),
      new Date(undoStartedAt.getTime() + 20_000)
    );
    assert.deepEqual(progress, { phase: "undoing", total: 3, finished: 0, percent: 0, etaSeconds: null });
  });
});

describe("jobSummaryView", () => {
  it("hard retraction, completed → undo not possible: its copies were purged", () => {
    const view = jobSummaryView(job("completed", { mode: "hard", counts: { done: 8 } }), after(60_000));
    assert.deepEqual(view.undoable, {
      possible: false,
      text: "A hard retraction cannot be undone: its copies were purged.",
    });
  });

  it("soft retraction, running → undo not possible until it has finished", () => {
    const view = jobSummaryView(job("running", { counts: { done: 2, pending: 6 } }), after(60_000));
    assert.deepEqual(view.undoable, {
      possible: false,
      text: "Only a finished soft retraction can be undone.",
    });
    assert.equal(view.statusText, "Retracting.");
    assert.equal(view.progress.phase, "retracting");
  });

  it("soft retraction, completed / completedWithFailures / failed / undoneWithFailures → undo possible", () => {
    for (const status of ["completed", "completedWithFailures", "failed", "undoneWithFailures"] as const) {
      const view = jobSummaryView(job(status, { counts: { done: 8 } }), after(60_000));
      assert.deepEqual(
        view.undoable,
        { possible: true, text: "Undo moves every retracted copy back to the folder it was in." },
        status
      );
    }
  });

  it("soft retraction, awaitingApproval / queued / undoing / undone → undo not possible", () => {
    for (const status of ["awaitingApproval", "queued", "undoing", "undone"] as const) {
      const view = jobSummaryView(job(status, { undoStartedAt: after(1000) }), after(60_000));
      assert.equal(view.undoable.possible, false, status);
    }
  });

  it("a view → dates as ISO strings, and it matches the documented schema", () => {
    const undoStartedAt = after(600_000);
    const view = jobSummaryView(
      job("undoing", { undoStartedAt, counts: { restoring: 1, restored: 1 } }),
      after(660_000)
    );
    assert.equal(view.createdAt, "2025-06-02T09:00:00.000Z");
    assert.equal(view.startedAt, "2025-06-02T09:01:00.000Z");
    assert.deepEqual(view.undo, {
      requestedBy: { objectId: "oid-bob", upn: "bob@contoso.com" },
      startedAt: "2025-06-02T09:11:00.000Z",
      finishedAt: null,
    });
    assert.deepEqual(jobSummarySchema.parse(view), view);
  });
});
