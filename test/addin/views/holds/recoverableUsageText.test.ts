import assert from "node:assert/strict";
import { formatBytes } from "../../../../addin/src/views/holds/formatBytes.js";
import { quotaIntent, recoverableUsageText } from "../../../../addin/src/views/holds/recoverableUsageText.js";

const bytes = (n: number) => formatBytes(n, "en-US");

describe("recoverableUsageText", () => {
  it("usage with a quota → items, size of quota and percent", () => {
    const usage = { items: 3, usedBytes: 1_610_612_736, quotaBytes: 107_374_182_400, percentOfQuota: 1.5 };
    assert.equal(recoverableUsageText(usage, bytes), "3 items, 1.5 GB of 100 GB (1.5%)");
  });

  it("one item → singular", () => {
    const usage = { items: 1, usedBytes: 2048, quotaBytes: 107_374_182_400, percentOfQuota: 0 };
    assert.equal(recoverableUsageText(usage, bytes), "1 item, 2 KB of 100 GB (0%)");
  });

  it("no quota → says so", () => {
    const usage = { items: 0, usedBytes: 0, quotaBytes: null, percentOfQuota: null };
    assert.equal(recoverableUsageText(usage, bytes), "0 items, 0 B (no quota)");
  });
});

describe("quotaIntent", () => {
  it("ok or no quota → nothing to flag", () => {
    assert.equal(quotaIntent("ok"), null);
    assert.equal(quotaIntent("noQuota"), null);
  });

  it("warning → warning, full → error", () => {
    assert.equal(quotaIntent("warning"), "warning");
    assert.equal(quotaIntent("full"), "error");
  });
});
