import assert from "node:assert/strict";
import { holdsHeadline } from "../../../../addin/src/views/holds/holdsHeadline.js";
import { eDiscoveryHold, litigationHold, orgDeleteOnlyPolicy } from "./holdSamples.js";

describe("holdsHeadline", () => {
  it("not on hold → says no hold keeps deleted items", () => {
    assert.equal(
      holdsHeadline({ onHold: false, holds: [orgDeleteOnlyPolicy] }),
      "No hold keeps deleted items"
    );
  });

  it("on hold → names the kinds that keep items, leaving out delete-only policies", () => {
    assert.equal(
      holdsHeadline({ onHold: true, holds: [litigationHold, orgDeleteOnlyPolicy, eDiscoveryHold] }),
      "On hold: Litigation Hold, eDiscovery case hold"
    );
  });

  it("two holds of one kind → the kind once", () => {
    const second = { ...eDiscoveryHold, id: "another", name: "Case 2" };
    assert.equal(
      holdsHeadline({ onHold: true, holds: [eDiscoveryHold, second] }),
      "On hold: eDiscovery case hold"
    );
  });

  it("on hold but no retaining hold listed → just 'On hold'", () => {
    assert.equal(holdsHeadline({ onHold: true, holds: [] }), "On hold");
  });
});
