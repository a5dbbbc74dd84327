// A job's summary on both engines: the job with its targets counted by status, the same as the whole
// job gives, without reading the targets; a message's history lists such summaries.
import assert from "node:assert/strict";
import type { Database } from "../../../../api/src/db/database.js";
import { AppError } from "../../../../api/src/errors.js";
import { claimTarget } from "../../../../api/src/retraction/store/claimTarget.js";
import { getJob } from "../../../../api/src/retraction/store/getJob.js";
import { getJobSummary } from "../../../../api/src/retraction/store/jobSummary.js";
import { listJobs } from "../../../../api/src/retraction/store/listJobs.js";
import { describeEachDatabase } from "../../../support/testDatabases.js";
import { at, clearJobs, messageId, minute, queuedJob, settle } from "./storeFixtures.js";

const notFound = (err: unknown) =>
  err instanceof AppError && err.status === 404 && err.code === "RETRACTION_NOT_FOUND";

describeEachDatabase("retraction store: job summary", (current) => {
  let db: Database;
  before(() => (db = current().db));
  beforeEach(() => clearJobs(db));

  it("a job of 4 targets, one done and one running → the job's fields and counts as getJob gives them, no targets", async () => {
    const job = await queuedJob(db, { count: 4 });
    const first = await claimTarget(db, { workerId: "w1", leaseMs: 10 * minute, now: at(0) });
    await settle(db, first!, { now: at(1000), result: "done", status: "done", outcome: "softDeleted" });
    await claimTarget(db, { workerId: "w2", leaseMs: 10 * minute, now: at(2000) });

    const summary = await getJobSummary(db, job.id);

    const { targets, ...whole } = await getJob(db, job.id);
    assert.equal(targets.length, 4);
    assert.deepEqual(summary, whole);
    assert.equal(summary.counts.done, 1);
    assert.equal(summary.counts.running, 1);
    assert.equal(summary.counts.pending, 2);
    assert.equal("targets" in summary, false);
  });

  it("an unknown job id, or one that is no UUID → 404 RETRACTION_NOT_FOUND", async () => {
    await assert.rejects(getJobSummary(db, "00000000-0000-4000-8000-000000000000"), notFound);
    await assert.rejects(getJobSummary(db, "not-a-job"), notFound);
  });

  it("listJobs → every job of the message, each counted like its summary", async () => {
    const jobs = [await queuedJob(db, { count: 2 }), await queuedJob(db, { count: 3 })];

    const history = await listJobs(db, { internetMessageId: messageId });

    assert.deepEqual(history.map((j) => j.id).sort(), jobs.map((j) => j.id).sort());
    for (const job of history) assert.deepEqual(job, await getJobSummary(db, job.id));
    assert.deepEqual(history.map((j) => j.counts.pending).sort(), [2, 3]);
  });
});
