import assert from "node:assert/strict";
import { retentionHoldWindow } from "../../../../addin/src/views/holds/retentionHoldWindow.js";
import { isoDay } from "./holdSamples.js";

describe("retentionHoldWindow", () => {
  it("both ends → from … until …", () => {
    assert.equal(
      retentionHoldWindow("2026-11-01T00:00:00.000Z", "2026-12-11T00:00:00.000Z", isoDay),
      "From 2026-11-01 until 2026-12-11"
    );
  });

  it("only a start → no end date", () => {
    assert.equal(
      retentionHoldWindow("2026-11-01T00:00:00.000Z", null, isoDay),
      "From 2026-11-01, with no end date"
    );
  });

  it("only an end → until …", () => {
    assert.equal(retentionHoldWindow(null, "2026-12-11T00:00:00.000Z", isoDay), "Until 2026-12-11");
  });

  it("no dates → null", () => {
    assert.equal(retentionHoldWindow(null, null, isoDay), null);
  });
});
