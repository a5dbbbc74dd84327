// Errors of the authority's endpoints in Entra ID's shape: an OAuth error code, an AADSTS number and a
// description carrying trace and correlation ids.
import { randomUUID } from "node:crypto";

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadsts: number,
    readonly description: string
  ) {
    super(`AADSTS${aadsts}: ${description}`);
  }

  body(now: number): Record<string, unknown> {
    const traceId = randomUUID();
    const correlationId = randomUUID();
    const timestamp = new Date(now)
      .toISOString()
      .replace("T", " ")
      .replace(/\.\d+Z$/, "Z");
    return {
      error: this.error,
      error_description: `${this.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [this.aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${this.aadsts}`,
    };
  }
}

export const missingParameter = (name: string) =>
  new OAuthError(
    400,
    "invalid_request",
    900144,
    `The request body must contain the following parameter: '${name}'.`
  );
