// The retry watch: a request for an app and mailbox that comes back before the Retry-After sim last gave
// it is counted, one already in flight is not; and sim's Graph counts them in GET /_sim/stats, judging a
// $batch's requests by when the batch arrived and its 429s by when its answer went out.
import assert from "node:assert/strict";
import { RetryWatch } from "../../../sim/src/limits/retryWatch.js";
import { startSim, type RunningSim } from "../../support/simServer.js";
import { testSettings, type SimSettings } from "../../../sim/src/settings.js";

const t0 = Date.parse("2026-01-01T00:00:00.000Z");

describe("sim limits: RetryWatch", () => {
  it("a request started after a 429 and before its Retry-After → early, and counted", () => {
    const watch = new RetryWatch();
    watch.refused("app|ann", t0, 2);
    assert.equal(watch.arrived("app|ann", t0 + 1999), true);
    assert.equal(watch.early, 1);
  });

  it("a request started once the Retry-After has passed → not early", () => {
    const watch = new RetryWatch();
    watch.refused("app|ann", t0, 2);
    assert.equal(watch.arrived("app|ann", t0 + 2000), false);
    assert.equal(watch.early, 0);
  });

  it("a request started before the 429 was answered (in flight) → not early", () => {
    const watch = new RetryWatch();
    watch.refused("app|ann", t0, 2);
    assert.equal(watch.arrived("app|ann", t0 - 1), false);
    assert.equal(watch.early, 0);
  });

  it("another mailbox or another app → not early", () => {
    const watch = new RetryWatch();
    watch.refused("app|ann", t0, 2);
    assert.equal(watch.arrived("app|bob", t0 + 1), false);
    assert.equal(watch.arrived("other|ann", t0 + 1), false);
    assert.equal(watch.early, 0);
  });

  it("a later 429 with a shorter Retry-After → the later one counts", () => {
    const watch = new RetryWatch();
    watch.refused("app|ann", t0, 10);
    watch.refused("app|ann", t0 + 100, 0.5);
    assert.equal(watch.arrived("app|ann", t0 + 700), false);
    assert.equal(watch.arrived("app|ann", t0 + 500), true);
  });

  it("a key never refused, or a Retry-After of 0 → nothing is early", () => {
    const watch = new RetryWatch();
    assert.equal(watch.arrived("app|ann", t0), false);
    watch.refused("app|ann", t0, 0);
    assert.equal(watch.arrived("app|ann", t0), false);
    assert.equal(watch.early, 0);
  });
});

describe("sim Graph: early retries in GET /_sim/stats", () => {
  let s: RunningSim;
  let token: string;
  let now = t0;
  const configure = (settings: Partial<SimSettings>) => void Object.assign(s.sim.settings, settings);
  const inbox = (user: string) => `/users/${user}/mailFolders/inbox`;
  const get = (user: string) => s.call(`/v1.0${inbox(user)}`, { token });
  const earlyRetries = async () =>
    ((await s.call("/_sim/stats")).body as { graphRequests: { earlyRetries: number } }).graphRequests
      .earlyRetries;
  /** Every request answered 429 with a Retry-After of `seconds`, before it runs. */
  const refuseAll = (seconds: number) =>
    configure({ faultRate: 1, faultKinds: ["429"], faultRetryAfterSeconds: seconds });

  // A clock of the test's own: time passes only when a test moves it, so no test sleeps.
  beforeEach(async () => {
    now = t0;
    s = await startSim({ clock: () => now });
    token = await s.appToken();
  });
  afterEach(() => s.close());

  it("a 429 with Retry-After 2, then the same mailbox at once → counted; 2 s later → not", async () => {
    refuseAll(2);
    assert.equal((await get("adele.vance@contoso.com")).status, 429);
    configure(testSettings);
    assert.equal((await get("adele.vance@contoso.com")).status, 200);
    assert.equal(await earlyRetries(), 1);
    now += 2000;
    assert.equal((await get("adele.vance@contoso.com")).status, 200);
    assert.equal(await earlyRetries(), 1);
  });

  it("a 429 for one mailbox, then another mailbox or the directory at once → not counted", async () => {
    refuseAll(2);
    assert.equal((await get("adele.vance@contoso.com")).status, 429);
    configure(testSettings);
    assert.equal((await get("lee.gu@contoso.com")).status, 200);
    assert.equal((await s.call("/v1.0/users/adele.vance@contoso.com", { token })).status, 200);
    assert.equal(await earlyRetries(), 0);
  });

  it("an app-wide 429 → counted for the refused request's mailbox only", async () => {
    configure({ appRequestsPerSecond: 1 });
    assert.equal((await get("adele.vance@contoso.com")).status, 200);
    assert.equal((await get("adele.vance@contoso.com")).status, 429);
    // The clock stands still, so the app's bucket stays empty: both are refused again.
    await get("lee.gu@contoso.com");
    await get("adele.vance@contoso.com");
    assert.equal(await earlyRetries(), 1);
  });

  it("a $batch of six requests for one mailbox, all refused → none counted; a request after its answer → counted", async () => {
    refuseAll(2);
    const requests = Array.from({ length: 6 }, (_, i) => ({
      id: String(i),
      method: "GET",
      url: inbox("adele.vance@contoso.com"),
    }));
    const batch = await s.call("/v1.0/$batch", { token, body: { requests } });
    const statuses = (batch.body as { responses: { status: number }[] }).responses.map((r) => r.status);
    assert.deepEqual(statuses, Array(6).fill(429));
    assert.equal(await earlyRetries(), 0, "a batch's fifth and sixth requests started with the batch");
    configure(testSettings);
    assert.equal((await get("adele.vance@contoso.com")).status, 200);
    assert.equal(await earlyRetries(), 1);
  });
});
