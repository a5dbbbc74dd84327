// A failed API call, in words the task pane can show, with what it needs to offer a retry.

export type ApiErrorKind = "signIn" | "forbidden" | "throttled" | "server" | "network" | "request";

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    message: string,
    readonly kind: ApiErrorKind,
    /** The API's stable code (INVALID_INPUT, SELF_APPROVAL, …), or null when it sent none. */
    readonly code: string | null,
    readonly status: number | null,
    /** The request's id, to quote when reporting a problem. */
    readonly requestId: string | null = null,
    /** Seconds to wait before trying again (429), when the API said. */
    readonly retryAfterSeconds: number | null = null
  ) {
    super(message);
  }

  /** Whether trying the same call again may succeed. */
  get retryable(): boolean {
    return this.kind === "throttled" || this.kind === "server" || this.kind === "network";
  }
}

type ErrorBody = { error?: { code?: unknown; message?: unknown } };

function parseBody(text: string): { code: string | null; message: string | null } {
  try {
    const error = (JSON.parse(text) as ErrorBody).error;
    return {
      code: typeof error?.code === "string" ? error.code : null,
      message: typeof error?.message === "string" ? error.message : null,
    };
  } catch {
    return { code: null, message: null };
  }
}

/** The error for a response that was not OK, from its status, headers and body text. */
export function apiErrorFrom(status: number, headers: Headers, bodyText: string): ApiError {
  const { code, message } = parseBody(bodyText);
  const requestId = headers.get("x-request-id");
  if (status === 401)
    return new ApiError(
      `The API did not accept your sign-in${message ? ` (${message})` : ""}. Close and reopen the add-in to sign in again.`,
      "signIn",
      code,
      status,
      requestId
    );
  if (status === 403)
    return new ApiError(
      message ?? "You do not have permission to do this.",
      "forbidden",
      code,
      status,
      requestId
    );
  if (status === 429) {
    const seconds = Number(headers.get("retry-after"));
    const wait = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
    return new ApiError(
      `Too many requests${wait ? `: try again in ${wait} s` : "; try again in a moment"}.`,
      "throttled",
      code,
      status,
      requestId,
      wait
    );
  }
  if (status >= 500)
    return new ApiError(
      `The service had a problem${requestId ? ` (request ${requestId})` : ""}. Try again; if it keeps failing, report the request id.`,
      "server",
      code,
      status,
      requestId
    );
  return new ApiError(
    message ?? `The request was refused (HTTP ${status}).`,
    "request",
    code,
    status,
    requestId
  );
}

export function networkError(err: unknown): ApiError {
  const detail = err instanceof Error ? err.message : String(err);
  return new ApiError(
    `Could not reach the API (${detail}). Check your connection and try again.`,
    "network",
    null,
    null
  );
}
