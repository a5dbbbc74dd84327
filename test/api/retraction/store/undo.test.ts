// Undoing a soft retraction on both engines: only finished soft jobs, only targets with a moved copy,
// the moves back carried out in the name of whoever asked, each target and the undo audited; failures
// can be retried by undoing again; hard retractions cannot be undone.
import assert from "node:assert/strict";
import { verifyAuditChain } from "../../../../api/src/audit/verifyAuditChain.js";
import type { Database } from "../../../../api/src/db/database.js";
import { AppError } from "../../../../api/src/errors.js";
import { claimTarget } from "../../../../api/src/retraction/store/claimTarget.js";
import { finishTarget } from "../../../../api/src/retraction/store/finishTarget.js";
import { getJob } from "../../../../api/src/retraction/store/getJob.js";
import type { ClaimedTarget, RetractionJob } from "../../../../api/src/retraction/store/jobTypes.js";
import type { CopyResultInput } from "../../../../api/src/retraction/store/copyResults.js";
import { startUndo } from "../../../../api/src/retraction/store/startUndo.js";
import { describeEachDatabase } from "../../../support/testDatabases.js";
import { at, auditActions, bob, clearJobs, dave, minute, queuedJob, settle } from "./storeFixtures.js";

const refused = (status: number, code: string, message?: RegExp) => (err: unknown) =>
  err instanceof AppError &&
  err.status === status &&
  err.code === code &&
  (!message || message.test(err.message));

