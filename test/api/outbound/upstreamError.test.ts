// Helpers every outside client shares: Retry-After parsing and removing credentials from outside text.
import assert from "node:assert/strict";
import { parseRetryAfter, redactSecrets, UpstreamError } from "../../../api/src/outbound/upstreamError.js";
import { AppError } from "../../../api/src/errors.js";

describe("upstreamError", () => {
  describe("parseRetryAfter", () => {
    it("whole and fractional seconds → those seconds", () => {
      assert.equal(parseRetryAfter("10"), 10);
      assert.equal(parseRetryAfter("2.128"), 2.128);
    });

    it("an HTTP date → the seconds until then (never negative)", () => {
      const now = Date.parse("2026-01-01T00:00:00Z");
      assert.equal(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now), 30);
      assert.equal(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now), 0);
    });

    it("absent, empty or unreadable → undefined", () => {
      for (const value of [undefined, null, "", "soon"]) assert.equal(parseRetryAfter(value), undefined);
    });
  });

  describe("redactSecrets", () => {
    it("JWTs, bearer tokens and form-encoded secrets → [redacted]", () => {
      const text =
        "Bearer abc.def-ghi failed; token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln; body client_secret=s3cr3t&scope=x";

      const clean = redactSecrets(text);

      assert.equal(
        clean,
        "Bearer [redacted] failed; token [redacted]; body client_secret=[redacted]&scope=x"
      );
    });
  });

  it("an UpstreamError → an AppError with the service's details and a redacted message", () => {
    const err = new UpstreamError(503, "UPSTREAM_THROTTLED", "token eyJa.eyJb.c wait", {
      service: "graph",
      requestId: "rid",
      retryAfterSeconds: 3,
    });

    assert.ok(err instanceof AppError);
    assert.equal(err.status, 503);
    assert.equal(err.message, "token [redacted] wait");
    assert.deepEqual([err.service, err.requestId, err.retryAfterSeconds], ["graph", "rid", 3]);
  });
});
