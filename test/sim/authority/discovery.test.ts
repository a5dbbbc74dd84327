// Conformance of sim's authority with Entra ID's discovery documents: per-tenant OpenID Connect
// metadata (by tenant id or verified domain), the signing keys (JWKS) and MSAL's instance discovery.
import assert from "node:assert/strict";
import { demo, startSim, type RunningSim } from "../../support/simServer.js";

type Json = Record<string, unknown>;

describe("sim authority: discovery", () => {
  let s: RunningSim;
  before(async () => (s = await startSim()));
  after(() => s.close());

  for (const segment of [demo.tenantId, "contoso.com"]) {
    it(`openid-configuration → for ${segment} → the tenant's v2.0 issuer and endpoints under sim's origin`, async () => {
      const reply = await s.call(`/${segment}/v2.0/.well-known/openid-configuration`);
      assert.equal(reply.status, 200);
      const config = reply.body as Json;
      // Entra resolves a domain to the tenant id: the issuer and every endpoint name the GUID.
      const base = `${s.origin}/${demo.tenantId}`;
      assert.equal(config.issuer, `${base}/v2.0`);
      assert.equal(config.jwks_uri, `${base}/discovery/v2.0/keys`);
      assert.equal(config.token_endpoint, `${base}/oauth2/v2.0/token`);
      assert.equal(config.authorization_endpoint, `${base}/oauth2/v2.0/authorize`);
      assert.deepEqual(config.id_token_signing_alg_values_supported, ["RS256"]);
      assert.ok((config.token_endpoint_auth_methods_supported as string[]).includes("private_key_jwt"));
      assert.equal(reply.headers["access-control-allow-origin"], "*");
    });
  }

  it("openid-configuration → for organizations → the {tenantid} issuer template and endpoints under /organizations", async () => {
    const reply = await s.call("/organizations/v2.0/.well-known/openid-configuration");
    assert.equal(reply.status, 200);
    const config = reply.body as Json;
    assert.equal(config.issuer, `${s.origin}/{tenantid}/v2.0`);
    assert.equal(config.token_endpoint, `${s.origin}/organizations/oauth2/v2.0/token`);
  });

  for (const unknown of ["0f0e0d0c-0b0a-4999-8888-777766665555", "fabrikam.com", "contoso-europe.com"]) {
    it(`openid-configuration → unknown tenant ${unknown} → 400 invalid_tenant AADSTS90002`, async () => {
      const reply = await s.call(`/${unknown}/v2.0/.well-known/openid-configuration`);
      assert.equal(reply.status, 400);
      const body = reply.body as Json;
      assert.equal(body.error, "invalid_tenant");
      assert.match(String(body.error_description), /^AADSTS90002: Tenant '.+' not found/);
      assert.deepEqual(body.error_codes, [90002]);
    });
  }

  it("keys → the JWKS: RSA signing keys with kid, n and e, including the current signing key", async () => {
    const reply = await s.call(`/${demo.tenantId}/discovery/v2.0/keys`);
    assert.equal(reply.status, 200);
    assert.equal(reply.headers["access-control-allow-origin"], "*");
    const keys = (reply.body as { keys: Json[] }).keys;
    assert.ok(keys.length >= 1);
    for (const key of keys) {
      assert.equal(typeof key.kid, "string");
      assert.equal(key.kty, "RSA");
      assert.equal(key.use, "sig");
      assert.match(String(key.n), /^[A-Za-z0-9_-]{300,}$/, "a 2048-bit modulus, base64url");
      assert.equal(key.e, "AQAB");
      assert.equal(key.issuer, `${s.origin}/${demo.tenantId}/v2.0`, "the issuer the key signs for");
      assert.equal(key.d, undefined, "no private part");
    }
    assert.ok(keys.some((k) => k.kid === s.sim.keys.signingKid));
  });

  it("keys → for the domain contoso.com → the same JWKS as for the tenant id", async () => {
    const byId = await s.call(`/${demo.tenantId}/discovery/v2.0/keys`);
    const byDomain = await s.call("/contoso.com/discovery/v2.0/keys");
    assert.equal(byDomain.status, 200);
    assert.deepEqual(byDomain.body, byId.body);
  });

  it("instance discovery → /common/discovery/instance → the tenant discovery endpoint and sim's host as the alias", async () => {
    const reply = await s.call(
      `/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${s.origin}/common/oauth2/v2.0/authorize`)}`
    );
    assert.equal(reply.status, 200);
    const body = reply.body as { tenant_discovery_endpoint: string; metadata: { aliases: string[] }[] };
    assert.equal(
      body.tenant_discovery_endpoint,
      `${s.origin}/${demo.tenantId}/v2.0/.well-known/openid-configuration`
    );
    assert.deepEqual(body.metadata[0]!.aliases, [new URL(s.origin).host]);
  });

  it("token endpoint → CORS preflight from the add-in's origin → 204 allowing any origin", async () => {
    const reply = await s.call(`/${demo.tenantId}/oauth2/v2.0/token`, {
      method: "OPTIONS",
      headers: { origin: "https://localhost:3000", "access-control-request-method": "POST" },
    });
    assert.equal(reply.status, 204);
    assert.equal(reply.headers["access-control-allow-origin"], "*");
  });
});
