// A retraction while Graph throttles hard (a share of every request answered 429 with a Retry-After):
// the job still completes, no request is sent again before the Retry-After it was given has passed, no
// mailbox ever has more than 4 of our requests in flight, and no copy is moved twice.
import assert from "node:assert/strict";
import { mailboxOfGraphUrl } from "../../../api/src/graph/mailboxGate.js";
import type { GraphAttempt } from "../../../api/src/graph/graphTransport.js";
import { startApi, userToken, type RunningApi } from "../../support/apiServer.js";
import { callApi, finishedJob, retractableMailboxes, submit } from "../../support/retractions.js";
import { demo, startSim, type RunningSim } from "../../support/simServer.js";

/** Date.now() has millisecond steps: an interval measured with it can read up to 1 ms short. */
const clockStepMs = 1;

describe("retraction/throttling → a soft retraction at depth 2 under many 429s", function () {
  this.timeout(120_000);
  let sim: RunningSim;
  let api: RunningApi;
  const attempts: GraphAttempt[] = [];

  before(async () => {
    sim = await startSim();
    api = await startApi(sim, {
      // Every job waits for approval, so throttling is switched on before any worker acts.
      env: {
        RETRACTION_POLL_MS: "50",
        RETRACTION_MAX_ATTEMPTS: "50",
        RETRACTION_WORKERS: "8",
        APPROVAL_THRESHOLD: "0",
      },
      graph: { onAttempt: (attempt) => attempts.push(attempt) },
    });
  });
  after(async () => {
    await api?.close();
    await sim?.close();
  });

  it("completes; every retry waits out its Retry-After; ≤ 4 in flight per mailbox; each copy moved once", async () => {
    const admin = await userToken(sim, "admin@contoso.com");
    const approver = await userToken(sim, "approver@contoso.com");
    const include = await retractableMailboxes(api, admin, 2, "soft");
    const reply = await submit(api, admin, { mode: "soft", conversationDepth: 2, include });
    assert.equal(reply.status, 202, reply.text);
    const id = (reply.body as { id: string }).id;

    const throttled = await sim.call("/_sim/settings", {
      method: "PUT",
      body: { faultRate: 0.7, faultKinds: ["429"], faultRetryAfterSeconds: 0.12, latencyMs: 3 },
    });
    assert.equal(throttled.status, 200);
    const from = attempts.length;
    assert.equal(
      (await callApi(api, `/api/retractions/${id}/approve`, approver, { method: "POST" })).status,
      200
    );
    const job = await finishedJob(api, admin, id);
    assert.equal(job.status, "completed", JSON.stringify(job.targets.map((t) => [t.mailbox, t.lastError])));
    assert.ok(job.targets.every((t) => t.status === "done"));

    const during = attempts.slice(from);
    const refused = during.filter((a) => a.status === 429);
    assert.ok(refused.length >= 10, `expected many 429s, saw ${refused.length} of ${during.length} requests`);

    for (const no of refused) {
      assert.ok(no.retryAfter, "sim sends a Retry-After with every 429");
      const earliest = no.endedAt + Number(no.retryAfter) * 1000 - clockStepMs;
      // The same request sent again: the first later attempt with the same method and URL.
      const next = during.find(
        (a) => a.method === no.method && a.url === no.url && a.startedAt > no.startedAt
      );
      if (next)
        assert.ok(
          next.startedAt >= earliest,
          `${no.method} ${no.url} was sent again ${earliest - next.startedAt} ms early`
        );
    }

    assert.ok(peakPerMailbox(during) <= 4, `peak in flight for one mailbox: ${peakPerMailbox(during)}`);
    const settings = (await sim.call("/_sim/settings")).body as { peakInFlightPerMailbox: number };
    assert.ok(settings.peakInFlightPerMailbox <= 4);

    const moves = (
      (await sim.call("/_sim/activity")).body as {
        value: { mailbox: string; operation: string; internetMessageId: string }[];
      }
    ).value.filter((a) => a.operation === "move");
    const copies = job.targets.flatMap((t) => t.copies.map((c) => `${t.mailbox}|${c.internetMessageId}`));
    const moved = moves.map((m) => `${m.mailbox.toLowerCase()}|${m.internetMessageId}`);
    assert.deepEqual(moved.sort(), copies.sort(), "each copy moved exactly once");
    assert.ok(copies.includes(`adele.vance@contoso.com|${demo.phishId}`));
  });
});

/** The most attempts that overlapped in time for one mailbox (an attempt ending as another starts does not). */
function peakPerMailbox(attempts: GraphAttempt[]): number {
  const byMailbox = new Map<string, [number, number][]>();
  for (const a of attempts) {
    const mailbox = mailboxOfGraphUrl(a.url);
    if (mailbox) byMailbox.set(mailbox, [...(byMailbox.get(mailbox) ?? []), [a.startedAt, a.endedAt]]);
  }
  let peak = 0;
  for (const intervals of byMailbox.values()) {
    const edges = intervals.flatMap(([start, end]) => [[start, 1] as const, [end, -1] as const]);
    edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let open = 0;
    for (const [, change] of edges) peak = Math.max(peak, (open += change));
  }
  return peak;
}
