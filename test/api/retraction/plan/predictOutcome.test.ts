import assert from "node:assert/strict";
import { explain } from "../../../../api/src/rules/explain.js";
import { predictOutcome } from "../../../../api/src/retraction/plan/predictOutcome.js";
import type { RetractionMode } from "../../../../api/src/retraction/retractionRequest.js";

const asOf = "2026-11-21T10:00:00.000Z";
const received = "2026-11-21T07:00:00.000Z";

/** The outcome of retracting, at asOf, an Inbox copy received at `received` in a mailbox with `mailbox`. */
function outcome(
  mode: RetractionMode,
  mailbox: Record<string, unknown> = {},
  extra: Record<string, unknown> = {}
) {
  const explanation = explain({
    asOf,
    mailbox,
    item: { receivedDateTime: received, subject: "Payroll" },
    events: [{ at: asOf, action: mode === "soft" ? "retractSoft" : "retractHard" }],
    ...extra,
  });
  return predictOutcome(explanation, mode);
}

describe("retraction/plan/predictOutcome", () => {
  it("soft, no hold → destroyed when deleted-item retention ends (14 days); the user can recover it until then", () => {
    const result = outcome("soft");
    assert.equal(result.fate, "destroyed");
    assert.equal(result.userCanRecoverUntil, "2026-12-05T10:00:00.000Z");
    assert.equal(result.destroyedAt, "2026-12-05T10:00:00.000Z");
    assert.deepEqual(result.keptBy, []);
    assert.equal(
      result.text,
      "Removed from the mailbox; the user can recover it until 2026-12-05, then it is destroyed."
    );
  });

  it("hard, no hold → purged, destroyed by the end of deleted-item retention, no user recovery", () => {
    const result = outcome("hard");
    assert.equal(result.fate, "destroyed");
    assert.equal(result.userCanRecoverUntil, null);
    assert.equal(result.destroyedAt, "2026-12-05T10:00:00.000Z");
    assert.match(result.text, /^Purged: the user cannot get it back; it is destroyed by 2026-12-05/);
  });

  it("hard, Litigation Hold of 2555 days → kept by Litigation Hold until 2555 days after receipt", () => {
    const result = outcome("hard", { LitigationHoldEnabled: true, LitigationHoldDuration: "2555.00:00:00" });
    assert.equal(result.fate, "keptByHold");
    assert.equal(result.destroyedAt, "2033-11-19T07:00:00.000Z");
    assert.deepEqual(result.keptBy, ["Litigation Hold"]);
    assert.equal(
      result.text,
      "Purged from the user's reach, but Litigation Hold keeps it in Recoverable Items (eDiscovery only) until 2033-11-19."
    );
  });

  it("soft, unlimited Litigation Hold → recoverable by the user for 14 days, then kept indefinitely", () => {
    const result = outcome("soft", { LitigationHoldEnabled: true });
    assert.equal(result.fate, "keptByHold");
    assert.equal(result.userCanRecoverUntil, "2026-12-05T10:00:00.000Z");
    assert.equal(result.destroyedAt, "indefinitely");
    assert.match(result.text, /until 2026-12-05; after that Litigation Hold keeps it .* indefinitely\.$/);
  });

  it("hard, Litigation Hold of 1 day (ends before deleted-item retention) → destroyed, the hold does not decide", () => {
    const result = outcome("hard", { LitigationHoldEnabled: true, LitigationHoldDuration: "1.00:00:00" });
    assert.equal(result.fate, "destroyed");
    assert.equal(result.destroyedAt, "2026-12-05T10:00:00.000Z");
    assert.deepEqual(result.keptBy, []);
  });

  it("hard, case hold whose query does not match → not kept: destroyed like an unheld copy", () => {
    const result = outcome(
      "hard",
      { InPlaceHolds: ["UniH7d895d48-7e23-4a8d-8346-533c3beac15d"] },
      {
        inPlaceHoldDetails: [
          { Identity: "UniH7d895d48-7e23-4a8d-8346-533c3beac15d", Query: "subject:Falcon" },
        ],
      }
    );
    assert.equal(result.fate, "destroyed");
    assert.deepEqual(result.keptBy, []);
  });

  it("hard, In-Place hold whose definition is unknown → assumed to keep it, for a period not known here", () => {
    const result = outcome("hard", { InPlaceHolds: ["cld9c0a984ca74b457fbe4504bf7d3e00de"] });
    assert.equal(result.fate, "keptByHold");
    assert.deepEqual(result.keptBy, ["In-Place Hold"]);
    assert.match(result.text, /for a period that is not known here\.$/);
  });
});
