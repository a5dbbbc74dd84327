// Approval on both engines: a second person with Retract.Approve, never the requester, approves or
// rejects a waiting job; too late, the job expires instead (committed, then 409); a sweep expires the
// jobs nobody decided on; every decision is audited under the decider's name.
import assert from "node:assert/strict";
import { verifyAuditChain } from "../../../../api/src/audit/verifyAuditChain.js";
import type { Database } from "../../../../api/src/db/database.js";
import { openDatabase } from "../../../../api/src/db/openDatabase.js";
import { AppError } from "../../../../api/src/errors.js";
import { claimTarget } from "../../../../api/src/retraction/store/claimTarget.js";
import { decide } from "../../../../api/src/retraction/store/decide.js";
import { expireAwaitingApproval } from "../../../../api/src/retraction/store/expireAwaitingApproval.js";
import { getJob } from "../../../../api/src/retraction/store/getJob.js";
import type { RetractionJob } from "../../../../api/src/retraction/store/jobTypes.js";
import { describeEachDatabase } from "../../../support/testDatabases.js";
import {
  alice,
  at,
  auditActions,
  bob,
  clearJobs,
  createJobOf,
  freshKey,
  minute,
  newTargets,
  person,
  queuedJob,
  submit,
} from "./storeFixtures.js";

const appError = (status: number, code: string, message?: RegExp) => (err: unknown) =>
  err instanceof AppError &&
  err.status === status &&
  err.code === code &&
  (!message || message.test(err.message));

