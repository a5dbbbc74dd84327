import assert from "node:assert/strict";
import type { JobSummaryView } from "../../../../addin/src/api/apiTypes.js";
import { reachText } from "../../../../addin/src/views/item/reachText.js";

const counts = {
  pending: 0,
  running: 0,
  done: 6,
  failed: 1,
  skipped: 0,
  restoring: 0,
  restored: 0,
  restoreFailed: 0,
};
const job = (overrides: Partial<JobSummaryView>) =>
  ({ mode: "soft", targetCount: 7, counts, undo: null, ...overrides }) as JobSummaryView;

describe("reachText", () => {
  it("a soft job → how many mailboxes of how many it retracted from", () => {
    assert.equal(reachText(job({})), "retracted (soft) from 6 of 7 mailboxes");
  });

  it("an undone job → how many mailboxes it restored in", () => {
    const undo = {
      requestedBy: { objectId: "o", upn: "a@x" },
      startedAt: "2026-11-21T10:00:00.000Z",
      finishedAt: null,
    };
    assert.equal(
      reachText(job({ undo, counts: { ...counts, restored: 5 } })),
      "restored in 5 of 7 mailboxes"
    );
  });

  it("one mailbox → the singular", () => {
    assert.equal(
      reachText(job({ mode: "hard", targetCount: 1, counts: { ...counts, done: 1 } })),
      "retracted (hard) from 1 of 1 mailbox"
    );
  });
});
