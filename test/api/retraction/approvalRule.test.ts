import assert from "node:assert/strict";
import { approvalFor } from "../../../api/src/retraction/approvalRule.js";

describe("retraction/approvalRule → approvalFor", () => {
  it("hard, one mailbox → required: it cannot be undone", () => {
    assert.deepEqual(approvalFor("hard", 1, 50), {
      required: true,
      reasons: ["a hard retraction cannot be undone"],
    });
  });
  it("soft, exactly at the threshold → not required", () => {
    assert.deepEqual(approvalFor("soft", 50, 50), { required: false, reasons: [] });
  });
  it("soft, one above the threshold → required, naming the count and the threshold", () => {
    assert.deepEqual(approvalFor("soft", 51, 50).reasons, [
      "it reaches 51 mailboxes, more than the approval threshold of 50",
    ]);
  });
  it("hard and above a threshold of 0 → both reasons", () => {
    assert.equal(approvalFor("hard", 1, 0).reasons.length, 2);
  });
});
