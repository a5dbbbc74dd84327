import assert from "node:assert/strict";
import { dayMs } from "../../../api/src/rules/exchangeValues.js";
import type { HoldState } from "../../../api/src/rules/holds.js";
import { removalAfterDeletion } from "../../../api/src/rules/removal.js";

const hold = (end: HoldState["end"], fields: Partial<HoldState> = {}): HoldState => ({
  kind: "LitigationHold",
  id: null,
  coversItem: true,
  end,
  detail: "",
  placedAt: null,
  ...fields,
});
const d = Date.UTC(2012, 3, 3);
const retain = 14 * dayMs;

describe("removalAfterDeletion", () => {
  it("no hold → deleted + RetainDeletedItemsFor", () => {
    const removal = removalAfterDeletion(d, [], retain);
    assert.equal(removal.at, d + retain);
    assert.equal(removal.keptBy, null);
  });

  it("hold protecting past the retention → its end, kept by it, in Purges for Litigation Hold", () => {
    const litigation = hold(d + 100 * dayMs);
    const removal = removalAfterDeletion(d, [litigation], retain);
    assert.equal(removal.at, d + 100 * dayMs);
    assert.equal(removal.keptBy, litigation);
    assert.equal(removal.litigationHoldAtRetentionEnd, true);
  });

  it("item deleted exactly when protection ends → removed when deleted-item retention ends", () => {
    const removal = removalAfterDeletion(d, [hold(d)], retain);
    assert.equal(removal.at, d + retain);
    assert.equal(removal.keptBy, null);
  });

  it("protection ending exactly when deleted-item retention ends → removed then, not kept", () => {
    const removal = removalAfterDeletion(d, [hold(d + retain)], retain);
    assert.equal(removal.at, d + retain);
    assert.equal(removal.litigationHoldAtRetentionEnd, false);
  });

  it("a hold that does not cover the item → ignored", () => {
    assert.equal(removalAfterDeletion(d, [hold(null, { coversItem: false })], retain).at, d + retain);
  });

  it("unlimited hold → indefinitely; unknown end → unknown", () => {
    assert.equal(removalAfterDeletion(d, [hold("indefinitely")], retain).at, "indefinitely");
    assert.equal(removalAfterDeletion(d, [hold("unknown", { kind: "DelayHold" })], retain).at, "unknown");
  });

  it("other hold (not Litigation Hold) protecting → DiscoveryHolds, not Purges", () => {
    const removal = removalAfterDeletion(d, [hold(d + 100 * dayMs, { kind: "InPlaceHold" })], retain);
    assert.equal(removal.litigationHoldAtRetentionEnd, false);
  });

  it("hold placed after the item was already gone → cannot keep it", () => {
    const late = hold("indefinitely", { placedAt: d + 30 * dayMs });
    assert.equal(removalAfterDeletion(d, [late], retain).at, d + retain);
  });

  it("hold placed while another still kept the item → counts (chain)", () => {
    const first = hold(d + 40 * dayMs, { kind: "InPlaceHold" });
    const second = hold(d + 90 * dayMs, { placedAt: d + 30 * dayMs });
    assert.equal(removalAfterDeletion(d, [second, first], retain).at, d + 90 * dayMs);
  });

  it("purged outright (no deleted-item retention) and no hold → removed at once", () => {
    assert.equal(removalAfterDeletion(d, [], 0).at, d);
  });
});
