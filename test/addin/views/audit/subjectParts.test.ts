import assert from "node:assert/strict";
import { subjectParts } from "../../../../addin/src/views/audit/subjectParts.js";

describe("subjectParts", () => {
  it("a job record → message, mailbox and job, in that order", () => {
    const subject = {
      jobId: "550cfe9b",
      mailbox: "lee.gu@contoso.com",
      internetMessageId: "<a@fabrikam.com>",
    };
    assert.deepEqual(subjectParts(subject), [
      { label: "Message", value: "<a@fabrikam.com>" },
      { label: "Mailbox", value: "lee.gu@contoso.com" },
      { label: "Job", value: "550cfe9b" },
    ]);
  });

  it("a holds read → the mailbox, without its object id", () => {
    const subject = { mailbox: "pradeep.gupta@contoso.com", mailboxObjectId: "a717fd83" };
    assert.deepEqual(subjectParts(subject), [{ label: "Mailbox", value: "pradeep.gupta@contoso.com" }]);
  });

  it("empty or non-text values → left out", () => {
    assert.deepEqual(subjectParts({ mailbox: "", jobId: 7, internetMessageId: null }), []);
  });
});
