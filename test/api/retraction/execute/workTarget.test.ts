// One worker's turn on a claimed target, on both engines, with a hand-written Graph: every copy acted on
// and its result recorded with the target's end, the target finished (and the job with its last target); a throttled copy sends the
// target back until Retry-After with the copy left in flight for a check; the attempt limit gives the
// copy up; a stopping worker hands the target back untouched; hard mode purges; undo moves copies back.
import assert from "node:assert/strict";
import { pino } from "pino";
import type { Database } from "../../../../api/src/db/database.js";
import type { GraphGateway } from "../../../../api/src/graph/graphClient.js";
import {
  targetOutcome,
  workTarget,
  type TargetWorkDeps,
} from "../../../../api/src/retraction/execute/workTarget.js";
import { claimTarget } from "../../../../api/src/retraction/store/claimTarget.js";
import { getJob } from "../../../../api/src/retraction/store/getJob.js";
import type { ClaimedTarget } from "../../../../api/src/retraction/store/jobTypes.js";
import { startUndo } from "../../../../api/src/retraction/store/startUndo.js";
import { describeEachDatabase } from "../../../support/testDatabases.js";
import {
  at,
  auditActions,
  bob,
  clearJobs,
  messageId,
  minute,
  queuedJob,
  settle,
} from "../store/storeFixtures.js";
import { callRows, fakeGraph, graphCopy, graphError } from "./fakeGraph.js";

const leaseMs = 60_000;
const deletions = "recoverableitemsdeletions";