describeEachDatabase("retraction store: approval", (current, kind) => {
  let db: Database;
  before(() => (db = current().db));
  beforeEach(() => clearJobs(db));

  /** A hard retraction waiting for approval until `expiresInMs` after `at(0)`. */
  async function waitingJob(expiresInMs = 60 * minute, created = at(0)): Promise<RetractionJob> {
    const targets = newTargets(2);
    const { job } = await createJobOf(db, {
      requester: alice,
      idempotencyKey: freshKey(),
      request: submit({ mode: "hard", include: targets.map((t) => t.mailbox) }),
      targets,
      approvalRequired: true,
      approvalExpiresAt: new Date(created.getTime() + expiresInMs),
      now: created,
    });
    return job;
  }

  it("approve by another person with Retract.Approve → queued, decision recorded, targets claimable, audited", async () => {
    const waiting = await waitingJob();
    const job = await decide(db, {
      jobId: waiting.id,
      approver: bob,
      decision: "approve",
      comment: "confirmed phish",
      now: at(5 * minute),
    });
    assert.equal(job.status, "queued");
    assert.deepEqual(job.approval, {
      required: true,
      expiresAt: at(60 * minute),
      decision: "approved",
      decidedBy: { objectId: "oid-bob", upn: "bob@contoso.com" },
      decidedAt: at(5 * minute),
      comment: "confirmed phish",
    });
    const claimed = await claimTarget(db, { workerId: "w1", leaseMs: minute, now: at(6 * minute) });
    assert.equal(claimed?.jobId, job.id);
    assert.deepEqual(await auditActions(db, job.id), [
      "retraction.requested",
      "retraction.approved",
      "retraction.started",
    ]);
    const [approved] = await db.query<{ actor_object_id: string; details: Record<string, unknown> }>(
      "SELECT actor_object_id, details FROM audit_log WHERE action = 'retraction.approved' AND subject ->> 'jobId' = $1",
      [job.id]
    );
    assert.equal(approved!.actor_object_id, "oid-bob");
    assert.equal(approved!.details.comment, "confirmed phish");
  });

  it("approve or reject by the requester, even holding Retract.Approve → 403 SELF_APPROVAL, job unchanged", async () => {
    const waiting = await waitingJob();
    const selfApprover = { ...alice, roles: new Set(["Retract.Run", "Retract.Approve"] as const) };
    for (const decision of ["approve", "reject"] as const) {
      await assert.rejects(
        decide(db, { jobId: waiting.id, approver: selfApprover, decision, now: at(minute) }),
        appError(403, "SELF_APPROVAL")
      );
    }
    assert.equal((await getJob(db, waiting.id)).status, "awaitingApproval");
    assert.deepEqual(await auditActions(db, waiting.id), ["retraction.requested"]);
  });

  it("approve without Retract.Approve → 403 FORBIDDEN", async () => {
    const waiting = await waitingJob();
    await assert.rejects(
      decide(db, {
        jobId: waiting.id,
        approver: person("carol", ["Retract.Run"]),
        decision: "approve",
        now: at(minute),
      }),
      appError(403, "FORBIDDEN", /Retract\.Approve/)
    );
  });

  it("reject → rejected and finished, targets skipped with why, audited; approving it later → 409 INVALID_STATE", async () => {
    const waiting = await waitingJob();
    const job = await decide(db, {
      jobId: waiting.id,
      approver: bob,
      decision: "reject",
      now: at(2 * minute),
    });
    assert.equal(job.status, "rejected");
    assert.equal(job.finishedAt?.toISOString(), at(2 * minute).toISOString());
    const detail = await getJob(db, job.id);
    assert.deepEqual(
      detail.targets.map((t) => [t.status, t.outcome]),
      [
        ["skipped", "not run: the retraction was rejected"],
        ["skipped", "not run: the retraction was rejected"],
      ]
    );
    await assert.rejects(
      decide(db, { jobId: job.id, approver: bob, decision: "approve", now: at(3 * minute) }),
      appError(409, "INVALID_STATE", /is rejected; only a job awaiting approval can be approved/)
    );
    assert.deepEqual(await auditActions(db, job.id), ["retraction.requested", "retraction.rejected"]);
  });

  it("approve a job that needed no approval → 409 INVALID_STATE", async () => {
    const job = await queuedJob(db);
    await assert.rejects(
      decide(db, { jobId: job.id, approver: bob, decision: "approve", now: at(minute) }),
      appError(409, "INVALID_STATE", /is queued; only a job awaiting approval can be approved/)
    );
  });

  it("approve an unknown job → 404 RETRACTION_NOT_FOUND", async () => {
    await assert.rejects(
      decide(db, {
        jobId: "0b8c3cf4-5b8e-4f0c-9d3e-8f2a1c000000",
        approver: bob,
        decision: "approve",
        now: at(0),
      }),
      appError(404, "RETRACTION_NOT_FOUND")
    );
  });

  it("approve after the window ended → 409 APPROVAL_EXPIRED, and the job stays expired (committed, audited)", async () => {
    const waiting = await waitingJob(30 * minute);
    await assert.rejects(
      decide(db, { jobId: waiting.id, approver: bob, decision: "approve", now: at(30 * minute) }),
      appError(409, "APPROVAL_EXPIRED", /expired at 2025-06-02T09:30:00\.000Z/)
    );
    const detail = await getJob(db, waiting.id);
    assert.equal(detail.status, "expired");
    assert.equal(detail.approval.decision, null);
    assert.deepEqual(detail.counts.skipped, 2);
    await assert.rejects(
      decide(db, { jobId: waiting.id, approver: bob, decision: "reject", now: at(31 * minute) }),
      appError(409, "APPROVAL_EXPIRED")
    );
    assert.deepEqual(await auditActions(db, waiting.id), ["retraction.requested", "retraction.expired"]);
  });

  it("expireAwaitingApproval → expires exactly the jobs past their window, once; audited under the requester", async () => {
    const early = await waitingJob(10 * minute);
    const late = await waitingJob(60 * minute);
    const queued = await queuedJob(db);
    assert.deepEqual(await expireAwaitingApproval(db, at(10 * minute - 1)), []);
    assert.deepEqual(await expireAwaitingApproval(db, at(10 * minute)), [early.id]);
    assert.deepEqual(await expireAwaitingApproval(db, at(11 * minute)), []);
    assert.equal((await getJob(db, early.id)).status, "expired");
    assert.equal((await getJob(db, late.id)).status, "awaitingApproval");
    assert.equal((await getJob(db, queued.id)).status, "queued");
    const [record] = await db.query<{ actor_object_id: string }>(
      "SELECT actor_object_id FROM audit_log WHERE action = 'retraction.expired' AND subject ->> 'jobId' = $1",
      [early.id]
    );
    assert.equal(record!.actor_object_id, "oid-alice");
  });

  it(`approve and reject at once${kind === "postgres" ? " on two API instances" : ""} → exactly one decision wins, the other gets 409`, async () => {
    const waiting = await waitingJob();
    const other = kind === "postgres" ? await openDatabase(current().settings) : db;
    const erin = person("erin", ["Retract.Approve"]);
    try {
      const outcomes = await Promise.allSettled([
        decide(db, { jobId: waiting.id, approver: bob, decision: "approve", now: at(minute) }),
        decide(other, { jobId: waiting.id, approver: erin, decision: "reject", now: at(minute) }),
      ]);
      const won = outcomes.filter((o) => o.status === "fulfilled");
      const lost = outcomes.filter((o) => o.status === "rejected");
      assert.equal(won.length, 1);
      assert.ok(appError(409, "INVALID_STATE")(lost[0]!.reason));
      const actions = await auditActions(db, waiting.id);
      assert.equal(actions.length, 2);
    } finally {
      if (other !== db) await other.close();
    }
    assert.equal((await verifyAuditChain(db)).ok, true);
  });
});
