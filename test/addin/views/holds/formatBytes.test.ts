import assert from "node:assert/strict";
import { formatBytes } from "../../../../addin/src/views/holds/formatBytes.js";

describe("formatBytes", () => {
  it("under a kilobyte → bytes", () => {
    assert.equal(formatBytes(0, "en-US"), "0 B");
    assert.equal(formatBytes(512, "en-US"), "512 B");
  });

  it("megabytes and gigabytes → binary units with one decimal at most", () => {
    assert.equal(formatBytes(1_572_864, "en-US"), "1.5 MB");
    assert.equal(formatBytes(1_610_612_736, "en-US"), "1.5 GB");
  });

  it("Exchange's 100 GB quota → exactly 100 GB", () => {
    assert.equal(formatBytes(107_374_182_400, "en-US"), "100 GB");
  });

  it("a German locale → a decimal comma", () => {
    assert.equal(formatBytes(1_610_612_736, "de-DE"), "1,5 GB");
  });

  it("a negative or non-finite size → 0 B", () => {
    assert.equal(formatBytes(-5, "en-US"), "0 B");
    assert.equal(formatBytes(Number.NaN, "en-US"), "0 B");
  });
});
