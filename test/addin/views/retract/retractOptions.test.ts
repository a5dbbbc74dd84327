import assert from "node:assert/strict";
import {
  defaultOptions,
  depthChoices,
  previewRequest,
  sameOptions,
} from "../../../../addin/src/views/retract/retractOptions.js";

describe("retractOptions", () => {
  it("defaultOptions → the message's recipients only, soft, no sweep", () => {
    assert.deepEqual(defaultOptions, { conversationDepth: 0, mode: "soft", sweep: false });
  });

  it("depthChoices → 0 to 3, 0 explained as the message's recipients only", () => {
    assert.deepEqual(
      depthChoices.map((c) => c.value),
      [0, 1, 2, 3]
    );
    assert.match(depthChoices[0]!.text, /recipients only/);
  });

  it("sameOptions → any of depth, mode or sweep changed → false", () => {
    assert.equal(sameOptions(defaultOptions, { ...defaultOptions }), true);
    assert.equal(sameOptions(defaultOptions, { ...defaultOptions, conversationDepth: 1 }), false);
    assert.equal(sameOptions(defaultOptions, { ...defaultOptions, mode: "hard" }), false);
    assert.equal(sameOptions(defaultOptions, { ...defaultOptions, sweep: true }), false);
  });

  it("previewRequest → the message, the mailbox it was opened in, and the options", () => {
    assert.deepEqual(
      previewRequest("<m@x>", "admin@contoso.com", { conversationDepth: 2, mode: "hard", sweep: true }),
      {
        internetMessageId: "<m@x>",
        mailbox: "admin@contoso.com",
        conversationDepth: 2,
        mode: "hard",
        sweep: true,
      }
    );
  });
});
