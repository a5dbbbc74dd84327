// The one error type for expected failures: it carries the HTTP status and a stable code that clients
// can rely on; anything else is an unexpected error and is answered with 500 and a correlation id.

export class AppError extends Error {
  override readonly name = "AppError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options);
  }
}

/** The JSON body of every error response. */
export type ErrorBody = { error: { code: string; message: string; requestId?: string } };
