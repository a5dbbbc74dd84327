// Finishing targets in groups, on both engines: one transaction writes every target of the group with
// its audit record; a target that cannot be finished (its lease is someone else's) is reported and
// rolled back alone; the group holding a job's last targets ends the job, once.
import assert from "node:assert/strict";
import { verifyAuditChain } from "../../../../api/src/audit/verifyAuditChain.js";
import type { Database } from "../../../../api/src/db/database.js";
import { AppError } from "../../../../api/src/errors.js";
import { finishTargets } from "../../../../api/src/retraction/store/finishTargets.js";
import { getJob } from "../../../../api/src/retraction/store/getJob.js";
import { describeEachDatabase } from "../../../support/testDatabases.js";
import { auditActions, clearJobs, claimedTargets, finishing, queuedJob } from "./storeFixtures.js";

describeEachDatabase("retraction store: finishTargets", (current) => {
  let db: Database;
  before(() => (db = current().db));
  beforeEach(() => clearJobs(db));

  it("a group with a target whose lease is another's → the others finished and audited, that one LEASE_LOST and untouched", async () => {
    const job = await queuedJob(db, { count: 3, copies: 1, mode: "hard" });
    const [one, two, three] = await claimedTargets(db);

    const settled = await finishTargets(db, [
      finishing(one!),
      finishing(two!, "someone-else"),
      finishing(three!),
    ]);

    assert.deepEqual(
      settled.map((s) => s.ok),
      [true, false, true]
    );
    const refused = settled[1]!;
    assert.ok(!refused.ok && refused.error instanceof AppError && refused.error.code === "LEASE_LOST");
    const detail = await getJob(db, job.id);
    assert.equal(detail.status, "running");
    assert.deepEqual(
      detail.targets.map((t) => t.status),
      ["done", "running", "done"]
    );
    assert.deepEqual(
      (await auditActions(db, job.id)).filter((a) => a.startsWith("retraction.target.")),
      ["retraction.target.done", "retraction.target.done"]
    );
  });

  it("the group holding a job's last targets → the job ends once, after their records, and the chain verifies", async () => {
    const job = await queuedJob(db, { count: 3, copies: 2, mode: "hard" });
    const targets = await claimedTargets(db);

    const settled = await finishTargets(
      db,
      targets.map((t) => finishing(t))
    );

    assert.deepEqual(
      settled.map((s) => s.ok && s.value.jobFinished),
      [false, false, true]
    );
    assert.equal((await getJob(db, job.id)).status, "completed");
    assert.deepEqual((await auditActions(db, job.id)).slice(-4), [
      "retraction.target.done",
      "retraction.target.done",
      "retraction.target.done",
      "retraction.completed",
    ]);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });
});
