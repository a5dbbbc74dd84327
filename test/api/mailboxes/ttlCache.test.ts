// The promise cache behind the tenant definitions and folder names: one load shared by concurrent callers,
// entries that expire after their time to live, failures forgotten at once, and the oldest entries dropped
// when it is full. The clock is a variable the tests move.
import assert from "node:assert/strict";
import { createTtlCache } from "../../../api/src/mailboxes/ttlCache.js";

/** A promise the test settles when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A loader that counts its calls per key and answers "<key> #<n>". */
function countingLoader() {
  const loads = new Map<string, number>();
  const load = (key: string) => () => {
    const n = (loads.get(key) ?? 0) + 1;
    loads.set(key, n);
    return Promise.resolve(`${key} #${n}`);
  };
  return { load, loads };
}

describe("ttlCache", () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  describe("get", () => {
    it("two callers before the load settles → one load, both get its value", async () => {
      const cache = createTtlCache<string>({ ttlMs: 60_000, now });
      const pending = deferred<string>();
      let loads = 0;
      const load = () => {
        loads += 1;
        return pending.promise;
      };

      const first = cache.get("k", load);
      const second = cache.get("k", load);
      pending.resolve("value");

      assert.equal(loads, 1);
      assert.equal(first, second);
      assert.deepEqual(await Promise.all([first, second]), ["value", "value"]);
    });

    it("a later call within the time to live → the cached value, no new load", async () => {
      const cache = createTtlCache<string>({ ttlMs: 60_000, now });
      const { load, loads } = countingLoader();

      assert.equal(await cache.get("k", load("k")), "k #1");
      clock += 59_999;
      assert.equal(await cache.get("k", load("k")), "k #1");

      assert.equal(loads.get("k"), 1);
    });

    it("a call once the time to live has passed → loaded again", async () => {
      const cache = createTtlCache<string>({ ttlMs: 60_000, now });
      const { load, loads } = countingLoader();

      await cache.get("k", load("k"));
      clock += 60_000;
      const again = await cache.get("k", load("k"));

      assert.equal(again, "k #2");
      assert.equal(loads.get("k"), 2);
    });

    it("the reloaded value → cached for a full time to live from the reload", async () => {
      const cache = createTtlCache<string>({ ttlMs: 60_000, now });
      const { load } = countingLoader();

      await cache.get("k", load("k"));
      clock += 60_000;
      await cache.get("k", load("k"));
      clock += 59_999;

      assert.equal(await cache.get("k", load("k")), "k #2");
    });

    it("different keys → loaded and cached separately", async () => {
      const cache = createTtlCache<string>({ ttlMs: 60_000, now });
      const { load, loads } = countingLoader();

      assert.equal(await cache.get("a", load("a")), "a #1");
      assert.equal(await cache.get("b", load("b")), "b #1");
      assert.equal(await cache.get("a", load("a")), "a #1");

      assert.deepEqual(
        [...loads],
        [
          ["a", 1],
          ["b", 1],
        ]
      );
    });

    it("a failed load → every waiting caller gets the error, and the next call loads again", async () => {
      const cache = createTtlCache<string>({ ttlMs: 60_000, now });
      const failing = deferred<string>();
      const first = cache.get("k", () => failing.promise);
      const second = cache.get("k", () => Promise.resolve("not asked"));

      failing.reject(new Error("Exchange is throttling"));

      await assert.rejects(first, /Exchange is throttling/);
      await assert.rejects(second, /Exchange is throttling/);
      let reloads = 0;
      const value = await cache.get("k", () => {
        reloads += 1;
        return Promise.resolve("fresh");
      });
      assert.equal(value, "fresh");
      assert.equal(reloads, 1);
    });

    it("an expired load that fails after its replacement was cached → the replacement stays", async () => {
      // Arrange: a slow load outlives its time to live and is replaced by a second load.
      const cache = createTtlCache<string>({ ttlMs: 60_000, now });
      const slow = deferred<string>();
      const stale = cache.get("k", () => slow.promise);
      clock += 60_000;
      assert.equal(await cache.get("k", () => Promise.resolve("replacement")), "replacement");

      // Act: the slow load fails only now.
      slow.reject(new Error("timed out"));
      await assert.rejects(stale, /timed out/);

      // Assert: its failure does not forget the replacement.
      let loads = 0;
      const value = await cache.get("k", () => {
        loads += 1;
        return Promise.resolve("third");
      });
      assert.equal(value, "replacement");
      assert.equal(loads, 0);
    });

    it("more keys than maxEntries → the oldest is dropped and the newer ones stay cached", async () => {
      const cache = createTtlCache<string>({ ttlMs: 60_000, now, maxEntries: 2 });
      const { load, loads } = countingLoader();

      await cache.get("a", load("a"));
      await cache.get("b", load("b"));
      await cache.get("c", load("c"));

      assert.equal(await cache.get("b", load("b")), "b #1");
      assert.equal(await cache.get("c", load("c")), "c #1");
      assert.equal(await cache.get("a", load("a")), "a #2");
      assert.deepEqual(Object.fromEntries(loads), { a: 2, b: 1, c: 1 });
    });

    it("a reload of the dropped key → it evicts the next oldest in turn", async () => {
      const cache = createTtlCache<string>({ ttlMs: 60_000, now, maxEntries: 2 });
      const { load, loads } = countingLoader();
      for (const key of ["a", "b", "c"]) await cache.get(key, load(key));

      await cache.get("a", load("a"));

      assert.equal(await cache.get("c", load("c")), "c #1");
      assert.equal(await cache.get("b", load("b")), "b #2");
      assert.deepEqual(Object.fromEntries(loads), { a: 2, b: 2, c: 1 });
    });
  });

  describe("clear", () => {
    it("after clear → every key is loaded again", async () => {
      const cache = createTtlCache<string>({ ttlMs: 60_000, now });
      const { load } = countingLoader();
      await cache.get("a", load("a"));
      await cache.get("b", load("b"));

      cache.clear();

      assert.equal(await cache.get("a", load("a")), "a #2");
      assert.equal(await cache.get("b", load("b")), "b #2");
    });
  });
});
