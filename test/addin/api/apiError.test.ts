import assert from "node:assert/strict";
import { apiErrorFrom, networkError } from "../../../addin/src/api/apiError.js";

const headers = (values: Record<string, string> = {}) => new Headers(values);
const body = (code: string, message: string) => JSON.stringify({ error: { code, message } });

describe("apiErrorFrom", () => {
  it("401 → a sign-in error telling the user to reopen the add-in, not retryable", () => {
    const error = apiErrorFrom(401, headers(), body("INVALID_TOKEN", "The token has expired."));
    assert.equal(error.kind, "signIn");
    assert.match(error.message, /did not accept your sign-in \(The token has expired\.\)/);
    assert.equal(error.retryable, false);
  });

  it("403 → the API's own words, kind forbidden, not retryable", () => {
    const error = apiErrorFrom(
      403,
      headers(),
      body("SELF_APPROVAL", "You cannot approve your own retraction.")
    );
    assert.equal(error.kind, "forbidden");
    assert.equal(error.code, "SELF_APPROVAL");
    assert.equal(error.message, "You cannot approve your own retraction.");
    assert.equal(error.retryable, false);
  });

  it("429 with Retry-After 1.2 → wait 2 s, retryable", () => {
    const error = apiErrorFrom(429, headers({ "retry-after": "1.2" }), "");
    assert.equal(error.retryAfterSeconds, 2);
    assert.match(error.message, /try again in 2 s/);
    assert.equal(error.retryable, true);
  });

  it("500 → names the request id to report, never the body's details", () => {
    const error = apiErrorFrom(
      500,
      headers({ "x-request-id": "req-42" }),
      "TypeError: at Object.<anonymous>"
    );
    assert.equal(error.kind, "server");
    assert.match(error.message, /request req-42/);
    assert.doesNotMatch(error.message, /TypeError/);
    assert.equal(error.retryable, true);
  });

  it("400 with a body that is not JSON → a generic refusal naming the status", () => {
    const error = apiErrorFrom(400, headers(), "<html>bad</html>");
    assert.equal(error.kind, "request");
    assert.equal(error.message, "The request was refused (HTTP 400).");
  });

  it("network failure → retryable, says the API could not be reached", () => {
    const error = networkError(new TypeError("Failed to fetch"));
    assert.equal(error.kind, "network");
    assert.match(error.message, /Could not reach the API \(Failed to fetch\)/);
    assert.equal(error.retryable, true);
  });
});
