// What a failed Graph call on a copy means for the executor: try the target again later (throttled,
// unavailable, no answer: the call may or may not have done its work), look for the copy elsewhere (it
// is not at that id any more), or give up on that copy (the call was refused for good).
import { AppError } from "../../errors.js";
import { UpstreamError } from "../../outbound/upstreamError.js";

export type CopyFailure =
  /** Throttled or unavailable: try again, not before `retryAfterMs` when Graph said so. */
  | { kind: "retry"; retryAfterMs: number | undefined; message: string; requestId: string | undefined }
  /** Graph no longer finds the copy at that id: moved or deleted since it was found. */
  | { kind: "missing"; message: string; requestId: string | undefined }
  /** Refused for good (out of scope, not deletable, no permission): retrying would not change it. */
  | { kind: "refused"; message: string; requestId: string | undefined };

/** Failures that are worth another attempt later; anything else not listed here is refused. */
const retryable = new Set(["UPSTREAM_THROTTLED", "UPSTREAM_UNAVAILABLE", "UPSTREAM_AUTH"]);

/**
 * Classifies an error thrown by a Graph gateway call. Errors that are not the API's own (a bug, a
 * dropped connection the gateway did not map) are retried: the attempt limit ends them.
 * @example classifyCopyFailure(new UpstreamError(503, "UPSTREAM_THROTTLED", "...", { service: "graph", retryAfterSeconds: 2 })) // → { kind: "retry", retryAfterMs: 2000, ... }
 */
export function classifyCopyFailure(err: unknown): CopyFailure {
  const requestId = err instanceof UpstreamError ? err.requestId : undefined;
  if (!(err instanceof AppError)) {
    return { kind: "retry", retryAfterMs: undefined, message: String(err), requestId };
  }
  if (err.code === "ITEM_NOT_FOUND") return { kind: "missing", message: err.message, requestId };
  if (retryable.has(err.code)) {
    const seconds = err instanceof UpstreamError ? err.retryAfterSeconds : undefined;
    return {
      kind: "retry",
      retryAfterMs: seconds === undefined ? undefined : Math.ceil(seconds * 1000),
      message: err.message,
      requestId,
    };
  }
  return { kind: "refused", message: err.message, requestId };
}
