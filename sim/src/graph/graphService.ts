// Microsoft Graph v1.0 as sim serves it: each request (alone or inside $batch) is authorized, counted
// against the app-wide rate and the mailbox's limits, delayed by the simulated latency, possibly hit by
// an injected fault, then handled by its route.
import { randomUUID } from "node:crypto";
import type { Caller } from "../authority/verifyServiceToken.js";
import { delay, sampleLatency } from "../limits/latency.js";
import { formatRetryAfter, pickFault } from "../limits/faults.js";
import { AppRateLimiter } from "../limits/appRateLimiter.js";
import { MailboxLimiter } from "../limits/mailboxLimiter.js";
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

/** Requests this service was asked to run (a batch's each count, as Graph counts them). */
export type GraphRequestCounts = { answered: number; throttled: number };

export class GraphService {
  readonly mailboxLimiter: MailboxLimiter;
  readonly counts: GraphRequestCounts = { answered: 0, throttled: 0 };
  private readonly appLimiter: AppRateLimiter;

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
    const outcome = await this.run(caller, req, origin, requestId, inBatch);
    if (outcome.status === 429) this.counts.throttled++;
    else this.counts.answered++;
    return outcome;
  }

  private async run(
    caller: Caller,
    req: GraphRequest,
    origin: string,
    requestId: string,
    inBatch: boolean
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
