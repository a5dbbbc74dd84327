// Microsoft Graph v1.0 as sim serves it: each request (alone or inside $batch) is authorized, counted
// against the app-wide rate and the mailbox's limits, delayed by the simulated latency, possibly hit by
// an injected fault, then handled by its route.
import { randomUUID } from "node:crypto";
import type { Caller } from "../authority/verifyServiceToken.js";
import { delay, sampleLatency } from "../limits/latency.js";
import { formatRetryAfter, pickFault } from "../limits/faults.js";
import { AppRateLimiter } from "../limits/appRateLimiter.js";
import { MailboxLimiter } from "../limits/mailboxLimiter.js";
import { RetryWatch } from "../limits/retryWatch.js";
import { mailboxInScope } from "../tenant/applicationAccess.js";
import type { SimSettings } from "../settings.js";
import type { Tenant, User } from "../tenant/tenant.js";
import { GraphError, graphErrorBody } from "./graphError.js";
import {
  permissionGrants,
  type GraphContext,
  type GraphRequest,
  type GraphResult,
  type Route,
} from "./request.js";
import { directoryRoutes } from "./routes/directoryRoutes.js";
import { mailRoutes } from "./routes/mailRoutes.js";

const routes: Route[] = [...directoryRoutes, ...mailRoutes];

export type Outcome = GraphResult & { reset?: boolean };

function match(req: GraphRequest): { route: Route; params: Record<string, string> } | GraphError {
  let methodMismatch = false;
  for (const candidate of routes) {
    if (candidate.pattern.length !== req.segments.length) continue;
    const params: Record<string, string> = {};
    const fits = candidate.pattern.every((part, i) => {
      if (part.startsWith(":")) return (params[part.slice(1)] = req.segments[i]!) !== "";
      return part.toLowerCase() === req.segments[i]!.toLowerCase();
    });
    if (!fits) continue;
    if (candidate.method === req.method) return { route: candidate, params };
    methodMismatch = true;
  }
  if (methodMismatch)
    return new GraphError(
      405,
      "Request_BadRequest",
      `The HTTP method '${req.method}' is not allowed on this resource.`
    );
  const unknown = req.segments.find(
    (s, i) =>
      !routes.some(
        (r) =>
          r.pattern[i] !== undefined &&
          (r.pattern[i]!.startsWith(":") || r.pattern[i]!.toLowerCase() === s.toLowerCase())
      )
  );
  return new GraphError(
    400,
    "BadRequest",
    `Resource not found for the segment '${unknown ?? req.segments.at(-1) ?? ""}'.`
  );
}

/**
 * Requests this service was asked to run (a batch's each count, as Graph counts them), and how many of
 * them came back for a mailbox before the Retry-After sim last gave the app for it had passed.
 */
export type GraphRequestCounts = { answered: number; throttled: number; earlyRetries: number };

/**
 * One HTTP request to Graph as the retry watch sees it: a single request, or a $batch with the requests
 * it carries. Those all started when it arrived, and the client learns of their 429s only when its
 * answer goes out, once the last of them is done.
 */
type Exchange = { startedAt: number; running: number; refusals: { key: string; seconds: number }[] };

export class GraphService {
  readonly mailboxLimiter: MailboxLimiter;
  readonly counts: GraphRequestCounts = { answered: 0, throttled: 0, earlyRetries: 0 };
  private readonly appLimiter: AppRateLimiter;
  private readonly retryWatch = new RetryWatch();
  /**
   * Keyed by the caller, because graphRoutes verifies the token once per HTTP request: a $batch's requests
   * share one Caller object, and no two HTTP requests do.
   */
  private readonly exchanges = new WeakMap<Caller, Exchange>();

  constructor(
    private readonly tenant: Tenant,
    private readonly settings: () => SimSettings,
    private readonly clock: () => number,
    private readonly random: () => number = Math.random
  ) {
    this.mailboxLimiter = new MailboxLimiter(() => ({
      concurrency: settings().mailboxConcurrency,
      perWindow: settings().mailboxRequestsPer10Minutes,
      concurrencyRetryAfterSeconds: settings().concurrencyRetryAfterSeconds,
    }));
    this.appLimiter = new AppRateLimiter(() => settings().appRequestsPerSecond);
  }

  /** Runs one request; every refusal and failure comes back as a result in Graph's error shape. */
  async execute(
    caller: Caller,
    req: GraphRequest,
    origin: string,
    requestId: string,
    inBatch: boolean
  ): Promise<Outcome> {
    const exchange = this.exchanges.get(caller) ?? { startedAt: this.clock(), running: 0, refusals: [] };
    this.exchanges.set(caller, exchange);
    exchange.running++;
    let outcome: Outcome | undefined;
    let watchKey: string | undefined;
    try {
      outcome = await this.run(caller, req, origin, requestId, inBatch, (key) => {
        watchKey = key;
        if (this.retryWatch.arrived(key, exchange.startedAt)) this.counts.earlyRetries++;
      });
    } finally {
      exchange.running--;
      const retryAfter = outcome?.status === 429 ? Number(outcome.headers?.["Retry-After"]) : NaN;
      if (watchKey && Number.isFinite(retryAfter))
        exchange.refusals.push({ key: watchKey, seconds: retryAfter });
      this.answerRefusals(exchange);
    }
    if (outcome.status === 429) this.counts.throttled++;
    else this.counts.answered++;
    return outcome;
  }

