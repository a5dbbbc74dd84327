import assert from "node:assert/strict";
import type { StreamEvent } from "../../../../lib/serverSentEvents.js";
import { ApiError } from "../../../../addin/src/api/apiError.js";
import type { JobDetailView } from "../../../../addin/src/api/apiTypes.js";
import {
  followJobUntilEnd,
  type FollowDeps,
  type FollowState,
} from "../../../../addin/src/views/retract/followJobUntilEnd.js";
import { job } from "./retractFixtures.js";

/** One opening of the stream: the events it sends, then how it stops (closes, or fails with `error`). */
type Session = { events: StreamEvent[]; error?: unknown };

/** An API whose stream plays `sessions` in turn and whose job reads answer `reads` in turn. */
function fakeApi(sessions: Session[], reads: (JobDetailView | Error)[]) {
  const calls = { follow: 0, read: 0 };
  const api: FollowDeps["api"] = {
    async followJob(_id, onEvent) {
      const session = sessions[calls.follow++];
      if (!session) throw new Error("no more sessions scripted");
      session.events.forEach(onEvent);
      if (session.error) throw session.error;
    },
    async retraction() {
      const answer = reads[Math.min(calls.read++, reads.length - 1)];
      if (!answer || answer instanceof Error) throw answer ?? new Error("no read scripted");
      return answer;
    },
  };
  return { api, calls };
}

async function run(deps: Omit<FollowDeps, "wait"> & { abortOnWait?: boolean }) {
  const controller = new AbortController();
  const patches: Partial<FollowState>[] = [];
  const waits: number[] = [];
  const wait = async (ms: number) => {
    waits.push(ms);
    if (deps.abortOnWait) controller.abort();
  };
  await followJobUntilEnd({ ...deps, wait }, "job-1", controller.signal, (patch) => patches.push(patch));
  const connections = patches.flatMap((p) => (p.connection ? [p.connection] : []));
  const last = patches.reduce<FollowState>((s, p) => ({ ...s, ...p }), {
    job: null,
    connection: "connecting",
    error: null,
  });
  return { patches, connections, waits, last };
}

const running = job();
const completed = job({
  status: "completed",
  progress: { ...running.progress, phase: "finished", percent: 100 },
});
const networkDrop = new ApiError("Could not reach the API.", "network", null, null);
const forbidden = new ApiError("This needs Retract.Run.", "forbidden", "FORBIDDEN", 403);
const notFound = new ApiError("No such retraction.", "request", "RETRACTION_NOT_FOUND", 404);
const { targets: _targets, ...endSummary } = completed;

describe("followJobUntilEnd", () => {
  it("a stream to its end → live while events arrive, the job read once more, then ended", async () => {
    const { api, calls } = fakeApi(
      [
        {
          events: [
            { event: "snapshot", data: running },
            { event: "end", data: endSummary },
          ],
        },
      ],
      [completed]
    );
    const { connections, last } = await run({ api, stream: true });
    assert.deepEqual(connections, ["connecting", "live", "live", "ended"]);
    assert.equal(last.job?.status, "completed");
    assert.deepEqual(calls, { follow: 1, read: 1 });
  });

  it("a stream that drops while the job runs → reconnects after a pause and follows it to the end", async () => {
    const { api, calls } = fakeApi(
      [
        { events: [{ event: "snapshot", data: running }], error: networkDrop },
        {
          events: [
            { event: "snapshot", data: running },
            { event: "end", data: endSummary },
          ],
        },
      ],
      [running, completed]
    );
    const { connections, waits, patches } = await run({ api, stream: true });
    assert.deepEqual(connections, [
      "connecting",
      "live",
      "reconnecting",
      "reconnecting",
      "live",
      "live",
      "ended",
    ]);
    assert.ok(
      patches.some((p) => p.error === networkDrop),
      "the drop's reason is reported"
    );
    assert.deepEqual(waits, [1000]);
    assert.deepEqual(calls, { follow: 2, read: 2 });
  });

  it("a stream that keeps dropping → waits longer each time, up to the longest pause", async () => {
    const { api } = fakeApi(
      [
        { events: [], error: networkDrop },
        { events: [], error: networkDrop },
        { events: [], error: networkDrop },
        { events: [], error: networkDrop },
      ],
      [running, running, running, completed]
    );
    const { waits } = await run({ api, stream: true, maxBackoffMs: 3000 });
    assert.deepEqual(waits, [1000, 2000, 3000]);
  });

  it("a stream the user may not open → reads the job every few seconds until it finishes", async () => {
    const { api, calls } = fakeApi([{ events: [], error: forbidden }], [running, running, completed]);
    const { connections, waits, last } = await run({ api, stream: true, pollMs: 3000 });
    assert.deepEqual(connections, ["connecting", "polling", "polling", "ended"]);
    assert.deepEqual(waits, [3000, 3000]);
    assert.equal(calls.follow, 1);
    assert.equal(last.job?.status, "completed");
  });

  it("no stream for this user from the start → never opens one", async () => {
    const { api, calls } = fakeApi([], [completed]);
    const { connections } = await run({ api, stream: false });
    assert.deepEqual(connections, ["ended"]);
    assert.equal(calls.follow, 0);
  });

  it("a job that cannot be read → stops with the reason", async () => {
    const { api } = fakeApi([{ events: [], error: notFound }], [notFound]);
    const { last } = await run({ api, stream: true });
    assert.equal(last.connection, "stopped");
    assert.equal(last.error, notFound);
  });

  it("a retraction that just finished without its check → waits for the check, then ended", async () => {
    const now = Date.parse("2026-11-21T09:00:05Z");
    const justFinished = { ...completed, finishedAt: "2026-11-21T09:00:00.000Z" };
    const verification = {
      checkedAt: "2026-11-21T09:00:04Z",
      mailboxesChecked: 2,
      reappeared: [],
      unchecked: [],
    };
    const { api } = fakeApi(
      [
        {
          events: [
            { event: "snapshot", data: justFinished },
            { event: "end", data: endSummary },
          ],
        },
      ],
      [justFinished, { ...justFinished, verification }]
    );
    const { connections, last } = await run({ api, stream: true, now: () => now });
    assert.deepEqual(connections.slice(-2), ["checking", "ended"]);
    assert.deepEqual(last.job?.verification, verification);
  });

  it("aborted while waiting to reconnect → stops without opening the stream again", async () => {
    const { api, calls } = fakeApi([{ events: [], error: networkDrop }], [running]);
    const { connections } = await run({ api, stream: true, abortOnWait: true });
    assert.equal(calls.follow, 1);
    assert.equal(connections.at(-1), "reconnecting");
  });
});
