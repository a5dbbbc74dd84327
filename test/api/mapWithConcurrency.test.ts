// The bounded fan-out that discovery and the retraction plan use, over a list or over a source read in
// pages: results in order, never more calls in flight than allowed, each item taken once, and a failure
// that stops further calls without leaving running ones unobserved. Calls finish when the test says so,
// so nothing depends on timing.
import assert from "node:assert/strict";
import { forEachWithConcurrency, mapWithConcurrency } from "../../api/src/mapWithConcurrency.js";

type Deferred = { resolve(value: string): void; reject(error: unknown): void };

/** Work whose calls stay pending until the test settles them. */
function controlledWork() {
  const pending = new Map<number, Deferred>();
  const started: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const work = (item: number) => {
    started.push(item);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<string>((resolve, reject) => {
      pending.set(item, {
        resolve: (v) => (inFlight--, pending.delete(item), resolve(v)),
        reject: (e) => (inFlight--, pending.delete(item), reject(e)),
      });
    });
  };
  return { work, pending, started, stats: () => ({ inFlight, maxInFlight }) };
}

/** Lets every promise reaction queued so far run (no timers involved). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("mapWithConcurrency", () => {
  it("ten items, limit 3, finished newest first → at most 3 in flight, results in the items' order", async () => {
    const { work, pending, stats } = controlledWork();
    const items = [...Array(10).keys()];

    const all = mapWithConcurrency(items, 3, work);
    while (pending.size > 0) {
      await settle();
      assert.ok(stats().inFlight <= 3, `${stats().inFlight} in flight`);
      const newest = Math.max(...pending.keys());
      pending.get(newest)!.resolve(`r${newest}`);
    }

    assert.deepEqual(
      await all,
      items.map((i) => `r${i}`)
    );
    assert.equal(stats().maxInFlight, 3);
  });

  it("fewer items than the limit → all start at once", async () => {
    const { work, pending, started } = controlledWork();

    const all = mapWithConcurrency([1, 2], 8, work);
    await settle();

    assert.deepEqual(started, [1, 2]);
    for (const d of [...pending.values()]) d.resolve("ok");
    assert.deepEqual(await all, ["ok", "ok"]);
  });

  it("a call fails → no further call starts; the failure is thrown after the running calls settle", async () => {
    const { work, pending, started } = controlledWork();
    let outcome: string | undefined;

    const all = mapWithConcurrency([0, 1, 2, 3, 4], 2, work).then(
      () => (outcome = "resolved"),
      (e: Error) => (outcome = e.message)
    );
    await settle();
    pending.get(0)!.reject(new Error("throttled"));
    await settle();

    assert.deepEqual(started, [0, 1]);
    assert.equal(outcome, undefined, "still waiting for the call in flight");
    pending.get(1)!.resolve("late");
    await all;
    assert.equal(outcome, "throttled");
    assert.deepEqual(started, [0, 1]);
  });

  it("work that throws before returning a promise → rejected like any failure", async () => {
    await assert.rejects(
      mapWithConcurrency([1], 1, () => {
        throw new Error("bad input");
      }),
      /bad input/
    );
  });

  it("no items → no calls, an empty list", async () => {
    const { work, started } = controlledWork();

    assert.deepEqual(await mapWithConcurrency([], 4, work), []);
    assert.deepEqual(started, []);
  });

  it("a limit below 1 or not whole → RangeError before any call", async () => {
    for (const limit of [0, -1, 1.5, Number.NaN])
      await assert.rejects(
        mapWithConcurrency([1], limit, async () => 1),
        RangeError,
        String(limit)
      );
  });
});

describe("forEachWithConcurrency", () => {
  /** A source of 0..count-1 read in pages of `pageSize`, counting the pages read. */
  function pagedSource(count: number, pageSize: number) {
    const read = { pages: 0 };
    async function* source(): AsyncGenerator<number> {
      for (let from = 0; from < count; from += pageSize) {
        read.pages += 1;
        await settle();
        yield* [...Array(Math.min(pageSize, count - from)).keys()].map((i) => from + i);
      }
    }
    return { source: source(), read };
  }

  it("ten items in pages of 4, limit 3 → each item once, at most 3 in flight, pages read as needed", async () => {
    const { work, pending, started, stats } = controlledWork();
    const { source, read } = pagedSource(10, 4);

    const all = forEachWithConcurrency(source, 3, async (item) => void (await work(item)));
    await settle();
    await settle();
    assert.deepEqual(started, [0, 1, 2]);
    assert.equal(read.pages, 1, "the second page is not read before its items are needed");
    while (pending.size > 0) {
      assert.ok(stats().inFlight <= 3, `${stats().inFlight} in flight`);
      pending.get(Math.min(...pending.keys()))!.resolve("ok");
      await settle();
      await settle();
    }
    await all;

    assert.deepEqual(
      [...started].sort((a, b) => a - b),
      [...Array(10).keys()]
    );
    assert.equal(read.pages, 3);
    assert.equal(stats().maxInFlight, 3);
  });

  it("a call fails → no further item taken; the failure thrown once the running calls settle", async () => {
    const { work, pending, started } = controlledWork();
    const { source } = pagedSource(6, 6);
    let outcome: string | undefined;

    const all = forEachWithConcurrency(source, 2, async (item) => void (await work(item))).then(
      () => (outcome = "resolved"),
      (e: Error) => (outcome = e.message)
    );
    await settle();
    await settle();
    pending.get(0)!.reject(new Error("throttled"));
    await settle();
    assert.equal(outcome, undefined, "still waiting for the call in flight");
    pending.get(1)!.resolve("late");
    await all;

    assert.equal(outcome, "throttled");
    assert.deepEqual(started, [0, 1]);
  });

  it("the source fails → that failure is thrown", async () => {
    async function* failing(): AsyncGenerator<number> {
      yield 1;
      throw new Error("the database went away");
    }
    await assert.rejects(
      forEachWithConcurrency(failing(), 4, async () => undefined),
      /the database went away/
    );
  });

  it("a limit below 1 or not whole → RangeError", async () => {
    await assert.rejects(
      forEachWithConcurrency(pagedSource(1, 1).source, 0, async () => undefined),
      RangeError
    );
  });
});
