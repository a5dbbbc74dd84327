import assert from "node:assert/strict";
import { combinePages } from "../../../../addin/src/views/audit/combinePages.js";
import { page } from "./auditSamples.js";

const seqs = (p: { records: { seq: number }[] }) => p.records.map((r) => r.seq);

describe("combinePages", () => {
  it("the first page alone → its records and cursor", () => {
    const combined = combinePages(page([5, 4], 4), []);
    assert.deepEqual(seqs(combined), [5, 4]);
    assert.equal(combined.nextBeforeSeq, 4);
  });

  it("more pages → appended in order, the last page's cursor", () => {
    const combined = combinePages(page([5, 4], 4), [page([3, 2], 2), page([1], null)]);
    assert.deepEqual(seqs(combined), [5, 4, 3, 2, 1]);
    assert.equal(combined.nextBeforeSeq, null);
  });

  it("overlapping pages → each record once", () => {
    const combined = combinePages(page([5, 4], 4), [page([4, 3], 3)]);
    assert.deepEqual(seqs(combined), [5, 4, 3]);
  });
});
