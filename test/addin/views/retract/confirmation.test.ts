import assert from "node:assert/strict";
import { approvalNote, confirmationText } from "../../../../addin/src/views/retract/confirmation.js";
import { plan, planTarget } from "./retractFixtures.js";

describe("confirmation", () => {
  it("confirmationText → soft, 7 copies in 6 mailboxes → names counts and that it can be undone", () => {
    assert.equal(
      confirmationText({ mailboxes: 6, copies: 7 }, "soft"),
      "Retract 7 copies from 6 mailboxes (soft: moved to Recoverable Items; can be undone)?"
    );
  });

  it("confirmationText → hard, one copy → singular words and that it cannot be undone", () => {
    assert.equal(
      confirmationText({ mailboxes: 1, copies: 1 }, "hard"),
      "Retract 1 copy from 1 mailbox (hard: purged; cannot be undone)?"
    );
  });

  const targets = [planTarget("a@contoso.com"), planTarget("b@contoso.com")];

  it("approvalNote → no approval in the plan → null", () => {
    assert.equal(approvalNote(plan(targets), { mailboxes: 2, copies: 2 }), null);
  });

  it("approvalNote → hard → waits for approval, with the plan's reasons", () => {
    const hard = plan(targets, {
      mode: "hard",
      approval: { required: true, reasons: ["a hard retraction cannot be undone"] },
    });
    assert.match(
      approvalNote(hard, { mailboxes: 1, copies: 1 }) ?? "",
      /^It waits for .*cannot be undone\)\.$/
    );
  });

  it("approvalNote → soft over the threshold with fewer mailboxes included → may wait", () => {
    const large = plan(targets, {
      approval: { required: true, reasons: ["it reaches 2 mailboxes, more than 1"] },
    });
    assert.match(approvalNote(large, { mailboxes: 1, copies: 1 }) ?? "", /^It may wait/);
    assert.match(approvalNote(large, { mailboxes: 2, copies: 2 }) ?? "", /^It waits/);
  });
});
