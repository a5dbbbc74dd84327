// Per-user rate limiting: over HTTP with RATE_LIMIT_PER_MINUTE=3 and real demo users, and the
// middleware alone with a fake clock for the one-minute window and Retry-After.
import assert from "node:assert/strict";
import type { NextFunction, Request, Response } from "express";
import { rateLimitPerUser } from "../../../api/src/auth/rateLimit.js";
import type { Principal } from "../../../api/src/auth/principal.js";
import { AppError } from "../../../api/src/errors.js";
import { startApi, userToken, type RunningApi } from "../../support/apiServer.js";
import { demo, startSim, type RunningSim } from "../../support/simServer.js";

describe("rate limit → RATE_LIMIT_PER_MINUTE=3 over HTTP", () => {
  let sim: RunningSim;
  let api: RunningApi;
  let admin: string;
  let helpdesk: string;

  const getMe = async (token: string) => {
    const response = await fetch(`${api.base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };

  before(async () => {
    sim = await startSim();
    api = await startApi(sim, { env: { RATE_LIMIT_PER_MINUTE: "3" } });
    admin = await userToken(sim, "admin@contoso.com");
    helpdesk = await userToken(sim, "helpdesk@contoso.com");
  });
  after(async () => {
    await api?.close();
    await sim?.close();
  });

  it("one user's requests 1–3 → 200; the 4th → 429 RATE_LIMITED with Retry-After in 1..60 s", async () => {
    for (let i = 1; i <= 3; i++) assert.equal((await getMe(admin)).status, 200, `request ${i}`);
    const limited = await getMe(admin);
    assert.equal(limited.status, 429, limited.text);
    assert.equal((JSON.parse(limited.text) as { error: { code: string } }).error.code, "RATE_LIMITED");
    const retryAfter = Number(limited.headers.get("retry-after"));
    assert.ok(
      Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60,
      `Retry-After ${retryAfter}`
    );
    assert.doesNotMatch(limited.text, /\bat .+:\d+:\d+/);
  });

  it("another user meanwhile → 200 (their own budget)", async () => {
    assert.equal((await getMe(helpdesk)).status, 200);
  });

  it("a user's 4th request with a freshly issued token → still 429 (keyed on tenant + object id, not the token)", async () => {
    const first = await userToken(sim, "approver@contoso.com");
    for (let i = 1; i <= 3; i++) assert.equal((await getMe(first)).status, 200, `request ${i}`);
    const second = await userToken(sim, "approver@contoso.com");
    assert.notEqual(second, first);
    assert.equal((await getMe(second)).status, 429);
  });

  it("a bad token → 401, not 429 (authentication comes first)", async () => {
    const reply = await getMe("not-a-jwt");
    assert.equal(reply.status, 401);
  });
});

describe("rateLimitPerUser (unit, fake clock)", () => {
  const user = (objectId: string, tenantId = demo.tenantId): Principal => ({
    tenantId,
    objectId,
    userPrincipalName: `${objectId}@contoso.com`,
    name: objectId,
    roles: new Set(),
    clientId: demo.addinClientId,
    tokenId: undefined,
  });
  const ann = user("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
  const bob = user("1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e");

  /** A limiter of 3 a minute on a clock the test moves; `call` answers "ok" or the Retry-After. */
  function limiter() {
    let now = 1_700_000_000_000;
    const middleware = rateLimitPerUser(3, () => now);
    const call = (principal: Principal): string => {
      const headers: Record<string, string> = {};
      const res = {
        locals: { principal },
        setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
      } as unknown as Response;
      let outcome: unknown = "next not called";
      middleware({} as Request, res, ((err?: unknown) => void (outcome = err)) as NextFunction);
      if (outcome === undefined) return "ok";
      assert.ok(outcome instanceof AppError, String(outcome));
      assert.equal(outcome.status, 429);
      assert.equal(outcome.code, "RATE_LIMITED");
      return `retry-after ${headers["retry-after"]}`;
    };
    return { call, advance: (ms: number) => void (now += ms) };
  }

  it("3 requests → ok; the 4th at the window's start → Retry-After 60", () => {
    const { call } = limiter();
    assert.deepEqual([call(ann), call(ann), call(ann), call(ann)], ["ok", "ok", "ok", "retry-after 60"]);
  });

  it("4th request 10.5 s into the window → Retry-After 50 (rounded up); at 59.999 s → 1", () => {
    const { call, advance } = limiter();
    call(ann);
    advance(10_500);
    call(ann);
    call(ann);
    assert.equal(call(ann), "retry-after 50");
    advance(49_499);
    assert.equal(call(ann), "retry-after 1");
  });

  it("60 s after the window started → a new window: 3 more requests ok, then limited again", () => {
    const { call, advance } = limiter();
    for (let i = 0; i < 4; i++) call(ann);
    advance(60_000);
    assert.deepEqual([call(ann), call(ann), call(ann), call(ann)], ["ok", "ok", "ok", "retry-after 60"]);
  });

  it("another user, or the same object id in another tenant → unaffected", () => {
    const { call } = limiter();
    for (let i = 0; i < 4; i++) call(ann);
    assert.equal(call(bob), "ok");
    assert.equal(call(user(ann.objectId, "9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f")), "ok");
    assert.equal(call(ann), "retry-after 60");
  });

  it("10,001 other users within the minute → the limited user's window is not forgotten", () => {
    const { call, advance } = limiter();
    for (let i = 0; i < 4; i++) call(ann);
    advance(1000);
    for (let i = 0; i <= 10_000; i++) call(user(`user-${i}`));
    assert.equal(call(ann), "retry-after 59");
  });
});
