// The API's client for the Exchange Online admin API (POST {base}/{tenant}/InvokeCommand): runs a cmdlet
// with the app's Exchange token, follows every page, retries throttling and busy answers (Retry-After
// honoured, otherwise a jittered backoff, a bounded number of times), strips OData annotations from the
// objects and maps failures to the API's errors. Typed wrappers cover the cmdlets hold reporting needs.
import { randomUUID } from "node:crypto";
import type { TokenCredential } from "@azure/identity";
import type { ApiConfig } from "../config.js";
import { graphQuery } from "../graph/odataFilter.js";
import { appAccessToken } from "../outbound/credential.js";
import { createOutboundFetch, type OutboundFetch } from "../outbound/outboundHttp.js";
import { parseRetryAfter, UpstreamError } from "../outbound/upstreamError.js";
import {
  exchangeFailure,
  exchangeTransportFailure,
  type ExchangeAnswer,
  type ExchangeFailureContext,
} from "./exchangeErrors.js";
import type {
  ExchangeCaseHoldPolicy,
  ExchangeCaseHoldRule,
  ExchangeFolderStatistics,
  ExchangeMailbox,
  ExchangeMailboxSearch,
  ExchangeObject,
  ExchangeOrganizationConfig,
  ExchangeReply,
  ExchangeRetentionCompliancePolicy,
  ExchangeRetentionComplianceRule,
  ExchangeRetentionPolicy,
  ExchangeRetentionPolicyTag,
} from "./exchangeTypes.js";

export type ExchangeConfig = Pick<ApiConfig, "EXCHANGE_ADMIN_BASE_URL" | "EXCHANGE_SCOPE" | "TENANT_ID">;

/** One HTTP exchange with the admin API (each retry is an attempt), for logs and tests. */
export type ExchangeAttempt = {
  cmdlet: string;
  url: string;
  attempt: number;
  startedAt: number;
  endedAt: number;
  status?: number;
  requestId?: string;
  retryAfter?: string;
  error?: string;
};

export type ExchangeOptions = {
  /** The HTTP layer; the API's outbound fetch by default. */
  fetch?: OutboundFetch;
  /** Tries per page, the first included (default 5). */
  maxAttempts?: number;
  /** Rows per page asked for with `Prefer: odata.maxpagesize` (default 1000, Exchange's maximum). */
  pageSize?: number;
  /** A Retry-After longer than this (seconds) is not waited for: the call fails as throttled (default 180). */
  maxRetryAfterSeconds?: number;
  /** First backoff step when no Retry-After is given, in seconds (default 1; doubles, jittered, up to 30). */
  backoffSeconds?: number;
  /** A result longer than this many pages is refused (default 1000). */
  maxPages?: number;
  onAttempt?: (attempt: ExchangeAttempt) => void;
  /** Jitter source (tests). */
  random?: () => number;
};

export type InvokeOptions = {
  /** Properties to return ($select); all by default. */
  select?: readonly string[];
  /** Whether the cmdlet may run twice safely; Get-* cmdlets are. Others are retried only when refused. */
  idempotent?: boolean;
};

export interface ExchangeClient {
  invokeCommand<T extends ExchangeObject = ExchangeObject>(
    cmdlet: string,
    parameters?: Record<string, unknown>,
    options?: InvokeOptions
  ): Promise<ExchangeReply<T>>;
  getMailbox(identity: string, options?: { select?: readonly string[] }): Promise<ExchangeMailbox>;
  listMailboxes(options?: { select?: readonly string[] }): Promise<ExchangeMailbox[]>;
  getOrganizationConfig(): Promise<ExchangeOrganizationConfig>;
  getRetentionPolicy(name: string): Promise<ExchangeRetentionPolicy>;
  getRetentionPolicyTags(options?: { mailbox?: string }): Promise<ExchangeRetentionPolicyTag[]>;
  getMailboxFolderStatistics(
    identity: string,
    folderScope?: "RecoverableItems" | "All"
  ): Promise<ExchangeFolderStatistics[]>;
  getMailboxSearch(inPlaceHoldIdentity: string): Promise<ExchangeMailboxSearch>;
  getCaseHoldPolicy(id: string): Promise<ExchangeCaseHoldPolicy>;
  getCaseHoldRule(policy: string): Promise<ExchangeCaseHoldRule[]>;
  getRetentionCompliancePolicy(id: string): Promise<ExchangeRetentionCompliancePolicy>;
  getRetentionComplianceRule(policy: string): Promise<ExchangeRetentionComplianceRule[]>;
}

/** Answers worth another try: throttled, busy, timed out. */
const retryStatuses = new Set([408, 429, 503, 504]);
/** Answers that mean the request was refused before any work was done. */
const refusalStatuses = new Set([429, 503]);
const busyTenant = /maximum number of concurrent requests/i;
const maxBackoffSeconds = 30;