describeEachDatabase("retraction executor: workTarget", (current) => {
  let db: Database;
  before(() => (db = current().db));
  beforeEach(() => clearJobs(db));

  const claim = async (now: Date, workerId = "w1"): Promise<ClaimedTarget> => {
    const claimed = await claimTarget(db, { workerId, leaseMs, now });
    assert.ok(claimed, "a target to claim");
    return claimed;
  };

  function deps(graph: GraphGateway, now: Date, overrides: Partial<TargetWorkDeps> = {}): TargetWorkDeps {
    return {
      db,
      graph,
      logger: pino({ level: "silent" }),
      now: () => now.getTime(),
      random: () => 0.5,
      workerId: "w1",
      leaseMs,
      maxAttempts: 3,
      retryTiming: { baseMs: 1_000, maxMs: 60_000 },
      copiesAtOnce: 4,
      stopping: () => false,
      ...overrides,
    };
  }

  /** Moves answer with the id "RI:<id>" (or "<folder>:<id>" for other folders). */
  const moves = () =>
    fakeGraph({
      moveMessage: async (_mailbox, id, folder) => ({
        id: folder === deletions ? `RI:${id}` : `${folder}:${id}`,
        requestId: `req-move-${id}`,
      }),
    });

  it("soft, every copy moved → copies done with new ids, target done/softDeleted, the job completed by its last target", async () => {
    const job = await queuedJob(db, { count: 2, copies: 2 });
    const { graph, calls } = moves();

    const first = await claim(at(1000));
    const one = await workTarget(deps(graph, at(2000)), first);
    assert.equal(one.kind, "finished");
    assert.equal(one.kind === "finished" && one.status, "done");
    assert.equal(one.kind === "finished" && one.jobFinished, false);
    assert.equal(one.kind === "finished" && one.job.status, "running");

    const second = await claim(at(3000));
    assert.notEqual(second.mailbox, first.mailbox);
    const two = await workTarget(deps(graph, at(4000)), second);
    assert.deepEqual(
      two.kind === "finished" && [
        two.status,
        two.jobFinished,
        two.job.status,
        two.job.finishedAt?.toISOString(),
      ],
      ["done", true, "completed", at(4000).toISOString()]
    );

    assert.deepEqual(calls.map((c) => c.args).sort(), [
      ["user1@contoso.com", "AAMk-1-1", deletions],
      ["user1@contoso.com", "AAMk-1-2", deletions],
      ["user2@contoso.com", "AAMk-2-1", deletions],
      ["user2@contoso.com", "AAMk-2-2", deletions],
    ]);
    const detail = await getJob(db, job.id);
    assert.equal(detail.status, "completed");
    assert.deepEqual(
      detail.targets.map((t) => [t.mailbox, t.status, t.outcome, t.leaseOwner, t.lastError]),
      [
        ["user1@contoso.com", "done", "softDeleted", null, null],
        ["user2@contoso.com", "done", "softDeleted", null, null],
      ]
    );
    assert.deepEqual(
      detail.targets[0]!.copies.map((c) => [c.copyId, c.state, c.newId, c.requestIds]),
      [
        ["AAMk-1-1", "done", "RI:AAMk-1-1", ["req-move-AAMk-1-1"]],
        ["AAMk-1-2", "done", "RI:AAMk-1-2", ["req-move-AAMk-1-2"]],
      ]
    );
    assert.deepEqual((await auditActions(db, job.id)).slice(-3), [
      "retraction.target.done",
      "retraction.target.done",
      "retraction.completed",
    ]);
  });

  it("throttled copy (Retry-After 30 s) → target released until now + 30 s, the copy left acting; the next claim checks it before acting", async () => {
    const job = await queuedJob(db, { count: 1, copies: 2 });
    const throttled = fakeGraph({
      moveMessage: async (_mailbox, id) => {
        if (id === "AAMk-1-1") throw graphError.throttled("req-429", 30);
        return { id: `RI:${id}`, requestId: `req-move-${id}` };
      },
    });
    const result = await workTarget(deps(throttled.graph, at(2000)), await claim(at(1000)));
    assert.deepEqual(result, {
      kind: "released",
      retryAt: at(32_000),
      error: "Microsoft Graph is throttling the API's requests.",
    });

    const [target] = (await getJob(db, job.id)).targets;
    assert.equal(target!.status, "pending");
    assert.equal(target!.leaseOwner, null);
    assert.ok(target!.nextAttemptAt!.getTime() >= at(2000).getTime() + 30_000);
    assert.equal(target!.nextAttemptAt!.toISOString(), at(32_000).toISOString());
    assert.equal(target!.lastError, "Microsoft Graph is throttling the API's requests.");
    assert.deepEqual(
      target!.copies.map((c) => [c.copyId, c.state, c.newId]),
      [
        ["AAMk-1-1", "acting", null],
        ["AAMk-1-2", "done", "RI:AAMk-1-2"],
      ]
    );
    assert.equal(await claimTarget(db, { workerId: "w2", leaseMs, now: at(31_999) }), undefined);

    // Attempt 2: the copy in flight is looked up first (still there), then moved; the done one is left alone.
    const again = await claim(at(32_000), "w2");
    assert.equal(again.attempts, 2);
    assert.deepEqual(
      again.copies.map((c) => [c.copyId, c.needsRecheck]),
      [
        ["AAMk-1-1", true],
        ["AAMk-1-2", false],
      ]
    );
    const recovered = fakeGraph({
      getCopy: async (_mailbox, id) => ({ value: graphCopy(id, messageId), requestIds: ["req-get"] }),
      moveMessage: async (_mailbox, id) => ({ id: `RI:${id}`, requestId: `req-move-${id}` }),
    });
    const done = await workTarget(deps(recovered.graph, at(33_000), { workerId: "w2" }), again);
    assert.equal(done.kind === "finished" && done.job.status, "completed");
    assert.deepEqual(callRows(recovered.calls), [
      ["getCopy", "user1@contoso.com", "AAMk-1-1"],
      ["moveMessage", "user1@contoso.com", "AAMk-1-1", deletions],
    ]);
    const [finished] = (await getJob(db, job.id)).targets;
    assert.deepEqual(finished!.copies[0]!.requestIds, ["req-get", "req-move-AAMk-1-1"]);
  });

  it("throttled without Retry-After → released after the jittered backoff (attempt 1, random 0.5: 750 ms)", async () => {
    await queuedJob(db, { count: 1 });
    const { graph } = fakeGraph({
      moveMessage: async () => {
        throw graphError.unavailable("req-500");
      },
    });
    const result = await workTarget(deps(graph, at(2000)), await claim(at(1000)));
    assert.deepEqual(result, {
      kind: "released",
      retryAt: at(2750),
      error: "Microsoft Graph could not move the message (HTTP 500).",
    });
  });

  it("still throttled at maxAttempts → the unsettled copy failed 'Gave up after 2 attempts', the target failed, the job failed", async () => {
    const job = await queuedJob(db, { count: 1 });
    const { graph } = fakeGraph({
      getCopy: async (_mailbox, id) => ({ value: graphCopy(id, messageId), requestIds: ["req-get"] }),
      moveMessage: async () => {
        throw graphError.throttled("req-429", 10);
      },
    });
    const first = await workTarget(deps(graph, at(2000), { maxAttempts: 2 }), await claim(at(1000)));
    assert.equal(first.kind, "released");

    const second = await workTarget(deps(graph, at(13_000), { maxAttempts: 2 }), await claim(at(12_000)));
    assert.equal(second.kind, "finished");
    assert.deepEqual(second.kind === "finished" && [second.status, second.jobFinished, second.job.status], [
      "failed",
      true,
      "failed",
    ]);
    const [target] = (await getJob(db, job.id)).targets;
    assert.deepEqual(
      [target!.status, target!.attempts, target!.outcome, target!.lastError],
      [
        "failed",
        2,
        "1 of 1 copies could not be retracted",
        "Gave up after 2 attempts: Microsoft Graph is throttling the API's requests.",
      ]
    );
    assert.deepEqual(
      target!.copies.map((c) => [c.state, c.lastError, c.requestIds]),
      [
        [
          "failed",
          "Gave up after 2 attempts: Microsoft Graph is throttling the API's requests.",
          ["req-get", "req-429"],
        ],
      ]
    );
  });

  it("a copy refused → copy and target failed with Graph's message; another target done → completedWithFailures", async () => {
    const job = await queuedJob(db, { count: 2 });
    const { graph } = fakeGraph({
      moveMessage: async (mailbox, id) => {
        if (mailbox === "user1@contoso.com") throw graphError.outOfScope("req-403");
        return { id: `RI:${id}`, requestId: "req-move" };
      },
    });
    await workTarget(deps(graph, at(2000)), await claim(at(1000)));
    const last = await workTarget(deps(graph, at(4000)), await claim(at(3000)));
    assert.equal(last.kind === "finished" && last.job.status, "completedWithFailures");
    const detail = await getJob(db, job.id);
    assert.deepEqual(
      detail.targets.map((t) => [t.mailbox, t.status, t.outcome, t.lastError, t.copies[0]!.state]),
      [
        [
          "user1@contoso.com",
          "failed",
          "1 of 1 copies could not be retracted",
          "The API app may not open the mailbox.",
          "failed",
        ],
        ["user2@contoso.com", "done", "softDeleted", null, "done"],
      ]
    );
  });

  it("a copy failed because its id holds another message → never moved on a later attempt of the same target", async () => {
    const job = await queuedJob(db, { count: 1, copies: 2 });
    const foreign = "<other@contoso.com>";
    // Attempt 1: both moves throttled, both copies left in flight.
    const first = fakeGraph({
      moveMessage: async () => {
        throw graphError.throttled("req-429", 1);
      },
    });
    assert.equal((await workTarget(deps(first.graph, at(2000)), await claim(at(1000)))).kind, "released");
    // Attempt 2: AAMk-1-1's id now holds another message (failed, untouched); AAMk-1-2 still throttled.
    const second = fakeGraph({
      getCopy: async (_mailbox, id) => ({
        value: graphCopy(id, id === "AAMk-1-1" ? foreign : messageId),
        requestIds: [`req-get-${id}`],
      }),
      moveMessage: async () => {
        throw graphError.throttled("req-429", 1);
      },
    });
    assert.equal((await workTarget(deps(second.graph, at(5000)), await claim(at(4000)))).kind, "released");
    assert.deepEqual(
      (await getJob(db, job.id)).targets[0]!.copies.map((c) => [c.copyId, c.state]),
      [
        ["AAMk-1-1", "failed"],
        ["AAMk-1-2", "acting"],
      ]
    );
    // Attempt 3: Graph answers everything; the foreign item must still not be touched.
    const third = fakeGraph({
      getCopy: async (_mailbox, id) => ({
        value: graphCopy(id, id === "AAMk-1-1" ? foreign : messageId),
        requestIds: [`req-get-${id}`],
      }),
      moveMessage: async (_mailbox, id) => ({ id: `RI:${id}`, requestId: `req-move-${id}` }),
    });
    await workTarget(deps(third.graph, at(8000)), await claim(at(7000)));
    assert.deepEqual(
      third.calls.filter((c) => c.method === "moveMessage").map((c) => c.args[1]),
      ["AAMk-1-2"]
    );
    assert.equal((await getJob(db, job.id)).targets[0]!.copies[0]!.state, "failed");
  });

  it("a copy throttled (Retry-After 30 s), then the worker stops → target not claimable before Retry-After", async () => {
    await queuedJob(db, { count: 1, copies: 2 });
    let stopping = false;
    const { graph } = fakeGraph({
      moveMessage: async () => {
        stopping = true; // the worker is told to stop while this call is out
        throw graphError.throttled("req-429", 30);
      },
    });
    const result = await workTarget(
      deps(graph, at(2000), { copiesAtOnce: 1, stopping: () => stopping }),
      await claim(at(1000))
    );
    assert.equal(result.kind, "released");
    assert.ok(result.kind === "released" && result.retryAt.getTime() >= at(32_000).getTime());
    assert.equal(await claimTarget(db, { workerId: "w2", leaseMs, now: at(2000) }), undefined);
  });

  it("stopping before start → target released at once for any worker, no Graph call, copies left in flight for a check", async () => {
    const job = await queuedJob(db, { count: 1, copies: 2 });
    const { graph, calls } = fakeGraph({});
    const result = await workTarget(deps(graph, at(2000), { stopping: () => true }), await claim(at(1000)));
    assert.deepEqual(result, { kind: "released", retryAt: at(2000), error: "The worker stopped." });
    assert.deepEqual(calls, []);
    const [target] = (await getJob(db, job.id)).targets;
    assert.deepEqual(
      [target!.status, target!.leaseOwner, target!.nextAttemptAt?.toISOString(), target!.lastError],
      ["pending", null, at(2000).toISOString(), "The worker stopped."]
    );
    // The claim marked them in flight; not knowing that no call was made, the next worker checks them.
    assert.deepEqual(
      target!.copies.map((c) => c.state),
      ["acting", "acting"]
    );
    const again = await claim(at(2000), "w2");
    assert.equal(again.attempts, 2);
    assert.ok(again.copies.every((c) => c.needsRecheck));
  });

  it("less than a third of the lease left → no Graph call; the target released at once", async () => {
    const job = await queuedJob(db, { count: 1 });
    const { graph, calls } = fakeGraph({});
    const result = await workTarget(deps(graph, at(1000 + (2 * leaseMs) / 3)), await claim(at(1000)));
    assert.deepEqual(result, {
      kind: "released",
      retryAt: at(1000 + (2 * leaseMs) / 3),
      error: "The worker's lease ran out.",
    });
    assert.deepEqual(calls, []);
    const [target] = (await getJob(db, job.id)).targets;
    assert.deepEqual(
      [target!.status, target!.leaseOwner, target!.copies[0]!.state],
      ["pending", null, "acting"]
    );
  });

  it("another worker took the target over meanwhile → leaseLost, no Graph call, nothing recorded", async () => {
    const job = await queuedJob(db, { count: 1 });
    const stale = await claim(at(1000));
    const current = await claim(at(1000 + leaseMs), "w2");
    const { graph, calls } = fakeGraph({});
    const result = await workTarget(deps(graph, at(1000 + leaseMs)), stale);
    assert.deepEqual(result, { kind: "leaseLost" });
    assert.deepEqual(calls, []);
    const [target] = (await getJob(db, job.id)).targets;
    assert.deepEqual([target!.status, target!.leaseOwner], ["running", current.leaseOwner]);
  });

  it("hard → each copy purged (one already gone), target done/purged, job completed", async () => {
    const job = await queuedJob(db, { count: 1, copies: 2, mode: "hard" });
    const { graph, calls } = fakeGraph({
      permanentDelete: async (_mailbox, id) => ({ gone: id === "AAMk-1-2", requestId: `req-purge-${id}` }),
    });
    const claimed = await claim(at(1000));
    assert.equal(claimed.mode, "hard");
    const result = await workTarget(deps(graph, at(2000)), claimed);
    assert.deepEqual(result.kind === "finished" && [result.status, result.jobFinished, result.job.status], [
      "done",
      true,
      "completed",
    ]);
    assert.deepEqual(calls.map((c) => [c.method, ...c.args]).sort(), [
      ["permanentDelete", "user1@contoso.com", "AAMk-1-1"],
      ["permanentDelete", "user1@contoso.com", "AAMk-1-2"],
    ]);
    const [target] = (await getJob(db, job.id)).targets;
    assert.equal(target!.outcome, "purged");
    assert.deepEqual(
      target!.copies.map((c) => [c.state, c.newId, c.requestIds]),
      [
        ["done", null, ["req-purge-AAMk-1-1"]],
        ["gone", null, ["req-purge-AAMk-1-2"]],
      ]
    );
  });

  it("undo phase (after startUndo) → copies moved back to their folders, target restored, job undone", async () => {
    const job = await queuedJob(db, { count: 1, copies: 2 });
    await settle(db, await claim(at(1000)), { now: at(2000), status: "done", outcome: "softDeleted" });
    await startUndo(db, { jobId: job.id, requester: bob, now: at(10 * minute) });

    const claimed = await claim(at(11 * minute));
    assert.equal(claimed.phase, "undo");
    const { graph, calls } = fakeGraph({
      moveMessage: async (_mailbox, id, folder) => ({ id: `${folder}:${id}`, requestId: `req-back-${id}` }),
    });
    const result = await workTarget(deps(graph, at(11 * minute + 1000)), claimed);
    assert.deepEqual(result.kind === "finished" && [result.status, result.jobFinished, result.job.status], [
      "restored",
      true,
      "undone",
    ]);
    assert.deepEqual(calls.map((c) => [c.method, ...c.args]).sort(), [
      ["moveMessage", "user1@contoso.com", "AAMk-1-1-done", "inbox-1"],
      ["moveMessage", "user1@contoso.com", "AAMk-1-2-done", "inbox-1"],
    ]);
    const [target] = (await getJob(db, job.id)).targets;
    assert.deepEqual(
      [target!.status, target!.outcome, target!.undoOutcome],
      ["restored", "softDeleted", "restored"]
    );
    assert.deepEqual(
      target!.copies.map((c) => [c.state, c.newId, c.restoredId]),
      [
        ["restored", "AAMk-1-1-done", "inbox-1:AAMk-1-1-done"],
        ["restored", "AAMk-1-2-done", "inbox-1:AAMk-1-2-done"],
      ]
    );
  });

  it("undo, the original folder gone → restored to the Inbox, the note in the target's outcome", async () => {
    const job = await queuedJob(db, { count: 1 });
    await settle(db, await claim(at(1000)), { now: at(2000), status: "done" });
    await startUndo(db, { jobId: job.id, requester: bob, now: at(10 * minute) });
    const { graph } = fakeGraph({
      moveMessage: async (_mailbox, id, folder) => {
        if (folder === "inbox-1") throw graphError.notFound("req-404");
        return { id: `${folder}:${id}`, requestId: "req-inbox" };
      },
      getCopy: async (_mailbox, id) => ({ value: graphCopy(id, messageId), requestIds: ["req-get"] }),
    });
    const result = await workTarget(deps(graph, at(11 * minute + 1000)), await claim(at(11 * minute)));
    assert.equal(result.kind === "finished" && result.job.status, "undone");
    const [target] = (await getJob(db, job.id)).targets;
    assert.equal(
      target!.undoOutcome,
      "restored (Its original folder no longer exists, so it was restored to the Inbox.)"
    );
    assert.deepEqual(
      target!.copies.map((c) => [c.state, c.restoredId]),
      [["restored", "inbox:AAMk-1-1-done"]]
    );
  });

  it("undo, a copy purged meanwhile → restoreFailed target, job undoneWithFailures", async () => {
    const job = await queuedJob(db, { count: 1 });
    await settle(db, await claim(at(1000)), { now: at(2000), status: "done" });
    await startUndo(db, { jobId: job.id, requester: bob, now: at(10 * minute) });
    const { graph } = fakeGraph({
      moveMessage: async () => {
        throw graphError.notFound("req-404");
      },
      getCopy: async () => ({ value: null, requestIds: ["req-get"] }),
      findCopies: async () => ({ value: [], requestIds: ["req-find"] }),
    });
    const result = await workTarget(deps(graph, at(11 * minute + 1000)), await claim(at(11 * minute)));
    assert.deepEqual(result.kind === "finished" && [result.status, result.job.status], [
      "restoreFailed",
      "undoneWithFailures",
    ]);
    const [target] = (await getJob(db, job.id)).targets;
    assert.equal(target!.undoOutcome, "1 of 1 copies could not be restored");
    assert.match(target!.lastError ?? "", /no longer in Recoverable Items/);
    assert.equal(target!.copies[0]!.state, "restoreFailed");
  });
});

