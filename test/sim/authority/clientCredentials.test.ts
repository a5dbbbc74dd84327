// Conformance of sim's authority with Entra ID's client credentials grant: a client secret (in the
// body or as HTTP Basic) or a certificate-signed client assertion, v1.0 tokens for Graph and the
// Exchange admin API, v2.0 tokens for API apps of the tenant, and Entra's errors.
import assert from "node:assert/strict";
import {
  X509Certificate,
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  randomUUID,
  type KeyObject,
} from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createLocalJWKSet,
  decodeProtectedHeader,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWTPayload,
} from "jose";
import { generateCertificates } from "office-addin-dev-certs";
import { demo, demoFixtureJson, startSim, type RunningSim } from "../../support/simServer.js";

type Json = Record<string, unknown>;
const v1Issuer = `https://sts.windows.net/${demo.tenantId}/`;

async function verify(s: RunningSim, token: string, issuer: string, audience: string): Promise<JWTPayload> {
  const jwks = (await s.call(`/${demo.tenantId}/discovery/v2.0/keys`)).body as JSONWebKeySet;
  const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks), {
    algorithms: ["RS256"],
    issuer,
    audience,
  });
  assert.equal(protectedHeader.kid, s.sim.keys.signingKid);
  return payload;
}

function tokenRequest(s: RunningSim, form: Record<string, string>, headers?: Record<string, string>) {
  return s.call(`/${demo.tenantId}/oauth2/v2.0/token`, { form, ...(headers ? { headers } : {}) });
}

function assertOAuthError(
  reply: { status: number; body: unknown },
  status: number,
  error: string,
  aadsts: number
) {
  const body = reply.body as Json;
  assert.equal(reply.status, status, JSON.stringify(body));
  assert.equal(body.error, error);
  assert.match(String(body.error_description), new RegExp(`^AADSTS${aadsts}: `));
  assert.deepEqual(body.error_codes, [aadsts]);
}

const secretForm = (scope: string) => ({
  grant_type: "client_credentials",
  client_id: demo.apiClientId,
  client_secret: demo.apiClientSecret,
  scope,
});

