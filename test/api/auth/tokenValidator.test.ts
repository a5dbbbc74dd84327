// Unit tests of the token validator with local keys: the JWKS is served by an in-memory fetch, so every
// claim, algorithm and outage case is exact and needs no network. The published key carries no `alg`,
// like Entra's, so only the validator's own RS256 pin stands between a key and other algorithms.
import assert from "node:assert/strict";
import { createHmac, createPublicKey } from "node:crypto";
import {
  CompactSign,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from "jose";
import { createTokenValidator, type TokenValidator } from "../../../api/src/auth/tokenValidator.js";
import { AppError } from "../../../api/src/errors.js";

const tenantId = "11111111-2222-4333-8444-555555555555";
const apiClientId = "66666666-7777-4888-9999-aaaaaaaaaaaa";
const addinClientId = "bbbbbbbb-cccc-4ddd-8eee-ffffffffffff";
const userOid = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const issuer = `https://authority.test/${tenantId}/v2.0`;
const jwksUrl = `https://authority.test/${tenantId}/discovery/v2.0/keys`;
const kid = "local-key-1";

const b64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Claims of a good delegated token; `changes` override them, `undefined` removes a claim. */
function claims(changes: Record<string, unknown> = {}): JWTPayload {
  const now = nowSeconds();
  const all: Record<string, unknown> = {
    aud: apiClientId,
    iss: issuer,
    iat: now,
    nbf: now,
    exp: now + 3600,
    tid: tenantId,
    oid: userOid,
    azp: addinClientId,
    scp: "access_as_user",
    ver: "2.0",
    idtyp: "user",
    preferred_username: "ann@contoso.com",
    name: "Ann Example",
    uti: "token-id-1",
    roles: ["Retract.Run"],
    ...changes,
  };
  for (const [key, value] of Object.entries(all)) if (value === undefined) delete all[key];
  return all as JWTPayload;
}

type JwksReply = () => Response | Promise<Response>;

describe("tokenValidator (unit, local keys)", () => {
  let privateKey: CryptoKey;
  let privateJwk: JWK;
  let publishedJwk: JWK;
  let jwksReply: JwksReply;
  let jwksCalls: number;

  const okJwks: JwksReply = () =>
    new Response(JSON.stringify({ keys: [publishedJwk] }), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  const fakeFetch = (async () => {
    jwksCalls += 1;
    return jwksReply();
  }) as unknown as typeof globalThis.fetch;

  /** A fresh validator (fresh key cache) over the in-memory JWKS. */
  const validator = (overrides: { allowedClientIds?: string[] } = {}): TokenValidator =>
    createTokenValidator({
      issuer,
      jwksUrl,
      tenantId,
      audiences: [apiClientId, `api://${apiClientId}`],
      allowedClientIds: overrides.allowedClientIds ?? [addinClientId],
      requiredScope: "access_as_user",
      fetch: fakeFetch,
    });

  const sign = (payload: JWTPayload, header: Record<string, unknown> = {}, key: CryptoKey = privateKey) =>
    new SignJWT(payload).setProtectedHeader({ alg: "RS256", typ: "JWT", kid, ...header }).sign(key);

  /** Asserts the validator refuses with this status, code and (optionally) reason in the message. */
  async function refused(attempt: Promise<unknown>, status: number, code: string, reason?: RegExp) {
    await assert.rejects(attempt, (err: unknown) => {
      assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`);
      assert.equal(err.status, status, err.message);
      assert.equal(err.code, code);
      if (reason) assert.match(err.message, reason);
      return true;
    });
  }
  const invalid = (token: Promise<string> | string, reason: RegExp, v: TokenValidator = validator()) =>
    refused(
      Promise.resolve(token).then((t) => v(`Bearer ${t}`)),
      401,
      "INVALID_TOKEN",
      reason
    );

  before(async () => {
    const pair = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
    privateKey = pair.privateKey;
    privateJwk = await exportJWK(pair.privateKey);
    const { kty, n, e } = await exportJWK(pair.publicKey);
    publishedJwk = { kty, n, e, kid, use: "sig" };
  });
  beforeEach(() => {
    jwksReply = okJwks;
    jwksCalls = 0;
  });

  describe("a good token", () => {
    it("delegated v2.0 token → principal keyed on tid + lower-cased oid, with upn, name, client and uti", async () => {
      const principal = await validator()(
        `Bearer ${await sign(claims({ oid: userOid.toUpperCase(), roles: ["Retract.Run", "Audit.Read"] }))}`
      );
      assert.equal(principal.tenantId, tenantId);
      assert.equal(principal.objectId, userOid);
      assert.equal(principal.userPrincipalName, "ann@contoso.com");
      assert.equal(principal.name, "Ann Example");
      assert.equal(principal.clientId, addinClientId);
      assert.equal(principal.tokenId, "token-id-1");
      assert.deepEqual([...principal.roles].sort(), ["Audit.Read", "Retract.Run"]);
    });

    it("audience api://<client id> (the App ID URI) → accepted", async () => {
      const principal = await validator()(`Bearer ${await sign(claims({ aud: `api://${apiClientId}` }))}`);
      assert.equal(principal.objectId, userOid);
    });

    it("roles the API does not define, or not an array → dropped, never granted", async () => {
      const mixed = await validator()(
        `Bearer ${await sign(claims({ roles: ["Retract.Run", "Global.Admin", "retract.run", 42] }))}`
      );
      assert.deepEqual([...mixed.roles], ["Retract.Run"]);
      const asString = await validator()(`Bearer ${await sign(claims({ roles: "Retract.Run" }))}`);
      assert.equal(asString.roles.size, 0);
      const none = await validator()(`Bearer ${await sign(claims({ roles: undefined, uti: undefined }))}`);
      assert.equal(none.roles.size, 0);
      assert.equal(none.tokenId, undefined);
    });

    it("scp with several scopes including access_as_user → accepted", async () => {
      await validator()(`Bearer ${await sign(claims({ scp: "User.Read access_as_user Mail.Read" }))}`);
    });

    it("azp in another case, or a second allowed client → accepted", async () => {
      await validator()(`Bearer ${await sign(claims({ azp: addinClientId.toUpperCase() }))}`);
      const other = "12345678-1234-4234-8234-123456789abc";
      const principal = await validator({ allowedClientIds: [addinClientId, other] })(
        `Bearer ${await sign(claims({ azp: other }))}`
      );
      assert.equal(principal.clientId, other);
    });

    it("exp 50 s ago and nbf 50 s ahead (inside the 60 s skew) → accepted", async () => {
      const now = nowSeconds();
      await validator()(`Bearer ${await sign(claims({ exp: now - 50, iat: now - 3650, nbf: now - 3650 }))}`);
      await validator()(`Bearer ${await sign(claims({ nbf: now + 50, iat: now + 50 }))}`);
    });
  });

  describe("lifetime outside the skew", () => {
    it("exp 70 s ago → 401 expired", async () => {
      const now = nowSeconds();
      await invalid(sign(claims({ exp: now - 70, iat: now - 3670, nbf: now - 3670 })), /expired/);
    });
    it("nbf 70 s ahead → 401 not valid yet", async () => {
      await invalid(sign(claims({ nbf: nowSeconds() + 70 })), /not valid yet/);
    });
    it("exp or iat missing, exp not a number → 401 naming the claim", async () => {
      await invalid(sign(claims({ exp: undefined })), /exp/);
      await invalid(sign(claims({ iat: undefined })), /iat/);
      await invalid(sign(claims({ exp: String(nowSeconds() + 3600) })), /exp/);
    });
  });

  describe("algorithm pinning (signed with the published key's own material)", () => {
    for (const alg of ["RS512", "RS384", "PS256"] as const) {
      it(`${alg} with the real private key → 401 not RS256`, async () => {
        const key = (await importJWK(privateJwk, alg)) as CryptoKey;
        await invalid(sign(claims(), { alg }, key), /RS256/);
      });
    }

    it("HS256 keyed with the public key's PEM, and with its modulus → 401 not RS256", async () => {
      const pem = createPublicKey({ key: { ...publishedJwk }, format: "jwk" }).export({
        type: "spki",
        format: "pem",
      });
      for (const secret of [pem, Buffer.from(publishedJwk.n!, "base64url")]) {
        const input = `${b64({ alg: "HS256", typ: "JWT", kid })}.${b64(claims())}`;
        const mac = createHmac("sha256", secret).update(input).digest("base64url");
        await invalid(`${input}.${mac}`, /RS256/);
      }
    });

    it("alg none, unsigned → 401 not RS256", async () => {
      await invalid(`${b64({ alg: "none", typ: "JWT" })}.${b64(claims())}.`, /RS256/);
    });

    it("an embedded jwk header carrying the attacker's key → 401 bad signature (header keys are ignored)", async () => {
      const attacker = await generateKeyPair("RS256", { extractable: true });
      const jwk = await exportJWK(attacker.publicKey);
      await invalid(sign(claims(), { jwk }, attacker.privateKey), /signature/);
    });
  });

  describe("claims", () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ["aud of another API", { aud: "99999999-9999-4999-8999-999999999999" }, /aud/],
      ["aud of Microsoft Graph", { aud: "00000003-0000-0000-c000-000000000000" }, /aud/],
      ["aud missing", { aud: undefined }, /aud/],
      [
        "iss of another tenant",
        { iss: "https://authority.test/99999999-9999-4999-8999-999999999999/v2.0" },
        /iss/,
      ],
      ["iss of the v1 endpoint", { iss: `https://sts.windows.net/${tenantId}/` }, /iss/],
      ["iss missing", { iss: undefined }, /iss/],
      ["tid of another tenant", { tid: "99999999-9999-4999-8999-999999999999" }, /another tenant/],
      ["tid missing", { tid: undefined }, /tid/],
      ["ver 1.0", { ver: "1.0" }, /v2\.0/],
      ["ver missing", { ver: undefined }, /v2\.0/],
      ["oid missing", { oid: undefined }, /oid/],
      ["oid not a GUID", { oid: "ann@contoso.com" }, /object id/],
      ["oid a number", { oid: 42 }, /object id/],
      ["idtyp app (with scp)", { idtyp: "app" }, /delegated/],
      ["scp missing (app-only)", { scp: undefined, idtyp: undefined }, /delegated/],
      ["scp an array", { scp: ["access_as_user"] }, /delegated/],
      ["scp without access_as_user", { scp: "User.Read" }, /access_as_user/],
      ["scp with a look-alike scope", { scp: "access_as_user2 xaccess_as_user" }, /access_as_user/],
      ["azp of an app not allowed", { azp: "99999999-9999-4999-8999-999999999999" }, /client app/],
      ["azp of the API itself", { azp: apiClientId }, /client app/],
      ["azp missing", { azp: undefined }, /client app/],
    ];
    for (const [name, changes, reason] of cases)
      it(`${name} → 401 ${reason.source}`, async () => invalid(sign(claims(changes)), reason));
  });

  describe("signature and keys", () => {
    it("another key under the published kid → 401 bad signature", async () => {
      const attacker = await generateKeyPair("RS256");
      await invalid(sign(claims({ roles: ["Retract.Approve"] }), {}, attacker.privateKey), /signature/);
    });
    it("payload changed after signing → 401 bad signature", async () => {
      const [header, , signature] = (await sign(claims())).split(".");
      await invalid(`${header}.${b64(claims({ roles: ["Audit.Read"] }))}.${signature}`, /signature/);
    });
    it("unknown kid → 401 unpublished key", async () => {
      await invalid(sign(claims(), { kid: "not-published" }), /does not publish/);
    });
    it("payload or header not JSON → 401 malformed", async () => {
      const notJson = await new CompactSign(new TextEncoder().encode("not json"))
        .setProtectedHeader({ alg: "RS256", kid })
        .sign(privateKey);
      await invalid(notJson, /malformed/);
      const [, payload, signature] = (await sign(claims())).split(".");
      await invalid(`${b64("{alg")}.${payload}.${signature}`, /malformed/);
    });
  });

  describe("the Authorization header", () => {
    const headers: [string, string | undefined][] = [
      ["absent", undefined],
      ["empty", ""],
      ["scheme only", "Bearer"],
      ["empty bearer", "Bearer "],
      ["Basic scheme", "Basic dXNlcjpwYXNz"],
      ["two dots only", "Bearer .."],
      ["not a JWT", "Bearer hello"],
      ["five segments (JWE shape)", "Bearer a.b.c.d.e"],
      ["padded base64", "Bearer eyJh=.eyJh=.c2ln="],
    ];
    for (const [name, value] of headers)
      it(`${name} → 401 AUTHENTICATION_REQUIRED without fetching keys`, async () => {
        await refused(validator()(value), 401, "AUTHENTICATION_REQUIRED");
        assert.equal(jwksCalls, 0);
      });

    it("a good token after another scheme, or followed by more text → 401 AUTHENTICATION_REQUIRED", async () => {
      const good = await sign(claims());
      for (const value of [`Basic ${good}`, `Bearer ${good} extra`, `Bearer  ${good}`, `Bearer ${good}\n`])
        await refused(validator()(value), 401, "AUTHENTICATION_REQUIRED");
    });
  });

  describe("the authority's keys", () => {
    it("three validations → keys fetched once (cached)", async () => {
      const v = validator();
      for (let i = 0; i < 3; i++) await v(`Bearer ${await sign(claims())}`);
      assert.equal(jwksCalls, 1);
    });

    it("unknown kids right after a fetch → no refetch inside the cooldown", async () => {
      const v = validator();
      await v(`Bearer ${await sign(claims())}`);
      for (let i = 0; i < 20; i++)
        await invalid(sign(claims(), { kid: `made-up-${i}` }), /does not publish/, v);
      assert.equal(jwksCalls, 1);
    });

    const outages: [string, JwksReply][] = [
      [
        "unreachable (fetch fails)",
        () => {
          throw new TypeError("fetch failed");
        },
      ],
      [
        "timing out",
        () => {
          throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
        },
      ],
      ["answering 500", () => new Response("oops", { status: 500 })],
      ["answering 503", () => new Response("", { status: 503, headers: { "retry-after": "5" } })],
      ["answering 200 with HTML", () => new Response("<html>maintenance</html>", { status: 200 })],
      ["answering a JSON that is no key set", () => Response.json({ keys: "none" })],
      [
        "failing in an unexpected way",
        () => {
          throw new RangeError("something else");
        },
      ],
    ];
    for (const [name, reply] of outages)
      it(`JWKS ${name} → 503 AUTH_UNAVAILABLE, never a principal (fail closed)`, async () => {
        jwksReply = reply;
        await refused(validator()(`Bearer ${await sign(claims())}`), 503, "AUTH_UNAVAILABLE");
      });

    it("JWKS down, then back → the same token is accepted (no poisoned cache)", async () => {
      const v = validator();
      const token = await sign(claims());
      jwksReply = () => new Response("", { status: 502 });
      await refused(v(`Bearer ${token}`), 503, "AUTH_UNAVAILABLE");
      jwksReply = okJwks;
      assert.equal((await v(`Bearer ${token}`)).objectId, userOid);
    });
  });
});
