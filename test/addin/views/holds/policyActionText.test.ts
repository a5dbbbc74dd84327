import assert from "node:assert/strict";
import { policyActionText } from "../../../../addin/src/views/holds/policyActionText.js";

describe("policyActionText", () => {
  it(":1 delete-only → says it keeps nothing", () => {
    assert.equal(policyActionText("deleteOnly"), "deletes only, keeps nothing (:1)");
  });

  it(":2 and :3 → keeps only / keeps then deletes", () => {
    assert.equal(policyActionText("retainOnly"), "keeps only, deletes nothing (:2)");
    assert.equal(policyActionText("retainThenDelete"), "keeps, then deletes (:3)");
  });

  it("no policy action (not a policy) → null", () => {
    assert.equal(policyActionText(null), null);
  });
});
