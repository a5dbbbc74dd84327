// The plan's sentences: why each mailbox is included and why a recipient cannot be retracted.
import assert from "node:assert/strict";
import { notRetractableReasons } from "../../../../api/src/retraction/discovery/discoveryTypes.js";
import {
  messageKind,
  openedInInclusion,
  recipientInclusion,
  refusalText,
  type Origin,
} from "../../../../api/src/retraction/discovery/inclusionText.js";

const original: Origin = { internetMessageId: "<m@x>", depth: 0, kind: "original", by: null };
const forward: Origin = { internetMessageId: "<f@x>", depth: 2, kind: "forward", by: "Patti Fernandez" };

describe("inclusionText", () => {
  describe("messageKind", () => {
    it("FW:, Fwd: and stacked prefixes → forward; the first prefix decides", () => {
      for (const subject of ["FW: pay", "Fwd: pay", "fw:pay", "  FW : pay", "FW: RE: pay"])
        assert.equal(messageKind(subject), "forward", subject);
    });

    it("RE: → reply", () => {
      assert.equal(messageKind("RE: FW: pay"), "reply");
      assert.equal(messageKind("re: pay"), "reply");
    });

    it("no prefix, a prefix-like word or no subject → message", () => {
      for (const subject of ["pay", "Forward planning: pay", "Remember: pay", "", null, undefined])
        assert.equal(messageKind(subject), "message", String(subject));
    });
  });

  describe("recipientInclusion", () => {
    it("a To recipient of the original → 'To recipient', depth 0, the original's id", () => {
      assert.deepEqual(recipientInclusion(original, { field: "to" }), {
        depth: 0,
        internetMessageId: "<m@x>",
        text: "To recipient",
      });
    });

    it("a member of a list on Cc → names the list", () => {
      assert.equal(
        recipientInclusion(original, { field: "cc", via: "Finance Team" }).text,
        "Cc recipient via Finance Team"
      );
    });

    it("a Bcc recipient → says it was seen on the sender's copy", () => {
      assert.equal(
        recipientInclusion(original, { field: "bcc" }).text,
        "Bcc recipient, seen on the sender's copy"
      );
    });

    it("a recipient of a forward at depth 2 → who forwarded, at which depth, and how it was addressed", () => {
      assert.deepEqual(recipientInclusion(forward, { field: "to" }), {
        depth: 2,
        internetMessageId: "<f@x>",
        text: "forwarded by Patti Fernandez at depth 2 (To recipient)",
      });
    });

    it("a reply and a plain message of the conversation → each in its own words", () => {
      const reply: Origin = { internetMessageId: "<r@x>", depth: 1, kind: "reply", by: "Alex Wilber" };
      const other: Origin = { internetMessageId: "<o@x>", depth: 1, kind: "message", by: null };

      assert.equal(
        recipientInclusion(reply, { field: "cc", via: "Ops" }).text,
        "in a reply by Alex Wilber at depth 1 (Cc recipient via Ops)"
      );
      assert.equal(
        recipientInclusion(other, { field: "to" }).text,
        "in a message by an unknown sender in the same conversation at depth 1 (To recipient)"
      );
    });
  });

  it("openedInInclusion → depth 0, the message's id, in words", () => {
    assert.deepEqual(openedInInclusion("<m@x>"), {
      depth: 0,
      internetMessageId: "<m@x>",
      text: "the message was opened in this mailbox",
    });
  });

  describe("refusalText", () => {
    it("every reason → a distinct sentence naming the address", () => {
      const texts = notRetractableReasons.map((reason) =>
        refusalText(reason, "who@example.com", "example.com")
      );

      for (const text of texts) assert.match(text, /who@example\.com/);
      assert.equal(new Set(texts).size, notRetractableReasons.length);
    });

    it("external and unverified → name the domain", () => {
      assert.match(
        refusalText("external", "a@tailspintoys.com", "tailspintoys.com"),
        /tailspintoys\.com is not one of/
      );
      assert.match(
        refusalText("unverifiedDomain", "a@contoso-europe.com", "contoso-europe.com"),
        /^contoso-europe\.com is added to the tenant but not verified/
      );
    });

    it("unresolved without a domain → says the text is not an email address", () => {
      assert.match(refusalText("unresolved", "not-an-address", null), /not an email address/);
    });
  });
});