describe("sim authority: client credentials with a secret", () => {
  let s: RunningSim;
  before(async () => (s = await startSim()));
  after(() => s.close());

  it("client_credentials → Graph /.default → a v1.0 app-only token with the consented Graph permissions, RS256 by the JWKS kid", async () => {
    const reply = await tokenRequest(s, secretForm("https://graph.microsoft.com/.default"));
    assert.equal(reply.status, 200);
    const body = reply.body as Json;
    assert.equal(body.token_type, "Bearer");
    assert.ok(Math.abs(Number(body.expires_in) - 3600) <= 60);
    assert.equal(reply.headers["cache-control"], "no-store");
    const token = String(body.access_token);
    assert.equal(decodeProtectedHeader(token).alg, "RS256");
    const claims = await verify(s, token, v1Issuer, "https://graph.microsoft.com");
    assert.equal(claims.tid, demo.tenantId);
    assert.equal(claims.appid, demo.apiClientId);
    assert.equal(claims.appidacr, "1", "authenticated with a secret");
    assert.equal(claims.idtyp, "app");
    assert.equal(claims.ver, "1.0");
    assert.equal(claims.scp, undefined);
    assert.ok((claims.roles as string[]).includes("Mail.ReadWrite"));
    const hourAhead = Date.now() / 1000 + 3600;
    assert.ok(Math.abs(claims.exp! - hourAhead) <= 120, `exp ${claims.exp} about an hour ahead`);
    assert.ok(claims.iat! <= Date.now() / 1000 + 5);
  });

  it("client_credentials → Exchange /.default → a v1.0 token for outlook.office365.com with Exchange.ManageAsApp", async () => {
    const reply = await tokenRequest(s, secretForm("https://outlook.office365.com/.default"));
    assert.equal(reply.status, 200);
    const claims = await verify(
      s,
      String((reply.body as Json).access_token),
      v1Issuer,
      "https://outlook.office365.com"
    );
    assert.equal(claims.appid, demo.apiClientId);
    assert.equal(claims.idtyp, "app");
    assert.equal(claims.ver, "1.0");
    assert.deepEqual(claims.roles, ["Exchange.ManageAsApp"]);
  });

  it("client_credentials → the API app's api:// /.default → a v2.0 token whose aud is the API's app id", async () => {
    const reply = await tokenRequest(s, secretForm(`api://${demo.apiClientId}/.default`));
    assert.equal(reply.status, 200);
    const claims = await verify(
      s,
      String((reply.body as Json).access_token),
      `${s.origin}/${demo.tenantId}/v2.0`,
      demo.apiClientId
    );
    assert.equal(claims.ver, "2.0");
    assert.equal(claims.azp, demo.apiClientId);
    assert.equal(claims.azpacr, "1");
    assert.equal(claims.idtyp, "app");
    assert.equal(claims.tid, demo.tenantId);
  });

  it("client_credentials → a token from the secret → accepted by Graph (GET /v1.0/users)", async () => {
    const reply = await tokenRequest(s, secretForm("https://graph.microsoft.com/.default"));
    const users = await s.call("/v1.0/users", { token: String((reply.body as Json).access_token) });
    assert.equal(users.status, 200);
  });

  it("client_credentials → the wrong secret → 401 invalid_client AADSTS7000215", async () => {
    const reply = await tokenRequest(s, {
      ...secretForm("https://graph.microsoft.com/.default"),
      client_secret: "not-the-secret",
    });
    assertOAuthError(reply, 401, "invalid_client", 7000215);
  });

  it("client_credentials → no secret and no assertion → 401 invalid_client", async () => {
    const { client_secret: _secret, ...form } = secretForm("https://graph.microsoft.com/.default");
    const reply = await tokenRequest(s, form);
    assert.equal(reply.status, 401);
    assert.equal((reply.body as Json).error, "invalid_client");
  });

  it("client_credentials → an unknown client_id → 400 AADSTS700016", async () => {
    const reply = await tokenRequest(s, {
      ...secretForm("https://graph.microsoft.com/.default"),
      client_id: randomUUID(),
    });
    assertOAuthError(reply, 400, "unauthorized_client", 700016);
  });

  it("client_credentials → a scope without /.default → 400 invalid_scope", async () => {
    const reply = await tokenRequest(s, secretForm("https://graph.microsoft.com/Mail.ReadWrite"));
    assertOAuthError(reply, 400, "invalid_scope", 1002012);
  });

  it("client_credentials → two /.default scopes → 400 invalid_scope", async () => {
    const reply = await tokenRequest(
      s,
      secretForm("https://graph.microsoft.com/.default https://outlook.office365.com/.default")
    );
    assert.equal(reply.status, 400);
    assert.equal((reply.body as Json).error, "invalid_scope");
  });

  it("client_credentials → a resource not in the tenant → 400 invalid_resource AADSTS500011", async () => {
    const reply = await tokenRequest(s, secretForm(`api://${randomUUID()}/.default`));
    assertOAuthError(reply, 400, "invalid_resource", 500011);
  });

  it("token endpoint → no grant_type → 400 invalid_request", async () => {
    const { grant_type: _grant, ...form } = secretForm("https://graph.microsoft.com/.default");
    const reply = await tokenRequest(s, form);
    assertOAuthError(reply, 400, "invalid_request", 900144);
    assert.match(String((reply.body as Json).error_description), /'grant_type'/);
  });

  it("token endpoint → an unknown grant_type → 400 unsupported_grant_type", async () => {
    const reply = await tokenRequest(s, {
      ...secretForm("https://graph.microsoft.com/.default"),
      grant_type: "password",
    });
    assert.equal(reply.status, 400);
    assert.equal((reply.body as Json).error, "unsupported_grant_type");
  });

  it("client_secret_basic → client id and secret in Authorization: Basic → a Graph token", async () => {
    const basic = Buffer.from(
      `${encodeURIComponent(demo.apiClientId)}:${encodeURIComponent(demo.apiClientSecret)}`
    ).toString("base64");
    const reply = await tokenRequest(
      s,
      { grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" },
      { authorization: `Basic ${basic}` }
    );
    assert.equal(reply.status, 200, reply.text);
    const claims = await verify(
      s,
      String((reply.body as Json).access_token),
      v1Issuer,
      "https://graph.microsoft.com"
    );
    assert.equal(claims.appid, demo.apiClientId);
  });

  it("client_secret_basic → a wrong secret → 401 invalid_client AADSTS7000215", async () => {
    const basic = Buffer.from(`${demo.apiClientId}:wrong-secret`).toString("base64");
    const reply = await tokenRequest(
      s,
      { grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" },
      { authorization: `Basic ${basic}` }
    );
    assertOAuthError(reply, 401, "invalid_client", 7000215);
  });

  it("client_secret_basic → a malformed percent-encoding → 401 invalid_client, not a server error", async () => {
    const basic = Buffer.from(`${demo.apiClientId}:%E0%A4%A`).toString("base64");
    const reply = await tokenRequest(
      s,
      { grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" },
      { authorization: `Basic ${basic}` }
    );
    assert.equal(reply.status, 401, reply.text);
    assert.equal((reply.body as Json).error, "invalid_client");
  });
});

/**
 * A key pair and an X.509 certificate for it, made offline. node:crypto can parse certificates but not
 * build them, so this uses office-addin-dev-certs (a declared dev dependency, already the project's
 * certificate generator; it builds certificates with node-forge in-process). Importing node-forge
 * directly would rely on an undeclared transitive dependency without types, and `openssl req -x509`
 * would need a binary that is not on every developer's machine.
 */
async function makeCertificate(): Promise<{ pem: string; key: KeyObject }> {
  const dir = mkdtempSync(join(tmpdir(), "client-cert-"));
  const log = console.log;
  console.log = () => undefined; // the generator announces its files on stdout
  try {
    await generateCertificates(join(dir, "ca.crt"), join(dir, "client.crt"), join(dir, "client.key"), 1, [
      "localhost",
    ]);
  } finally {
    console.log = log;
  }
  try {
    return {
      pem: readFileSync(join(dir, "client.crt"), "utf8"),
      key: createPrivateKey(readFileSync(join(dir, "client.key"))),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("sim authority: client credentials with a certificate assertion", () => {
  let s: RunningSim;
  let cert: { pem: string; key: KeyObject };
  let thumbprint: string;
  let tokenEndpoint: string;

  before(async () => {
    cert = await makeCertificate();
    thumbprint = createHash("sha256").update(new X509Certificate(cert.pem).raw).digest("base64url");
    const fixture = demoFixtureJson();
    const apps = fixture.applications as Json[];
    const api = apps.find((a) => a.appId === demo.apiClientId)!;
    api.certificates = [cert.pem];
    s = await startSim({ fixture });
    tokenEndpoint = `${s.origin}/${demo.tenantId}/oauth2/v2.0/token`;
  });
  after(() => s?.close());

  type AssertionOptions = { key?: KeyObject; expiresAt?: number; audience?: string; x5t?: string };
  const assertion = (o: AssertionOptions = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const exp = o.expiresAt ?? now + 300;
    return new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", "x5t#S256": o.x5t ?? thumbprint })
      .setIssuer(demo.apiClientId)
      .setSubject(demo.apiClientId)
      .setAudience(o.audience ?? tokenEndpoint)
      .setIssuedAt(Math.min(now, exp - 300))
      .setNotBefore(Math.min(now, exp - 300))
      .setExpirationTime(exp)
      .sign(o.key ?? cert.key);
  };
  const assertionForm = (clientAssertion: string, scope = "https://graph.microsoft.com/.default") => ({
    grant_type: "client_credentials",
    client_id: demo.apiClientId,
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: clientAssertion,
    scope,
  });

  it("client assertion → signed with the registered certificate's key → a Graph token with appidacr 2", async () => {
    const reply = await tokenRequest(s, assertionForm(await assertion()));
    assert.equal(reply.status, 200, reply.text);
    const claims = await verify(
      s,
      String((reply.body as Json).access_token),
      v1Issuer,
      "https://graph.microsoft.com"
    );
    assert.equal(claims.appid, demo.apiClientId);
    assert.equal(claims.appidacr, "2", "authenticated with a certificate");
    assert.ok((claims.roles as string[]).includes("Mail.ReadWrite"));
  });

  it("client assertion → aud is the token endpoint by the domain contoso.com → accepted", async () => {
    const reply = await s.call("/contoso.com/oauth2/v2.0/token", {
      form: assertionForm(await assertion({ audience: `${s.origin}/contoso.com/oauth2/v2.0/token` })),
    });
    assert.equal(reply.status, 200, reply.text);
  });

  it("client assertion → for the API app's own resource → a v2.0 token with azpacr 2", async () => {
    const reply = await tokenRequest(
      s,
      assertionForm(await assertion(), `api://${demo.apiClientId}/.default`)
    );
    assert.equal(reply.status, 200, reply.text);
    const claims = await verify(
      s,
      String((reply.body as Json).access_token),
      `${s.origin}/${demo.tenantId}/v2.0`,
      demo.apiClientId
    );
    assert.equal(claims.azpacr, "2");
  });

  it("client assertion → signed by another key with the registered thumbprint → 401 invalid_client", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const reply = await tokenRequest(s, assertionForm(await assertion({ key: privateKey })));
    assertOAuthError(reply, 401, "invalid_client", 700027);
  });

  it("client assertion → a thumbprint of no registered certificate → 401 invalid_client AADSTS700027", async () => {
    const reply = await tokenRequest(
      s,
      assertionForm(await assertion({ x5t: createHash("sha256").update("other").digest("base64url") }))
    );
    assertOAuthError(reply, 401, "invalid_client", 700027);
  });

  it("client assertion → expired (beyond the 5-minute skew) → 401 invalid_client AADSTS700024", async () => {
    const reply = await tokenRequest(
      s,
      assertionForm(await assertion({ expiresAt: Math.floor(Date.now() / 1000) - 600 }))
    );
    assertOAuthError(reply, 401, "invalid_client", 700024);
  });

  it("client assertion → aud is another authority's token endpoint → 401 invalid_client", async () => {
    const reply = await tokenRequest(
      s,
      assertionForm(
        await assertion({ audience: `https://login.microsoftonline.com/${demo.tenantId}/oauth2/v2.0/token` })
      )
    );
    assert.equal(reply.status, 401);
    assert.equal((reply.body as Json).error, "invalid_client");
  });

  it("client assertion → without client_assertion_type → 400 invalid_request", async () => {
    const { client_assertion_type: _type, ...form } = assertionForm(await assertion());
    const reply = await tokenRequest(s, form);
    assert.equal(reply.status, 400);
    assert.equal((reply.body as Json).error, "invalid_request");
  });

  it("client secret → still accepted for an app that also has a certificate (appidacr 1)", async () => {
    const reply = await tokenRequest(s, secretForm("https://graph.microsoft.com/.default"));
    assert.equal(reply.status, 200);
    const claims = await verify(
      s,
      String((reply.body as Json).access_token),
      v1Issuer,
      "https://graph.microsoft.com"
    );
    assert.equal(claims.appidacr, "1");
  });
});
