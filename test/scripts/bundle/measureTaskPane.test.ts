// The task pane's bundle budget, measured on a real production build.
import assert from "node:assert/strict";
import { initialBudgetKb, measureTaskPane } from "../../../scripts/bundle/measureTaskPane.js";

describe("the task pane's production build", function () {
  this.timeout(180_000);

  it(`initial JavaScript → at most ${initialBudgetKb} KB gzip, the admin views not in it`, () => {
    const scripts = measureTaskPane();
    assert.ok(scripts.length > 0, "taskpane.html loads at least one script of the build");
    const total = scripts.reduce((sum, script) => sum + script.gzipBytes, 0);
    console.log(`      taskpane initial JavaScript: ${(total / 1024).toFixed(1)} KB gzip`);
    assert.ok(total <= initialBudgetKb * 1024, `${(total / 1024).toFixed(1)} KB gzip is over budget`);
    assert.ok(
      scripts.every((script) => !/^(retract|audit|holds)\./.test(script.file)),
      "the admin views are loaded on demand"
    );
  });
});
