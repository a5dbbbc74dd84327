import assert from "node:assert/strict";
import { isPlausibleAddress } from "../../../../addin/src/views/holds/isPlausibleAddress.js";

describe("isPlausibleAddress", () => {
  it("a full address, with spaces around → true", () => {
    assert.equal(isPlausibleAddress("  adele.vance@contoso.com "), true);
  });

  it("a name without a domain → false", () => {
    assert.equal(isPlausibleAddress("adele.vance"), false);
    assert.equal(isPlausibleAddress("adele@contoso"), false);
  });

  it("two @, spaces inside or angle brackets → false", () => {
    assert.equal(isPlausibleAddress("a@b@contoso.com"), false);
    assert.equal(isPlausibleAddress("adele vance@contoso.com"), false);
    assert.equal(isPlausibleAddress("<adele@contoso.com>"), false);
  });

  it("empty or longer than an address can be → false", () => {
    assert.equal(isPlausibleAddress(""), false);
    assert.equal(isPlausibleAddress(`${"a".repeat(320)}@contoso.com`), false);
  });
});
