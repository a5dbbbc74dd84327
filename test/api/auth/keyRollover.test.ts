// Signing-key rollover between the API and sim's authority, over real HTTPS.
//
// How JWKS fetches are counted: the API is assembled here exactly as test/support/apiServer.ts does it
// (createApp + validatorFor + the dev CA), except that the `fetch` handed to validatorFor, which is the
// validator's only way out to the authority, counts the requests for the JWKS path before passing them
// on. That counts what the API asks of the authority without touching sim, Express or jose internals.
//
// How time passes without sleeping: jose decides "cooldown over" (30 s) and "cache stale" (10 min) from
// Date.now(), so `clockAhead(ms)` moves Date.now forward for the rest of a describe (restored after it).
// jose's claim checks (exp/nbf) read `new Date()`, which stays real, so tokens issued before a jump stay
// valid; tokens are therefore obtained before moving the clock far.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { pino } from "pino";
import { Agent, fetch as undiciFetch } from "undici";
import { createApp } from "../../../api/src/app.js";
import { validatorFor } from "../../../api/src/auth/createValidator.js";
import { devCertPaths } from "../../../lib/devCerts.js";
import { boundPort, close, listen } from "../../../lib/listen.js";
import { configFor, startApi, userToken, type RunningApi } from "../../support/apiServer.js";
import { demo, startSim, type RunningSim } from "../../support/simServer.js";

const jwksPath = `/${demo.tenantId}/discovery/v2.0/keys`;

type CountedApi = { base: string; jwksFetches(): number; close(): Promise<void> };

/** The API against `sim`, with its JWKS requests counted at the validator's fetch. */
async function startCountedApi(sim: RunningSim): Promise<CountedApi> {
  const config = configFor(sim);
  const dispatcher = new Agent({ connect: { ca: readFileSync(devCertPaths().caCert) } });
  let fetches = 0;
  const fetch = ((url: string | URL, init?: RequestInit) => {
    if (new URL(String(url)).pathname === jwksPath) fetches += 1;
    return undiciFetch(url, { ...(init as object), dispatcher });
  }) as unknown as typeof globalThis.fetch;
  const app = createApp({
    logger: pino({ level: "silent" }),
    version: "test",
    signedIn: {
      validateToken: validatorFor(config, fetch),
      corsOrigins: config.CORS_ORIGINS,
      rateLimitPerMinute: 100_000,
      routes: [],
    },
  });
  const server: Server = await listen(createServer(app), 0);
  return {
    base: `http://127.0.0.1:${boundPort(server)}`,
    jwksFetches: () => fetches,
    close: async () => {
      await close(server);
      await dispatcher.close();
    },
  };
}

/** Moves Date.now() forward by `ms` (cumulative) until `restoreClock()`. */
const realNow = Date.now;
let ahead = 0;
function clockAhead(ms: number): void {
  ahead += ms;
  Date.now = () => realNow() + ahead;
}
function restoreClock(): void {
  ahead = 0;
  Date.now = realNow;
}

async function getMe(base: string, token: string): Promise<{ status: number; code?: string; text: string }> {
  const response = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  const code = /json/.test(response.headers.get("content-type") ?? "")
    ? (JSON.parse(text) as { error?: { code?: string } }).error?.code
    : undefined;
  return { status: response.status, code, text };
}

const kidOf = (token: string) => decodeProtectedHeader(token).kid!;

async function rotate(sim: RunningSim): Promise<string> {
  const reply = await sim.call("/_sim/keys/rotate", { method: "POST" });
  assert.equal(reply.status, 200, reply.text);
  return (reply.body as { signingKid: string }).signingKid;
}

/** Tokens with the good token's claims, each under a kid the authority never published. */
async function unknownKidTokens(good: string, count: number, key: CryptoKey, tag: string): Promise<string[]> {
  const claims = decodeJwt(good);
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: `${tag}-${i}` }).sign(key)
    )
  );
}

/** Sends the tokens 50 at a time (concurrently within a batch) and returns the statuses. */
async function flood(base: string, tokens: string[]): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < tokens.length; i += 50)
    statuses.push(
      ...(await Promise.all(tokens.slice(i, i + 50).map(async (t) => (await getMe(base, t)).status)))
    );
  return statuses;
}

describe("key rollover → keys fetched once, then cached", () => {
  let sim: RunningSim;
  let api: CountedApi;
  before(async () => {
    sim = await startSim();
    api = await startCountedApi(sim);
  });
  after(async () => {
    await api?.close();
    await sim?.close();
  });

  it("no request yet → no fetch; five good tokens → 200 each after exactly one JWKS fetch", async () => {
    assert.equal(api.jwksFetches(), 0, "keys are fetched lazily");
    const token = await userToken(sim, "admin@contoso.com");
    for (let i = 0; i < 5; i++) assert.equal((await getMe(api.base, token)).status, 200);
    assert.equal(api.jwksFetches(), 1);
  });
});

