import assert from "node:assert/strict";
import {
  outcomeText,
  predictedText,
  targetDetails,
} from "../../../../addin/src/views/retract/targetDetails.js";
import { targetView } from "./retractFixtures.js";

const at = () => "09:00";

describe("targetDetails", () => {
  it("outcomeText → the API's codes → words; a note after a code kept; phrases pass through", () => {
    assert.equal(outcomeText("softDeleted"), "Moved to Recoverable Items");
    assert.equal(outcomeText("purged (lease lost)"), "Purged (lease lost)");
    assert.equal(outcomeText("1 of 2 copies could not be retracted"), "1 of 2 copies could not be retracted");
  });

  it("predictedText → the stored prediction's sentence; anything else → null", () => {
    assert.equal(predictedText({ text: "Purged." }), "Purged.");
    assert.equal(predictedText(null), null);
    assert.equal(predictedText({ fate: "destroyed" }), null);
  });

  it("a failed mailbox waiting for its next attempt → error and when it is tried again", () => {
    const lines = targetDetails(
      targetView("a@contoso.com", {
        status: "running",
        lastError: "Graph answered 503",
        attempts: 2,
        nextAttemptAt: "2026-11-21T09:00:00Z",
      }),
      at
    );
    assert.deepEqual(lines, [
      { text: "Graph answered 503", tone: "danger" },
      { text: "Trying again at 09:00 (attempt 3)", tone: "muted" },
    ]);
  });

  it("an undone mailbox with a prediction → both outcomes, then the prediction", () => {
    const lines = targetDetails(
      targetView("a@contoso.com", {
        status: "restored",
        outcome: "softDeleted",
        undoOutcome: "restored",
        predicted: { text: "Removed from the mailbox." },
      }),
      at
    );
    assert.deepEqual(
      lines.map((line) => line.text),
      ["Moved to Recoverable Items", "Undo: Moved back to its folder", "Predicted: Removed from the mailbox."]
    );
  });
});
