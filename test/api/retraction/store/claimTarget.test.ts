// Workers claiming targets on both engines: a claim starts the job once, hands each target to one
// worker only (SKIP LOCKED, also across two API instances; several workers in one claim), marks the
// copies with work in flight, a lease that runs out lets another worker take over and shuts out the
// one that lost it, a released target waits for its retry time with the results it had, and a copy
// left in flight by a crashed worker is handed over as needing a check.
import assert from "node:assert/strict";
import type { Database } from "../../../../api/src/db/database.js";
import { openDatabase } from "../../../../api/src/db/openDatabase.js";
import { AppError } from "../../../../api/src/errors.js";
import { claimTarget, claimTargets } from "../../../../api/src/retraction/store/claimTarget.js";
import { finishTarget } from "../../../../api/src/retraction/store/finishTarget.js";
import { getJob } from "../../../../api/src/retraction/store/getJob.js";
import type { ClaimedTarget } from "../../../../api/src/retraction/store/jobTypes.js";
import { releaseTarget } from "../../../../api/src/retraction/store/releaseTarget.js";
import { renewLease } from "../../../../api/src/retraction/store/renewLease.js";
import { describeEachDatabase } from "../../../support/testDatabases.js";
import { at, auditActions, clearJobs, finishing, minute, queuedJob, settle, t0 } from "./storeFixtures.js";

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

  it("claimTargets for three workers with two targets free → two targets, each leased to its own worker", async () => {
    const job = await queuedJob(db, { count: 2 });
    const claimed = await claimTargets(db, { workerIds: ["w1", "w2", "w3"], leaseMs: minute, now: at(0) });
    assert.deepEqual(
      claimed.map((t) => [t.mailbox, t.leaseOwner, t.attempts]),
      [
        ["user1@contoso.com", "w1", 1],
        ["user2@contoso.com", "w2", 1],
      ]
    );
    assert.deepEqual(await auditActions(db, job.id), ["retraction.requested", "retraction.started"]);
    assert.deepEqual(await claimTargets(db, { workerIds: ["w3"], leaseMs: minute, now: at(0) }), []);
  });

  it("claimTargets for 25 workers named in no particular order → the i-th target leased to the i-th worker, as stored", async () => {
    const job = await queuedJob(db, { count: 25 });
    const workerIds = Array.from({ length: 25 }, (_, i) => `w-${(i * 7) % 25}`);
    const claimed = await claimTargets(db, { workerIds, leaseMs: minute, now: at(0) });
    assert.deepEqual(
      claimed.map((t) => t.leaseOwner),
      workerIds
    );
    const stored = new Map((await getJob(db, job.id)).targets.map((t) => [t.mailbox, t.leaseOwner]));
    assert.ok(claimed.every((t) => stored.get(t.mailbox) === t.leaseOwner));
    await assert.rejects(
      claimTargets(db, { workerIds: ["w1", "w1"], leaseMs: minute, now: at(0) }),
      TypeError
    );
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
    assert.deepEqual(
      (await getJob(db, job.id)).targets.find((t) => t.mailbox === first.mailbox)!.copies.map((c) => c.state),
      ["acting", "acting"],
      "marked in flight by the claim, before any call"
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
    assert.deepEqual(
      second.copies.map((c) => [c.state, c.needsRecheck]),
      [["acting", true]],
      "the copy the first worker may have acted on is to be checked"
    );
    const key = { jobId: job.id, mailbox: first.mailbox };
    await assert.rejects(
      finishTarget(db, { ...finishing(first), status: "failed", outcome: "x", now: at(minute) }),
      (err) => leaseLost(err) && /another worker claimed it/.test((err as Error).message)
    );
    await assert.rejects(
      releaseTarget(db, {
        ...key,
        workerId: "w1",
        copies: [],
        retryAt: at(2 * minute),
        error: "x",
        now: at(minute),
      }),
      leaseLost
    );
    const { target } = await settle(db, second, { now: at(minute + 1), status: "done" });
    assert.equal(target.status, "done");
  });

  it("lease ran out but nobody claimed → no renewing, but the results may still be recorded", async () => {
    const job = await queuedJob(db, { count: 1 });
    const claimed = (await claim("w1", at(0), minute))!;
    const key = { jobId: job.id, mailbox: claimed.mailbox };
    await assert.rejects(
      renewLease(db, { ...key, workerId: "w1", leaseMs: minute, now: at(minute) }),
      (err) => leaseLost(err) && /ran out at 2025-06-02T09:01:00\.000Z/.test((err as Error).message)
    );
    const { target } = await finishTarget(db, {
      ...key,
      workerId: "w1",
      status: "done",
      copies: [{ copyId: claimed.copies[0]!.copyId, state: "gone", requestIds: ["r1"] }],
      outcome: "alreadyGone",
      requestIds: [],
      now: at(minute + 6),
    });
    assert.equal(target.status, "done");
    assert.equal(target.leaseOwner, null);
    assert.deepEqual(
      target.copies.map((c) => [c.state, c.requestIds]),
      [["gone", ["r1"]]]
    );
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
      copies: [],
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

  it("a release with one copy's result → that copy keeps it; the other, in flight, is handed over for a check", async () => {
    const job = await queuedJob(db, { count: 1, copies: 2 });
    const first = (await claim("w1", at(0)))!;
    const [moved, throttled] = first.copies;
    const key = { jobId: job.id, mailbox: first.mailbox };
    await releaseTarget(db, {
      ...key,
      workerId: "w1",
      copies: [{ copyId: moved!.copyId, state: "done", newId: "recoverable-1", requestIds: ["move-1"] }],
      retryAt: at(30_000),
      error: "429: Retry-After 30",
      now: at(1000),
    });
    const again = (await claim("w2", at(30_000)))!;
    assert.deepEqual(
      again.copies.map((c) => [c.copyId, c.state, c.needsRecheck]),
      [
        [moved!.copyId, "done", false],
        [throttled!.copyId, "acting", true],
      ]
    );
    // w2 checks the throttled copy, finds it not moved, moves it, and finishes.
    const { target } = await finishTarget(db, {
      ...key,
      workerId: "w2",
      status: "done",
      copies: [
        { copyId: throttled!.copyId, state: "done", newId: "recoverable-2", requestIds: ["get-2", "move-2"] },
      ],
      outcome: "softDeleted",
      requestIds: [],
      now: at(30_001),
    });
    assert.deepEqual(
      target.copies.map((c) => [c.state, c.newId, c.requestIds]),
      [
        ["done", "recoverable-1", ["move-1"]],
        ["done", "recoverable-2", ["get-2", "move-2"]],
      ]
    );
    assert.equal(target.attempts, 2);
  });

  it("a worker crashed after its claim → the next worker gets the claimed copies flagged for a check, not as new", async () => {
    const job = await queuedJob(db, { count: 1, copies: 2 });
    const crashed = (await claim("w1", at(0)))!;
    assert.ok(crashed.copies.every((c) => c.state === "pending" && !c.needsRecheck));
    // ... a Graph call may have succeeded, and w1 dies before recording it.
    const resumed = (await claim("w2", at(2 * minute)))!;
    assert.deepEqual(
      resumed.copies.map((c) => [c.state, c.needsRecheck]),
      [
        ["acting", true],
        ["acting", true],
      ]
    );
    const { target } = await settle(db, resumed, { now: at(2 * minute + 1), status: "done" });
    assert.equal(target.attempts, 2);
    assert.equal((await getJob(db, job.id)).status, "completed");
  });

  it("targets of a finished job → never claimed again", async () => {
    await queuedJob(db, { count: 1 });
    const claimed = (await claim("w1", at(0)))!;
    await settle(db, claimed, { now: at(1000), status: "done" });
    assert.equal(await claim("w2", at(10 * minute)), undefined);
  });
});
