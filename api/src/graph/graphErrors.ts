// Microsoft Graph's failures as the API's errors: stable codes a client can rely on, readable messages
// that name the mailbox or object, Graph's request id and Retry-After kept for the logs and the caller.
import { GraphClientError } from "@microsoft/microsoft-graph-client";
import { AppError } from "../errors.js";
import { parseRetryAfter, UpstreamError } from "../outbound/upstreamError.js";

/** What a failed call was about, for the message. */
export type GraphFailureContext = {
  /** e.g. "find copies of a message", "move a message". */
  operation: string;
  /** The mailbox (UPN, address or id) the call addressed, if any. */
  mailbox?: string;
  /** The directory object the call addressed when it is not a mailbox: "group 1234...". */
  subject?: string;
};

/** A Graph answer: status, parsed body, headers (as a Headers object or a plain record). */
export type GraphAnswer = {
  status: number;
  body?: unknown;
  headers?: { get(name: string): string | null } | Record<string, string | undefined>;
};

type GraphErrorBody = { error?: { code?: string; message?: string; innerError?: Record<string, unknown> } };

function header(answer: GraphAnswer, name: string): string | undefined {
  const headers = answer.headers;
  if (!headers) return undefined;
  if (typeof headers.get === "function")
    return (headers as { get(n: string): string | null }).get(name) ?? undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return typeof entry?.[1] === "string" ? entry[1] : undefined;
}

/** Graph's request id: the response header, else the one inside the error body. */
export function graphRequestId(answer: GraphAnswer): string | undefined {
  const inner = (answer.body as GraphErrorBody | undefined)?.error?.innerError;
  const fromBody = inner?.["request-id"];
  return header(answer, "request-id") ?? (typeof fromBody === "string" ? fromBody : undefined);
}

const target = (context: GraphFailureContext) =>
  context.mailbox ? `the mailbox ${context.mailbox}` : (context.subject ?? "the requested object");

/**
 * The AppError for a Graph answer with status ≥ 400.
 *
 * | Graph | API |
 * |---|---|
 * | 404 ErrorInvalidUser, Request_ResourceNotFound | 404 MAILBOX_NOT_FOUND (GROUP_NOT_FOUND for a group) |
 * | 404 MailboxNotEnabledForRESTAPI | 404 NO_MAILBOX |
 * | 404 ErrorItemNotFound | 404 ITEM_NOT_FOUND |
 * | 400 ErrorInvalidIdMalformed | 400 INVALID_ITEM_ID |
 * | 400 ErrorCannotDeleteObject | 409 ITEM_NOT_DELETABLE |
 * | 403 ErrorAccessDenied | 403 MAILBOX_OUT_OF_SCOPE |
 * | 403 Authorization_RequestDenied | 502 UPSTREAM_PERMISSION |
 * | 401 | 502 UPSTREAM_AUTH |
 * | 429 (after the retries) | 503 UPSTREAM_THROTTLED, with Retry-After |
 * | 5xx | 502 UPSTREAM_UNAVAILABLE |
 * | other 4xx | 502 UPSTREAM_REJECTED |
 *
 * @example graphFailure({ status: 404, body: { error: { code: "ErrorItemNotFound" } } }, { operation: "move", mailbox: "a@b.c" }).code // → "ITEM_NOT_FOUND"
 */
