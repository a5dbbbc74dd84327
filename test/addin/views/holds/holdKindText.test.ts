import assert from "node:assert/strict";
import { holdKindText } from "../../../../addin/src/views/holds/holdKindText.js";

describe("holdKindText", () => {
  it("a Litigation Hold → its product name", () => {
    assert.equal(holdKindText({ kind: "LitigationHold", scope: "mailbox" }), "Litigation Hold");
  });

  it("an organization-wide retention policy → says organization-wide", () => {
    assert.equal(
      holdKindText({ kind: "RetentionPolicy", scope: "organization" }),
      "Purview retention policy (organization-wide)"
    );
  });

  it("a mailbox's own retention policy → no scope words", () => {
    assert.equal(holdKindText({ kind: "RetentionPolicy", scope: "mailbox" }), "Purview retention policy");
  });

  it("an exclusion → named as an exclusion, not a hold", () => {
    assert.equal(
      holdKindText({ kind: "RetentionPolicyExclusion", scope: "mailbox" }),
      "Excluded from a retention policy"
    );
  });

  it("each of the other kinds → words", () => {
    const kinds = ["InPlaceHold", "eDiscoveryHold", "RetentionLabel", "DelayHold"] as const;
    assert.deepEqual(
      kinds.map((kind) => holdKindText({ kind, scope: "mailbox" })),
      ["In-Place hold", "eDiscovery case hold", "Retention label", "Delay hold"]
    );
  });
});
