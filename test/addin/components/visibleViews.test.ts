import assert from "node:assert/strict";
import { seesRetractionHistory, visibleViews } from "../../../addin/src/components/visibleViews.js";

describe("visibleViews", () => {
  it("no role → the item view only", () => {
    assert.deepEqual(visibleViews([]), ["item"]);
  });

  it("Holds.Read (helpdesk) → item and holds", () => {
    assert.deepEqual(visibleViews(["Holds.Read"]), ["item", "holds"]);
  });

  it("Retract.Run, Audit.Read, Holds.Read (admin) → every view", () => {
    assert.deepEqual(visibleViews(["Retract.Run", "Audit.Read", "Holds.Read"]), [
      "item",
      "holds",
      "retract",
      "audit",
    ]);
  });

  it("Retract.Approve alone → item and retract (to approve), no holds or audit", () => {
    assert.deepEqual(visibleViews(["Retract.Approve"]), ["item", "retract"]);
  });
});

describe("seesRetractionHistory", () => {
  it("Audit.Read or Retract.Run → yes; Holds.Read or Retract.Approve alone → no", () => {
    assert.equal(seesRetractionHistory(["Audit.Read"]), true);
    assert.equal(seesRetractionHistory(["Retract.Run"]), true);
    assert.equal(seesRetractionHistory(["Holds.Read", "Retract.Approve"]), false);
  });
});
