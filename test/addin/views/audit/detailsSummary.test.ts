import assert from "node:assert/strict";
import { detailsSummary } from "../../../../addin/src/views/audit/detailsSummary.js";

describe("detailsSummary", () => {
  it("a retraction request → mode, status, reason and counts", () => {
    const details = {
      mode: "soft",
      reason: "Phishing",
      status: "queued",
      targetCount: 3,
      copyCount: 1,
      requestHash: "abc",
      targets: ["a@contoso.com"],
    };
    assert.equal(detailsSummary(details), "soft · queued · “Phishing” · 3 mailboxes · 1 copy");
  });

  it("a finished job → the non-zero counts by status", () => {
    const details = { status: "completed", counts: { done: 3, failed: 1, skipped: 0 } };
    assert.equal(detailsSummary(details), "completed · 3 done, 1 failed");
  });

  it("a failed target → outcome and error", () => {
    assert.equal(
      detailsSummary({ mode: "hard", outcome: "failed", error: "Graph refused" }),
      "hard · failed · error: Graph refused"
    );
  });

  it("a holds read → the roles it was done with", () => {
    assert.equal(detailsSummary({ roles: ["Holds.Read"] }), "as Holds.Read");
  });

  it("no known detail → the first plain values", () => {
    assert.equal(detailsSummary({ a: 1, b: { c: 2 }, d: "x", e: true, f: "y" }), "a: 1 · d: x · e: true");
  });

  it("no details → empty", () => {
    assert.equal(detailsSummary({}), "");
  });

  it("a long reason → cut to 160 characters with an ellipsis", () => {
    const text = detailsSummary({ reason: "x".repeat(400) });
    assert.equal(text.length, 160);
    assert.ok(text.endsWith("…"));
  });
});
