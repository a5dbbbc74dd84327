import assert from "node:assert/strict";
import { awaitsVerification, verificationSummary } from "../../../../addin/src/views/retract/verification.js";

const at = () => "21 Nov";

describe("verification", () => {
  it("verificationSummary → nothing came back → one clean sentence", () => {
    const summary = verificationSummary(
      { checkedAt: "2026-11-21T09:50:00Z", mailboxesChecked: 6, reappeared: [], unchecked: [] },
      at
    );
    assert.equal(summary.text, "Checked 6 mailboxes again on 21 Nov: no copy is back.");
    assert.equal(summary.clean, true);
  });

  it("verificationSummary → a copy back and a mailbox not checked → names both, not clean", () => {
    const summary = verificationSummary(
      {
        checkedAt: "2026-11-21T09:50:00Z",
        mailboxesChecked: 1,
        reappeared: [
          {
            mailbox: "lee.gu@contoso.com",
            internetMessageId: "<demo@fabrikam.com>",
            copies: [{ id: "c1", parentFolderId: "inbox", receivedDateTime: null }],
          },
        ],
        unchecked: [{ mailbox: "megan.bowen@contoso.com", error: "Graph answered 503" }],
      },
      at
    );
    assert.equal(summary.text, "Checked 1 mailbox again on 21 Nov: the message is back in 1 mailbox.");
    assert.deepEqual(summary.reappeared, ["lee.gu@contoso.com: 1 copy"]);
    assert.deepEqual(summary.unchecked, ["megan.bowen@contoso.com: Graph answered 503"]);
    assert.equal(summary.clean, false);
  });

  const finishedAt = "2026-11-21T09:00:00.000Z";
  const now = Date.parse(finishedAt);

  it("awaitsVerification → finished a moment ago, no check yet → true", () => {
    assert.equal(
      awaitsVerification({ status: "completed", verification: null, finishedAt }, now + 5_000),
      true
    );
  });

  it("awaitsVerification → finished long ago without a check → false (it never came)", () => {
    assert.equal(
      awaitsVerification({ status: "completed", verification: null, finishedAt }, now + 600_000),
      false
    );
  });

  it("awaitsVerification → an undo, or a job with its check → false", () => {
    assert.equal(awaitsVerification({ status: "undone", verification: null, finishedAt }, now), false);
    const verification = { checkedAt: finishedAt, mailboxesChecked: 1, reappeared: [], unchecked: [] };
    assert.equal(awaitsVerification({ status: "completed", verification, finishedAt }, now), false);
  });
});
