// CORS on the real API: the add-in's origin gets its preflight and readable responses (errors too);
// every other origin, including look-alikes of the allowed one, gets no CORS header at all; the
// CORS_ORIGINS setting replaces the default.
import assert from "node:assert/strict";
import { startApi, userToken, type RunningApi } from "../../support/apiServer.js";
import { startSim, type RunningSim } from "../../support/simServer.js";

const addin = "https://localhost:3000";

const preflight = (api: RunningApi, origin: string) =>
  fetch(`${api.base}/api/me`, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "GET",
      "access-control-request-headers": "authorization, x-request-id",
    },
  });

const get = (api: RunningApi, origin: string | undefined, token?: string) =>
  fetch(`${api.base}/api/me`, {
    headers: { ...(origin ? { origin } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });

/** No header that would let a browser read the response or send credentials. */
function assertNotPermissive(response: Response, origin: string) {
  for (const header of [
    "access-control-allow-origin",
    "access-control-allow-credentials",
    "access-control-allow-methods",
    "access-control-allow-headers",
    "access-control-expose-headers",
  ])
    assert.equal(response.headers.get(header), null, `${header} for ${JSON.stringify(origin)}`);
}

/** Origins that must not be allowed when only https://localhost:3000 is: look-alikes and strangers. */
function foreignOrigins(): string[] {
  const generated: string[] = [];
  for (const scheme of ["https", "http", "wss"])
    for (const host of ["localhost", "127.0.0.1", "[::1]", "evil.example", "localhost.evil.example"])
      for (const port of [":3000", ":3001", ""]) generated.push(`${scheme}://${host}${port}`);
  const crafted = [
    "null",
    "*",
    "https://localhost:3000/",
    "https://localhost:3000/taskpane.html",
    "https://LOCALHOST:3000",
    "HTTPS://localhost:3000",
    "https://localhost:03000",
    "https://localhost.:3000",
    "https://sub.localhost:3000",
    "https://evil-localhost:3000",
    "https://localhost:3000.evil.example",
    "https://localhost:3000@evil.example",
    "https://user@localhost:3000",
    "https://localhost:3000 https://evil.example",
    "https://evil.example https://localhost:3000",
    "https://localhost:3000,https://evil.example",
    "https://evil.example, https://localhost:3000",
    "https://localhost:3000%2F.evil.example",
    "https://*.localhost:3000",
    "https://outlook.office.com",
    "https://outlook.office365.com",
    "https://outlook.live.com",
    "file://",
    "chrome-extension://abcdefghijklmnop",
    "https://xn--localhost-ry0d:3000",
  ];
  return [...generated.filter((o) => o !== addin), ...crafted];
}

describe("CORS → default origins (the add-in at https://localhost:3000)", () => {
  let sim: RunningSim;
  let api: RunningApi;
  let token: string;
  before(async () => {
    sim = await startSim();
    api = await startApi(sim);
    token = await userToken(sim, "helpdesk@contoso.com");
  });
  after(async () => {
    await api?.close();
    await sim?.close();
  });

  it("preflight from https://localhost:3000 → 204 echoing the origin, with methods, headers, max-age", async () => {
    const response = await preflight(api, addin);
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("access-control-allow-origin"), addin);
    assert.match(response.headers.get("vary") ?? "", /\bOrigin\b/i);
    assert.match(response.headers.get("access-control-allow-methods") ?? "", /\bGET\b/);
    assert.match(response.headers.get("access-control-allow-methods") ?? "", /\bPOST\b/);
    const allowedHeaders = (response.headers.get("access-control-allow-headers") ?? "").toLowerCase();
    for (const header of ["authorization", "content-type", "idempotency-key", "x-request-id"])
      assert.ok(allowedHeaders.includes(header), header);
    assert.equal(response.headers.get("access-control-max-age"), "600");
    assert.equal(response.headers.get("access-control-allow-credentials"), null, "bearer tokens, no cookies");
  });

  it("GET from https://localhost:3000 with a token → 200 readable, Retry-After and x-request-id exposed", async () => {
    const response = await get(api, addin, token);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("access-control-allow-origin"), addin);
    const exposed = (response.headers.get("access-control-expose-headers") ?? "").toLowerCase();
    assert.ok(exposed.includes("retry-after") && exposed.includes("x-request-id"), exposed);
  });

  it("GET from https://localhost:3000 without a token → 401 that the add-in can still read", async () => {
    const response = await get(api, addin);
    assert.equal(response.status, 401);
    assert.equal(response.headers.get("access-control-allow-origin"), addin);
  });

  it("no Origin header → no CORS headers", async () => {
    assertNotPermissive(await get(api, undefined, token), "(none)");
  });

  const origins = foreignOrigins();
  it(`the origin variants → at least 50 distinct, none the allowed one`, () => {
    assert.ok(new Set(origins).size >= 50, `${new Set(origins).size} variants`);
    assert.ok(!origins.includes(addin));
  });

  it(`preflight from ${origins.length} other origins → never 204, never any CORS header`, async () => {
    for (const origin of origins) {
      const response = await preflight(api, origin);
      assert.notEqual(response.status, 204, origin);
      assertNotPermissive(response, origin);
    }
  });

  it(`GET with a good token from ${origins.length} other origins → never any CORS header`, async () => {
    for (const origin of origins) assertNotPermissive(await get(api, origin, token), origin);
  });
});

describe("CORS → CORS_ORIGINS replaces the default", () => {
  let sim: RunningSim;
  let api: RunningApi;
  before(async () => {
    sim = await startSim();
    api = await startApi(sim, {
      env: { CORS_ORIGINS: "https://addin.contoso.com/taskpane.html, https://localhost:3443" },
    });
  });
  after(async () => {
    await api?.close();
    await sim?.close();
  });

  it("preflight from https://addin.contoso.com (configured with a path) → 204 echoing the bare origin", async () => {
    const response = await preflight(api, "https://addin.contoso.com");
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("access-control-allow-origin"), "https://addin.contoso.com");
  });

  it("preflight from https://localhost:3443 → 204 echoing it", async () => {
    const response = await preflight(api, "https://localhost:3443");
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("access-control-allow-origin"), "https://localhost:3443");
  });

  it("preflight from the default https://localhost:3000 → no CORS header any more", async () => {
    const response = await preflight(api, addin);
    assert.notEqual(response.status, 204);
    assertNotPermissive(response, addin);
  });

  it("preflight from https://addin.contoso.com/taskpane.html (a URL, not an origin) → no CORS header", async () => {
    assertNotPermissive(
      await preflight(api, "https://addin.contoso.com/taskpane.html"),
      "https://addin.contoso.com/taskpane.html"
    );
  });
});
