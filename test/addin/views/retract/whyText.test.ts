import assert from "node:assert/strict";
import { whyText } from "../../../../addin/src/views/retract/whyText.js";

describe("whyText", () => {
  it("a recipient of the message itself → the depth added", () => {
    assert.equal(
      whyText({ depth: 0, text: "Cc recipient via Finance Team" }),
      "Cc recipient via Finance Team (depth 0)"
    );
  });

  it("words that already name the depth → only capitalised", () => {
    assert.equal(
      whyText({ depth: 2, text: "forwarded by Patti Fernandez at depth 2 (To recipient)" }),
      "Forwarded by Patti Fernandez at depth 2 (To recipient)"
    );
  });
});
