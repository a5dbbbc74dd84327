// Conformance of sim's authority with Entra ID's authorization code flow with PKCE, as the add-in's
// SPA registration uses it: the sign-in page, the code in the redirect, its redemption (cross-origin,
// with the code verifier), the access, ID and refresh tokens, and Entra's errors.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from "jose";
import { demo, startSim, type Reply, type RunningSim } from "../../support/simServer.js";

type Json = Record<string, unknown>;

const spaRedirect = "https://localhost:3000/harness.html";
const addinOrigin = "https://localhost:3000";
const apiScope = `api://${demo.apiClientId}/access_as_user`;
const adminRoles = ["Retract.Run", "Audit.Read", "Holds.Read"];

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function assertOAuthError(reply: Reply, status: number, error: string, aadsts: number) {
  const body = reply.body as Json;
  assert.equal(reply.status, status, reply.text.slice(0, 300));
  assert.equal(body.error, error);
  assert.match(String(body.error_description), new RegExp(`^AADSTS${aadsts}: `));
  assert.deepEqual(body.error_codes, [aadsts]);
}

/** The parameters of the redirect back to the app (query or fragment). */
function redirectParams(reply: Reply): URLSearchParams {
  const location = reply.headers.location;
  assert.equal(typeof location, "string", `a redirect, got ${reply.status}: ${reply.text.slice(0, 200)}`);
  const url = new URL(location as string);
  return new URLSearchParams(url.hash ? url.hash.slice(1) : url.search);
}