describe("key rollover → unknown kids cannot make the API hammer the authority", () => {
  let sim: RunningSim;
  let api: CountedApi;
  let good: string;
  let attacker: CryptoKey;
  before(async () => {
    sim = await startSim();
    api = await startCountedApi(sim);
    good = await userToken(sim, "admin@contoso.com");
    attacker = (await generateKeyPair("RS256")).privateKey;
  });
  after(async () => {
    restoreClock();
    await api?.close();
    await sim?.close();
  });

  it("200 unknown-kid tokens right after the first fetch → 401 each, still one fetch (cooldown)", async () => {
    assert.equal((await getMe(api.base, good)).status, 200);
    assert.equal(api.jwksFetches(), 1);
    const statuses = await flood(api.base, await unknownKidTokens(good, 200, attacker, "inside"));
    assert.deepEqual(new Set(statuses), new Set([401]));
    assert.equal(api.jwksFetches(), 1);
  });

  it("31 s later, 200 more unknown kids (50 concurrent) → exactly one more fetch, then cooldown again", async () => {
    const tokens = await unknownKidTokens(good, 200, attacker, "after");
    clockAhead(31_000);
    const statuses = await flood(api.base, tokens);
    assert.deepEqual(new Set(statuses), new Set([401]));
    assert.equal(api.jwksFetches(), 2);
    assert.equal((await getMe(api.base, good)).status, 200, "the good token still works from the cache");
    assert.equal(api.jwksFetches(), 2);
  });
});

describe("key rollover → POST /_sim/keys/rotate", () => {
  let sim: RunningSim;
  let api: CountedApi;
  let oldToken: string;
  let newToken: string;
  before(async () => {
    sim = await startSim();
    api = await startCountedApi(sim);
    oldToken = await userToken(sim, "admin@contoso.com");
    assert.equal((await getMe(api.base, oldToken)).status, 200);
    assert.equal(api.jwksFetches(), 1);
    const newKid = await rotate(sim);
    newToken = await userToken(sim, "admin@contoso.com");
    assert.equal(kidOf(newToken), newKid);
    assert.notEqual(kidOf(oldToken), newKid);
  });
  after(async () => {
    restoreClock();
    await api?.close();
    await sim?.close();
  });

  // jose refetches for an unknown kid only once the 30 s cooldown since the last fetch is over. Entra
  // publishes a new key weeks before signing with it (and the 10 min cache picks it up); sim's rotate
  // signs at once, so right after a fetch the new kid is refused until the cooldown ends.
  it("new kid within 30 s of the last fetch → 401 INVALID_TOKEN (not 5xx), no extra fetch", async () => {
    const reply = await getMe(api.base, newToken);
    assert.equal(reply.status, 401, reply.text);
    assert.equal(reply.code, "INVALID_TOKEN");
    assert.equal(api.jwksFetches(), 1);
  });

  it("new kid once the cooldown is over → 200 after exactly one more fetch; the old kid still → 200", async () => {
    clockAhead(31_000);
    assert.equal((await getMe(api.base, newToken)).status, 200);
    assert.equal(api.jwksFetches(), 2);
    assert.equal((await getMe(api.base, oldToken)).status, 200, "the previous key stays published");
    assert.equal((await getMe(api.base, newToken)).status, 200);
    assert.equal(api.jwksFetches(), 2, "no further fetches");
  });
});

describe("key rollover → POST /_sim/keys/retire", () => {
  let sim: RunningSim;
  let api: CountedApi;
  let oldToken: string;
  let newToken: string;
  before(async () => {
    sim = await startSim();
    api = await startCountedApi(sim);
    oldToken = await userToken(sim, "admin@contoso.com");
    await rotate(sim);
    newToken = await userToken(sim, "admin@contoso.com");
    // The first fetch already sees both keys.
    assert.equal((await getMe(api.base, oldToken)).status, 200);
    assert.equal((await getMe(api.base, newToken)).status, 200);
    assert.equal(api.jwksFetches(), 1);
    const retired = await sim.call("/_sim/keys/retire", { method: "POST", body: { kid: kidOf(oldToken) } });
    assert.equal(retired.status, 200, retired.text);
  });
  after(async () => {
    restoreClock();
    await api?.close();
    await sim?.close();
  });

  // The exposure window: a retired key keeps verifying from the cache for up to cacheMaxAge (10 min).
  it("retired kid while the cached key set is younger than 10 min → still 200 (documented window)", async () => {
    clockAhead(9 * 60_000);
    assert.equal((await getMe(api.base, oldToken)).status, 200);
    assert.equal(api.jwksFetches(), 1);
  });

  it("retired kid once the cache is older than 10 min → 401 after one refetch; the current kid → 200", async () => {
    clockAhead(60_000 + 1000);
    const reply = await getMe(api.base, oldToken);
    assert.equal(reply.status, 401, reply.text);
    assert.equal(reply.code, "INVALID_TOKEN");
    assert.equal(api.jwksFetches(), 2);
    assert.equal((await getMe(api.base, newToken)).status, 200);
    assert.equal(api.jwksFetches(), 2);
  });
});

describe("key rollover → authority unreachable before the first fetch (fail closed)", () => {
  let sim: RunningSim;
  let api: RunningApi;
  let good: string;
  before(async () => {
    sim = await startSim();
    good = await userToken(sim, "admin@contoso.com");
    await sim.close();
    api = await startApi(sim);
  });
  after(async () => {
    await api?.close();
  });

  it("a well-formed good token, ten times → 503 AUTH_UNAVAILABLE each, never 2xx", async () => {
    for (let i = 0; i < 10; i++) {
      const reply = await getMe(api.base, good);
      assert.equal(reply.status, 503, reply.text);
      assert.equal(reply.code, "AUTH_UNAVAILABLE");
      assert.doesNotMatch(
        reply.text,
        /\bat .+:\d+:\d+|ECONNREFUSED|node_modules/,
        "no internals in the body"
      );
    }
  });

  it("a request without a bearer token → still 401 AUTHENTICATION_REQUIRED (no keys needed)", async () => {
    const response = await fetch(`${api.base}/api/me`);
    assert.equal(response.status, 401);
    assert.equal(
      ((await response.json()) as { error: { code: string } }).error.code,
      "AUTHENTICATION_REQUIRED"
    );
  });
});
