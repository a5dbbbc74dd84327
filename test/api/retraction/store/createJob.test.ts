// Submitting a retraction on both engines: job, targets, copies and the audit "requested" record are
// stored together or not at all; the Idempotency-Key returns the same job for the same request (also
// under concurrency, from two API instances) and refuses another request; the job and a message's
// history read back.
import assert from "node:assert/strict";
import { listAudit } from "../../../../api/src/audit/listAudit.js";
import { auditHead, verifyAuditChain } from "../../../../api/src/audit/verifyAuditChain.js";
import type { Database } from "../../../../api/src/db/database.js";
import { openDatabase } from "../../../../api/src/db/openDatabase.js";
import { AppError } from "../../../../api/src/errors.js";
import { claimTarget } from "../../../../api/src/retraction/store/claimTarget.js";
import { refreshJobStatistics } from "../../../../api/src/retraction/store/createJob.js";
import { getJob } from "../../../../api/src/retraction/store/getJob.js";
import { listJobs } from "../../../../api/src/retraction/store/listJobs.js";
import { describeEachDatabase } from "../../../support/testDatabases.js";
import {
  alice,
  at,
  bob,
  clearJobs,
  createJobOf,
  freshKey,
  messageId,
  minute,
  newTargets,
  predicted,
  submit,
  t0,
  type TestJobInput,
} from "./storeFixtures.js";

const appError = (status: number, code: string) => (err: unknown) =>
  err instanceof AppError && err.status === status && err.code === code;

