import assert from "node:assert/strict";
import {
  locationText,
  neverExpires,
  tagActionText,
  tagSourceText,
} from "../../../../addin/src/views/item/retentionText.js";

const tag = {
  name: "Delete after 3 years",
  source: "default" as const,
  action: "DeleteAndAllowRecovery",
  ageLimitDays: 1095,
};
const retention = {
  tag,
  startsAt: null,
  expiresAt: "2029-11-21T00:00:00.000Z",
  actionWindow: null,
  suspendedUntil: null,
};

describe("retentionText", () => {
  it("tag sources → where the tag comes from, in words", () => {
    assert.equal(tagSourceText("personal"), "a personal tag applied to this message");
    assert.equal(tagSourceText("folder"), "the tag of the folder it is in");
    assert.equal(tagSourceText("default"), "the default tag of the mailbox's retention policy");
  });

  it("known and unknown actions → words, or Exchange's name as it is", () => {
    assert.equal(tagActionText("PermanentlyDelete"), "permanently deleted");
    assert.equal(tagActionText("SomethingNew"), "SomethingNew");
  });

  it("well-known folders → their names; a user folder → as it is", () => {
    assert.equal(locationText("deleteditems"), "Deleted Items");
    assert.match(locationText("recoverableitemsdeletions"), /can still restore/);
    assert.equal(locationText("Projects"), "Projects");
  });

  it("neverExpires: a tag with an age limit and expiry → false; no tag, no limit or no date → true", () => {
    assert.equal(neverExpires(retention), false);
    assert.equal(neverExpires({ ...retention, tag: null }), true);
    assert.equal(neverExpires({ ...retention, tag: { ...tag, ageLimitDays: null } }), true);
    assert.equal(neverExpires({ ...retention, expiresAt: null }), true);
  });
});
