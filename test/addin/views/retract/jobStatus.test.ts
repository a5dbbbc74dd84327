import assert from "node:assert/strict";
import {
  countsSummary,
  isMoving,
  jobStatusLabel,
  statusTone,
  targetStatusLabel,
} from "../../../../addin/src/views/retract/jobStatus.js";
import { noCounts } from "./retractFixtures.js";

describe("jobStatus", () => {
  it("labels → statuses in words", () => {
    assert.equal(jobStatusLabel("awaitingApproval"), "Waiting for approval");
    assert.equal(targetStatusLabel("restoreFailed"), "Restore failed");
  });

  it("isMoving → statuses the stream stays open for → true; finished ones → false", () => {
    assert.deepEqual(
      (["awaitingApproval", "queued", "running", "undoing", "completed", "rejected", "undone"] as const).map(
        isMoving
      ),
      [true, true, true, true, false, false, false]
    );
  });

  it("statusTone → failures stand out", () => {
    assert.equal(statusTone("completed"), "success");
    assert.equal(statusTone("completedWithFailures"), "warning");
    assert.equal(statusTone("failed"), "danger");
    assert.equal(statusTone("running"), "informative");
  });

  it("countsSummary → only statuses someone is in, in lifecycle order", () => {
    assert.deepEqual(countsSummary({ ...noCounts, failed: 1, done: 5 }), [
      { label: "Retracted", count: 5 },
      { label: "Failed", count: 1 },
    ]);
  });
});
