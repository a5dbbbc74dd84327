import assert from "node:assert/strict";
import { isPlausibleMessageId } from "../../../../addin/src/views/audit/isPlausibleMessageId.js";

describe("isPlausibleMessageId", () => {
  it("an id in angle brackets → true", () => {
    assert.equal(isPlausibleMessageId("<demo-phish-0001@fabrikam.com>"), true);
  });

  it("an id without brackets, with spaces around → true (the API adds the brackets)", () => {
    assert.equal(isPlausibleMessageId("  demo-phish-0001@fabrikam.com "), true);
  });

  it("spaces inside, or a bracket in the middle → false", () => {
    assert.equal(isPlausibleMessageId("demo phish"), false);
    assert.equal(isPlausibleMessageId("<a<b@c>"), false);
    assert.equal(isPlausibleMessageId("<a@b"), false);
  });

  it("empty → false", () => {
    assert.equal(isPlausibleMessageId("   "), false);
  });
});
