// The status benchmark's percentiles (nearest rank) and its figure line.
import assert from "node:assert/strict";
import { percentile, statusLine } from "../../../bench/status/statusBench.js";

describe("statusBench", () => {
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1);

  it("percentile of 1..100 → p50 is 50, p95 is 95, p100 is 100", () => {
    assert.deepEqual(
      [percentile(sorted, 0.5), percentile(sorted, 0.95), percentile(sorted, 1)],
      [50, 95, 100]
    );
  });

  it("percentile of one sample → that sample; of none → NaN", () => {
    assert.equal(percentile([7], 0.95), 7);
    assert.ok(Number.isNaN(percentile([], 0.5)));
  });

  it("statusLine → whole milliseconds", () => {
    assert.equal(
      statusLine({ requests: 190, p50Ms: 171.4, p95Ms: 238.6 }),
      "status-bench p50_ms=171 p95_ms=239"
    );
  });
});
