import assert from "node:assert/strict";
import { submissionAttempt } from "../../../../addin/src/views/retract/idempotency.js";

function keys() {
  let n = 0;
  return () => `key-${++n}`;
}

describe("submissionAttempt", () => {
  it("a first submission → a new key", () => {
    assert.deepEqual(submissionAttempt(null, "{a}", keys()), { key: "key-1", body: "{a}", failed: false });
  });

  it("the same request after a failure → the same key, so the API returns the job it may have stored", () => {
    const next = submissionAttempt({ key: "key-7", body: "{a}", failed: true }, "{a}", keys());
    assert.equal(next.key, "key-7");
  });

  it("another request after a failure → a new key", () => {
    assert.equal(submissionAttempt({ key: "key-7", body: "{a}", failed: true }, "{b}", keys()).key, "key-1");
  });

  it("the same request again after it went through → a new key (a new confirmed retraction)", () => {
    assert.equal(submissionAttempt({ key: "key-7", body: "{a}", failed: false }, "{a}", keys()).key, "key-1");
  });
});
