// The authority's HTTP endpoints at Entra's paths: /{tenant}/v2.0/.well-known/openid-configuration,
// /{tenant}/discovery/v2.0/keys, /{tenant}/oauth2/v2.0/authorize and /token, plus instance discovery.
import express, { Router, type Request, type Response } from "express";
import { escapeHtml } from "../http/html.js";
import type { Authority, AuthorizeRequest } from "./authority.js";
import type { ClientProof } from "./clientCredentials.js";
import { OAuthError } from "./oauthError.js";
import { signInPage } from "./signInPage.js";

export type OriginOf = (req: Request) => string;

function params(source: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries((source ?? {}) as Record<string, unknown>))
    if (typeof value === "string") out[key] = value;
  return out;
}

/** A form-encoded credential; one that does not decode is taken as it is (and then fails to match). */
function formDecoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function clientProof(req: Request, body: Record<string, string | undefined>): ClientProof {
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? "");
  if (basic) {
    // client_secret_basic: form-encoded id and secret joined by the first colon (the secret may hold more).
    const decoded = Buffer.from(basic[1]!, "base64").toString();
    const colon = decoded.indexOf(":");
    const id = colon < 0 ? decoded : decoded.slice(0, colon);
    const secret = colon < 0 ? "" : decoded.slice(colon + 1);
    if (id && !body.client_id) body.client_id = formDecoded(id);
    return { secret: formDecoded(secret) };
  }
  return {
    secret: body.client_secret,
    assertion: body.client_assertion,
    assertionType: body.client_assertion_type,
  };
}

function redirectWith(res: Response, request: AuthorizeRequest, values: Record<string, string>): void {
  if (request.responseMode === "form_post") {
    const fields = Object.entries(values)
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
      .join("");
    res
      .type("html")
      .send(
        `<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(request.redirectUri)}">${fields}<noscript><button>Continue</button></noscript></form></body></html>`
      );
    return;
  }
  const encoded = new URLSearchParams(values).toString();
  const separator = request.responseMode === "fragment" ? "#" : request.redirectUri.includes("?") ? "&" : "?";
  res.redirect(302, `${request.redirectUri}${separator}${encoded}`);
}

function errorPage(res: Response, err: OAuthError): void {
  res
    .status(err.status)
    .type("html")
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title></head><body><h1>Sorry, but we're having trouble signing you in.</h1><p>${escapeHtml(err.message)}</p></body></html>`
    );
}

export function authorityRoutes(authority: Authority, originOf: OriginOf, clock: () => number): Router {
  const router = Router();
  const cors = (_req: Request, res: Response, next: () => void) => {
    // Entra's metadata, keys and token endpoints answer browsers from any origin (SPAs redeem codes).
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Access-Control-Allow-Headers", "*");
    res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    next();
  };
  const knownTenant = (req: Request, res: Response, next: () => void) => {
    const tenant = String(req.params.tenant);
    if (authority.knowsTenant(tenant)) return next();
    const err = new OAuthError(
      400,
      "invalid_tenant",
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`
    );
    res.status(400).json(err.body(clock()));
  };

  router.get("/common/discovery/instance", cors, (req, res) => {
    const host = new URL(originOf(req)).host;
    res.json({
      tenant_discovery_endpoint: `${originOf(req)}/${authority.tenant.id}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  });
  router.options("/:tenant/{*rest}", cors, (_req, res) => void res.sendStatus(204));
  router.get("/:tenant/v2.0/.well-known/openid-configuration", cors, knownTenant, (req, res) => {
    res.json(authority.openIdConfiguration(originOf(req), String(req.params.tenant)));
  });
  router.get("/:tenant/discovery/v2.0/keys", cors, knownTenant, (req, res) => {
    res.json(authority.jwks(originOf(req)));
  });

  const authorize = (req: Request, res: Response, input: Record<string, string | undefined>) => {
    let request: AuthorizeRequest;
    try {
      request = authority.authorizeRequest(input);
    } catch (err) {
      if (err instanceof OAuthError) return errorPage(res, err);
      throw err;
    }
    const hinted = request.loginHint ? authority.tenant.user(request.loginHint) : undefined;
    if (req.method === "POST" && hinted)
      return redirectWith(res, request, authority.issueCode(request, hinted));
    if (request.prompt === "none") {
      // A silent request succeeds only with a hint: sim keeps no sign-in session, the hint stands for one.
      if (hinted) return redirectWith(res, request, authority.issueCode(request, hinted));
      return redirectWith(res, request, {
        error: "login_required",
        error_description: "AADSTS50058: A silent sign-in request was sent but no user is signed in.",
        ...(request.state !== undefined ? { state: request.state } : {}),
      });
    }
    res.type("html").send(signInPage(authority.tenant, request, input));
  };
  router.get("/:tenant/oauth2/v2.0/authorize", knownTenant, (req, res) =>
    authorize(req, res, params(req.query))
  );
  router.post(
    "/:tenant/oauth2/v2.0/authorize",
    knownTenant,
    express.urlencoded({ extended: false, limit: "64kb" }),
    (req, res) => authorize(req, res, params(req.body))
  );

  router.post(
    "/:tenant/oauth2/v2.0/token",
    cors,
    knownTenant,
    express.urlencoded({ extended: false, limit: "256kb" }),
    async (req, res) => {
      const body = params(req.body);
      try {
        const proof = clientProof(req, body);
        const tokens = await authority.token(
          body,
          proof,
          originOf(req),
          String(req.params.tenant),
          req.headers.origin
        );
        res.setHeader("Cache-Control", "no-store");
        res.json(tokens);
      } catch (err) {
        if (!(err instanceof OAuthError)) throw err;
        res.status(err.status).json(err.body(clock()));
      }
    }
  );
  return router;
}
