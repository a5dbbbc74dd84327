// The bad-token matrix, defined once for test/api/auth/tokenMatrix.test.ts and the token-matrix proof:
// each case takes a good token's claims and changes one thing (signed again with sim's own key when only
// a claim differs, so the claim check is what refuses it), or forges the signature, header or scheme.
import { createHmac, createPublicKey } from "node:crypto";
import {
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from "jose";
import { demoIdentity as demo } from "../../lib/demoIdentity.js";
import type { RunningSim } from "../../test/support/simServer.js";

const otherTenant = "9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f";
const otherApp = "0f1e2d3c-4b5a-4697-8877-665544332211";

export const b64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** What the cases need from sim's authority. sim runs in process for this: only there is its key at hand. */
export type Authority = {
  /** sim's origin, which its issuers start with. */
  origin: string;
  /** Signs claims with sim's current signing key. */
  sign(claims: JWTPayload): Promise<string>;
  /** An app-only token from sim's authority (the demo API app, for Graph by default). */
  appToken(resource?: string): Promise<string>;
  /** The keys sim publishes (its JWKS). */
  publishedKeys(): Promise<JWK[]>;
};

export function authorityOf(sim: RunningSim): Authority {
  return {
    origin: sim.origin,
    sign: (claims) => sim.sim.keys.sign(claims),
    appToken: (resource) => sim.appToken(resource),
    publishedKeys: async () =>
      ((await sim.call(`/${demo.tenantId}/discovery/v2.0/keys`)).body as { keys: JWK[] }).keys,
  };
}

export type TokenContext = {
  authority: Authority;
  good: string;
  claims: JWTPayload;
  kid: string;
  publicJwk: JWK;
  attacker: CryptoKey;
};

/** Everything the cases build from: a good token, its claims and sim's public key under its kid. */
export async function tokenContext(authority: Authority, good: string): Promise<TokenContext> {
  const kid = decodeProtectedHeader(good).kid!;
  const published = (await authority.publishedKeys()).find((k) => k.kid === kid);
  if (!published) throw new Error(`sim does not publish the good token's key ${kid}`);
  const { kty, n, e } = published;
  return {
    authority,
    good,
    claims: decodeJwt(good),
    kid,
    publicJwk: { kty, n, e },
    attacker: (await generateKeyPair("RS256")).privateKey,
  };
}

export type BadTokenCase = {
  name: string;
  /** The Authorization header values to send (empty: none). */
  build(c: TokenContext): Promise<string[]>;
  code: "INVALID_TOKEN" | "AUTHENTICATION_REQUIRED";
  /** What the refusal must say, so a case cannot pass for an unrelated reason. */
  reason?: RegExp;
};

/** The good token's claims with `changes`; an `undefined` value removes the claim. */
function changed(claims: JWTPayload, changes: Record<string, unknown>): JWTPayload {
  const all: Record<string, unknown> = { ...claims, ...changes };
  for (const [key, value] of Object.entries(all)) if (value === undefined) delete all[key];
  return all as JWTPayload;
}

const bearer = async (token: Promise<string> | string) => [`Bearer ${await token}`];
/** Signed by sim's real signing key: only the changed claims differ from a good token. */
export const simSigned = (c: TokenContext, changes: Record<string, unknown>) =>
  bearer(c.authority.sign(changed(c.claims, changes)));
/** Signed by a key sim never published, with the given header (sim's kid by default). */
const forged = (
  c: TokenContext,
  changes: Record<string, unknown>,
  header: Record<string, unknown> = {},
  key: CryptoKey = c.attacker
) =>
  bearer(
    new SignJWT(changed(c.claims, changes))
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: c.kid, ...header })
      .sign(key)
  );
const hs256 = (c: TokenContext, secret: string | Buffer) => {
  const input = `${b64({ alg: "HS256", typ: "JWT", kid: c.kid })}.${b64(c.claims)}`;
  return bearer(`${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`);
};
const otherAlg = async (c: TokenContext, alg: "RS512" | "PS256" | "ES256") =>
  forged(c, {}, { alg }, (await generateKeyPair(alg)).privateKey);

const invalidToken = "INVALID_TOKEN" as const;
const noToken = "AUTHENTICATION_REQUIRED" as const;
const allRoles = ["Retract.Run", "Retract.Approve", "Holds.Read", "Audit.Read"];

