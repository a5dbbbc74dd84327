import assert from "node:assert/strict";
import { exportFileName } from "../../../../addin/src/views/audit/exportFileName.js";

describe("exportFileName", () => {
  it("CSV on a local day → audit-YYYY-MM-DD.csv", () => {
    assert.equal(exportFileName("csv", new Date(2026, 10, 21, 23, 59)), "audit-2026-11-21.csv");
  });

  it("JSON early in January → zero-padded month and day", () => {
    assert.equal(exportFileName("json", new Date(2027, 0, 5, 0, 1)), "audit-2027-01-05.json");
  });
});
