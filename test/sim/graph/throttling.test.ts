// Conformance of sim's Graph throttling and injected faults: Outlook's 4 concurrent requests per app
// and mailbox (the fifth gets 429 ApplicationThrottled), the per-mailbox request window, the app-wide
// rate (429 TooManyRequests), and 503s and dropped connections injected at a configured rate. Timing
// comes from configured latency and concurrent requests, never from sleeping.
import assert from "node:assert/strict";
import { demo, startSim, type Reply, type RunningSim } from "../../support/simServer.js";
import { testSettings, type SimSettings } from "../../../sim/src/settings.js";

type ErrorBody = { error: { code: string; message: string } };

const code = (reply: Reply) => (reply.body as ErrorBody | undefined)?.error.code;
const retryAfter = (reply: Reply) => Number.parseFloat(String(reply.headers["retry-after"]));

describe("sim Graph: throttling and faults", () => {
  let s: RunningSim;
  let token: string;
  const get = (path: string): Promise<Reply> => s.call(`/v1.0${path}`, { token });
  const configure = (settings: Partial<SimSettings>) => void Object.assign(s.sim.settings, settings);
  const inbox = (user: string) => `/users/${user}/mailFolders/inbox`;

  before(async () => {
    s = await startSim();
    token = await s.appToken();
  });
  after(() => s.close());
  afterEach(() => configure(testSettings));

  it("five concurrent GETs to one mailbox (300 ms latency) → four 200s and exactly one 429 ApplicationThrottled with Retry-After", async () => {
    configure({ latencyMs: 300, latencyJitter: 0 });

    const replies = await Promise.all(Array.from({ length: 5 }, () => get(inbox("adele.vance@contoso.com"))));

    const statuses = replies.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 429]);
    const refused = replies.find((r) => r.status === 429)!;
    assert.equal(code(refused), "ApplicationThrottled");
    assert.match((refused.body as ErrorBody).error.message, /MailboxConcurrency/);
    assert.ok(retryAfter(refused) > 0, `Retry-After ${refused.headers["retry-after"]}`);
  });

  it("after a concurrent burst completes → the mailbox accepts requests again", async () => {
    configure({ latencyMs: 300, latencyJitter: 0 });
    await Promise.all(Array.from({ length: 5 }, () => get(inbox("alex.wilber@contoso.com"))));
    configure({ latencyMs: 0 });

    const reply = await get(inbox("alex.wilber@contoso.com"));

    assert.equal(reply.status, 200);
  });

  it("four concurrent GETs each to two mailboxes → all 200 (the limit is per mailbox)", async () => {
    configure({ latencyMs: 300, latencyJitter: 0 });
    const paths = ["lee.gu@contoso.com", "nestor.wilke@contoso.com"].flatMap(
      (user) => Array(4).fill(inbox(user)) as string[]
    );

    const replies = await Promise.all(paths.map(get));

    assert.deepEqual(
      replies.map((r) => r.status),
      Array(8).fill(200)
    );
  });

  it("concurrent directory GETs → not subject to the mailbox concurrency limit", async () => {
    configure({ latencyMs: 300, latencyJitter: 0 });

    const replies = await Promise.all(Array.from({ length: 6 }, () => get("/users/adele.vance@contoso.com")));

    assert.deepEqual(
      replies.map((r) => r.status),
      Array(6).fill(200)
    );
  });

  it("mailboxRequestsPer10Minutes exceeded → 429 ApplicationThrottled with a (fractional) Retry-After; other mailboxes unaffected", async () => {
    configure({ mailboxRequestsPer10Minutes: 3 });
    for (let i = 0; i < 3; i++) assert.equal((await get(inbox("isaiah.langer@contoso.com"))).status, 200);

    const refused = await get(inbox("isaiah.langer@contoso.com"));

    assert.equal(refused.status, 429);
    assert.equal(code(refused), "ApplicationThrottled");
    assert.match(String(refused.headers["retry-after"]), /^\d+(\.\d+)?$/);
    const seconds = retryAfter(refused);
    // The oldest request in the window leaves it just under 10 minutes from now.
    assert.ok(seconds > 590 && seconds <= 600, `Retry-After ${refused.headers["retry-after"]}`);
    assert.equal((await get(inbox("johanna.lorenz@contoso.com"))).status, 200);
  });

  it("appRequestsPerSecond exceeded → 429 TooManyRequests with Retry-After, for directory requests too", async () => {
    configure({ appRequestsPerSecond: 2 });

    const replies: Reply[] = [];
    for (let i = 0; i < 3; i++) replies.push(await get("/domains"));

    assert.deepEqual(
      replies.map((r) => r.status),
      [200, 200, 429]
    );
    const refused = replies[2]!;
    assert.equal(code(refused), "TooManyRequests");
    const seconds = retryAfter(refused);
    assert.ok(seconds > 0 && seconds <= 0.5, `Retry-After ${refused.headers["retry-after"]}`);
  });

  it('faultRate 1 with faultKinds ["503"] → 503 ServiceUnavailable with Retry-After', async () => {
    configure({ faultRate: 1, faultKinds: ["503"], faultRetryAfterSeconds: 2 });

    const reply = await get(inbox("adele.vance@contoso.com"));

    assert.equal(reply.status, 503);
    assert.equal(code(reply), "ServiceUnavailable");
    assert.equal(retryAfter(reply), 2);
  });

  it('faultRate 1 with faultKinds ["reset"] → the connection drops, yet the move was performed', async () => {
    const copies = async () =>
      (
        (await s.call(`/_sim/copies?internetMessageId=${encodeURIComponent(demo.phishId)}`)).body as {
          value: { mailbox: string; id: string; folder: string }[];
        }
      ).value.find((c) => c.mailbox === "lynne.robbins@contoso.com")!;
    const before = await copies();
    assert.equal(before.folder, "Inbox");
    configure({ faultRate: 1, faultKinds: ["reset"] });

    const call = s.call(
      `/v1.0/users/lynne.robbins@contoso.com/messages/${encodeURIComponent(before.id)}/move`,
      {
        token,
        method: "POST",
        body: { destinationId: "deleteditems" },
      }
    );

    await assert.rejects(call, (err: Error & { code?: string }) =>
      /UND_ERR_SOCKET|ECONNRESET/.test(String(err.code))
    );
    const after = await copies();
    assert.equal(after.folder, "Deleted Items");
    assert.notEqual(after.id, before.id);
  });
});
