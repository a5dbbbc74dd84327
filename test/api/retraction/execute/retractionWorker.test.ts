// An instance's workers on both engines, with a hand-written Graph: many slots claiming in groups each
// work the target leased in their own name, so a job of many more mailboxes than slots completes with
// every mailbox purged once, on its first attempt, and no lease lost on the way.
import assert from "node:assert/strict";
import { pino } from "pino";
import type { Database } from "../../../../api/src/db/database.js";
import { startRetractionWorker } from "../../../../api/src/retraction/execute/retractionWorker.js";
import { getJob } from "../../../../api/src/retraction/store/getJob.js";
import { describeEachDatabase } from "../../../support/testDatabases.js";
import { clearJobs, queuedJob } from "../store/storeFixtures.js";
import { fakeGraph } from "./fakeGraph.js";

describeEachDatabase("retraction executor: startRetractionWorker", (current) => {
  let db: Database;
  before(() => (db = current().db));
  beforeEach(() => clearJobs(db));

  it("60 mailboxes, 24 slots → every mailbox purged once, on its first attempt; the job completed", async function () {
    this.timeout(30_000);
    const job = await queuedJob(db, { count: 60, mode: "hard" });
    const { graph, calls } = fakeGraph({
      // A little latency, so slots finish and claim again in overlapping groups.
      permanentDelete: async (_mailbox, id) => {
        await new Promise((resolve) => setTimeout(resolve, 5 + (id.length % 7)));
        return { gone: false, requestId: `req-${id}` };
      },
      // The check after the job: nothing found back.
      batch: async (requests) => ({
        responses: requests.map((r) => ({ id: r.id, status: 200, headers: {}, body: { value: [] } })),
        requestId: "req-batch",
      }),
    });
    // A lease longer than the test: a target worked under another slot's name would be refused at its
    // finish and wait for the lease to run out, so the job would not complete in time.
    const worker = startRetractionWorker(
      { db, graph, logger: pino({ level: "silent" }), now: Date.now },
      { slots: 24, leaseMs: 60_000, maxAttempts: 3, pollMs: 20 }
    );
    try {
      worker.wake();
      const deadline = Date.now() + 20_000;
      let detail = await getJob(db, job.id);
      while (detail.status !== "completed" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        detail = await getJob(db, job.id);
      }
      assert.equal(detail.status, "completed", JSON.stringify(detail.counts));
      assert.deepEqual([...new Set(detail.targets.map((t) => t.attempts))], [1]);
      const purged = calls.filter((c) => c.method === "permanentDelete").map((c) => c.args[0]);
      assert.equal(purged.length, 60);
      assert.equal(new Set(purged).size, 60);
    } finally {
      await worker.stop();
    }
  });
});
