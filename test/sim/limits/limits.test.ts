import assert from "node:assert/strict";
import { AppRateLimiter } from "../../../sim/src/limits/appRateLimiter.js";
import { formatRetryAfter, pickFault, type Fault } from "../../../sim/src/limits/faults.js";
import { delay, sampleLatency } from "../../../sim/src/limits/latency.js";
import { MailboxLimiter, type Admission } from "../../../sim/src/limits/mailboxLimiter.js";
import { testSettings, type SimSettings } from "../../../sim/src/settings.js";
import { seededRandom as seeded } from "../../../sim/src/seededRandom.js";

const windowMs = 10 * 60 * 1000;
const t0 = Date.parse("2026-01-01T00:00:00.000Z");

/** A random source that returns the given values in order, and fails if asked for more. */
function scripted(...values: number[]): () => number {
  return () => {
    const next = values.shift();
    assert.ok(next !== undefined, "random() called more often than expected");
    return next;
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

function refused(admission: Admission) {
  assert.equal(admission.admitted, false, "expected a refusal");
  return admission as Extract<Admission, { admitted: false }>;
}

function admitted(admission: Admission) {
  assert.equal(admission.admitted, true, "expected an admission");
  return admission as Extract<Admission, { admitted: true }>;
}

describe("sim limits", () => {
  describe("MailboxLimiter", () => {
    const limiter = (
      limits: Partial<{ concurrency: number; perWindow: number; concurrencyRetryAfterSeconds: number }> = {}
    ) =>
      new MailboxLimiter(() => ({
        concurrency: 4,
        perWindow: 10_000,
        concurrencyRetryAfterSeconds: 10,
        ...limits,
      }));

    it("a fifth concurrent request for one app and mailbox → refused at once with MailboxConcurrency and the configured Retry-After", () => {
      const l = limiter();
      for (let i = 0; i < 4; i++) admitted(l.admit("app|ann", t0));
      const fifth = refused(l.admit("app|ann", t0));
      assert.equal(fifth.limit, "MailboxConcurrency");
      assert.equal(fifth.retryAfterSeconds, 10);
    });

    it("release → frees one slot; releasing the same admission twice frees only one", () => {
      const l = limiter();
      const first = admitted(l.admit("app|ann", t0));
      for (let i = 0; i < 3; i++) admitted(l.admit("app|ann", t0));
      first.release();
      first.release();
      admitted(l.admit("app|ann", t0));
      refused(l.admit("app|ann", t0));
    });

    it("another mailbox or another app → counted separately", () => {
      const l = limiter();
      for (let i = 0; i < 4; i++) admitted(l.admit("app|ann", t0));
      admitted(l.admit("app|bob", t0));
      admitted(l.admit("other|ann", t0));
    });

    it("concurrency 0 → no concurrency limit", () => {
      const l = limiter({ concurrency: 0 });
      for (let i = 0; i < 50; i++) admitted(l.admit("app|ann", t0));
    });

    it("the 10,001st request within 10 minutes → MailboxRequests, Retry-After = seconds until the oldest ages out", () => {
      const l = limiter({ concurrency: 0 });
      for (let i = 0; i < 10_000; i++) admitted(l.admit("app|ann", t0 + i * 10)).release();
      const over = refused(l.admit("app|ann", t0 + 300_000));
      assert.equal(over.limit, "MailboxRequests");
      assert.equal(over.retryAfterSeconds, 300);
      assert.equal(refused(l.admit("app|ann", t0 + windowMs - 250)).retryAfterSeconds, 0.25);
    });

    it("once the oldest request is 10 minutes old → admitted again, and only as many as have aged out", () => {
      const l = limiter({ concurrency: 0 });
      for (let i = 0; i < 10_000; i++) admitted(l.admit("app|ann", t0 + i * 10)).release();
      admitted(l.admit("app|ann", t0 + windowMs)).release();
      const next = refused(l.admit("app|ann", t0 + windowMs));
      assert.equal(next.retryAfterSeconds, 0.01, "the second oldest ages out 10 ms later");
      admitted(l.admit("app|ann", t0 + windowMs + 10));
    });

    it("refused requests → not counted in the window", () => {
      const l = limiter({ concurrency: 0, perWindow: 2 });
      admitted(l.admit("k", t0));
      admitted(l.admit("k", t0 + 1000));
      for (let i = 0; i < 5; i++) refused(l.admit("k", t0 + 2000));
      admitted(l.admit("k", t0 + windowMs));
    });

    it("the limits → read on every request, so a settings change applies at once", () => {
      const limits = { concurrency: 1, perWindow: 0, concurrencyRetryAfterSeconds: 3 };
      const l = new MailboxLimiter(() => limits);
      admitted(l.admit("k", t0));
      assert.equal(refused(l.admit("k", t0)).retryAfterSeconds, 3);
      limits.concurrency = 2;
      admitted(l.admit("k", t0));
    });

    it("peakInFlight → the most requests ever in flight at once for one key", () => {
      const l = limiter();
      assert.equal(l.peakInFlight(), 0);
      const held = [l.admit("a", t0), l.admit("a", t0), l.admit("a", t0)].map(admitted);
      held.forEach((h) => h.release());
      admitted(l.admit("b", t0));
      assert.equal(l.peakInFlight(), 3);
    });
  });

  describe("AppRateLimiter", () => {
    it("rate R → R requests admitted at once, the next told to wait 1/R seconds", () => {
      const l = new AppRateLimiter(() => 10);
      for (let i = 0; i < 10; i++) assert.equal(l.take("app", t0), undefined);
      const wait = l.take("app", t0);
      assert.ok(wait !== undefined);
      assert.ok(Math.abs(wait - 0.1) < 1e-9, String(wait));
    });

    it("time passing → refills at R per second, never beyond one second's worth", () => {
      const l = new AppRateLimiter(() => 10);
      for (let i = 0; i < 10; i++) l.take("app", t0);
      assert.equal(l.take("app", t0 + 100), undefined);
      assert.notEqual(l.take("app", t0 + 100), undefined);
      const later = t0 + 60_000;
      let admittedCount = 0;
      while (l.take("app", later) === undefined) admittedCount++;
      assert.equal(admittedCount, 10);
    });

    it("another app → its own bucket", () => {
      const l = new AppRateLimiter(() => 1);
      assert.equal(l.take("a", t0), undefined);
      assert.notEqual(l.take("a", t0), undefined);
      assert.equal(l.take("b", t0), undefined);
    });

    it("rate 0 → no limit", () => {
      const l = new AppRateLimiter(() => 0);
      for (let i = 0; i < 1000; i++) assert.equal(l.take("app", t0), undefined);
    });
  });

  describe("sampleLatency", () => {
    it("median 0 → 0; jitter 0 → exactly the median", () => {
      assert.equal(sampleLatency(0, 1, seeded(1)), 0);
      assert.equal(sampleLatency(40, 0, seeded(1)), 40);
    });

    it("many samples with a seeded random → their median is close to the configured median", () => {
      const random = seeded(42);
      const samples = Array.from({ length: 20_001 }, () => sampleLatency(40, 0.5, random));
      assert.ok(samples.every((s) => s > 0 && Number.isFinite(s)));
      const m = median(samples);
      assert.ok(Math.abs(m - 40) < 40 * 0.03, `median ${m}`);
    });

    it("a larger jitter → a wider spread around the same median (log-normal: p90/median ≈ e^(1.2816·σ))", () => {
      for (const sigma of [0.3, 1]) {
        const random = seeded(7);
        const samples = Array.from({ length: 20_001 }, () => sampleLatency(100, sigma, random)).sort(
          (a, b) => a - b
        );
        const ratio = samples[Math.floor(samples.length * 0.9)]! / samples[Math.floor(samples.length / 2)]!;
        const expected = Math.exp(1.2816 * sigma);
        assert.ok(Math.abs(ratio - expected) / expected < 0.06, `σ=${sigma}: ${ratio} vs ${expected}`);
      }
    });

    it("the same random sequence → the same samples", () => {
      const a = seeded(3);
      const b = seeded(3);
      for (let i = 0; i < 10; i++) assert.equal(sampleLatency(40, 0.3, a), sampleLatency(40, 0.3, b));
    });

    it("delay(0) → resolves without a timer", async () => {
      await delay(0);
    });
  });

  describe("pickFault", () => {
    const settings = (over: Partial<SimSettings>): SimSettings => ({ ...testSettings, ...over });

    it("faultRate 0 → never a fault, without drawing a random number", () => {
      assert.equal(pickFault(settings({ faultRate: 0 }), scripted()), undefined);
    });

    it("a draw at or above the rate → no fault", () => {
      assert.equal(pickFault(settings({ faultRate: 0.2 }), scripted(0.2)), undefined);
      assert.equal(pickFault(settings({ faultRate: 0.2 }), scripted(0.9)), undefined);
    });

    it("a draw below the rate → a fault of the kind the second draw picks", () => {
      const kinds = ["503", "504", "reset", "429"] as SimSettings["faultKinds"];
      const s = settings({ faultRate: 0.5, faultKinds: kinds });
      assert.deepEqual(pickFault(s, scripted(0.1, 0.0)), { kind: "503", phase: "before" } satisfies Fault);
      assert.deepEqual(pickFault(s, scripted(0.1, 0.3, 0.2)), { kind: "504", phase: "before" });
      assert.deepEqual(pickFault(s, scripted(0.1, 0.3, 0.7)), { kind: "504", phase: "after" });
      assert.deepEqual(pickFault(s, scripted(0.1, 0.6)), { kind: "reset", phase: "after" });
      assert.deepEqual(pickFault(s, scripted(0.1, 0.99)), { kind: "429", phase: "before" });
    });

    it("faultRate 1 → every request faulted, with the configured kind", () => {
      const s = settings({ faultRate: 1, faultKinds: ["429"] });
      const random = seeded(5);
      for (let i = 0; i < 100; i++) assert.equal(pickFault(s, random)?.kind, "429");
    });

    it("a seeded random over many requests → faults at about the configured rate", () => {
      const s = settings({ faultRate: 0.1, faultKinds: ["503"] });
      const random = seeded(11);
      const n = 20_000;
      let faults = 0;
      for (let i = 0; i < n; i++) if (pickFault(s, random)) faults++;
      assert.ok(Math.abs(faults / n - 0.1) < 0.01, String(faults / n));
    });
  });

  describe("formatRetryAfter", () => {
    it("whole seconds → an integer", () => {
      assert.equal(formatRetryAfter(10), "10");
      assert.equal(formatRetryAfter(0), "0");
    });

    it("fractions → up to three decimals without trailing zeros", () => {
      assert.equal(formatRetryAfter(2.128), "2.128");
      assert.equal(formatRetryAfter(0.5), "0.5");
      assert.equal(formatRetryAfter(0.25), "0.25");
    });

    it("more than three decimals → rounded up to the millisecond, never early", () => {
      assert.equal(formatRetryAfter(1 / 13), "0.077");
      assert.equal(formatRetryAfter(0.1234), "0.124");
    });

    it("a fraction that rounds to a whole second, or a tiny wait → still a valid number, never '3.' or '0'", () => {
      assert.equal(formatRetryAfter(2.9996), "3");
      assert.equal(formatRetryAfter(0.0001), "0.001");
      for (const value of [2.9996, 0.0001, 7.00004, 1 / 3])
        assert.match(formatRetryAfter(value), /^\d+(\.\d{1,3})?$/);
    });
  });
});
