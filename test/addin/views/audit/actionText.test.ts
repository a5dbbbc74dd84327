import assert from "node:assert/strict";
import { actionText } from "../../../../addin/src/views/audit/actionText.js";

describe("actionText", () => {
  it("a known action → its phrase", () => {
    assert.equal(actionText("mailbox.holds.read"), "Read a mailbox's holds");
    assert.equal(actionText("retraction.target.done"), "Mailbox retracted");
  });

  it("an unknown dotted action → its parts as a sentence", () => {
    assert.equal(actionText("retraction.submitted"), "Retraction submitted");
  });

  it("an unknown camelCase part → split into words", () => {
    assert.equal(actionText("retraction.redoRequested"), "Retraction redo requested");
  });

  it("nothing readable → the raw action", () => {
    assert.equal(actionText("..."), "...");
  });
});
