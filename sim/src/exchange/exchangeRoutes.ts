// The Exchange Online admin API at /adminapi/beta/{tenant}/InvokeCommand: runs a cmdlet for an app
// holding Exchange.ManageAsApp and answers in the captured envelope (value, @odata.nextLink,
// @adminapi.warnings) with its Rate-Limit headers. Paging follows `Prefer: odata.maxpagesize=N`.
import express, { Router, type Request } from "express";
import { randomUUID } from "node:crypto";
import type { KeyRing } from "../authority/keyRing.js";
import { exchangeAudience } from "../authority/resources.js";
import type { OriginOf } from "../authority/routes.js";
import { TokenRejected, verifyServiceToken } from "../authority/verifyServiceToken.js";
import { delay, sampleLatency } from "../limits/latency.js";
import { formatRetryAfter, pickFault } from "../limits/faults.js";
import { parseJsonBody, sendResult } from "../http/serviceResponse.js";
import type { SimSettings } from "../settings.js";
import type { Tenant } from "../tenant/tenant.js";
import { cmdlets } from "./cmdlets.js";
import { ExchangeError, invalidParameter } from "./exchangeError.js";

const rateLimit = 30_000;
const defaultPageSize = 100;
const maxPageSize = 1000;

function pageSize(req: Request): number {
  const prefer = `${req.headers.prefer ?? ""},${req.headers["x-prefer"] ?? ""}`;
  const match = /odata\.maxpagesize=(\d+)/i.exec(prefer);
  return match ? Math.min(maxPageSize, Math.max(1, Number(match[1]))) : defaultPageSize;
}

export function exchangeRoutes(
  tenant: Tenant,
  keys: KeyRing,
  settings: () => SimSettings,
  clock: () => number,
  originOf: OriginOf
): Router {
  const router = Router();
  let used = 0;
  router.post(
    "/:tenant/InvokeCommand",
    express.text({ type: () => true, limit: "1mb" }),
    async (req, res) => {
      const requestId = randomUUID();
      res.setHeader("request-id", requestId);
      res.setHeader("X-ExchangeVersion", "Version 15.20 (Build 9999.0) sim");
      const fail = (err: ExchangeError) => {
        res.setHeader("X-ExceptionType", err.exceptionType);
        sendResult(res, { status: err.status, headers: err.headers, body: err.body() });
      };
      const segment = String(req.params.tenant).toLowerCase();
      if (segment !== tenant.id && !tenant.fixture.domains.some((d) => d.id.toLowerCase() === segment))
        return fail(
          new ExchangeError(
            404,
            "NotFound",
            "Microsoft.Exchange.Data.Directory.TenantNotFoundException",
            `The tenant '${req.params.tenant}' was not found.`
          )
        );
      let caller;
      try {
        caller = await verifyServiceToken(
          req.headers.authorization,
          [exchangeAudience, "00000002-0000-0ff1-ce00-000000000000"],
          keys,
          tenant,
          clock()
        );
      } catch (err) {
        if (!(err instanceof TokenRejected)) throw err;
        res.setHeader(
          "WWW-Authenticate",
          `Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@*", token_types="app_asserted_user_v1 service_asserted_app_v1", error="invalid_token"`
        );
        return fail(
          new ExchangeError(401, "Unauthorized", "System.UnauthorizedAccessException", err.message)
        );
      }
      if (!caller.roles.has("Exchange.ManageAsApp"))
        return fail(
          new ExchangeError(
            403,
            "Forbidden",
            "System.UnauthorizedAccessException",
            "The application is not granted Exchange.ManageAsApp (or an Exchange role) in this organization."
          )
        );
      used++;
      res.setHeader("Rate-Limit-Limit", String(rateLimit));
      res.setHeader("Rate-Limit-Remaining", String(Math.max(0, rateLimit - used)));
      res.setHeader("Rate-Limit-Reset", new Date(clock() + 60_000).toISOString());
      const body = parseJsonBody(req.body);
      const input = body.ok
        ? (body.value as { CmdletInput?: { CmdletName?: unknown; Parameters?: unknown } } | undefined)
            ?.CmdletInput
        : undefined;
      if (!input || typeof input.CmdletName !== "string")
        return fail(
          invalidParameter(
            'The request body must be {"CmdletInput":{"CmdletName":"...","Parameters":{...}}}.'
          )
        );
      const cmdlet = cmdlets[input.CmdletName.toLowerCase()];
      if (!cmdlet)
        return fail(
          new ExchangeError(
            400,
            "BadRequest",
            "System.Management.Automation.CommandNotFoundException",
            `The term '${input.CmdletName}' is not recognized as the name of a cmdlet.`
          )
        );
      const current = settings();
      const fault = pickFault(current);
      if (fault?.phase === "before" && (fault.kind === "503" || fault.kind === "429"))
        return fail(
          new ExchangeError(
            Number(fault.kind),
            fault.kind === "503" ? "ServiceUnavailable" : "TooManyRequests",
            "System.Net.WebException",
            "The service is busy. Please retry later.",
            { "Retry-After": formatRetryAfter(current.faultRetryAfterSeconds) }
          )
        );
      await delay(sampleLatency(current.latencyMs, current.latencyJitter));
      let rows: Record<string, unknown>[];
      try {
        rows = cmdlet(tenant, (input.Parameters ?? {}) as Record<string, unknown>);
      } catch (err) {
        if (err instanceof ExchangeError) return fail(err);
        throw err;
      }
      if (fault) {
        if (fault.kind === "reset") return void req.socket.destroy();
        return fail(
          new ExchangeError(504, "GatewayTimeout", "System.TimeoutException", "The operation timed out.")
        );
      }
      const select =
        typeof req.query.$select === "string" ? req.query.$select.split(",").map((s) => s.trim()) : undefined;
      const projected = select
        ? rows.map((row) => Object.fromEntries(select.filter((k) => k in row).map((k) => [k, row[k]])))
        : rows;
      const skip = Number(req.query.$skiptoken ?? 0) || 0;
      const size = pageSize(req);
      const origin = originOf(req);
      const base = `${origin}/adminapi/beta/${req.params.tenant}`;
      const page: Record<string, unknown> = {
        "@odata.context": `${base}/$metadata#Collection(Exchange.GenericHashTable)`,
        "adminapi.warnings@odata.type": "#Collection(String)",
        "@adminapi.warnings": [],
        value: projected.slice(skip, skip + size),
      };
      if (skip + size < projected.length) {
        const next = new URLSearchParams(select ? { $select: select.join(",") } : {});
        next.set("$skiptoken", String(skip + size));
        page["@odata.nextLink"] = `${base}/InvokeCommand?${next.toString()}`;
      }
      sendResult(res, { status: 200, body: page });
    }
  );
  return router;
}
