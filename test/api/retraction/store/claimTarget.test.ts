// Workers claiming targets on both engines: a claim starts the job once, hands each target to one
// worker only (SKIP LOCKED, also across two API instances), a lease that runs out lets another worker
// take over and shuts out the one that lost it, a released target waits for its retry time, and a
// copy left in flight by a crashed worker is handed over as needing a check.
import assert from "node:assert/strict";
import type { Database } from "../../../../api/src/db/database.js";
import { openDatabase } from "../../../../api/src/db/openDatabase.js";
import { AppError } from "../../../../api/src/errors.js";
import { claimTarget } from "../../../../api/src/retraction/store/claimTarget.js";
import { finishTarget } from "../../../../api/src/retraction/store/finishTarget.js";
import { getJob } from "../../../../api/src/retraction/store/getJob.js";
import type { ClaimedTarget } from "../../../../api/src/retraction/store/jobTypes.js";
import { markCopyActing } from "../../../../api/src/retraction/store/markCopyActing.js";
import { markCopyResult } from "../../../../api/src/retraction/store/markCopyResult.js";
import { releaseTarget } from "../../../../api/src/retraction/store/releaseTarget.js";
import { renewLease } from "../../../../api/src/retraction/store/renewLease.js";
import { describeEachDatabase } from "../../../support/testDatabases.js";
import { at, auditActions, clearJobs, minute, queuedJob, settle, t0 } from "./storeFixtures.js";

const leaseLost = (err: unknown) =>
  err instanceof AppError && err.status === 409 && err.code === "LEASE_LOST";