describe("sim authority: authorization code with PKCE", () => {
  let s: RunningSim;
  let jwks: ReturnType<typeof createLocalJWKSet>;
  before(async () => {
    s = await startSim();
    jwks = createLocalJWKSet((await s.call(`/${demo.tenantId}/discovery/v2.0/keys`)).body as JSONWebKeySet);
  });
  after(() => s.close());

  const authorizePath = (params: Record<string, string>) =>
    `/${demo.tenantId}/oauth2/v2.0/authorize?${new URLSearchParams(params)}`;
  const v2Issuer = () => `${s.origin}/${demo.tenantId}/v2.0`;

  /** An authorization request of the add-in's SPA registration; `overrides` set (or, as "", drop) parameters. */
  function authorizeParams(
    challenge: string,
    overrides: Record<string, string> = {}
  ): Record<string, string> {
    const params: Record<string, string> = {
      client_id: demo.addinClientId,
      response_type: "code",
      redirect_uri: spaRedirect,
      scope: `${apiScope} openid profile offline_access`,
      state: randomBytes(8).toString("hex"),
      nonce: randomBytes(8).toString("hex"),
      code_challenge: challenge,
      code_challenge_method: "S256",
      ...overrides,
    };
    for (const [k, v] of Object.entries(params)) if (v === "") delete params[k];
    return params;
  }

  /** Signs `upn` in as the sign-in page's form does: POST to the authorize endpoint with login_hint. */
  async function signIn(upn: string, overrides: Record<string, string> = {}) {
    const { verifier, challenge } = pkce();
    const params = authorizeParams(challenge, overrides);
    const reply = await s.call(`/${demo.tenantId}/oauth2/v2.0/authorize`, {
      form: { ...params, login_hint: upn },
    });
    assert.equal(reply.status, 302, reply.text.slice(0, 300));
    const back = redirectParams(reply);
    return { code: back.get("code")!, back, verifier, params };
  }

  /** A token request; `origin` is the browser's Origin header (null: not a browser). */
  function redeem(form: Record<string, string>, origin: string | null = addinOrigin) {
    return s.call(`/${demo.tenantId}/oauth2/v2.0/token`, {
      form,
      ...(origin ? { headers: { origin } } : {}),
    });
  }

  const redemption = (code: string, verifier: string, extra: Record<string, string> = {}) => ({
    grant_type: "authorization_code",
    client_id: demo.addinClientId,
    code,
    redirect_uri: spaRedirect,
    code_verifier: verifier,
    scope: `${apiScope} openid profile offline_access`,
    ...extra,
  });

  async function signInAndRedeem(
    upn: string,
    overrides: Record<string, string> = {},
    extra: Record<string, string> = {}
  ) {
    const { code, verifier, params } = await signIn(upn, overrides);
    const reply = await redeem(redemption(code, verifier, extra));
    assert.equal(reply.status, 200, reply.text);
    return { body: reply.body as Json, params };
  }

  const verifyAccessToken = async (token: unknown): Promise<JWTPayload> =>
    (
      await jwtVerify(String(token), jwks, {
        algorithms: ["RS256"],
        issuer: v2Issuer(),
        audience: demo.apiClientId,
      })
    ).payload;

  it("authorize GET → the SPA redirect URI with a S256 challenge → 200 sign-in page listing the demo users", async () => {
    const { challenge } = pkce();
    const reply = await s.call(authorizePath(authorizeParams(challenge)));
    assert.equal(reply.status, 200);
    assert.match(String(reply.headers["content-type"]), /text\/html/);
    for (const upn of [
      "admin@contoso.com",
      "approver@contoso.com",
      "helpdesk@contoso.com",
      "adele.vance@contoso.com",
    ])
      assert.ok(reply.text.includes(`value="${upn}"`), `${upn} can be picked`);
    assert.match(reply.text, /<form method="post"/);
    assert.ok(
      reply.text.includes(`name="code_challenge" value="${challenge}"`),
      "the request is carried through the form"
    );
  });

  it("authorize POST → login_hint admin@contoso.com → 302 to the redirect URI with code and state in the query", async () => {
    const { back, params } = await signIn("admin@contoso.com");
    const { challenge } = pkce();
    const reply = await s.call(`/${demo.tenantId}/oauth2/v2.0/authorize`, {
      form: { ...authorizeParams(challenge, { state: params.state! }), login_hint: "admin@contoso.com" },
    });
    const location = new URL(reply.headers.location as string);
    assert.equal(`${location.origin}${location.pathname}`, spaRedirect);
    assert.equal(location.hash, "");
    assert.ok(back.get("code"));
    assert.equal(back.get("state"), params.state);
  });

  it("authorize POST → response_mode=fragment → the code and state in the fragment", async () => {
    const { challenge } = pkce();
    const params = authorizeParams(challenge, { response_mode: "fragment" });
    const reply = await s.call(`/${demo.tenantId}/oauth2/v2.0/authorize`, {
      form: { ...params, login_hint: "admin@contoso.com" },
    });
    assert.equal(reply.status, 302);
    const location = new URL(reply.headers.location as string);
    assert.equal(location.search, "");
    const fragment = new URLSearchParams(location.hash.slice(1));
    assert.ok(fragment.get("code"));
    assert.equal(fragment.get("state"), params.state);
  });

  it("token → code redeemed cross-origin with the right verifier → the API's v2.0 access token for the admin with their roles", async () => {
    const { body } = await signInAndRedeem("admin@contoso.com");
    assert.equal(body.token_type, "Bearer");
    assert.ok(String(body.scope).split(" ").includes(apiScope));
    const claims = await verifyAccessToken(body.access_token);
    const admin = s.sim.tenant.user("admin@contoso.com")!;
    assert.equal(claims.ver, "2.0");
    assert.equal(claims.scp, "access_as_user");
    assert.equal(claims.azp, demo.addinClientId);
    assert.equal(claims.oid, admin.id);
    assert.equal(claims.preferred_username, "admin@contoso.com");
    assert.equal(claims.tid, demo.tenantId);
    assert.equal(claims.idtyp, "user");
    assert.deepEqual(claims.roles, adminRoles);
  });

  it("token → openid with a nonce at authorize → an ID token for the add-in carrying that nonce", async () => {
    const { body, params } = await signInAndRedeem("admin@contoso.com");
    const { payload } = await jwtVerify(String(body.id_token), jwks, {
      algorithms: ["RS256"],
      issuer: v2Issuer(),
      audience: demo.addinClientId,
    });
    assert.equal(payload.nonce, params.nonce);
    assert.equal(payload.oid, s.sim.tenant.user("admin@contoso.com")!.id);
    assert.equal(payload.preferred_username, "admin@contoso.com");
    assert.equal(payload.tid, demo.tenantId);
  });

  it("token → offline_access and client_info=1 at authorize → a refresh token and client_info {uid, utid}", async () => {
    const { body } = await signInAndRedeem("admin@contoso.com", { client_info: "1" });
    assert.equal(typeof body.refresh_token, "string");
    const info = JSON.parse(Buffer.from(String(body.client_info), "base64url").toString()) as Json;
    assert.deepEqual(info, { uid: s.sim.tenant.user("admin@contoso.com")!.id, utid: demo.tenantId });
  });

  it("token → client_info=1 in the token request only (as MSAL sends it) → client_info in the response", async () => {
    const { body } = await signInAndRedeem("admin@contoso.com", {}, { client_info: "1" });
    const info = JSON.parse(
      Buffer.from(String(body.client_info ?? ""), "base64url").toString() || "{}"
    ) as Json;
    assert.equal(info.uid, s.sim.tenant.user("admin@contoso.com")!.id);
  });

  it("token → without offline_access and client_info → neither a refresh token nor client_info", async () => {
    const scope = `${apiScope} openid profile`;
    const { body } = await signInAndRedeem("admin@contoso.com", { scope }, { scope });
    assert.equal(body.refresh_token, undefined);
    assert.equal(body.client_info, undefined);
  });

  it("token → an ordinary user (adele.vance@contoso.com) → an access token without a roles claim", async () => {
    const { body } = await signInAndRedeem("adele.vance@contoso.com");
    const claims = await verifyAccessToken(body.access_token);
    assert.equal(claims.preferred_username, "adele.vance@contoso.com");
    assert.equal(claims.oid, s.sim.tenant.user("adele.vance@contoso.com")!.id);
    assert.equal("roles" in claims, false);
  });

  it("token → the wrong code_verifier → 400 invalid_grant AADSTS501481", async () => {
    const { code } = await signIn("admin@contoso.com");
    const reply = await redeem(redemption(code, pkce().verifier));
    assertOAuthError(reply, 400, "invalid_grant", 501481);
  });

  it("token → a code redeemed twice → the second 400 invalid_grant AADSTS54005", async () => {
    const { code, verifier } = await signIn("admin@contoso.com");
    assert.equal((await redeem(redemption(code, verifier))).status, 200);
    const again = await redeem(redemption(code, verifier));
    assertOAuthError(again, 400, "invalid_grant", 54005);
  });

  it("token → a SPA code redeemed without an Origin header → 400 invalid_request AADSTS9002327", async () => {
    const { code, verifier } = await signIn("admin@contoso.com");
    const reply = await redeem(redemption(code, verifier), null);
    assertOAuthError(reply, 400, "invalid_request", 9002327);
  });

  it("token → redirect_uri differs from the authorization request's → 400 invalid_grant", async () => {
    const { code, verifier } = await signIn("admin@contoso.com");
    const reply = await redeem(
      redemption(code, verifier, { redirect_uri: "https://localhost:3000/taskpane.html" })
    );
    assert.equal(reply.status, 400);
    assert.equal((reply.body as Json).error, "invalid_grant");
  });

  it("token → a code issued to the add-in redeemed by another client → 400 invalid_grant", async () => {
    const { code, verifier } = await signIn("admin@contoso.com");
    const reply = await redeem(
      redemption(code, verifier, { client_id: demo.apiClientId, client_secret: demo.apiClientSecret })
    );
    assert.equal(reply.status, 400);
    assert.equal((reply.body as Json).error, "invalid_grant");
  });

  it("token → a scope naming two resources (the API and Graph) → 400", async () => {
    const { code, verifier } = await signIn("admin@contoso.com");
    const reply = await redeem(
      redemption(code, verifier, { scope: `${apiScope} https://graph.microsoft.com/User.Read openid` })
    );
    assert.equal(reply.status, 400);
    assert.deepEqual((reply.body as Json).error_codes, [28000]);
  });

  it("authorize → an unregistered redirect_uri → 400 error page, never a redirect", async () => {
    const { challenge } = pkce();
    const params = authorizeParams(challenge, { redirect_uri: "https://evil.example/callback" });
    for (const reply of [
      await s.call(authorizePath(params)),
      await s.call(`/${demo.tenantId}/oauth2/v2.0/authorize`, {
        form: { ...params, login_hint: "admin@contoso.com" },
      }),
    ]) {
      assert.equal(reply.status, 400);
      assert.equal(reply.headers.location, undefined);
      assert.match(String(reply.headers["content-type"]), /text\/html/);
      assert.match(reply.text, /AADSTS50011/);
    }
  });

  it("authorize → a SPA redirect URI without code_challenge → an AADSTS9002325 error, no code", async () => {
    const reply = await s.call(`/${demo.tenantId}/oauth2/v2.0/authorize`, {
      form: { ...authorizeParams("", { code_challenge_method: "" }), login_hint: "admin@contoso.com" },
    });
    assert.equal(reply.status, 400);
    assert.match(reply.text, /AADSTS9002325/);
    assert.doesNotMatch(String(reply.headers.location ?? ""), /code=/);
  });

  it("authorize → code_challenge_method=plain → an error, no code", async () => {
    const { verifier } = pkce();
    const reply = await s.call(`/${demo.tenantId}/oauth2/v2.0/authorize`, {
      form: {
        ...authorizeParams(verifier, { code_challenge_method: "plain" }),
        login_hint: "admin@contoso.com",
      },
    });
    assert.equal(reply.status, 400);
    assert.doesNotMatch(String(reply.headers.location ?? ""), /code=/);
  });

  it("authorize → prompt=none with login_hint → an immediate 302 with a code that redeems", async () => {
    const { verifier, challenge } = pkce();
    const params = authorizeParams(challenge, { prompt: "none", login_hint: "helpdesk@contoso.com" });
    const reply = await s.call(authorizePath(params));
    assert.equal(reply.status, 302);
    const back = redirectParams(reply);
    assert.equal(back.get("state"), params.state);
    const redeemed = await redeem(redemption(back.get("code")!, verifier));
    assert.equal(redeemed.status, 200, redeemed.text);
    const claims = await verifyAccessToken((redeemed.body as Json).access_token);
    assert.equal(claims.preferred_username, "helpdesk@contoso.com");
    assert.deepEqual(claims.roles, ["Holds.Read"]);
  });

  it("authorize → prompt=none without login_hint → 302 with error=login_required and the state", async () => {
    const { challenge } = pkce();
    const params = authorizeParams(challenge, { prompt: "none" });
    const reply = await s.call(authorizePath(params));
    assert.equal(reply.status, 302);
    const back = redirectParams(reply);
    assert.equal(back.get("error"), "login_required");
    assert.equal(back.get("code"), null);
    assert.equal(back.get("state"), params.state);
  });

  it("refresh_token grant → the refresh token of a sign-in → a new access token for the same user", async () => {
    const { body } = await signInAndRedeem("approver@contoso.com");
    const reply = await redeem({
      grant_type: "refresh_token",
      client_id: demo.addinClientId,
      refresh_token: String(body.refresh_token),
      scope: `${apiScope} openid profile offline_access`,
    });
    assert.equal(reply.status, 200, reply.text);
    const refreshed = reply.body as Json;
    assert.notEqual(refreshed.access_token, body.access_token);
    const claims = await verifyAccessToken(refreshed.access_token);
    assert.equal(claims.preferred_username, "approver@contoso.com");
    assert.equal(claims.azp, demo.addinClientId);
    assert.deepEqual([...(claims.roles as string[])].sort(), ["Retract.Approve", "Retract.Run"]);
  });

  it("refresh_token grant → a SPA's refresh token redeemed without an Origin header → 400 AADSTS9002327", async () => {
    const { body } = await signInAndRedeem("admin@contoso.com");
    const reply = await redeem(
      {
        grant_type: "refresh_token",
        client_id: demo.addinClientId,
        refresh_token: String(body.refresh_token),
        scope: `${apiScope} offline_access`,
      },
      null
    );
    assertOAuthError(reply, 400, "invalid_request", 9002327);
  });

  it("refresh_token grant → an unknown refresh token → 400 invalid_grant", async () => {
    const reply = await redeem({
      grant_type: "refresh_token",
      client_id: demo.addinClientId,
      refresh_token: randomBytes(48).toString("base64url"),
      scope: apiScope,
    });
    assert.equal(reply.status, 400);
    assert.equal((reply.body as Json).error, "invalid_grant");
  });

  it("refresh_token grant → the add-in's refresh token presented by another client → 400 invalid_grant", async () => {
    const { body } = await signInAndRedeem("admin@contoso.com");
    const reply = await redeem({
      grant_type: "refresh_token",
      client_id: demo.apiClientId,
      client_secret: demo.apiClientSecret,
      refresh_token: String(body.refresh_token),
      scope: apiScope,
    });
    assert.equal(reply.status, 400);
    assert.equal((reply.body as Json).error, "invalid_grant");
  });

  describe("the public-client (loopback) registration", () => {
    const loopback = "http://localhost";

    it("token → a code for http://localhost redeemed without an Origin header → 200", async () => {
      const { code, verifier } = await signIn("admin@contoso.com", { redirect_uri: loopback });
      const reply = await redeem(redemption(code, verifier, { redirect_uri: loopback }), null);
      assert.equal(reply.status, 200, reply.text);
    });

    it("authorize → a loopback redirect URI on another port → accepted (Entra ignores loopback ports)", async () => {
      const { back } = await signIn("admin@contoso.com", { redirect_uri: "http://localhost:51234" });
      assert.ok(back.get("code"));
    });

    it("token → a code for http://localhost redeemed cross-origin → 400 invalid_request AADSTS9002326", async () => {
      const { code, verifier } = await signIn("admin@contoso.com", { redirect_uri: loopback });
      const reply = await redeem(redemption(code, verifier, { redirect_uri: loopback }), addinOrigin);
      assertOAuthError(reply, 400, "invalid_request", 9002326);
    });
  });
});
