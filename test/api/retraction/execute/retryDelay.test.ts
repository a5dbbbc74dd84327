// When a target may be tried again: Graph's Retry-After as it is, otherwise an exponential backoff with
// equal jitter (half fixed, half random), capped, and checked over generated inputs.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  defaultRetryTiming,
  retryDelayMs,
  type RetryTiming,
} from "../../../../api/src/retraction/execute/retryDelay.js";

const timing: RetryTiming = { baseMs: 1_000, maxMs: 60_000 };
const low = () => 0;
const high = () => 1;

describe("retryDelayMs", () => {
  it("Retry-After given → exactly that, whatever the attempts and the jitter", () => {
    assert.equal(retryDelayMs(1, 7_000, timing, low), 7_000);
    assert.equal(retryDelayMs(9, 7_000, timing, high), 7_000);
    assert.equal(retryDelayMs(3, 0, timing, high), 0);
  });

  it("Retry-After longer than the cap → still followed (Graph asked for it)", () => {
    assert.equal(retryDelayMs(1, 120_000, timing, high), 120_000);
  });

  it("fractional Retry-After → rounded up to a whole millisecond", () => {
    assert.equal(retryDelayMs(1, 1_500.2, timing, low), 1_501);
  });

  it("no Retry-After, attempt 1 → between base/2 (random 0) and base (random 1)", () => {
    assert.equal(retryDelayMs(1, undefined, timing, low), 500);
    assert.equal(retryDelayMs(1, undefined, timing, high), 1_000);
    assert.equal(
      retryDelayMs(1, undefined, timing, () => 0.5),
      750
    );
  });

  it("no Retry-After → the backoff doubles per attempt (1 s, 2 s, 4 s, 8 s)", () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => retryDelayMs(n, undefined, timing, high)),
      [1_000, 2_000, 4_000, 8_000]
    );
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => retryDelayMs(n, undefined, timing, low)),
      [500, 1_000, 2_000, 4_000]
    );
  });

  it("no Retry-After, many attempts → capped at maxMs (jitter within [max/2, max])", () => {
    assert.equal(retryDelayMs(7, undefined, timing, high), 60_000); // 64 s capped at 60 s
    assert.equal(retryDelayMs(7, undefined, timing, low), 30_000);
    assert.equal(retryDelayMs(1_000, undefined, timing, high), 60_000);
    assert.equal(retryDelayMs(Number.MAX_SAFE_INTEGER, undefined, timing, low), 30_000);
  });

  it("attempts 0 or negative → treated as the first attempt", () => {
    assert.equal(retryDelayMs(0, undefined, timing, high), 1_000);
    assert.equal(retryDelayMs(-3, undefined, timing, low), 500);
  });

  it("default timing, attempt 3, random 0.5 → 6000 ms (8 s backoff: 4 s fixed + 2 s jitter)", () => {
    assert.equal(
      retryDelayMs(3, undefined, defaultRetryTiming, () => 0.5),
      6_000
    );
  });

  it("default timing → capped at 5 minutes", () => {
    assert.equal(retryDelayMs(20, undefined, defaultRetryTiming, high), 300_000);
  });

  describe("properties", () => {
    const timings = fc
      .record({
        baseMs: fc.integer({ min: 1, max: 100_000 }),
        extra: fc.integer({ min: 0, max: 10_000_000 }),
      })
      .map(({ baseMs, extra }): RetryTiming => ({ baseMs, maxMs: baseMs + extra }));
    const attempts = fc.integer({ min: 1, max: 100 });
    // Math.random's range: [0, 1).
    const randoms = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

    it("without Retry-After → always within [backoff/2, backoff], backoff = min(max, base·2^(attempts−1))", () => {
      fc.assert(
        fc.property(timings, attempts, randoms, (t, n, r) => {
          const backoff = Math.min(t.maxMs, t.baseMs * 2 ** (n - 1));
          const delay = retryDelayMs(n, undefined, t, () => r);
          assert.ok(Number.isInteger(delay), `${delay} is not whole`);
          assert.ok(delay >= backoff / 2, `${delay} < ${backoff / 2}`);
          assert.ok(delay <= backoff, `${delay} > ${backoff}`);
        })
      );
    });

    it("with Retry-After → always exactly Retry-After", () => {
      fc.assert(
        fc.property(timings, attempts, randoms, fc.integer({ min: 0, max: 3_600_000 }), (t, n, r, after) => {
          assert.equal(
            retryDelayMs(n, after, t, () => r),
            after
          );
        })
      );
    });

    it("without Retry-After → never shorter for a later attempt at the same jitter", () => {
      fc.assert(
        fc.property(timings, attempts, randoms, (t, n, r) => {
          assert.ok(retryDelayMs(n + 1, undefined, t, () => r) >= retryDelayMs(n, undefined, t, () => r));
        })
      );
    });
  });
});