describeEachDatabase("retraction store: claimTarget", (current, kind) => {
  let db: Database;
  before(() => (db = current().db));
  beforeEach(() => clearJobs(db));

  const claim = (workerId: string, now: Date, leaseMs = minute, on: Database = db) =>
    claimTarget(on, { workerId, leaseMs, now });

  it("nothing to do → undefined", async () => {
    assert.equal(await claim("w1", t0), undefined);
  });

  it("first claim on a queued job → target running with a lease, job running once, audited once", async () => {
    const job = await queuedJob(db, { count: 2, copies: 2 });
    const first = await claim("w1", at(1000), 30_000);
    assert.equal(first?.jobId, job.id);
    assert.equal(first.status, "running");
    assert.equal(first.attempts, 1);
    assert.equal(first.leaseOwner, "w1");
    assert.equal(first.leaseUntil.toISOString(), at(31_000).toISOString());
    assert.equal(first.phase, "retract");
    assert.equal(first.mode, "soft");
    assert.equal(first.internetMessageId, job.internetMessageId);
    assert.deepEqual(first.onBehalfOf, {
      tenantId: job.tenantId,
      objectId: "oid-alice",
      upn: "alice@contoso.com",
    });
    assert.deepEqual(
      first.copies.map((c) => [c.state, c.needsRecheck]),
      [
        ["pending", false],
        ["pending", false],
      ]
    );
    const second = await claim("w2", at(2000));
    assert.notEqual(second?.mailbox, first.mailbox);
    assert.equal(await claim("w3", at(3000)), undefined);
    const detail = await getJob(db, job.id);
    assert.equal(detail.status, "running");
    assert.equal(detail.startedAt?.toISOString(), at(1000).toISOString());
    assert.deepEqual(await auditActions(db, job.id), ["retraction.requested", "retraction.started"]);
  });

  if (kind === "postgres") {
    it("a target locked by another connection → skipped without waiting, the next one claimed", async () => {
      await queuedJob(db, { count: 2 });
      const other = await openDatabase(current().settings);
      try {
        await other.transaction(async (tx) => {
          await tx.query("SELECT 1 FROM retraction_targets WHERE mailbox = 'user1@contoso.com' FOR UPDATE");
          const claimed = await claim("w1", at(1000));
          assert.equal(claimed?.mailbox, "user2@contoso.com");
          assert.equal(await claim("w2", at(1000)), undefined);
        });
      } finally {
        await other.close();
      }
    });
  }

  it(`40 workers claiming at once${kind === "postgres" ? " on two API instances" : ""} → every target claimed exactly once`, async () => {
    const job = await queuedJob(db, { count: 30 });
    const other = kind === "postgres" ? await openDatabase(current().settings) : db;
    try {
      const claimed: ClaimedTarget[] = [];
      await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          for (;;) {
            const target = await claim(`w${i}`, at(1000), minute, i % 2 === 0 ? db : other);
            if (!target) return;
            claimed.push(target);
          }
        })
      );
      const mailboxes = claimed.map((t) => t.mailbox);
      assert.equal(mailboxes.length, 30);
      assert.equal(new Set(mailboxes).size, 30);
      assert.ok(claimed.every((t) => t.attempts === 1));
      assert.deepEqual(await auditActions(db, job.id), ["retraction.requested", "retraction.started"]);
    } finally {
      if (other !== db) await other.close();
    }
  });

  it("lease runs out → another worker takes the target over (attempt 2); the first is shut out", async () => {
    const job = await queuedJob(db, { count: 1 });
    const first = (await claim("w1", at(0), minute))!;
    assert.equal(await claim("w2", at(minute - 1)), undefined);
    const second = (await claim("w2", at(minute)))!;
    assert.equal(second.mailbox, first.mailbox);
    assert.equal(second.attempts, 2);
    assert.equal(second.leaseOwner, "w2");
    const key = { jobId: job.id, mailbox: first.mailbox };
    const copyId = first.copies[0]!.copyId;
    await assert.rejects(
      markCopyActing(db, { ...key, copyIds: [copyId], workerId: "w1", now: at(minute) }),
      leaseLost
    );
    await assert.rejects(
      markCopyResult(db, { ...key, copyId, workerId: "w1", state: "gone", requestIds: [], now: at(minute) }),
      leaseLost
    );
    await assert.rejects(
      finishTarget(db, {
        ...key,
        workerId: "w1",
        status: "failed",
        outcome: "x",
        requestIds: [],
        now: at(minute),
      }),
      (err) => leaseLost(err) && /another worker claimed it/.test((err as Error).message)
    );
    await assert.rejects(
      releaseTarget(db, { ...key, workerId: "w1", retryAt: at(2 * minute), error: "x", now: at(minute) }),
      leaseLost
    );
    const { target } = await settle(db, second, { now: at(minute + 1), status: "done" });
    assert.equal(target.status, "done");
  });

  it("lease ran out but nobody claimed → no new work (acting, renewing), but results may still be recorded", async () => {
    const job = await queuedJob(db, { count: 1 });
    const claimed = (await claim("w1", at(0), minute))!;
    const key = { jobId: job.id, mailbox: claimed.mailbox };
    const copyId = claimed.copies[0]!.copyId;
    await markCopyActing(db, { ...key, copyIds: [copyId], workerId: "w1", now: at(1000) });
    await assert.rejects(
      markCopyActing(db, { ...key, copyIds: [copyId], workerId: "w1", now: at(minute) }),
      (err) => leaseLost(err) && /ran out at 2025-06-02T09:01:00\.000Z/.test((err as Error).message)
    );
    await assert.rejects(
      renewLease(db, { ...key, workerId: "w1", leaseMs: minute, now: at(minute) }),
      leaseLost
    );
    await markCopyResult(db, {
      ...key,
      copyId,
      workerId: "w1",
      state: "gone",
      requestIds: ["r1"],
      now: at(minute + 5),
    });
    const { target } = await finishTarget(db, {
      ...key,
      workerId: "w1",
      status: "done",
      outcome: "alreadyGone",
      requestIds: [],
      now: at(minute + 6),
    });
    assert.equal(target.status, "done");
    assert.equal(target.leaseOwner, null);
  });

  it("renewLease before it runs out → the lease lasts longer, others still cannot claim", async () => {
    const job = await queuedJob(db, { count: 1 });
    const claimed = (await claim("w1", at(0), minute))!;
    const until = await renewLease(db, {
      jobId: job.id,
      mailbox: claimed.mailbox,
      workerId: "w1",
      leaseMs: minute,
      now: at(50_000),
    });
    assert.equal(until.toISOString(), at(110_000).toISOString());
    assert.equal(await claim("w2", at(minute)), undefined);
    assert.equal((await claim("w2", at(110_000)))?.attempts, 2);
  });

  it("releaseTarget → pending again until its retry time, with the error kept; then claimed as attempt 2", async () => {
    const job = await queuedJob(db, { count: 1 });
    const claimed = (await claim("w1", at(0)))!;
    const released = await releaseTarget(db, {
      jobId: job.id,
      mailbox: claimed.mailbox,
      workerId: "w1",
      retryAt: at(30_000),
      error: "429: Retry-After 30",
      now: at(1000),
    });
    assert.deepEqual(
      [released.status, released.leaseOwner, released.nextAttemptAt?.toISOString(), released.lastError],
      ["pending", null, at(30_000).toISOString(), "429: Retry-After 30"]
    );
    assert.equal(await claim("w2", at(29_999)), undefined);
    const again = (await claim("w2", at(30_000)))!;
    assert.equal(again.attempts, 2);
    assert.equal(again.status, "running");
  });

  it("worker crashed after marking a copy in flight → the next worker gets it flagged for a check, not as new", async () => {
    const job = await queuedJob(db, { count: 1, copies: 2 });
    const crashed = (await claim("w1", at(0)))!;
    const [moved, untouched] = crashed.copies;
    const key = { jobId: job.id, mailbox: crashed.mailbox };
    await markCopyActing(db, { ...key, copyIds: [moved!.copyId], workerId: "w1", now: at(1000) });
    // ... the Graph call succeeds, and w1 dies before recording it.
    const resumed = (await claim("w2", at(2 * minute)))!;
    assert.deepEqual(
      resumed.copies.map((c) => [c.copyId, c.state, c.needsRecheck]),
      [
        [moved!.copyId, "acting", true],
        [untouched!.copyId, "pending", false],
      ]
    );
    // w2 checks, finds the copy in Recoverable Items, and records it without a second move.
    await markCopyResult(db, {
      ...key,
      copyId: moved!.copyId,
      workerId: "w2",
      state: "done",
      newId: "recoverable-1",
      requestIds: ["lookup-1"],
      now: at(2 * minute + 1),
    });
    await markCopyActing(db, {
      ...key,
      copyIds: [untouched!.copyId],
      workerId: "w2",
      now: at(2 * minute + 2),
    });
    await markCopyResult(db, {
      ...key,
      copyId: untouched!.copyId,
      workerId: "w2",
      state: "done",
      newId: "recoverable-2",
      requestIds: ["move-2"],
      now: at(2 * minute + 3),
    });
    const { target } = await finishTarget(db, {
      ...key,
      workerId: "w2",
      status: "done",
      outcome: "softDeleted",
      requestIds: [],
      now: at(2 * minute + 4),
    });
    assert.deepEqual(
      target.copies.map((c) => [c.state, c.newId, c.requestIds]),
      [
        ["done", "recoverable-1", ["lookup-1"]],
        ["done", "recoverable-2", ["move-2"]],
      ]
    );
    assert.equal(target.attempts, 2);
  });

  it("targets of a finished job → never claimed again", async () => {
    await queuedJob(db, { count: 1 });
    const claimed = (await claim("w1", at(0)))!;
    await settle(db, claimed, { now: at(1000), status: "done" });
    assert.equal(await claim("w2", at(10 * minute)), undefined);
  });
});
