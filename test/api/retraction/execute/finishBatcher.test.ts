// Grouped finishing on both engines: targets finished together go in one transaction, each caller gets
// its own answer (a refused one its own error), and a target finished while a group is being written
// waits for the next group.
import assert from "node:assert/strict";
import type { Database } from "../../../../api/src/db/database.js";
import { AppError } from "../../../../api/src/errors.js";
import { createFinishBatcher } from "../../../../api/src/retraction/execute/finishBatcher.js";
import { getJob } from "../../../../api/src/retraction/store/getJob.js";
import { describeEachDatabase } from "../../../support/testDatabases.js";
import { clearJobs, doneButUnfinished, finishing, queuedJob } from "../store/storeFixtures.js";

describeEachDatabase("retraction: createFinishBatcher", (current) => {
  let db: Database;
  let transactions: number;
  before(() => (db = current().db));
  beforeEach(() => clearJobs(db));

  /** `db`, counting the transactions run through it. */
  function counted(): Database {
    transactions = 0;
    return {
      ...db,
      query: db.query.bind(db),
      close: db.close.bind(db),
      transaction: (fn) => {
        transactions++;
        return db.transaction(fn);
      },
    } as Database;
  }

  it("four targets finished at once, one by a worker that lost its lease → one transaction; three done, that one LEASE_LOST", async () => {
    const job = await queuedJob(db, { count: 4, mode: "hard" });
    const targets = await doneButUnfinished(db);
    const finish = createFinishBatcher(counted());

    const settled = await Promise.allSettled(
      targets.map((t, i) => finish(i === 2 ? finishing(t, "lost-its-lease") : finishing(t)))
    );

    assert.equal(transactions, 1);
    assert.deepEqual(
      settled.map((s) => s.status),
      ["fulfilled", "fulfilled", "rejected", "fulfilled"]
    );
    const refused = settled[2] as PromiseRejectedResult;
    assert.ok(refused.reason instanceof AppError && refused.reason.code === "LEASE_LOST");
    assert.deepEqual(
      (await getJob(db, job.id)).targets.map((t) => t.status),
      ["done", "done", "running", "done"]
    );
  });

  it("a target finished while a group is written → the next group, and the job ends in it", async () => {
    const job = await queuedJob(db, { count: 2, mode: "hard" });
    const [first, second] = await doneButUnfinished(db);
    const finish = createFinishBatcher(counted());

    const writing = finish(finishing(first!));
    await Promise.resolve(); // the first group has started
    const later = await finish(finishing(second!));
    await writing;

    assert.equal(transactions, 2);
    assert.equal(later.jobFinished, true);
    assert.equal((await getJob(db, job.id)).status, "completed");
  });
});
