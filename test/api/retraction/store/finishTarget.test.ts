// Recording results on both engines: each copy's result must follow its state (in flight since the
// claim) and suit the phase and mode, each target ends once with its outcome, request ids and audit record, and the last one ends the job with the
// right status and its own record; the chain verifies and the audit view finds it all by message.
import assert from "node:assert/strict";
import { listAudit } from "../../../../api/src/audit/listAudit.js";
import { verifyAuditChain } from "../../../../api/src/audit/verifyAuditChain.js";
import type { Database } from "../../../../api/src/db/database.js";
import { openDatabase } from "../../../../api/src/db/openDatabase.js";
import { AppError } from "../../../../api/src/errors.js";
import { claimTarget } from "../../../../api/src/retraction/store/claimTarget.js";
import { finishTarget } from "../../../../api/src/retraction/store/finishTarget.js";
import { getJob } from "../../../../api/src/retraction/store/getJob.js";
import type { ClaimedTarget } from "../../../../api/src/retraction/store/jobTypes.js";
import { listJobs } from "../../../../api/src/retraction/store/listJobs.js";
import type { CopyResultInput } from "../../../../api/src/retraction/store/copyResults.js";
import type { FinishStatus } from "../../../../api/src/retraction/store/jobStates.js";
import { releaseTarget } from "../../../../api/src/retraction/store/releaseTarget.js";
import { describeEachDatabase } from "../../../support/testDatabases.js";
import {
  at,
  auditActions,
  clearJobs,
  finishing,
  messageId,
  minute,
  queuedJob,
  settle,
} from "./storeFixtures.js";

const invalidState = (message?: RegExp) => (err: unknown) =>
  err instanceof AppError &&
  err.status === 409 &&
  err.code === "INVALID_STATE" &&
  (!message || message.test(err.message));

