import assert from "node:assert/strict";
import type { Progress } from "../../../../addin/src/api/apiTypes.js";
import { progressText, progressValue } from "../../../../addin/src/views/retract/progressText.js";

const at = (fields: Partial<Progress>): Progress => ({
  phase: "retracting",
  total: 8,
  finished: 3,
  percent: 37,
  etaSeconds: 12,
  ...fields,
});

describe("progressText", () => {
  it("retracting with an estimate → mailboxes done of all and the time left", () => {
    assert.equal(progressText(at({})), "3 of 8 mailboxes, about 12 s left");
  });

  it("retracting before the first mailbox ends → no estimate", () => {
    assert.equal(progressText(at({ finished: 0, etaSeconds: null })), "0 of 8 mailboxes");
  });

  it("less than a second left → almost done", () => {
    assert.equal(progressText(at({ finished: 7, etaSeconds: 0 })), "7 of 8 mailboxes, almost done");
  });

  it("undoing → says so", () => {
    assert.equal(
      progressText(at({ phase: "undoing", etaSeconds: 90 })),
      "Undoing: 3 of 8 mailboxes restored, about 2 min left"
    );
  });

  it("queued or waiting for approval → says what it waits for", () => {
    assert.equal(progressText(at({ phase: "queued", total: 1 })), "Queued: waiting for a worker (1 mailbox)");
    assert.match(progressText(at({ phase: "waitingForApproval" })), /^Waiting for approval/);
  });

  it("finished → all of them, no estimate", () => {
    assert.equal(
      progressText(at({ phase: "finished", finished: 8, percent: 100, etaSeconds: null })),
      "8 of 8 mailboxes"
    );
  });

  it("progressValue → percent as a fraction; queued → indeterminate", () => {
    assert.equal(progressValue(at({ percent: 25 })), 0.25);
    assert.equal(progressValue(at({ phase: "queued" })), undefined);
  });
});
