import assert from "node:assert/strict";
import {
  reasonProblem,
  retractBlocker,
  type RetractReadiness,
} from "../../../../addin/src/views/retract/retractBlocker.js";

const ready: RetractReadiness = {
  previewed: true,
  previewing: false,
  stale: false,
  reason: "Phishing",
  includedMailboxes: 3,
  submitting: false,
};

describe("retractBlocker", () => {
  it("reasonProblem → under 3 characters once trimmed → asks for a longer reason", () => {
    assert.match(reasonProblem("  ab  ") ?? "", /at least 3 characters/);
    assert.equal(reasonProblem("abc"), null);
  });

  it("reasonProblem → over 1000 characters → asks for a shorter one", () => {
    assert.match(reasonProblem("x".repeat(1001)) ?? "", /under 1000/);
  });

  it("retractBlocker → everything in place → null", () => {
    assert.equal(retractBlocker(ready), null);
  });

  it("retractBlocker → no preview → asks for one", () => {
    assert.match(retractBlocker({ ...ready, previewed: false }) ?? "", /^Preview first/);
  });

  it("retractBlocker → a preview under way → asks to wait for it", () => {
    assert.match(retractBlocker({ ...ready, previewing: true }) ?? "", /Wait for the preview/);
  });

  it("retractBlocker → options changed since the preview → asks to preview again", () => {
    assert.match(retractBlocker({ ...ready, stale: true }) ?? "", /^Preview again/);
  });

  it("retractBlocker → nobody included → asks for one mailbox", () => {
    assert.equal(retractBlocker({ ...ready, includedMailboxes: 0 }), "Include at least one mailbox.");
  });

  it("retractBlocker → short reason → the reason's problem", () => {
    assert.equal(retractBlocker({ ...ready, reason: "x" }), reasonProblem("x"));
  });
});
