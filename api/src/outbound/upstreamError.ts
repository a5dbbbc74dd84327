// The AppError an outside service's failure becomes: besides the status and stable code it keeps what
// the logs and the caller need (the service's request id, its own status and code, Retry-After), and
// never a token.
import { AppError } from "../errors.js";

export type UpstreamService = "graph" | "exchange" | "authority";

export type UpstreamDetails = {
  service: UpstreamService;
  /** The service's request id (Graph's and Exchange's `request-id` header), for support cases. */
  requestId?: string;
  /** The status and error code the service answered with; absent when it could not be reached. */
  upstreamStatus?: number;
  upstreamCode?: string;
  /** Seconds the service asked to wait before trying again (throttling). */
  retryAfterSeconds?: number;
  cause?: unknown;
};

export class UpstreamError extends AppError {
  readonly service: UpstreamService;
  readonly requestId: string | undefined;
  readonly upstreamStatus: number | undefined;
  readonly upstreamCode: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, code: string, message: string, details: UpstreamDetails) {
    super(status, code, redactSecrets(message), { cause: details.cause });
    this.service = details.service;
    this.requestId = details.requestId;
    this.upstreamStatus = details.upstreamStatus;
    this.upstreamCode = details.upstreamCode;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/**
 * Removes anything that looks like a credential from text that came from outside: bearer tokens,
 * JWTs, client secrets and assertions in form bodies.
 * @example redactSecrets("Bearer eyJ0eXAi.eyJhdWQi.c2ln failed") // → "Bearer [redacted] failed"
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/\beyJ[\w-]*\.[\w-]*\.[\w-]*/g, "[redacted]")
    .replace(/\b(Bearer|Basic)\s+(?!\[redacted\])[\w\-.~+/=]+/gi, "$1 [redacted]")
    .replace(/\b(client_secret|client_assertion|access_token|refresh_token)=[^&\s]+/gi, "$1=[redacted]");
}

/**
 * Reads a Retry-After header: seconds (fractional ones happen) or an HTTP date; undefined when absent
 * or unreadable.
 * @example parseRetryAfter("2.5", 0) // → 2.5
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now()
): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}