export function graphFailure(answer: GraphAnswer, context: GraphFailureContext): UpstreamError {
  const error = (answer.body as GraphErrorBody | undefined)?.error;
  const code = error?.code ?? "";
  const graphSays = error?.message ? ` Graph said: ${code}: ${error.message}` : code ? ` (${code})` : "";
  const details = {
    service: "graph" as const,
    requestId: graphRequestId(answer),
    upstreamStatus: answer.status,
    upstreamCode: code || undefined,
  };
  const fail = (
    status: number,
    appCode: string,
    message: string,
    extra: { retryAfterSeconds?: number } = {}
  ) => new UpstreamError(status, appCode, message, { ...details, ...extra });
  const { status } = answer;

  if (status === 404 && code === "MailboxNotEnabledForRESTAPI")
    return fail(
      404,
      "NO_MAILBOX",
      `${context.mailbox ?? "The user"} has no Exchange Online mailbox (unlicensed, inactive, soft-deleted or on-premises).`
    );
  if (status === 404 && code === "ErrorItemNotFound")
    return fail(
      404,
      "ITEM_NOT_FOUND",
      `The message was not found in ${target(context)}; it may have been moved or deleted already.`
    );
  if (status === 404 && (code === "ErrorInvalidUser" || code === "Request_ResourceNotFound")) {
    if (!context.mailbox && context.subject?.startsWith("group"))
      return fail(404, "GROUP_NOT_FOUND", `There is no ${context.subject} in the directory.`);
    const who = context.mailbox ?? context.subject;
    return fail(
      404,
      "MAILBOX_NOT_FOUND",
      `There is no user or mailbox ${who ? `${who} ` : ""}in the tenant.`
    );
  }
  if (status === 400 && code === "ErrorInvalidIdMalformed")
    return fail(
      400,
      "INVALID_ITEM_ID",
      `Graph did not accept the id given for ${target(context)} (malformed).`
    );
  if (status === 400 && code === "ErrorCannotDeleteObject")
    return fail(
      409,
      "ITEM_NOT_DELETABLE",
      `The message in ${target(context)} cannot be deleted from where it is.`
    );
  if (status === 403 && code === "Authorization_RequestDenied")
    return fail(
      502,
      "UPSTREAM_PERMISSION",
      `The API app lacks the Microsoft Graph application permission to ${context.operation}.${graphSays}`
    );
  if (status === 403)
    return fail(
      403,
      "MAILBOX_OUT_OF_SCOPE",
      `The API app may not open ${target(context)}: the app's mailbox scope (an Exchange application access policy or RBAC for Applications) excludes it.`
    );
  if (status === 401)
    return fail(
      502,
      "UPSTREAM_AUTH",
      `Microsoft Graph rejected the API's access token while trying to ${context.operation}.${graphSays}`
    );
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(header(answer, "retry-after"));
    const wait = retryAfterSeconds === undefined ? "" : ` Retry after ${retryAfterSeconds} seconds.`;
    return fail(
      503,
      "UPSTREAM_THROTTLED",
      `Microsoft Graph is throttling the API's requests for ${target(context)}.${wait}`,
      { retryAfterSeconds }
    );
  }
  if (status >= 500)
    return fail(
      502,
      "UPSTREAM_UNAVAILABLE",
      `Microsoft Graph could not ${context.operation} (HTTP ${status}${code ? ` ${code}` : ""}).`,
      { retryAfterSeconds: parseRetryAfter(header(answer, "retry-after")) }
    );
  return fail(
    502,
    "UPSTREAM_REJECTED",
    `Microsoft Graph refused to ${context.operation} (HTTP ${status}).${graphSays}`
  );
}

/**
 * The AppError for a call that got no answer: the token could not be had (the credential's own error,
 * carried through the Graph client), or the connection failed.
 */
export function graphTransportFailure(err: unknown, context: GraphFailureContext): AppError {
  // The Graph client rethrows a GraphClientError as it is; anything else it flattens, losing the cause.
  const inner: unknown =
    err instanceof GraphClientError && err.customError !== undefined ? err.customError : err;
  if (inner instanceof AppError) return inner;
  const cause = (inner as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const reason = cause?.code ?? cause?.message ?? (inner instanceof Error ? inner.message : String(inner));
  return new UpstreamError(
    502,
    "UPSTREAM_UNAVAILABLE",
    `Could not reach Microsoft Graph to ${context.operation} (${reason}).`,
    { service: "graph", cause: inner }
  );
}
