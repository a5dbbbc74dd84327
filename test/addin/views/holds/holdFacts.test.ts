import assert from "node:assert/strict";
import { holdFacts } from "../../../../addin/src/views/holds/holdFacts.js";
import { eDiscoveryHold, isoDay, litigationHold, orgDeleteOnlyPolicy } from "./holdSamples.js";

describe("holdFacts", () => {
  it("a Litigation Hold with a period → covers, duration, the items kept today, placed when and by whom", () => {
    assert.deepEqual(holdFacts(litigationHold, isoDay), [
      { label: "Covers", value: "every item in the mailbox" },
      { label: "Keeps items", value: "2555 days after each item's receipt" },
      { label: "Kept today", value: "items received since 2019-11-23" },
      { label: "Placed", value: "2025-10-17 by legal@contoso.com" },
    ]);
  });

  it("a delete-only policy → keeps nothing, with the policy's :1 meaning", () => {
    assert.deepEqual(holdFacts(orgDeleteOnlyPolicy, isoDay), [
      { label: "Covers", value: "every item in the mailbox" },
      { label: "Keeps items", value: "nothing" },
      { label: "Policy", value: "deletes only, keeps nothing (:1)" },
    ]);
  });

  it("an indefinite hold without date or owner → no 'Kept today' and no 'Placed'", () => {
    const labels = holdFacts(eDiscoveryHold, isoDay).map((fact) => fact.label);
    assert.deepEqual(labels, ["Covers", "Keeps items"]);
  });

  it("an owner without a date → placed by the owner alone", () => {
    const facts = holdFacts({ ...litigationHold, since: null }, isoDay);
    assert.deepEqual(facts.at(-1), { label: "Placed", value: "by legal@contoso.com" });
  });
});
