// The retraction benchmark's arithmetic: the bound is the requests at the app's rate unless one
// mailbox's chain of requests takes longer, and the figure line has the documented fields in order.
import assert from "node:assert/strict";
import { boundSeconds, retractionLine } from "../../../bench/retraction/retractionBench.js";

describe("retractionBench", () => {
  describe("boundSeconds", () => {
    it("40,000 requests for 10,000 mailboxes at 1,000/s, 80 ms each → 40 s (the rate binds)", () => {
      assert.equal(boundSeconds(40_000, 1000, 10_000, 80), 40);
    });

    it("one mailbox with 50 requests at 1,000/s, 80 ms each → 4 s (its chain binds)", () => {
      assert.equal(boundSeconds(50, 1000, 1, 80), 4);
    });

    it("a share of requests per mailbox that is not whole → rounded up to whole requests", () => {
      assert.equal(boundSeconds(9, 1000, 2, 100), 0.5);
    });
  });

  it("retractionLine → every field in the documented order, efficiency = bound ÷ seconds, speedup = sequential ÷ seconds", () => {
    const line = retractionLine({
      recipients: 9893,
      requests: 40_123,
      seconds: 45.2,
      bound: 40.123,
      sequential: 1780.6,
      peakRssMb: 212,
      lost: 0,
      duplicates: 0,
    });

    assert.equal(
      line,
      "retraction-bench recipients=9893 requests=40123 seconds=45.2 bound=40.1 efficiency=0.89 sequential=1781 speedup=39.4 peak_rss_mb=212 lost=0 duplicates=0"
    );
  });
});