/**
 * Removes OData and Exchange annotations ("@odata.type", "InPlaceHolds@odata.type",
 * "ExchangeGuid@data.type"...) from a returned object, at every depth.
 * @example stripAnnotations({ "A@odata.type": "#Int32", A: 1 }) // → { A: 1 }
 */
export function stripAnnotations<T>(value: T): T {
  if (Array.isArray(value)) return value.map(stripAnnotations) as T;
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value))
    if (!key.includes("@")) out[key] = stripAnnotations(inner);
  return out as T;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function identityOf(parameters: Record<string, unknown>): string | undefined {
  for (const name of ["Identity", "Policy", "InPlaceHoldIdentity", "Mailbox"]) {
    const value = Object.entries(parameters).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
    if (value !== undefined && value !== null) return String(value);
  }
  return undefined;
}

/**
 * An Exchange admin API client for the API app. Requests go to
 * `${EXCHANGE_ADMIN_BASE_URL}/${TENANT_ID}/InvokeCommand` with a token for EXCHANGE_SCOPE.
 * @example const exchange = createExchange(config, createAppCredential(config));
 *          const mailbox = await exchange.getMailbox("alex.wilber@contoso.com");
 */
export function createExchange(
  config: ExchangeConfig,
  credential: TokenCredential,
  options: ExchangeOptions = {}
): ExchangeClient {
  const fetch = options.fetch ?? createOutboundFetch();
  const endpoint = `${config.EXCHANGE_ADMIN_BASE_URL.replace(/\/+$/, "")}/${encodeURIComponent(config.TENANT_ID)}/InvokeCommand`;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 180;
  const backoff = options.backoffSeconds ?? 1;
  const maxPages = options.maxPages ?? 1000;
  const pageSize = Math.min(Math.max(1, options.pageSize ?? 1000), 1000);
  const random = options.random ?? Math.random;
  const connectionId = randomUUID();

  /** Seconds to wait before attempt `attempt + 1` when Exchange gave no Retry-After. */
  const backoffDelay = (attempt: number) =>
    Math.min(maxBackoffSeconds, backoff * 2 ** (attempt - 1)) * (0.5 + random() / 2);

  /** A next-page link: followed on our own origin; elsewhere only its query is used, on our endpoint. */
  function nextUrl(link: string, context: ExchangeFailureContext): string {
    const next = new URL(link, endpoint);
    const ours = new URL(endpoint);
    if (next.origin === ours.origin) return next.href;
    if (/\/InvokeCommand$/i.test(next.pathname)) return `${endpoint}${next.search}`;
    throw new UpstreamError(
      502,
      "UPSTREAM_UNAVAILABLE",
      `Exchange Online answered ${context.cmdlet} with a next-page link the API does not follow.`,
      { service: "exchange" }
    );
  }

  async function postPage(
    url: string,
    body: string,
    context: ExchangeFailureContext,
    idempotent: boolean
  ): Promise<{ json: unknown; requestId: string }> {
    for (let attempt = 1; ; attempt++) {
      const token = await appAccessToken(credential, config.EXCHANGE_SCOPE, "the Exchange admin API");
      const startedAt = Date.now();
      let answer: ExchangeAnswer;
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: {
            authorization: `Bearer ${token}`,
            "content-type": "application/json",
            accept: "application/json",
            prefer: `odata.maxpagesize=${pageSize}`,
            "x-cmdletname": context.cmdlet,
            "x-responseformat": "json",
            "client-request-id": randomUUID(),
            "connection-id": connectionId,
          },
          body,
        });
        answer = { status: response.status, text: await response.text(), headers: response.headers };
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause;
        options.onAttempt?.({
          ...context,
          url,
          attempt,
          startedAt,
          endedAt: Date.now(),
          error: cause?.code ?? String(err),
        });
        if (idempotent && attempt < maxAttempts) {
          await sleep(backoffDelay(attempt) * 1000);
          continue;
        }
        throw exchangeTransportFailure(err, context);
      }
      const requestId = answer.headers.get("request-id") ?? "";
      const retryAfterHeader = answer.headers.get("retry-after") ?? undefined;
      options.onAttempt?.({
        ...context,
        url,
        attempt,
        startedAt,
        endedAt: Date.now(),
        status: answer.status,
        requestId,
        retryAfter: retryAfterHeader,
      });
      const busy = answer.status >= 400 && busyTenant.test(answer.text);
      if (answer.status < 400) {
        try {
          return { json: JSON.parse(answer.text) as unknown, requestId };
        } catch (err) {
          throw new UpstreamError(
            502,
            "UPSTREAM_UNAVAILABLE",
            `Exchange Online answered ${context.cmdlet} with something other than JSON.`,
            {
              service: "exchange",
              requestId,
              upstreamStatus: answer.status,
              cause: err,
            }
          );
        }
      }
      const retryable =
        (idempotent ? retryStatuses.has(answer.status) : refusalStatuses.has(answer.status)) || busy;
      const retryAfter = parseRetryAfter(retryAfterHeader);
      if (!retryable || attempt >= maxAttempts || (retryAfter ?? 0) > maxRetryAfter)
        throw exchangeFailure(answer, context);
      await sleep((retryAfter ?? backoffDelay(attempt)) * 1000);
    }
  }

  async function invokeCommand<T extends ExchangeObject = ExchangeObject>(
    cmdlet: string,
    parameters: Record<string, unknown> = {},
    invoke: InvokeOptions = {}
  ): Promise<ExchangeReply<T>> {
    const context: ExchangeFailureContext = {
      cmdlet,
      identity: identityOf(parameters),
      tenantId: config.TENANT_ID,
    };
    const idempotent = invoke.idempotent ?? /^Get-/i.test(cmdlet);
    const body = JSON.stringify({ CmdletInput: { CmdletName: cmdlet, Parameters: parameters } });
    const reply: ExchangeReply<T> = { value: [], warnings: [], requestIds: [] };
    let url: string | undefined = `${endpoint}${graphQuery({ select: invoke.select })}`;
    for (let pages = 0; url !== undefined; pages++) {
      if (pages === maxPages)
        throw new UpstreamError(
          502,
          "UPSTREAM_UNAVAILABLE",
          `Exchange Online's answer to ${cmdlet} ran past ${maxPages} pages.`,
          {
            service: "exchange",
          }
        );
      const { json, requestId } = await postPage(url, body, context, idempotent);
      const page = (json ?? {}) as {
        value?: unknown[];
        "@odata.nextLink"?: string;
        "@adminapi.warnings"?: unknown[];
      };
      reply.requestIds.push(requestId);
      reply.value.push(...((page.value ?? []).map(stripAnnotations) as T[]));
      reply.warnings.push(...(page["@adminapi.warnings"] ?? []).map(String));
      const link = page["@odata.nextLink"];
      url = link ? nextUrl(link, context) : undefined;
    }
    return reply;
  }

  /** The one object a cmdlet returns for an identity; none is "not found". */
  async function single<T extends ExchangeObject>(
    cmdlet: string,
    parameters: Record<string, unknown>,
    invoke: InvokeOptions = {}
  ): Promise<T> {
    const { value } = await invokeCommand<T>(cmdlet, parameters, invoke);
    const first = value[0];
    if (!first)
      throw new UpstreamError(
        404,
        "EXCHANGE_OBJECT_NOT_FOUND",
        `Exchange Online found no object '${identityOf(parameters)}' for ${cmdlet}.`,
        {
          service: "exchange",
        }
      );
    return first;
  }

  return {
    invokeCommand,
    getMailbox: (identity, { select } = {}) =>
      single<ExchangeMailbox>("Get-Mailbox", { Identity: identity }, { select }),
    listMailboxes: async ({ select } = {}) =>
      (await invokeCommand<ExchangeMailbox>("Get-Mailbox", {}, { select })).value,
    getOrganizationConfig: () => single<ExchangeOrganizationConfig>("Get-OrganizationConfig", {}),
    getRetentionPolicy: (name) => single<ExchangeRetentionPolicy>("Get-RetentionPolicy", { Identity: name }),
    getRetentionPolicyTags: async ({ mailbox } = {}) =>
      (
        await invokeCommand<ExchangeRetentionPolicyTag>(
          "Get-RetentionPolicyTag",
          mailbox ? { Mailbox: mailbox } : {}
        )
      ).value,
    getMailboxFolderStatistics: async (identity, folderScope = "RecoverableItems") =>
      (
        await invokeCommand<ExchangeFolderStatistics>("Get-MailboxFolderStatistics", {
          Identity: identity,
          FolderScope: folderScope,
        })
      ).value,
    getMailboxSearch: (inPlaceHoldIdentity) =>
      single<ExchangeMailboxSearch>("Get-MailboxSearch", { InPlaceHoldIdentity: inPlaceHoldIdentity }),
    getCaseHoldPolicy: (id) => single<ExchangeCaseHoldPolicy>("Get-CaseHoldPolicy", { Identity: id }),
    getCaseHoldRule: async (policy) =>
      (await invokeCommand<ExchangeCaseHoldRule>("Get-CaseHoldRule", { Policy: policy })).value,
    getRetentionCompliancePolicy: (id) =>
      single<ExchangeRetentionCompliancePolicy>("Get-RetentionCompliancePolicy", { Identity: id }),
    getRetentionComplianceRule: async (policy) =>
      (
        await invokeCommand<ExchangeRetentionComplianceRule>("Get-RetentionComplianceRule", {
          Policy: policy,
        })
      ).value,
  };
}
