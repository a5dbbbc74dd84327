// How Graph and the Exchange admin API check the bearer token of each request: signed by this
// authority's keys (RS256), meant for them (aud), issued for this tenant, still valid.
import { jwtVerify, errors, type JWTPayload } from "jose";
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

/**
 * Tokens whose signature and claims were checked, per key ring: a client sends the same token with
 * every request for an hour, and checking an RS256 signature each time would cost sim most of its CPU
 * under load (CPU the API under test shares on one machine). A kept token is still refused once it
 * expires, and everything is checked again when the published keys change.
 */
const verified = new WeakMap<KeyRing, { version: number; payloads: Map<string, JWTPayload> }>();
const keptTokens = 1000;

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
  const keptAs = `${audiences.join(" ")}\n${tenant.id}\n${token}`;
  const payload =
    keptPayload(keys, keptAs, now / 1000) ?? (await checkedPayload(token, audiences, keys, tenant, now));
  keep(keys, keptAs, payload);
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

/** The token's payload once jose has checked its signature (RS256, a published key) and claims. */
async function checkedPayload(
  token: string,
  audiences: string[],
  keys: KeyRing,
  tenant: Tenant,
  now: number
): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, keys.verifier(), {
      algorithms: ["RS256"],
      audience: audiences,
      issuer: v1Issuer(tenant.id),
      clockTolerance: clockSkewSeconds,
      currentDate: new Date(now),
    });
    return payload;
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
}

/** A kept payload for `keptAs`, unless the keys changed since or it is no longer within its lifetime. */
function keptPayload(keys: KeyRing, keptAs: string, nowSeconds: number): JWTPayload | undefined {
  const kept = verified.get(keys);
  if (!kept || kept.version !== keys.version) return undefined;
  const payload = kept.payloads.get(keptAs);
  if (!payload) return undefined;
  const current =
    (payload.exp === undefined || nowSeconds <= payload.exp + clockSkewSeconds) &&
    (payload.nbf === undefined || nowSeconds >= payload.nbf - clockSkewSeconds);
  return current ? payload : undefined;
}

function keep(keys: KeyRing, keptAs: string, payload: JWTPayload): void {
  let kept = verified.get(keys);
  if (!kept || kept.version !== keys.version) {
    kept = { version: keys.version, payloads: new Map() };
    verified.set(keys, kept);
  }
  if (kept.payloads.size >= keptTokens) kept.payloads.clear();
  kept.payloads.set(keptAs, payload);
}
