// How Graph and the Exchange admin API check the bearer token of each request: signed by this
// authority's keys (RS256), meant for them (aud), issued for this tenant, still valid.
import { createLocalJWKSet, jwtVerify, errors, type JWTPayload } from "jose";
import type { ApplicationFixture } from "../fixtures/schema.js";
import type { Tenant } from "../tenant/tenant.js";
import type { KeyRing } from "./keyRing.js";
import { v1Issuer } from "./tokens.js";

export type Caller = {
  appId: string;
  app: ApplicationFixture | undefined;
  /** Application permissions (app-only tokens); empty for delegated tokens. */
  roles: ReadonlySet<string>;
  appOnly: boolean;
};

/** Why a token was refused, in the words Graph uses. */
export class TokenRejected extends Error {}

const clockSkewSeconds = 300;

export async function verifyServiceToken(
  authorization: string | undefined,
  audiences: string[],
  keys: KeyRing,
  tenant: Tenant,
  now: number
): Promise<Caller> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!bearer) throw new TokenRejected("Access token is empty.");
  const token = bearer[1]!;
  if (token.split(".").length !== 3)
    throw new TokenRejected("IDX14100: JWT is not well formed, there are no dots (.).");
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, createLocalJWKSet({ keys: keys.publicJwks() }), {
      algorithms: ["RS256"],
      audience: audiences,
      issuer: v1Issuer(tenant.id),
      clockTolerance: clockSkewSeconds,
      currentDate: new Date(now),
    }));
  } catch (err) {
    if (err instanceof errors.JWTExpired)
      throw new TokenRejected("Lifetime validation failed, the token is expired.");
    if (err instanceof errors.JWTClaimValidationFailed) {
      if (err.claim === "aud") throw new TokenRejected("Access token validation failure. Invalid audience.");
      if (err.claim === "iss") throw new TokenRejected("Access token validation failure. Invalid issuer.");
      throw new TokenRejected(`Access token validation failure. Invalid ${err.claim} claim.`);
    }
    throw new TokenRejected("Access token validation failure. Signature validation failed.");
  }
  if (payload.tid !== tenant.id) throw new TokenRejected("Access token validation failure. Invalid tenant.");
  const appId = String(payload.appid ?? payload.azp ?? "");
  const appOnly = payload.idtyp === "app" || payload.scp === undefined;
  return {
    appId,
    app: tenant.applications.get(appId.toLowerCase()),
    roles: new Set(appOnly && Array.isArray(payload.roles) ? payload.roles.map(String) : []),
    appOnly,
  };
}
