// What a failed Graph call on a copy means for the executor: throttled or unavailable → try again (after
// Retry-After when given), not found → look elsewhere, refused → give the copy up; errors that are not
// the API's own are retried; Graph's request id is carried along.
import assert from "node:assert/strict";
import { AppError } from "../../../../api/src/errors.js";
import { UpstreamError } from "../../../../api/src/outbound/upstreamError.js";
import { classifyCopyFailure } from "../../../../api/src/retraction/execute/copyFailure.js";

const upstream = (
  status: number,
  code: string,
  message: string,
  requestId?: string,
  retryAfterSeconds?: number
) => new UpstreamError(status, code, message, { service: "graph", requestId, retryAfterSeconds });

describe("classifyCopyFailure", () => {
  it("UPSTREAM_THROTTLED with Retry-After 7 s → retry after 7000 ms, message and request id kept", () => {
    const failure = classifyCopyFailure(
      upstream(503, "UPSTREAM_THROTTLED", "Throttled. Retry after 7 seconds.", "req-429", 7)
    );
    assert.deepEqual(failure, {
      kind: "retry",
      retryAfterMs: 7000,
      message: "Throttled. Retry after 7 seconds.",
      requestId: "req-429",
    });
  });

  it("UPSTREAM_THROTTLED with a fractional Retry-After (1.2345 s) → rounded up to whole ms (1235)", () => {
    const failure = classifyCopyFailure(upstream(503, "UPSTREAM_THROTTLED", "Throttled.", "req-1", 1.2345));
    assert.equal(failure.kind, "retry");
    assert.equal(failure.kind === "retry" && failure.retryAfterMs, 1235);
  });

  it("UPSTREAM_THROTTLED without Retry-After → retry with retryAfterMs undefined", () => {
    const failure = classifyCopyFailure(upstream(503, "UPSTREAM_THROTTLED", "Throttled.", "req-2"));
    assert.deepEqual(failure, {
      kind: "retry",
      retryAfterMs: undefined,
      message: "Throttled.",
      requestId: "req-2",
    });
  });

  it("UPSTREAM_UNAVAILABLE → retry, with its Retry-After when Graph gave one", () => {
    assert.deepEqual(classifyCopyFailure(upstream(502, "UPSTREAM_UNAVAILABLE", "HTTP 503", "req-503", 3)), {
      kind: "retry",
      retryAfterMs: 3000,
      message: "HTTP 503",
      requestId: "req-503",
    });
    assert.deepEqual(classifyCopyFailure(upstream(502, "UPSTREAM_UNAVAILABLE", "HTTP 500", "req-500")), {
      kind: "retry",
      retryAfterMs: undefined,
      message: "HTTP 500",
      requestId: "req-500",
    });
  });

  it("UPSTREAM_AUTH (token rejected) → retry", () => {
    const failure = classifyCopyFailure(upstream(502, "UPSTREAM_AUTH", "Token rejected.", "req-401"));
    assert.deepEqual(failure, {
      kind: "retry",
      retryAfterMs: undefined,
      message: "Token rejected.",
      requestId: "req-401",
    });
  });

  it("ITEM_NOT_FOUND → missing, with the request id", () => {
    assert.deepEqual(
      classifyCopyFailure(upstream(404, "ITEM_NOT_FOUND", "The message was not found.", "req-404")),
      {
        kind: "missing",
        message: "The message was not found.",
        requestId: "req-404",
      }
    );
  });

  it("ITEM_NOT_FOUND as a plain AppError (not from a service) → missing without a request id", () => {
    assert.deepEqual(classifyCopyFailure(new AppError(404, "ITEM_NOT_FOUND", "Not there.")), {
      kind: "missing",
      message: "Not there.",
      requestId: undefined,
    });
  });

  it("MAILBOX_OUT_OF_SCOPE → refused, with the request id", () => {
    assert.deepEqual(classifyCopyFailure(upstream(403, "MAILBOX_OUT_OF_SCOPE", "Out of scope.", "req-403")), {
      kind: "refused",
      message: "Out of scope.",
      requestId: "req-403",
    });
  });

  it("ITEM_NOT_DELETABLE → refused, even with a Retry-After", () => {
    assert.deepEqual(
      classifyCopyFailure(upstream(409, "ITEM_NOT_DELETABLE", "Cannot delete.", "req-409", 5)),
      {
        kind: "refused",
        message: "Cannot delete.",
        requestId: "req-409",
      }
    );
  });

  it("UPSTREAM_PERMISSION, UPSTREAM_REJECTED → refused", () => {
    for (const code of ["UPSTREAM_PERMISSION", "UPSTREAM_REJECTED"]) {
      assert.equal(classifyCopyFailure(upstream(502, code, "No.", "r")).kind, "refused", code);
    }
  });

  it("a plain Error (a bug, a dropped connection) → retry with its text, no request id", () => {
    assert.deepEqual(classifyCopyFailure(new Error("socket hang up")), {
      kind: "retry",
      retryAfterMs: undefined,
      message: "Error: socket hang up",
      requestId: undefined,
    });
  });

  it("something thrown that is not an Error → retry with its text", () => {
    assert.deepEqual(classifyCopyFailure("boom"), {
      kind: "retry",
      retryAfterMs: undefined,
      message: "boom",
      requestId: undefined,
    });
  });
});