describeEachDatabase("retraction store: undo", (current) => {
  let db: Database;
  before(() => (db = current().db));
  beforeEach(() => clearJobs(db));

  async function claimAll(now: Date): Promise<ClaimedTarget[]> {
    const claimed: ClaimedTarget[] = [];
    for (;;) {
      const target = await claimTarget(db, { workerId: `w${claimed.length + 1}`, leaseMs: 10 * minute, now });
      if (!target) return claimed.sort((a, b) => a.mailbox.localeCompare(b.mailbox));
      claimed.push(target);
    }
  }

  /**
   * A soft job of three targets: user1 moved, user2 already gone, user3 failed after moving one of its
   * two copies. It ends completedWithFailures.
   */
  async function finishedSoftJob(): Promise<RetractionJob> {
    await queuedJob(db, { count: 3, copies: 2 });
    const [one, two, three] = await claimAll(at(0));
    await settle(db, one!, { now: at(1000), result: "done", status: "done", outcome: "softDeleted" });
    await settle(db, two!, { now: at(2000), result: "gone", status: "done", outcome: "alreadyGone" });
    const { job: finished } = await settle(db, three!, {
      now: at(3000),
      results: ["done", "failed"],
      status: "failed",
      outcome: "partly moved",
    });
    assert.equal(finished.status, "completedWithFailures");
    return finished;
  }

  it("startUndo on a finished soft job → undoing; only targets with a moved copy are restoring; audited under the asker", async () => {
    const job = await finishedSoftJob();
    const undoing = await startUndo(db, { jobId: job.id, requester: bob, now: at(10 * minute) });
    assert.equal(undoing.status, "undoing");
    assert.deepEqual(undoing.undo, {
      requestedBy: { objectId: "oid-bob", upn: "bob@contoso.com" },
      startedAt: at(10 * minute),
      finishedAt: null,
    });
    const detail = await getJob(db, job.id);
    assert.deepEqual(
      detail.targets.map((t) => [t.mailbox, t.status, t.outcome]),
      [
        ["user1@contoso.com", "restoring", "softDeleted"],
        ["user2@contoso.com", "done", "alreadyGone"],
        ["user3@contoso.com", "restoring", "partly moved"],
      ]
    );
    const [record] = await db.query<{
      actor_object_id: string;
      details: { targets: string[]; copyCount: number };
    }>(
      "SELECT actor_object_id, details FROM audit_log WHERE action = 'retraction.undoRequested' AND subject ->> 'jobId' = $1",
      [job.id]
    );
    assert.equal(record!.actor_object_id, "oid-bob");
    assert.deepEqual(record!.details.targets, ["user1@contoso.com", "user3@contoso.com"]);
    assert.equal(record!.details.copyCount, 3);
  });

  it("undo work → claimed in the undo phase for the asker; copies moved back; job undone; retraction outcomes kept", async () => {
    const job = await finishedSoftJob();
    await startUndo(db, { jobId: job.id, requester: bob, now: at(10 * minute) });
    const [one, three] = await claimAll(at(11 * minute));
    assert.deepEqual(
      [one!.phase, one!.status, one!.attempts, one!.onBehalfOf.objectId],
      ["undo", "restoring", 1, "oid-bob"]
    );
    assert.deepEqual(
      three!.copies.map((c) => [c.state, c.newId]),
      [
        ["done", "AAMk-3-1-done"],
        ["failed", null],
      ]
    );
    await settle(db, one!, {
      now: at(12 * minute),
      result: "restored",
      status: "restored",
      outcome: "restored",
    });
    // user3: only the moved copy goes back (the claim marked it in flight); the one never moved stays as it was.
    const [movedBack, neverMoved] = three!.copies;
    assert.deepEqual(
      (await getJob(db, job.id)).targets
        .find((t) => t.mailbox === three!.mailbox)!
        .copies.map((c) => c.state),
      ["restoring", "failed"]
    );
    const key = { jobId: job.id, mailbox: three!.mailbox, workerId: three!.leaseOwner };
    const finishThree = (copies: CopyResultInput[]) =>
      finishTarget(db, {
        ...key,
        status: "restored",
        copies,
        outcome: "restored",
        requestIds: [],
        now: at(13 * minute),
      });
    const back = {
      copyId: movedBack!.copyId,
      state: "restored" as const,
      newId: "AAMk-3-1-back",
      requestIds: ["move-back-3"],
    };
    await assert.rejects(
      finishThree([back, { copyId: neverMoved!.copyId, state: "restored", newId: "x", requestIds: [] }]),
      refused(409, "INVALID_STATE", /A copy that is failed cannot become restored/)
    );
    const last = await finishThree([back]);
    assert.equal(last.jobFinished, true);
    assert.equal(last.job.status, "undone");
    assert.equal(last.job.undo?.finishedAt?.toISOString(), at(13 * minute).toISOString());

    const detail = await getJob(db, job.id);
    const user3 = detail.targets.find((t) => t.mailbox === "user3@contoso.com")!;
    assert.deepEqual(
      [
        user3.status,
        user3.outcome,
        user3.undoOutcome,
        user3.copies.map((c) => [c.state, c.newId, c.restoredId]),
      ],
      [
        "restored",
        "partly moved",
        "restored",
        [
          ["restored", "AAMk-3-1-done", "AAMk-3-1-back"],
          ["failed", null, null],
        ],
      ]
    );
    assert.deepEqual((await auditActions(db, job.id)).slice(-4), [
      "retraction.undoRequested",
      "retraction.target.restored",
      "retraction.target.restored",
      "retraction.undone",
    ]);
    const [undone] = await db.query<{ actor_object_id: string }>(
      "SELECT actor_object_id FROM audit_log WHERE action = 'retraction.undone' AND subject ->> 'jobId' = $1",
      [job.id]
    );
    assert.equal(undone!.actor_object_id, "oid-bob");
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  it("a restore that fails → undoneWithFailures; undoing again retries only what is not back → undone, then final", async () => {
    const job = await finishedSoftJob();
    await startUndo(db, { jobId: job.id, requester: bob, now: at(10 * minute) });
    const [one, three] = await claimAll(at(11 * minute));
    await settle(db, one!, { now: at(12 * minute), result: "restored", status: "restored" });
    const afterFirst = await settle(db, three!, {
      now: at(12 * minute),
      results: ["restoreFailed"],
      status: "restoreFailed",
    });
    assert.equal(afterFirst.job.status, "undoneWithFailures");

    await startUndo(db, { jobId: job.id, requester: bob, now: at(20 * minute) });
    const retried = await claimAll(at(21 * minute));
    assert.deepEqual(
      retried.map((t) => [t.mailbox, t.attempts, t.copies.map((c) => c.state)]),
      [["user3@contoso.com", 1, ["restoreFailed", "failed"]]]
    );
    const { job: undone } = await settle(db, retried[0]!, {
      now: at(22 * minute),
      results: ["restored"],
      status: "restored",
    });
    assert.equal(undone.status, "undone");
    await assert.rejects(
      startUndo(db, { jobId: job.id, requester: bob, now: at(23 * minute) }),
      refused(409, "INVALID_STATE", /is undone; only a finished soft retraction/)
    );
  });

  it("startUndo of a hard retraction → 409 INVALID_STATE: a hard retraction cannot be undone", async () => {
    const job = await queuedJob(db, { count: 1, mode: "hard" });
    const [claimed] = await claimAll(at(0));
    await settle(db, claimed!, { now: at(1000), result: "done", status: "done", outcome: "purged" });
    await assert.rejects(
      startUndo(db, { jobId: job.id, requester: bob, now: at(2000) }),
      refused(409, "INVALID_STATE", /a hard retraction, which cannot be undone/)
    );
  });

  it("startUndo of a job still running → 409 INVALID_STATE", async () => {
    const job = await queuedJob(db, { count: 2 });
    await claimAll(at(0));
    await assert.rejects(
      startUndo(db, { jobId: job.id, requester: bob, now: at(1000) }),
      refused(409, "INVALID_STATE", /is running; only a finished soft retraction/)
    );
  });

  it("startUndo when no copy was moved (all already gone) → 409 NOTHING_TO_UNDO, job unchanged", async () => {
    const job = await queuedJob(db, { count: 1 });
    const [claimed] = await claimAll(at(0));
    await settle(db, claimed!, { now: at(1000), result: "gone", status: "done" });
    await assert.rejects(
      startUndo(db, { jobId: job.id, requester: bob, now: at(2000) }),
      refused(409, "NOTHING_TO_UNDO")
    );
    assert.equal((await getJob(db, job.id)).status, "completed");
  });

  it("startUndo without Retract.Run → 403 FORBIDDEN", async () => {
    const job = await finishedSoftJob();
    await assert.rejects(
      startUndo(db, { jobId: job.id, requester: dave, now: at(10 * minute) }),
      refused(403, "FORBIDDEN")
    );
  });
});