describeEachDatabase("retraction store: createJob", (current, kind) => {
  let db: Database;
  before(() => (db = current().db));
  beforeEach(() => clearJobs(db));

  const input = (overrides: Partial<TestJobInput> = {}): TestJobInput => {
    const targets = newTargets(2, 2);
    return {
      requester: alice,
      idempotencyKey: freshKey(),
      request: submit({ include: targets.map((t) => t.mailbox) }),
      targets,
      approvalRequired: false,
      now: t0,
      ...overrides,
    };
  };
  const jobCount = async () =>
    (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM retraction_jobs"))[0]!.n;

  it("new key → job queued with its targets and copies, created true, one audit record naming the message", async () => {
    const head = await auditHead(db);
    const { job, created } = await createJobOf(db, input());
    assert.equal(created, true);
    assert.equal(job.status, "queued");
    assert.deepEqual(job.requester, { objectId: "oid-alice", upn: "alice@contoso.com" });
    assert.equal(job.targetCount, 2);
    assert.equal(job.createdAt.toISOString(), t0.toISOString());
    const detail = await getJob(db, job.id);
    assert.deepEqual(
      detail.targets.map((t) => [
        t.mailbox,
        t.status,
        t.copies.map((c) => [c.copyId, c.state, c.originalFolderId]),
      ]),
      [
        [
          "user1@contoso.com",
          "pending",
          [
            ["AAMk-1-1", "pending", "inbox-1"],
            ["AAMk-1-2", "pending", "inbox-1"],
          ],
        ],
        [
          "user2@contoso.com",
          "pending",
          [
            ["AAMk-2-1", "pending", "inbox-2"],
            ["AAMk-2-2", "pending", "inbox-2"],
          ],
        ],
      ]
    );
    assert.deepEqual(detail.targets[0]!.why, [
      { depth: 0, internetMessageId: messageId, text: "To recipient" },
    ]);
    assert.deepEqual(detail.targets[0]!.predicted, predicted);
    assert.deepEqual(detail.counts.pending, 2);
    const [record, ...others] = await listAudit(db, { limit: 10, messageId });
    assert.equal(others.length, 0);
    assert.equal(record!.seq, head.seq + 1);
    assert.equal(record!.action, "retraction.requested");
    assert.deepEqual(record!.actor, {
      tenantId: alice.tenantId,
      objectId: "oid-alice",
      upn: "alice@contoso.com",
    });
    assert.deepEqual(record!.subject, { internetMessageId: messageId, jobId: job.id });
    assert.equal(record!.details.reason, "phishing link to a fake sign-in page");
    assert.deepEqual(record!.details.targets, ["user1@contoso.com", "user2@contoso.com"]);
    assert.equal(record!.details.copyCount, 4);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  it("same key and same request → the same job, created false, nothing more written", async () => {
    const first = input();
    const { job } = await createJobOf(db, first);
    const head = await auditHead(db);
    const again = await createJobOf(db, { ...first, now: at(5 * minute) });
    assert.equal(again.created, false);
    assert.equal(again.job.id, job.id);
    assert.deepEqual(await auditHead(db), head);
    assert.equal(await jobCount(), 1);
  });

  it("same key, include in another order and case → the same request, the same job", async () => {
    const first = input();
    const { job } = await createJobOf(db, first);
    const reordered = submit({ include: ["USER2@contoso.com", "user1@contoso.com", "user2@contoso.com"] });
    const again = await createJobOf(db, { ...first, request: reordered });
    assert.equal(again.job.id, job.id);
  });

  it("same key, another request → 422 IDEMPOTENCY_KEY_REUSED, nothing written", async () => {
    const first = input();
    await createJobOf(db, first);
    const head = await auditHead(db);
    await assert.rejects(
      createJobOf(db, { ...first, request: { ...first.request, mode: "hard" } }),
      (err) => appError(422, "IDEMPOTENCY_KEY_REUSED")(err) && /another request/.test((err as Error).message)
    );
    assert.deepEqual(await auditHead(db), head);
    assert.equal(await jobCount(), 1);
  });

  it("same key from another requester → a job of its own (keys are per person)", async () => {
    const first = input();
    const mine = await createJobOf(db, first);
    const theirs = await createJobOf(db, { ...first, requester: bob });
    assert.equal(theirs.created, true);
    assert.notEqual(theirs.job.id, mine.job.id);
  });

  it(`20 identical submits at once${kind === "postgres" ? " from two API instances" : ""} → exactly one job, every caller gets it`, async () => {
    const other = kind === "postgres" ? await openDatabase(current().settings) : db;
    try {
      const head = await auditHead(db);
      const same = input();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => createJobOf(i % 2 === 0 ? db : other, same))
      );
      assert.equal(new Set(results.map((r) => r.job.id)).size, 1);
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal(await jobCount(), 1);
      assert.equal((await auditHead(db)).seq, head.seq + 1);
    } finally {
      if (other !== db) await other.close();
    }
  });

  it("one key, two different requests at once → one job; the other caller gets 422", async () => {
    const other = kind === "postgres" ? await openDatabase(current().settings) : db;
    try {
      const soft = input();
      const hard = { ...soft, request: { ...soft.request, mode: "hard" as const } };
      const outcomes = await Promise.allSettled([createJobOf(db, soft), createJobOf(other, hard)]);
      const fulfilled = outcomes.filter((o) => o.status === "fulfilled");
      const rejected = outcomes.filter((o) => o.status === "rejected");
      assert.equal(fulfilled.length, 1);
      assert.ok(appError(422, "IDEMPOTENCY_KEY_REUSED")(rejected[0]!.reason));
      assert.equal(await jobCount(), 1);
    } finally {
      if (other !== db) await other.close();
    }
  });

  it("a target the database refuses → nothing of the job stored, no audit record (one transaction)", async () => {
    const head = await auditHead(db);
    const targets = newTargets(3);
    targets[2]!.why = [{ depth: 0, internetMessageId: messageId, text: "bad \u0000 text" }];
    await assert.rejects(createJobOf(db, input({ targets })));
    assert.equal(await jobCount(), 0);
    assert.deepEqual(await auditHead(db), head);
  });

  it("2,500 targets → all stored (written in chunks), in one job", async () => {
    const targets = newTargets(2500);
    const { job } = await createJobOf(
      db,
      input({ targets, request: submit({ include: targets.map((t) => t.mailbox) }) })
    );
    const detail = await getJob(db, job.id);
    assert.equal(detail.targets.length, 2500);
    assert.equal(detail.targets.flatMap((t) => t.copies).length, 2500);
    assert.equal(detail.counts.pending, 2500);
  });

  it("refreshJobStatistics after a large job → the planner knows the targets' number", async () => {
    const targets = newTargets(1500);
    await createJobOf(db, input({ targets, request: submit({ include: targets.map((t) => t.mailbox) }) }));
    await refreshJobStatistics(db);
    const [stats] = await db.query<{ reltuples: number }>(
      "SELECT reltuples::int AS reltuples FROM pg_class WHERE oid = 'retraction_targets'::regclass"
    );
    assert.ok(stats!.reltuples >= 1500, `${stats!.reltuples} rows known`);
  });

  it("approval required → awaitingApproval with its expiry; its targets are not claimable", async () => {
    const { job } = await createJobOf(
      db,
      input({ approvalRequired: true, approvalExpiresAt: at(60 * minute) })
    );
    assert.equal(job.status, "awaitingApproval");
    assert.deepEqual(job.approval, {
      required: true,
      expiresAt: at(60 * minute),
      decision: null,
      decidedBy: null,
      decidedAt: null,
      comment: null,
    });
    assert.equal(await claimTarget(db, { workerId: "w1", leaseMs: minute, now: at(30 * minute) }), undefined);
  });

  it("inconsistent approval input, no target, a target twice, a bad key → refused before writing", async () => {
    await assert.rejects(createJobOf(db, input({ approvalRequired: true })), TypeError);
    await assert.rejects(
      createJobOf(db, input({ approvalRequired: false, approvalExpiresAt: at(1) })),
      TypeError
    );
    await assert.rejects(
      createJobOf(db, input({ approvalRequired: true, approvalExpiresAt: t0 })),
      TypeError
    );
    await assert.rejects(createJobOf(db, input({ targets: [] })), TypeError);
    const [one] = newTargets(1);
    await assert.rejects(
      createJobOf(db, input({ targets: [one!, { ...one!, mailbox: "USER1@contoso.com" }] })),
      /duplicate key/
    );
    await assert.rejects(
      createJobOf(db, input({ idempotencyKey: "" })),
      appError(400, "INVALID_IDEMPOTENCY_KEY")
    );
    await assert.rejects(
      createJobOf(db, input({ idempotencyKey: "k".repeat(256) })),
      appError(400, "INVALID_IDEMPOTENCY_KEY")
    );
    assert.equal(await jobCount(), 0);
  });

  it("getJob of an unknown or malformed id → 404 RETRACTION_NOT_FOUND", async () => {
    await assert.rejects(
      getJob(db, "8a1b6f7e-0000-4000-8000-000000000000"),
      appError(404, "RETRACTION_NOT_FOUND")
    );
    await assert.rejects(
      getJob(db, "not-a-uuid'; DROP TABLE retraction_jobs; --"),
      appError(404, "RETRACTION_NOT_FOUND")
    );
  });

  it("listJobs → every job of the message newest first, with who, when, mode and target counts", async () => {
    const older = await createJobOf(db, input());
    const newer = await createJobOf(
      db,
      input({
        requester: bob,
        now: at(10 * minute),
        request: submit({ mode: "hard" }),
        approvalRequired: true,
        approvalExpiresAt: at(70 * minute),
      })
    );
    const other = "<other@fabrikam.com>";
    await createJobOf(
      db,
      input({ request: submit({ internetMessageId: other }), targets: newTargets(2, 1, other) })
    );
    const history = await listJobs(db, { internetMessageId: messageId });
    assert.deepEqual(
      history.map((j) => [j.id, j.requester.upn, j.createdAt.toISOString(), j.mode, j.status, j.targetCount]),
      [
        [newer.job.id, "bob@contoso.com", at(10 * minute).toISOString(), "hard", "awaitingApproval", 2],
        [older.job.id, "alice@contoso.com", t0.toISOString(), "soft", "queued", 2],
      ]
    );
    assert.deepEqual(history[1]!.counts, {
      pending: 2,
      running: 0,
      done: 0,
      failed: 0,
      skipped: 0,
      restoring: 0,
      restored: 0,
      restoreFailed: 0,
    });
    assert.deepEqual(await listJobs(db, { internetMessageId: "<never@fabrikam.com>" }), []);
  });

  it("listJobs of a forward retracted along with its original → lists that job too", async () => {
    const forward = "<fw-0001@contoso.com>";
    const targets = [...newTargets(1), ...newTargets(2, 1, forward).slice(1)];
    const { job } = await createJobOf(db, input({ targets, request: submit({ conversationDepth: 1 }) }));
    assert.deepEqual(
      (await listJobs(db, { internetMessageId: forward })).map((j) => j.id),
      [job.id]
    );
  });
});