  /**
   * Tells the retry watch about an exchange's 429s once its last request is done, which is when its
   * answer goes out. A $batch whose requests run one after another is between two of them for a moment:
   * by the time queued callbacks have run, it has started the next one, so it is still running.
   */
  private answerRefusals(exchange: Exchange): void {
    if (exchange.running > 0 || exchange.refusals.length === 0) return;
    const answeredAt = this.clock();
    setImmediate(() => {
      if (exchange.running > 0) return;
      for (const { key, seconds } of exchange.refusals.splice(0))
        this.retryWatch.refused(key, answeredAt, seconds);
    });
  }

  private async run(
    caller: Caller,
    req: GraphRequest,
    origin: string,
    requestId: string,
    inBatch: boolean,
    watch: (key: string) => void
  ): Promise<Outcome> {
    const fail = (err: GraphError): Outcome => ({
      status: err.status,
      headers: err.headers,
      body: graphErrorBody(err, requestId, this.clock()),
    });
    const found = match(req);
    if (found instanceof GraphError) return fail(found);
    const { route, params } = found;
    if (!permissionGrants[route.permission].some((role) => caller.roles.has(role)))
      return fail(
        route.mailbox
          ? new GraphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.")
          : new GraphError(
              403,
              "Authorization_RequestDenied",
              "Insufficient privileges to complete the operation."
            )
      );
    // Before any limit is applied, so that an early request is counted however it is answered. Only
    // requests for a mailbox are watched, under the key the mailbox limits use. A 429 for the app's
    // overall rate, answered to a request for a mailbox, counts for that mailbox like any other: the
    // client was told when to send it again. It does not count for the app's other mailboxes: that
    // Retry-After says when the app's bucket holds one more request, not that every mailbox must wait,
    // and the app's requests to other mailboxes are not retries of the refused one.
    const watched = route.mailbox ? this.tenant.user(params.user!) : undefined;
    if (watched) watch(`${caller.appId}|${watched.id}`);
    const settings = this.settings();
    const appWait = this.appLimiter.take(caller.appId, this.clock());
    if (appWait !== undefined)
      return fail(
        new GraphError(
          429,
          "TooManyRequests",
          "Too many requests. Please retry after the time in the Retry-After header.",
          { "Retry-After": formatRetryAfter(appWait) }
        )
      );
    let owner: User | undefined;
    let release = () => {};
    if (route.mailbox) {
      owner = this.tenant.user(params.user!);
      if (!owner)
        return fail(
          new GraphError(404, "ErrorInvalidUser", `The requested user '${params.user}' is invalid.`)
        );
      if (!owner.mailbox)
        return fail(
          new GraphError(
            404,
            "MailboxNotEnabledForRESTAPI",
            "The mailbox is either inactive, soft-deleted, or is hosted on-premise."
          )
        );
      if (!mailboxInScope(this.tenant, caller.appId, owner))
        return fail(new GraphError(403, "ErrorAccessDenied", "Access to OData is disabled."));
      const admission = this.mailboxLimiter.admit(`${caller.appId}|${owner.id}`, this.clock());
      if (!admission.admitted)
        return fail(
          new GraphError(429, "ApplicationThrottled", `Application is over its ${admission.limit} limit.`, {
            "Retry-After": formatRetryAfter(admission.retryAfterSeconds),
          })
        );
      release = admission.release;
    }
    try {
      const fault = pickFault(settings, this.random);
      const retryAfter = { "Retry-After": formatRetryAfter(settings.faultRetryAfterSeconds) };
      if (fault?.phase === "before") {
        if (fault.kind === "503")
          return fail(
            new GraphError(
              503,
              "ServiceUnavailable",
              "The service is temporarily unavailable. Please retry later.",
              retryAfter
            )
          );
        if (fault.kind === "429")
          return fail(new GraphError(429, "TooManyRequests", "Please retry again later.", retryAfter));
        return fail(
          new GraphError(
            504,
            "GatewayTimeout",
            "The gateway did not receive a timely response from the upstream server."
          )
        );
      }
      await delay(sampleLatency(settings.latencyMs, settings.latencyJitter, this.random));
      const ctx: GraphContext = { tenant: this.tenant, settings, caller, origin, now: this.clock() };
      let result: GraphResult;
      try {
        result = route.handle(ctx, req, params, owner);
      } catch (err) {
        if (err instanceof GraphError) return fail(err);
        throw err;
      }
      if (fault?.phase === "after") {
        // The work is done, but the caller never learns it: a gateway timeout, or a dropped connection.
        if (fault.kind === "reset" && !inBatch) return { status: 0, reset: true };
        return fail(
          new GraphError(
            504,
            "GatewayTimeout",
            "The gateway did not receive a timely response from the upstream server."
          )
        );
      }
      return result;
    } finally {
      release();
    }
  }

  newRequestId(): string {
    return randomUUID();
  }
}
