// The Exchange admin API's failures as the API's errors: 404 → EXCHANGE_OBJECT_NOT_FOUND, 403 →
// EXCHANGE_FORBIDDEN (naming the permission and role the app needs), 401 → UPSTREAM_AUTH, 429 after
// the retries → UPSTREAM_THROTTLED, anything else → UPSTREAM_UNAVAILABLE.
import { parseRetryAfter, UpstreamError } from "../outbound/upstreamError.js";

export type ExchangeAnswer = { status: number; text: string; headers: { get(name: string): string | null } };

export type ExchangeFailureContext = {
  cmdlet: string;
  /** The object the cmdlet was asked about (its Identity, Policy...), for the message. */
  identity?: string;
  tenantId: string;
};

type ExchangeErrorBody = {
  error?: { code?: string; message?: string; details?: { message?: string }[] };
};

/** Exchange's error: code, exception type and message ("Category|ExceptionType|message" in details). */
export function readExchangeError(answer: ExchangeAnswer): {
  code?: string;
  exceptionType?: string;
  message?: string;
} {
  let body: ExchangeErrorBody | undefined;
  try {
    body = JSON.parse(answer.text) as ExchangeErrorBody;
  } catch {
    // Some answers are plain text.
    return {
      message: answer.text.trim().slice(0, 300) || undefined,
      exceptionType: answer.headers.get("x-exceptiontype") ?? undefined,
    };
  }
  const detail = body?.error?.details?.[0]?.message?.split("|");
  return {
    code: body?.error?.code,
    exceptionType: answer.headers.get("x-exceptiontype") ?? detail?.[1],
    message: detail?.[2] ?? body?.error?.message,
  };
}

/**
 * The AppError for an InvokeCommand answer with status ≥ 400.
 * @example exchangeFailure(answer, { cmdlet: "Get-Mailbox", identity: "nobody@contoso.com", tenantId }).code // → "EXCHANGE_OBJECT_NOT_FOUND"
 */
export function exchangeFailure(answer: ExchangeAnswer, context: ExchangeFailureContext): UpstreamError {
  const error = readExchangeError(answer);
  const details = {
    service: "exchange" as const,
    requestId: answer.headers.get("request-id") ?? undefined,
    upstreamStatus: answer.status,
    upstreamCode: error.exceptionType ?? error.code,
  };
  const says = error.message ? ` Exchange said: ${error.message}` : "";
  if (answer.status === 404 && /TenantNotFound/i.test(error.exceptionType ?? ""))
    return new UpstreamError(
      502,
      "UPSTREAM_UNAVAILABLE",
      `Exchange Online does not know the tenant ${context.tenantId}; check TENANT_ID and EXCHANGE_ADMIN_BASE_URL.`,
      details
    );
  if (answer.status === 404)
    return new UpstreamError(
      404,
      "EXCHANGE_OBJECT_NOT_FOUND",
      `Exchange Online found no object ${context.identity ? `'${context.identity}' ` : ""}for ${context.cmdlet}.`,
      details
    );
  if (answer.status === 403)
    return new UpstreamError(
      403,
      "EXCHANGE_FORBIDDEN",
      `Exchange Online refused ${context.cmdlet}: the API app needs the Exchange.ManageAsApp application permission (admin-consented) and an admin role that may run it, such as Global Reader or a role group assigned to its service principal.${says}`,
      details
    );
  if (answer.status === 401)
    return new UpstreamError(
      502,
      "UPSTREAM_AUTH",
      `Exchange Online rejected the API's access token for ${context.cmdlet}.${says}`,
      details
    );
  if (answer.status === 429) {
    const retryAfterSeconds = parseRetryAfter(answer.headers.get("retry-after"));
    const wait = retryAfterSeconds === undefined ? "" : ` Retry after ${retryAfterSeconds} seconds.`;
    return new UpstreamError(
      503,
      "UPSTREAM_THROTTLED",
      `Exchange Online is throttling the API's requests (${context.cmdlet}).${wait}`,
      {
        ...details,
        retryAfterSeconds,
      }
    );
  }
  return new UpstreamError(
    502,
    "UPSTREAM_UNAVAILABLE",
    `Exchange Online could not run ${context.cmdlet} (HTTP ${answer.status}${error.code ? ` ${error.code}` : ""}).${says}`,
    { ...details, retryAfterSeconds: parseRetryAfter(answer.headers.get("retry-after")) }
  );
}

/** The AppError for a request that got no answer (connection refused, reset, timed out). */
export function exchangeTransportFailure(err: unknown, context: ExchangeFailureContext): UpstreamError {
  const cause = (err as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const reason = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
  return new UpstreamError(
    502,
    "UPSTREAM_UNAVAILABLE",
    `Could not reach Exchange Online to run ${context.cmdlet} (${reason}).`,
    { service: "exchange", cause: err }
  );
}
