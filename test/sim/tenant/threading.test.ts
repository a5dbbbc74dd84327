import assert from "node:assert/strict";
import {
  childConversationIndex,
  conversationId,
  isConversationId,
  rootConversationIndex,
  threadGuidFor,
  threadGuidOf,
} from "../../../sim/src/tenant/threading.js";

const guid = "7d895d48-7e23-4a8d-8346-533c3beac15d";
const mailboxA = "29b56105-e523-49b0-a4a6-fb2c35acd814";
const mailboxB = "0f0e0d0c-0b0a-4908-a706-050403020100";
const startedAt = Date.parse("2026-01-05T09:00:00.000Z");

/** FILETIME (100 ns since 1601) of a JavaScript instant. */
const filetime = (ms: number) => (BigInt(ms) + 11_644_473_600_000n) * 10_000n;

describe("sim threading", () => {
  describe("rootConversationIndex", () => {
    it("→ 22 bytes: 0x01, the 5 high bytes of the start FILETIME, then the thread GUID", () => {
      const index = rootConversationIndex(guid, startedAt);
      assert.equal(index.length, 22);
      assert.equal(index[0], 0x01);
      const time = Buffer.alloc(8);
      time.writeBigUInt64BE(filetime(startedAt));
      assert.ok(index.subarray(1, 6).equals(time.subarray(0, 5)));
      assert.equal(index.subarray(6).toString("hex"), guid.replace(/-/g, ""));
    });

    it("threadGuidOf → reads the GUID back, dashed", () => {
      assert.equal(threadGuidOf(rootConversationIndex(guid, startedAt)), guid);
    });
  });

  describe("childConversationIndex", () => {
    it("→ the parent's bytes plus one 5-byte block", () => {
      const root = rootConversationIndex(guid, startedAt);
      const child = childConversationIndex(root, startedAt, startedAt + 60_000);
      assert.equal(child.length, root.length + 5);
      assert.ok(child.subarray(0, root.length).equals(root));
      const grandchild = childConversationIndex(child, startedAt + 60_000, startedAt + 120_000);
      assert.equal(grandchild.length, 32);
      assert.ok(grandchild.subarray(0, child.length).equals(child));
      assert.equal(threadGuidOf(grandchild), guid);
    });

    it("the block → the time since the parent in FILETIME bits 18–48, high bit clear", () => {
      const root = rootConversationIndex(guid, startedAt);
      const hour = 3_600_000;
      const block = childConversationIndex(root, startedAt, startedAt + hour).subarray(22);
      const value = block.readUInt32BE(0);
      assert.equal(value >>> 31, 0);
      assert.equal(BigInt(value), (BigInt(hour) * 10_000n) >> 18n);
    });

    it("a later reply → a larger delta than an earlier one", () => {
      const root = rootConversationIndex(guid, startedAt);
      const delta = (ms: number) => childConversationIndex(root, startedAt, startedAt + ms).readUInt32BE(22);
      assert.ok(delta(2 * 3_600_000) > delta(3_600_000));
    });

    it("a child stamped before its parent → a zero delta, not a negative one", () => {
      const root = rootConversationIndex(guid, startedAt);
      assert.equal(childConversationIndex(root, startedAt, startedAt - 10_000).readUInt32BE(22), 0);
    });
  });

  describe("threadGuidFor", () => {
    it("→ the same GUID for the same root Message-ID, whatever its case; different roots differ", () => {
      assert.equal(threadGuidFor("<A@Fabrikam.com>"), threadGuidFor("<a@fabrikam.com>"));
      assert.notEqual(threadGuidFor("<a@fabrikam.com>"), threadGuidFor("<b@fabrikam.com>"));
    });
  });

  describe("conversationId", () => {
    it("→ base64url with padding of 00 04 24 00 | mailbox GUID text | 00 10 00 | thread GUID", () => {
      const id = conversationId(mailboxA, guid);
      assert.match(id, /^[A-Za-z0-9_-]+=*$/);
      assert.equal(id.length % 4, 0);
      const bytes = Buffer.from(id.replace(/=+$/, ""), "base64url");
      assert.equal(bytes.length, 59);
      assert.deepEqual([...bytes.subarray(0, 4)], [0x00, 0x04, 0x24, 0x00]);
      assert.equal(bytes.subarray(4, 40).toString("ascii"), mailboxA);
      assert.deepEqual([...bytes.subarray(40, 43)], [0x00, 0x10, 0x00]);
      assert.equal(bytes.subarray(43).toString("hex"), guid.replace(/-/g, ""));
    });

    it("the same thread in two mailboxes → two different ids", () => {
      assert.notEqual(conversationId(mailboxA, guid), conversationId(mailboxB, guid));
    });
  });

  describe("isConversationId", () => {
    it("a conversation id → true", () => {
      assert.equal(isConversationId(conversationId(mailboxA, guid)), true);
    });

    it("a message id, a GUID, or text that is not base64url → false", () => {
      assert.equal(isConversationId("AAMkAGI2KbVhBeUjSbCkpvssNazYFAAAAAEHEwjdutte+XMAP4t7k/1Slw=="), false);
      assert.equal(isConversationId(guid), false);
      assert.equal(isConversationId("not a conversation id!"), false);
      assert.equal(isConversationId(""), false);
    });

    it("the right length but the wrong layout → false", () => {
      const bytes = Buffer.from(conversationId(mailboxA, guid).replace(/=+$/, ""), "base64url");
      bytes[1] = 0x05;
      assert.equal(isConversationId(bytes.toString("base64url")), false);
    });
  });
});
