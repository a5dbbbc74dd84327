// Mints tokens with the claims Entra ID puts in them: v1.0 app-only tokens for Graph and the Exchange
// admin API (`roles` = the app's consented application permissions), v2.0 access tokens for API apps
// (`scp`, `roles` = the user's app roles, `azp` = the client), and v2.0 ID tokens.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { JWTPayload } from "jose";
import { guidFrom } from "../ids.js";
import type { ApplicationFixture } from "../fixtures/schema.js";
import type { Tenant, User } from "../tenant/tenant.js";
import type { KeyRing } from "./keyRing.js";
import type { Resource } from "./resources.js";

export const tokenLifetimeSeconds = 3599;

export type Issued = { token: string; expiresIn: number };

/** The issuer of v2.0 tokens for a tenant at this authority's origin. */
export function v2Issuer(origin: string, tenantId: string): string {
  return `${origin}/${tenantId}/v2.0`;
}

/** v1.0 tokens (Graph, Exchange) carry Entra's v1 issuer; only sim itself validates them. */
export function v1Issuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

export function servicePrincipalId(appId: string): string {
  return guidFrom(`service-principal:${appId.toLowerCase()}`);
}

function timing(nowMs: number): { iat: number; nbf: number; exp: number } {
  const now = Math.floor(nowMs / 1000);
  return { iat: now, nbf: now, exp: now + tokenLifetimeSeconds };
}

const uti = () => randomBytes(16).toString("base64url").slice(0, 22);
const rh = () => `0.${randomBytes(24).toString("base64url")}.`;

export class TokenMinter {
  constructor(
    private readonly keys: KeyRing,
    private readonly tenant: Tenant
  ) {}

  /** An app-only token: `roles` holds the application permissions consented for `resource`. */
  appToken(
    app: ApplicationFixture,
    resource: Resource,
    viaCertificate: boolean,
    origin: string,
    nowMs: number
  ): Promise<string> {
    // API apps registered in the tenant get v2.0 tokens; Graph and Exchange get v1.0 ones.
    const v2 = resource.kind === "app";
    const credential = viaCertificate ? "2" : "1";
    const roles =
      resource.kind === "graph"
        ? app.graphPermissions
        : resource.kind === "exchange"
          ? app.exchangePermissions
          : [];
    const oid = servicePrincipalId(app.appId);
    const payload: JWTPayload = {
      aud: resource.audience,
      iss: v2 ? v2Issuer(origin, this.tenant.id) : v1Issuer(this.tenant.id),
      ...timing(nowMs),
      aio: uti(),
      app_displayname: app.displayName,
      ...(v2 ? { azp: app.appId, azpacr: credential } : { appid: app.appId, appidacr: credential }),
      idp: v1Issuer(this.tenant.id),
      idtyp: "app",
      oid,
      rh: rh(),
      ...(roles.length > 0 ? { roles } : {}),
      sub: oid,
      tid: this.tenant.id,
      uti: uti(),
      ver: v2 ? "2.0" : "1.0",
    };
    return this.keys.sign(payload);
  }

  /** A delegated v2.0 access token for an API app, or a v1.0 one for Graph. */
  userToken(
    user: User,
    client: ApplicationFixture,
    resource: Resource,
    scopes: string[],
    origin: string,
    nowMs: number
  ): Promise<string> {
    const v2 = resource.kind === "app";
    const roles = v2 ? user.appRoles.filter((r) => resource.app.appRoles.includes(r)) : [];
    const payload: JWTPayload = {
      aud: v2
        ? resource.audience
        : resource.kind === "graph"
          ? "00000003-0000-0000-c000-000000000000"
          : resource.audience,
      iss: v2 ? v2Issuer(origin, this.tenant.id) : v1Issuer(this.tenant.id),
      ...timing(nowMs),
      aio: uti(),
      ...(v2 ? { azp: client.appId, azpacr: "0" } : { appid: client.appId, appidacr: "0" }),
      idtyp: "user",
      name: user.displayName,
      oid: user.id,
      preferred_username: user.userPrincipalName,
      ...(v2 ? {} : { upn: user.userPrincipalName, unique_name: user.userPrincipalName }),
      rh: rh(),
      ...(roles.length > 0 ? { roles } : {}),
      scp: scopes.join(" "),
      sid: guidFrom(`session:${user.id}`),
      sub: pairwiseSubject(user.id, client.appId),
      tid: this.tenant.id,
      uti: uti(),
      ver: v2 ? "2.0" : "1.0",
    };
    return this.keys.sign(payload);
  }

  idToken(
    user: User,
    client: ApplicationFixture,
    origin: string,
    nonce: string | undefined,
    nowMs: number
  ): Promise<string> {
    return this.keys.sign({
      aud: client.appId,
      iss: v2Issuer(origin, this.tenant.id),
      ...timing(nowMs),
      name: user.displayName,
      ...(nonce ? { nonce } : {}),
      oid: user.id,
      preferred_username: user.userPrincipalName,
      rh: rh(),
      sid: guidFrom(`session:${user.id}`),
      sub: pairwiseSubject(user.id, client.appId),
      tid: this.tenant.id,
      uti: uti(),
      ver: "2.0",
    });
  }
}

/** `sub` is pairwise: the same user has a different subject in each app, as in Entra. */
function pairwiseSubject(userId: string, appId: string): string {
  return createHash("sha256").update(`${userId}|${appId}`).digest("base64url").slice(0, 43);
}

export const newCorrelationId = () => randomUUID();