export const badTokenCases: BadTokenCase[] = [
  // Signatures and algorithms
  {
    name: "another RSA key under sim's kid",
    build: (c) => forged(c, {}),
    code: invalidToken,
    reason: /signature/,
  },
  {
    name: "forged roles (all four) signed by another key under sim's kid",
    build: (c) => forged(c, { roles: allRoles }),
    code: invalidToken,
    reason: /signature/,
  },
  {
    name: "payload tampered (roles added), original signature kept",
    build: async (c) => {
      const [header, , signature] = c.good.split(".");
      return bearer(`${header}.${b64(changed(c.claims, { roles: allRoles }))}.${signature}`);
    },
    code: invalidToken,
    reason: /signature/,
  },
  {
    name: "payload tampered (another user's oid), original signature kept",
    build: async (c) => {
      const [header, , signature] = c.good.split(".");
      return bearer(
        `${header}.${b64(changed(c.claims, { oid: "00000000-0000-4000-8000-000000000001" }))}.${signature}`
      );
    },
    code: invalidToken,
    reason: /signature/,
  },
  {
    name: "alg none, unsigned",
    build: (c) => bearer(`${b64({ alg: "none", typ: "JWT" })}.${b64(c.claims)}.`),
    code: invalidToken,
    reason: /RS256/,
  },
  {
    name: "alg none in the header, original signature kept",
    build: async (c) => {
      const [, payload, signature] = c.good.split(".");
      return bearer(`${b64({ alg: "none", typ: "JWT", kid: c.kid })}.${payload}.${signature}`);
    },
    code: invalidToken,
    reason: /RS256/,
  },
  {
    name: "HS256 keyed with the public key's PEM",
    build: (c) =>
      hs256(
        c,
        createPublicKey({ key: { ...c.publicJwk }, format: "jwk" })
          .export({ type: "spki", format: "pem" })
          .toString()
      ),
    code: invalidToken,
    reason: /RS256/,
  },
  {
    name: "HS256 keyed with the public key's JWK JSON",
    build: (c) => hs256(c, JSON.stringify(c.publicJwk)),
    code: invalidToken,
    reason: /RS256/,
  },
  { name: "RS512 instead of RS256", build: (c) => otherAlg(c, "RS512"), code: invalidToken, reason: /RS256/ },
  { name: "PS256 instead of RS256", build: (c) => otherAlg(c, "PS256"), code: invalidToken, reason: /RS256/ },
  { name: "ES256 instead of RS256", build: (c) => otherAlg(c, "ES256"), code: invalidToken, reason: /RS256/ },
  {
    name: "unknown kid",
    build: (c) => forged(c, {}, { kid: "kid-the-authority-never-published" }),
    code: invalidToken,
    reason: /does not publish/,
  },
  {
    name: "no kid (another key)",
    build: (c) => forged(c, {}, { kid: undefined }),
    code: invalidToken,
    reason: /signature/,
  },
  {
    name: "jku header pointing at another key set",
    build: (c) => forged(c, {}, { jku: "https://attacker.example/keys" }),
    code: invalidToken,
    reason: /signature/,
  },
  {
    name: "embedded jwk header carrying the signer's own public key",
    build: async (c) => {
      const pair = await generateKeyPair("RS256", { extractable: true });
      return forged(c, { roles: allRoles }, { jwk: await exportJWK(pair.publicKey) }, pair.privateKey);
    },
    code: invalidToken,
    reason: /signature/,
  },
  {
    name: "header not JSON",
    build: async (c) => {
      const [, payload, signature] = c.good.split(".");
      return bearer(`${b64("{alg:RS256")}.${payload}.${signature}`);
    },
    code: invalidToken,
    reason: /malformed/,
  },
  {
    name: "12 KB of JWT-shaped garbage",
    build: async () => bearer(`${"A".repeat(4000)}.${"B".repeat(4000)}.${"C".repeat(4000)}`),
    code: invalidToken,
    reason: /malformed/,
  },
  // Audience: tokens meant for someone else
  {
    name: "aud of another API (other GUID)",
    build: (c) => simSigned(c, { aud: otherApp }),
    code: invalidToken,
    reason: /aud/,
  },
  {
    name: "aud api:// of another app",
    build: (c) => simSigned(c, { aud: `api://${otherApp}` }),
    code: invalidToken,
    reason: /aud/,
  },
  {
    name: "ID token for the add-in (aud = add-in client id)",
    build: (c) => simSigned(c, { aud: demo.addinClientId, scp: undefined, azp: undefined }),
    code: invalidToken,
    reason: /aud/,
  },
  {
    name: "Graph app-only token from sim",
    build: (c) => bearer(c.authority.appToken()),
    code: invalidToken,
    reason: /iss|aud/,
  },
  {
    name: "Exchange admin API app-only token from sim",
    build: (c) => bearer(c.authority.appToken("https://outlook.office365.com")),
    code: invalidToken,
    reason: /iss|aud/,
  },
  {
    name: "app-only token for this API itself (client credentials)",
    build: (c) => bearer(c.authority.appToken(`api://${demo.apiClientId}`)),
    code: invalidToken,
    reason: /delegated/,
  },
  // Tenant, issuer and version
  {
    name: "tid of another tenant",
    build: (c) => simSigned(c, { tid: otherTenant }),
    code: invalidToken,
    reason: /another tenant/,
  },
  {
    name: "tid not a GUID",
    build: (c) => simSigned(c, { tid: "contoso.com" }),
    code: invalidToken,
    reason: /another tenant/,
  },
  {
    name: "iss of another tenant (tid unchanged)",
    build: (c) => simSigned(c, { iss: `${c.authority.origin}/${otherTenant}/v2.0` }),
    code: invalidToken,
    reason: /iss/,
  },
  {
    name: "iss and tid both of another tenant",
    build: (c) => simSigned(c, { iss: `${c.authority.origin}/${otherTenant}/v2.0`, tid: otherTenant }),
    code: invalidToken,
    reason: /iss/,
  },
  {
    name: "v1 issuer (sts.windows.net)",
    build: (c) => simSigned(c, { iss: `https://sts.windows.net/${demo.tenantId}/` }),
    code: invalidToken,
    reason: /iss/,
  },
  {
    name: "iss of another authority host",
    build: (c) => simSigned(c, { iss: `https://login.microsoftonline.com/${demo.tenantId}/v2.0` }),
    code: invalidToken,
    reason: /iss/,
  },
  { name: "ver 1.0", build: (c) => simSigned(c, { ver: "1.0" }), code: invalidToken, reason: /v2\.0/ },
  // Lifetime
  {
    name: "expired 2 minutes ago (beyond the 60 s skew)",
    build: (c) => {
      const now = nowSeconds();
      return simSigned(c, { exp: now - 120, nbf: now - 3720, iat: now - 3720 });
    },
    code: invalidToken,
    reason: /expired/,
  },
  {
    name: "nbf 2 minutes ahead (beyond the 60 s skew)",
    build: (c) => simSigned(c, { nbf: nowSeconds() + 120 }),
    code: invalidToken,
    reason: /not valid yet/,
  },
  { name: "iat missing", build: (c) => simSigned(c, { iat: undefined }), code: invalidToken, reason: /iat/ },
  { name: "exp missing", build: (c) => simSigned(c, { exp: undefined }), code: invalidToken, reason: /exp/ },
  // Client, scope and subject
  {
    name: "azp of an app not allowed",
    build: (c) => simSigned(c, { azp: otherApp }),
    code: invalidToken,
    reason: /client app/,
  },
  {
    name: "azp of the API app itself",
    build: (c) => simSigned(c, { azp: demo.apiClientId }),
    code: invalidToken,
    reason: /client app/,
  },
  {
    name: "azp missing",
    build: (c) => simSigned(c, { azp: undefined }),
    code: invalidToken,
    reason: /client app/,
  },
  {
    name: "scp missing",
    build: (c) => simSigned(c, { scp: undefined }),
    code: invalidToken,
    reason: /delegated/,
  },
  {
    name: "scp without access_as_user",
    build: (c) => simSigned(c, { scp: "User.Read Mail.Read" }),
    code: invalidToken,
    reason: /access_as_user/,
  },
  {
    name: "scp with a look-alike of access_as_user",
    build: (c) => simSigned(c, { scp: "access_as_user_all" }),
    code: invalidToken,
    reason: /access_as_user/,
  },
  { name: "oid missing", build: (c) => simSigned(c, { oid: undefined }), code: invalidToken, reason: /oid/ },
  {
    name: "oid not a GUID (a UPN)",
    build: (c) => simSigned(c, { oid: "admin@contoso.com" }),
    code: invalidToken,
    reason: /object id/,
  },
  {
    name: 'idtyp "app"',
    build: (c) => simSigned(c, { idtyp: "app" }),
    code: invalidToken,
    reason: /delegated/,
  },
  // Not a bearer JWT at all
  { name: "no Authorization header", build: async () => [], code: noToken },
  { name: "not a JWT", build: async () => ["Bearer not-a-jwt"], code: noToken },
  { name: "empty bearer", build: async () => ["Bearer "], code: noToken },
  { name: '"Basic" scheme', build: async () => ["Basic YWRtaW46cGFzc3dvcmQ="], code: noToken },
  { name: '"Basic" scheme carrying the good token', build: async (c) => [`Basic ${c.good}`], code: noToken },
  { name: "two dots only", build: async () => ["Bearer .."], code: noToken },
  { name: "five segments (JWE shape)", build: async () => ["Bearer a.b.c.d.e"], code: noToken },
  {
    name: "header injection: a good token, a space and forged text",
    build: async (c) => [`Bearer ${c.good} roles=Retract.Approve`],
    code: noToken,
  },
  {
    name: "header injection: forged token, a space and the good one",
    build: async (c) => [`Bearer ${(await forged(c, { roles: allRoles }))[0]!.slice(7)} ${c.good}`],
    code: noToken,
  },
  {
    name: "two Authorization headers (good and forged)",
    build: async (c) => [`Bearer ${c.good}`, (await forged(c, { roles: allRoles }))[0]!],
    code: noToken,
  },
];
