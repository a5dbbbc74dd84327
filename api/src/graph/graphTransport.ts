// The Microsoft Graph JS client assembled for the API: its own middleware for the token (attached only
// to the configured Graph host), retries (429/503/504, honouring Retry-After), redirects and telemetry,
// ending in a step that sends each request over the outbound HTTP layer rather than the global fetch.
import type { TokenCredential } from "@azure/identity";
import {
  AuthenticationHandler,
  Client,
  GraphClientError,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type AuthenticationProvider,
  type Context,
  type Middleware,
} from "@microsoft/microsoft-graph-client";
import type { ApiConfig } from "../config.js";
import { appAccessToken } from "../outbound/credential.js";
import { createOutboundFetch, type OutboundFetch, type OutboundInit } from "../outbound/outboundHttp.js";
import { createAppPacer, type AppPacer } from "./appPacer.js";
import { createMailboxGate, mailboxClaims, requestsCounted, type MailboxGate } from "./mailboxGate.js";

/** One HTTP exchange with Graph (retries are separate attempts), for logs and tests. */
export type GraphAttempt = {
  method: string;
  url: string;
  /** The client-request-id header, the same on every retry of one call. */
  clientRequestId?: string;
  startedAt: number;
  endedAt: number;
  status?: number;
  requestId?: string;
  retryAfter?: string;
  /** Set when no answer came (connection refused, reset...). */
  error?: string;
};

export type GraphTransportOptions = {
  /** The HTTP layer; the API's outbound fetch by default. */
  fetch?: OutboundFetch;
  /** Retries of a 429, 503 or 504 answer (the SDK allows 0 to 10; default 5). */
  maxRetries?: number;
  /** Base delay in seconds when an answer has no Retry-After (the SDK's backoff; default 3). */
  retryDelaySeconds?: number;
  /** Called after every attempt. */
  onAttempt?: (attempt: GraphAttempt) => void;
  /** At most this many requests in flight per mailbox, others wait their turn (default 4; 0 = no limit). */
  mailboxConcurrency?: number;
  /** The app's requests per second across all mailboxes (GRAPH_REQUESTS_PER_SECOND; 0 or unset = unpaced). */
  requestsPerSecond?: number;
};

export type GraphConfig = Pick<ApiConfig, "GRAPH_BASE_URL" | "GRAPH_SCOPE">;

/** Idempotent requests that got no answer at all are sent again this many times. */
const connectionRetries = 2;

/** Wraps an error so the Graph client rethrows it unchanged (it flattens every other error). */
function passThrough(err: unknown): GraphClientError {
  const wrapped = new GraphClientError(err instanceof Error ? err.message : String(err));
  wrapped.customError = err;
  return wrapped;
}

/** The last middleware: the request goes out through the outbound layer (undici with the API's CAs). */
class OutboundFetchHandler implements Middleware {
  constructor(
    private readonly fetch: OutboundFetch,
    private readonly gate: MailboxGate,
    private readonly pacer: AppPacer,
    private readonly onAttempt: ((attempt: GraphAttempt) => void) | undefined
  ) {}

  async execute(context: Context): Promise<void> {
    const request = context.request;
    const url = typeof request === "string" ? request : request.url;
    const options = context.options ?? {};
    const method = (options.method ?? "GET").toUpperCase();
    const headers = (options.headers ?? {}) as Record<string, string>;
    const clientRequestId = Object.entries(headers).find(
      ([name]) => name.toLowerCase() === "client-request-id"
    )?.[1];
    for (let attempt = 0; ; attempt++) {
      let startedAt = Date.now();
      try {
        // Each attempt holds its mailbox's slot (a batch: one per request it carries) only while it is
        // out, until its whole answer has arrived; retries wait outside, in the RetryHandler.
        const claims = mailboxClaims(url, options.body);
        const requests = requestsCounted(url, options.body);
        const response = await this.gate.runHolding(claims, async () => {
          await this.pacer.take(requests);
          startedAt = Date.now();
          return this.fetch(url, {
            method,
            headers,
            body: options.body as OutboundInit["body"],
            signal: options.signal,
          });
        });
        this.onAttempt?.({
          method,
          url,
          clientRequestId,
          startedAt,
          endedAt: Date.now(),
          status: response.status,
          requestId: response.headers.get("request-id") ?? undefined,
          retryAfter: response.headers.get("retry-after") ?? undefined,
        });
        // The outbound answer has every part of a Response the Graph client reads.
        context.response = response as unknown as Response;
        return;
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause;
        this.onAttempt?.({
          method,
          url,
          clientRequestId,
          startedAt,
          endedAt: Date.now(),
          error: cause?.code ?? String(err),
        });
        // A GET that got no answer is safe to send again (a stale keep-alive socket, a dropped reply).
        if (method === "GET" && attempt < connectionRetries) continue;
        throw passThrough(err);
      }
    }
  }

  setNext(): void {
    // The last step of the chain has no next one.
  }
}

/** Splits GRAPH_BASE_URL ("https://graph.microsoft.com/v1.0") into the client's base and version. */
export function graphEndpoint(graphBaseUrl: string): { baseUrl: string; version: string; hostname: string } {
  const url = new URL(graphBaseUrl);
  const segments = url.pathname.split("/").filter(Boolean);
  const version = segments.pop() ?? "v1.0";
  const prefix = segments.length ? `/${segments.join("/")}` : "";
  return { baseUrl: `${url.origin}${prefix}`, version, hostname: url.hostname };
}

/**
 * A Graph client over the outbound HTTP layer. Tokens come from `credential` for GRAPH_SCOPE and are
 * attached only to Graph's own hosts and the configured one (customHosts), never to other URLs.
 * @example createGraphSdkClient(config, credential).api("/domains").get()
 */
export function createGraphSdkClient(
  config: GraphConfig,
  credential: TokenCredential,
  options: GraphTransportOptions = {}
): Client {
  const endpoint = graphEndpoint(config.GRAPH_BASE_URL);
  const authProvider: AuthenticationProvider = {
    getAccessToken: async () => {
      try {
        return await appAccessToken(credential, config.GRAPH_SCOPE, "Microsoft Graph");
      } catch (err) {
        throw passThrough(err);
      }
    },
  };
  const middleware: Middleware[] = [
    new AuthenticationHandler(authProvider),
    new RetryHandler(new RetryHandlerOptions(options.retryDelaySeconds ?? 3, options.maxRetries ?? 5)),
    new RedirectHandler(),
    new TelemetryHandler(),
    new OutboundFetchHandler(
      options.fetch ?? createOutboundFetch(),
      createMailboxGate(options.mailboxConcurrency ?? 4),
      createAppPacer(options.requestsPerSecond ?? 0),
      options.onAttempt
    ),
  ];
  return Client.initWithMiddleware({
    baseUrl: endpoint.baseUrl,
    defaultVersion: endpoint.version,
    middleware,
    customHosts: new Set([endpoint.hostname]),
  });
}
