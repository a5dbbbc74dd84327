// Graph over HTTP at /v1.0: request ids on every response, bearer token validation, $batch, and the
// connection reset an injected fault may ask for.
import express, { Router } from "express";
import { randomUUID } from "node:crypto";
import type { KeyRing } from "../authority/keyRing.js";
import { graphAudience } from "../authority/resources.js";
import { TokenRejected, verifyServiceToken } from "../authority/verifyServiceToken.js";
import type { OriginOf } from "../authority/routes.js";
import { parseJsonBody, sendResult } from "../http/serviceResponse.js";
import type { Tenant } from "../tenant/tenant.js";
import { runBatch } from "./batch.js";
import { GraphError, graphErrorBody } from "./graphError.js";
import type { GraphService } from "./graphService.js";
import { parseTarget } from "./parseTarget.js";

export function graphRoutes(
  service: GraphService,
  tenant: Tenant,
  keys: KeyRing,
  clock: () => number,
  originOf: OriginOf
): Router {
  const router = Router();
  router.use(express.text({ type: () => true, limit: "4mb" }));
  router.all("/{*path}", async (req, res) => {
    const requestId = randomUUID();
    res.setHeader("request-id", requestId);
    res.setHeader("client-request-id", String(req.headers["client-request-id"] ?? requestId));
    res.setHeader(
      "x-ms-ags-diagnostic",
      JSON.stringify({
        ServerInfo: { DataCenter: "Local", Slice: "E", Ring: "5", ScaleUnit: "000", RoleInstance: "sim" },
      })
    );
    const fail = (err: GraphError) =>
      sendResult(res, {
        status: err.status,
        headers: err.headers,
        body: graphErrorBody(err, requestId, clock()),
      });
    const body = parseJsonBody(req.body);
    if (!body.ok)
      return fail(
        new GraphError(
          400,
          "BadRequest",
          "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format."
        )
      );
    let caller;
    try {
      caller = await verifyServiceToken(
        req.headers.authorization,
        [graphAudience, "00000003-0000-0000-c000-000000000000"],
        keys,
        tenant,
        clock()
      );
    } catch (err) {
      if (!(err instanceof TokenRejected)) throw err;
      return fail(
        new GraphError(401, "InvalidAuthenticationToken", err.message, {
          "WWW-Authenticate": `Bearer realm="", authorization_uri="${originOf(req)}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
        })
      );
    }
    const target = parseTarget(
      req.method,
      req.originalUrl.slice(req.baseUrl.length),
      req.headers as Record<string, string>,
      body.value
    );
    const origin = originOf(req);
    if (target.segments.length === 1 && target.segments[0] === "$batch") {
      if (req.method !== "POST") return fail(new GraphError(405, "BadRequest", "$batch accepts only POST."));
      return sendResult(res, await runBatch(service, caller, body.value, origin, clock, requestId));
    }
    const outcome = await service.execute(caller, target, origin, requestId, false);
    if (outcome.reset) return void req.socket.destroy();
    sendResult(res, outcome);
  });
  return router;
}
