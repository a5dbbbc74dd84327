import assert from "node:assert/strict";
import { verificationText } from "../../../../addin/src/views/audit/verificationText.js";

const hash = "67695275cad983856debf84364ca5abc599b54b8f0049bb0dbf74ec77fcec52d";

describe("verificationText", () => {
  it("an intact chain → success with the count and the last record", () => {
    const text = verificationText({ ok: true, count: 29, head: { seq: 29, hash } });
    assert.equal(text.intent, "success");
    assert.equal(text.title, "Audit log intact: 29 records, last #29");
    assert.match(text.detail, /676952.*…$/);
  });

  it("an empty log → intact, nothing recorded yet", () => {
    const text = verificationText({ ok: true, count: 0, head: { seq: 0, hash } });
    assert.equal(text.title, "Audit log intact: 0 records, last #0");
    assert.equal(text.detail, "Nothing has been recorded yet.");
  });

  it("a broken chain → error naming the first bad record, its reason and the intact part", () => {
    const text = verificationText({
      ok: false,
      count: 11,
      head: { seq: 11, hash },
      firstBad: { seq: 12, reason: "its hash does not match its content" },
    });
    assert.equal(text.intent, "error");
    assert.equal(text.title, "Audit log broken at record #12: its hash does not match its content");
    assert.equal(text.detail, "The 11 records up to #11 are intact.");
  });
});
