// sim's own endpoints (not Microsoft's): the inspection page and JSON, run-time settings, and key
// rotation, so tests, benchmarks and people can look inside and steer the stand-in.
import express, { Router, type Response } from "express";
import type { KeyRing } from "../authority/keyRing.js";
import type { OriginOf } from "../authority/routes.js";
import { simSettingsSchema, type SimSettings } from "../settings.js";
import type { Tenant } from "../tenant/tenant.js";
import type { GraphService } from "../graph/graphService.js";
import { parseJsonBody } from "../http/serviceResponse.js";
import { copiesOf, mailboxSummaries } from "./inspection.js";
import { inspectionPage } from "./inspectionPage.js";
import { listMessages } from "./mailboxMessages.js";

/** The harness page reads these from another origin (the add-in's dev server), so any origin may. */
function anyOrigin(_req: unknown, res: Response, next: () => void): void {
  res.setHeader("Access-Control-Allow-Origin", "*");
  next();
}

export function inspectionRoutes(
  tenant: Tenant,
  keys: KeyRing,
  settings: SimSettings,
  graph: GraphService,
  originOf: OriginOf
): Router {
  const router = Router();
  router.get("/", (req, res) => {
    const tracked = typeof req.query.internetMessageId === "string" ? req.query.internetMessageId : undefined;
    if (req.accepts(["json", "html"]) === "html")
      return void res.type("html").send(inspectionPage(tenant, originOf(req), tracked));
    const origin = originOf(req);
    res.json({
      name: "sim: local Microsoft 365 stand-in",
      tenant: { id: tenant.id, displayName: tenant.fixture.tenant.displayName },
      endpoints: {
        authority: `${origin}/${tenant.id}/v2.0/.well-known/openid-configuration`,
        graph: `${origin}/v1.0/`,
        exchangeAdmin: `${origin}/adminapi/beta/${tenant.id}/InvokeCommand`,
        mailboxes: `${origin}/_sim/mailboxes`,
        messages: `${origin}/_sim/mailboxes/{upn}/messages`,
        copies: `${origin}/_sim/copies?internetMessageId={id}`,
        settings: `${origin}/_sim/settings`,
        stats: `${origin}/_sim/stats`,
      },
    });
  });
  router.get("/_sim/mailboxes", anyOrigin, (_req, res) => void res.json({ value: mailboxSummaries(tenant) }));
  router.get("/_sim/mailboxes/:upn/messages", anyOrigin, (req, res) => {
    const upn = String(req.params.upn);
    const user = tenant.user(upn);
    if (!user)
      return void res
        .status(404)
        .json({ error: { code: "ErrorInvalidUser", message: `The requested user '${upn}' is invalid.` } });
    if (!user.mailbox)
      return void res.status(404).json({
        error: {
          code: "MailboxNotEnabledForRESTAPI",
          message: `${user.userPrincipalName} has no mailbox.`,
        },
      });
    res.json({ value: listMessages(tenant, user.mailbox) });
  });
  router.get("/_sim/copies", (req, res) => {
    const id = req.query.internetMessageId;
    if (typeof id !== "string" || id === "")
      return void res
        .status(400)
        .json({ error: { code: "BadRequest", message: "internetMessageId is required." } });
    res.json({ internetMessageId: id, value: copiesOf(tenant, id) });
  });
  router.get("/_sim/activity", (_req, res) => void res.json({ value: tenant.activity }));
  router.get("/_sim/stats", (_req, res) => {
    const repeated = [...tenant.writesPerCopy].filter(([, writes]) => writes > 1);
    res.json({
      // Answered and throttled, and earlyRetries: requests for a mailbox sent again before the
      // Retry-After sim last gave it (sim/src/limits/retryWatch.ts).
      graphRequests: graph.counts,
      writes: {
        total: [...tenant.writesPerCopy.values()].reduce((sum, n) => sum + n, 0),
        // Mailbox and Internet Message-ID pairs written more than once (the first 100 of them).
        repeatedCount: repeated.length,
        repeated: repeated.slice(0, 100).map(([key, writes]) => ({ key, writes })),
      },
    });
  });
  router.get(
    "/_sim/settings",
    (_req, res) => void res.json({ ...settings, peakInFlightPerMailbox: graph.mailboxLimiter.peakInFlight() })
  );
  // The body is parsed here, not by express.json(), so that malformed JSON or a bare `null` is a 400.
  router.put("/_sim/settings", express.text({ type: () => true, limit: "100kb" }), (req, res) => {
    const body = parseJsonBody(req.body);
    if (!body.ok)
      return void res.status(400).json({ error: { code: "BadRequest", message: "(body): not valid JSON" } });
    const parsed = simSettingsSchema.partial().strict().safeParse(body.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const message =
        issue.code === "unrecognized_keys"
          ? `${issue.keys.join(", ")}: not a setting (settings: ${Object.keys(simSettingsSchema.shape).join(", ")})`
          : `${issue.path.join(".") || "(body)"}: ${issue.message}`;
      return void res.status(400).json({ error: { code: "BadRequest", message } });
    }
    Object.assign(settings, parsed.data);
    res.json(settings);
  });
  router.post("/_sim/keys/rotate", async (_req, res) => void res.json({ signingKid: await keys.rotate() }));
  router.post("/_sim/keys/retire", express.json(), (req, res) => {
    const kid = (req.body as { kid?: unknown } | undefined)?.kid;
    if (typeof kid !== "string" || !keys.retire(kid))
      return void res.status(400).json({
        error: {
          code: "BadRequest",
          message: "kid must name a published key that is not the signing key.",
        },
      });
    res.json({ retired: kid });
  });
  return router;
}
