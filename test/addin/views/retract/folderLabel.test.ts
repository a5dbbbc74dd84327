import assert from "node:assert/strict";
import { copiesText, folderLabel } from "../../../../addin/src/views/retract/folderLabel.js";

describe("folderLabel", () => {
  it("a well-known Graph name → Outlook's name", () => {
    assert.equal(folderLabel("junkemail"), "Junk Email");
    assert.equal(folderLabel("DeletedItems"), "Deleted Items");
  });

  it("a user folder → its own name", () => {
    assert.equal(folderLabel("Projects 2026"), "Projects 2026");
  });

  it("copiesText → several copies → the count and each folder once", () => {
    assert.equal(copiesText(["inbox", "inbox", "junkemail"]), "3 copies: Inbox, Junk Email");
  });

  it("copiesText → one or none → singular, or no copy", () => {
    assert.equal(copiesText(["inbox"]), "1 copy: Inbox");
    assert.equal(copiesText([]), "No copy");
  });
});