describeEachDatabase("retraction store: finishTarget", (current, kind) => {
  let db: Database;
  before(() => (db = current().db));
  beforeEach(() => clearJobs(db));

  /** Claims every target of the (only) job, in mailbox order. */
  async function claimAll(now = at(0)): Promise<ClaimedTarget[]> {
    const claimed: ClaimedTarget[] = [];
    for (;;) {
      const target = await claimTarget(db, { workerId: `w${claimed.length + 1}`, leaseMs: 10 * minute, now });
      if (!target) return claimed.sort((a, b) => a.mailbox.localeCompare(b.mailbox));
      claimed.push(target);
    }
  }

  it("done, failed and skipped targets → completedWithFailures; one record per target and one for the job", async () => {
    const job = await queuedJob(db, { count: 3, copies: 2 });
    const [one, two, three] = await claimAll();
    const first = await settle(db, one!, {
      now: at(1000),
      results: ["done", "gone"],
      status: "done",
      outcome: "softDeleted",
    });
    assert.equal(first.jobFinished, false);
    await settle(db, two!, {
      now: at(2000),
      results: ["done", "failed"],
      status: "failed",
      outcome: "partly moved",
    });
    const last = await finishTarget(db, {
      jobId: job.id,
      mailbox: three!.mailbox,
      workerId: three!.leaseOwner,
      status: "skipped",
      copies: three!.copies.map((c) => ({
        copyId: c.copyId,
        state: "failed" as const,
        requestIds: [],
        error: "The mailbox left the app's scope.",
      })),
      outcome: "mailbox left the app's scope",
      requestIds: [],
      now: at(3000),
    });
    assert.equal(last.jobFinished, true);
    assert.equal(last.job.status, "completedWithFailures");
    assert.equal(last.job.finishedAt?.toISOString(), at(3000).toISOString());

    const detail = await getJob(db, job.id);
    assert.deepEqual(
      detail.targets.map((t) => [t.status, t.outcome, t.requestIds, t.copies.map((c) => c.state)]),
      [
        ["done", "softDeleted", ["req-user1@contoso.com"], ["done", "gone"]],
        ["failed", "partly moved", ["req-user2@contoso.com"], ["done", "failed"]],
        ["skipped", "mailbox left the app's scope", [], ["failed", "failed"]],
      ]
    );
    assert.deepEqual(
      { done: detail.counts.done, failed: detail.counts.failed, skipped: detail.counts.skipped },
      { done: 1, failed: 1, skipped: 1 }
    );
    assert.deepEqual(await auditActions(db, job.id), [
      "retraction.requested",
      "retraction.started",
      "retraction.target.done",
      "retraction.target.failed",
      "retraction.target.skipped",
      "retraction.completed",
    ]);

    const records = await listAudit(db, { limit: 50, messageId });
    const targetRecord = records.find((r) => r.action === "retraction.target.done")!;
    assert.deepEqual(targetRecord.subject, {
      internetMessageId: messageId,
      jobId: job.id,
      mailbox: "user1@contoso.com",
    });
    assert.deepEqual(targetRecord.actor, {
      tenantId: job.tenantId,
      objectId: "oid-alice",
      upn: "alice@contoso.com",
    });
    assert.equal(targetRecord.details.outcome, "softDeleted");
    assert.deepEqual(targetRecord.details.requestIds, ["req-user1@contoso.com"]);
    assert.deepEqual(targetRecord.details.copies, [
      {
        copyId: "AAMk-1-1",
        internetMessageId: messageId,
        state: "done",
        originalFolderId: "inbox-1",
        newId: "AAMk-1-1-done",
        requestIds: ["req-AAMk-1-1-done"],
      },
      {
        copyId: "AAMk-1-2",
        internetMessageId: messageId,
        state: "gone",
        originalFolderId: "inbox-1",
        requestIds: ["req-AAMk-1-2-gone"],
      },
    ]);
    const completed = records.find((r) => r.action === "retraction.completed")!;
    assert.equal(completed.details.status, "completedWithFailures");
    assert.deepEqual(
      [
        (completed.details.counts as Record<string, number>).done,
        (completed.details.counts as Record<string, number>).failed,
      ],
      [1, 1]
    );
    const verification = await verifyAuditChain(db);
    assert.equal(verification.ok, true);

    const [summary] = await listJobs(db, { internetMessageId: messageId });
    assert.equal(summary!.status, "completedWithFailures");
    assert.deepEqual([summary!.counts.done, summary!.counts.failed, summary!.counts.skipped], [1, 1, 1]);
  });

  it("every target done (copies already gone count as done) → completed", async () => {
    await queuedJob(db, { count: 2 });
    const [one, two] = await claimAll();
    await settle(db, one!, { now: at(1000), result: "gone", status: "done" });
    const { job } = await settle(db, two!, { now: at(2000), result: "done", status: "done" });
    assert.equal(job.status, "completed");
  });

  it("every target failed → failed", async () => {
    await queuedJob(db, { count: 2 });
    const [one, two] = await claimAll();
    await settle(db, one!, { now: at(1000), result: "failed", status: "failed" });
    const { job } = await settle(db, two!, { now: at(2000), result: "failed", status: "failed" });
    assert.equal(job.status, "failed");
  });

  it(`the last two targets finished at once${kind === "postgres" ? " on two API instances" : ""} → the job ends exactly once`, async () => {
    const job = await queuedJob(db, { count: 2 });
    const other = kind === "postgres" ? await openDatabase(current().settings) : db;
    try {
      const [one, two] = await claimAll();
      const finish = (claimed: ClaimedTarget, on: Database) =>
        finishTarget(on, {
          jobId: claimed.jobId,
          mailbox: claimed.mailbox,
          workerId: claimed.leaseOwner,
          status: "done",
          copies: [{ copyId: claimed.copies[0]!.copyId, state: "gone", requestIds: [] }],
          outcome: "alreadyGone",
          requestIds: [],
          now: at(2000),
        });
      const results = await Promise.all([finish(one!, db), finish(two!, other)]);
      assert.deepEqual(results.map((r) => r.jobFinished).sort(), [false, true]);
      assert.deepEqual(
        (await auditActions(db, job.id)).filter((a) => a === "retraction.completed"),
        ["retraction.completed"]
      );
    } finally {
      if (other !== db) await other.close();
    }
  });

  it("finish without a result for a copy in flight → 409 INVALID_STATE; the status must agree with the results", async () => {
    const job = await queuedJob(db, { count: 1 });
    const [claimed] = await claimAll();
    const key = { jobId: job.id, mailbox: claimed!.mailbox, workerId: claimed!.leaseOwner };
    const failed = {
      copyId: claimed!.copies[0]!.copyId,
      state: "failed" as const,
      requestIds: ["r1"],
      error: "timeout",
    };
    await assert.rejects(
      finishTarget(db, {
        ...key,
        status: "failed",
        copies: [],
        outcome: "gave up",
        requestIds: [],
        now: at(2000),
      }),
      invalidState(/1 copy is still in flight; record its result first/)
    );
    await assert.rejects(
      finishTarget(db, {
        ...key,
        status: "done",
        copies: [failed],
        outcome: "softDeleted",
        requestIds: [],
        now: at(4000),
      }),
      invalidState(/cannot be done while 1 copy is failed/)
    );
    const { target } = await finishTarget(db, {
      ...key,
      status: "failed",
      copies: [failed],
      outcome: "gave up",
      error: "timeout",
      requestIds: [],
      now: at(5000),
    });
    assert.equal(target.status, "failed");
    assert.equal(target.lastError, "timeout");
    assert.deepEqual(
      target.copies.map((c) => [c.state, c.lastError, c.requestIds]),
      [["failed", "timeout", ["r1"]]]
    );
  });

  it("a finished target → finishing it again is refused (one final state per target)", async () => {
    const job = await queuedJob(db, { count: 2 });
    const [claimed] = await claimAll();
    await settle(db, claimed!, { now: at(1000), status: "done" });
    await assert.rejects(
      finishTarget(db, {
        jobId: job.id,
        mailbox: claimed!.mailbox,
        workerId: claimed!.leaseOwner,
        status: "failed",
        copies: [],
        outcome: "again",
        requestIds: [],
        now: at(2000),
      }),
      (err) => err instanceof AppError && err.code === "LEASE_LOST" && /no worker holds it/.test(err.message)
    );
  });

  it("a result for a copy no longer in flight, or an undo result while retracting → 409 INVALID_STATE, nothing written", async () => {
    const job = await queuedJob(db, { count: 1, copies: 2 });
    const [first] = await claimAll();
    const [moved, other] = first!.copies;
    const key = { jobId: job.id, mailbox: first!.mailbox };
    await releaseTarget(db, {
      ...key,
      workerId: first!.leaseOwner,
      copies: [{ copyId: moved!.copyId, state: "done", newId: "recoverable-1", requestIds: [] }],
      retryAt: at(1000),
      error: "429",
      now: at(500),
    });
    const again = (await claimTarget(db, { workerId: "w9", leaseMs: minute, now: at(1000) }))!;
    const finish = (copies: CopyResultInput[], status: FinishStatus = "done") =>
      finishTarget(db, {
        ...key,
        workerId: "w9",
        status,
        copies,
        outcome: "x",
        requestIds: [],
        now: at(1001),
      });
    const otherDone = {
      copyId: other!.copyId,
      state: "done" as const,
      newId: "recoverable-2",
      requestIds: [],
    };
    await assert.rejects(
      finish([{ copyId: moved!.copyId, state: "gone", requestIds: [] }, otherDone]),
      invalidState(/A copy that is done cannot become gone/)
    );
    await assert.rejects(
      finish([{ ...otherDone, state: "restored" }]),
      invalidState(/cannot be restored while retracting/)
    );
    await assert.rejects(
      finish([otherDone], "restored"),
      invalidState(/cannot end restored while retracting/)
    );
    assert.deepEqual(
      (await getJob(db, job.id)).targets[0]!.copies.map((c) => c.state),
      ["done", "acting"]
    );
    assert.equal(again.attempts, 2);
  });

  it("unknown copy → 404 RETRACTION_COPY_NOT_FOUND; unknown target → 404 RETRACTION_TARGET_NOT_FOUND", async () => {
    const job = await queuedJob(db, { count: 1 });
    const [claimed] = await claimAll();
    await assert.rejects(
      finishTarget(db, {
        ...finishing(claimed!),
        copies: [{ copyId: "nope", state: "gone", requestIds: [] }],
      }),
      (err) => err instanceof AppError && err.status === 404 && err.code === "RETRACTION_COPY_NOT_FOUND"
    );
    await assert.rejects(
      finishTarget(db, { ...finishing(claimed!), jobId: job.id, mailbox: "nobody@contoso.com" }),
      (err) => err instanceof AppError && err.status === 404 && err.code === "RETRACTION_TARGET_NOT_FOUND"
    );
    await assert.rejects(
      finishTarget(db, { ...finishing(claimed!), jobId: "not-a-job" }),
      (err) => err instanceof AppError && err.status === 404 && err.code === "RETRACTION_TARGET_NOT_FOUND"
    );
  });

  it("soft done without the copy's new id, hard done with one → refused (undo needs the id; a purge has none)", async () => {
    await queuedJob(db, { count: 1 });
    const [claimed] = await claimAll();
    const copyId = claimed!.copies[0]!.copyId;
    await assert.rejects(
      finishTarget(db, { ...finishing(claimed!), copies: [{ copyId, state: "done", requestIds: [] }] }),
      invalidState(/A done copy of a soft retraction needs its new id/)
    );

    await clearJobs(db);
    await queuedJob(db, { count: 1, mode: "hard" });
    const [purging] = await claimAll();
    const purged = { copyId: purging!.copies[0]!.copyId, state: "done" as const, requestIds: ["purge-1"] };
    await assert.rejects(
      finishTarget(db, { ...finishing(purging!), copies: [{ ...purged, newId: "x" }] }),
      invalidState(/A done copy of a hard retraction has no new id/)
    );
    const { target } = await finishTarget(db, { ...finishing(purging!), copies: [purged] });
    assert.deepEqual(
      target.copies.map((c) => [c.state, c.newId, c.requestIds]),
      [["done", null, ["purge-1"]]]
    );
  });
});