describe("targetOutcome", () => {
  it("retract, soft, done and gone → done/softDeleted", () => {
    assert.deepEqual(targetOutcome("retract", "soft", ["done", "gone"]), {
      status: "done",
      outcome: "softDeleted",
    });
  });

  it("retract, hard, done → done/purged", () => {
    assert.deepEqual(targetOutcome("retract", "hard", ["done", "done"]), {
      status: "done",
      outcome: "purged",
    });
  });

  it("retract, every copy gone → done/alreadyGone", () => {
    assert.deepEqual(targetOutcome("retract", "soft", ["gone", "gone"]), {
      status: "done",
      outcome: "alreadyGone",
    });
    assert.deepEqual(targetOutcome("retract", "hard", ["gone"]), { status: "done", outcome: "alreadyGone" });
  });

  it("retract, some failed → failed, counting the copies not done or gone", () => {
    assert.deepEqual(targetOutcome("retract", "soft", ["done", "failed", "failed"]), {
      status: "failed",
      outcome: "2 of 3 copies could not be retracted",
    });
    assert.deepEqual(targetOutcome("retract", "hard", ["gone", "pending"]), {
      status: "failed",
      outcome: "1 of 2 copies could not be retracted",
    });
  });

  it("undo, restored (copies gone or never moved do not count against it) → restored", () => {
    assert.deepEqual(targetOutcome("undo", "soft", ["restored", "gone", "failed"]), {
      status: "restored",
      outcome: "restored",
    });
  });

  it("undo, some restoreFailed → restoreFailed with the count", () => {
    assert.deepEqual(targetOutcome("undo", "soft", ["restored", "restoreFailed"]), {
      status: "restoreFailed",
      outcome: "1 of 2 copies could not be restored",
    });
  });
});
