// What the check after a retraction reads, on both engines: each target's copies with their messages and
// states, read lean from the copies alone.
import assert from "node:assert/strict";
import type { Database } from "../../../../api/src/db/database.js";
import { readCheckedCopies } from "../../../../api/src/retraction/store/recordVerification.js";
import { describeEachDatabase } from "../../../support/testDatabases.js";
import { at, claimedTargets, clearJobs, messageId, queuedJob, settle } from "./storeFixtures.js";

describeEachDatabase("retraction store: readCheckedCopies", (current) => {
  let db: Database;
  before(() => (db = current().db));
  beforeEach(() => clearJobs(db));

  it("a job with one target done and one failed → every copy by mailbox, with its message and state", async () => {
    const job = await queuedJob(db, { count: 2, copies: 2 });
    const other = await queuedJob(db, { count: 1 });
    const [first, second] = (await claimedTargets(db)).filter((t) => t.jobId === job.id);
    await settle(db, first!, { now: at(1000), status: "done", result: "done" });
    await settle(db, second!, { now: at(1000), status: "failed", result: "failed" });

    const checked = await readCheckedCopies(db, job.id);

    const copies = (state: string) => [
      { state, internetMessageId: messageId },
      { state, internetMessageId: messageId },
    ];
    assert.deepEqual(checked, {
      targets: [
        { mailbox: "user1@contoso.com", copies: copies("done") },
        { mailbox: "user2@contoso.com", copies: copies("failed") },
      ],
    });
    assert.equal((await readCheckedCopies(db, other.id)).targets.length, 1);
  });
});
