// Following forwards and replies: the messages a mailbox's owner sent in answer to the plan become its
// next depth; each message enters once, so a thread looping between mailboxes ends; nothing past the depth.
import assert from "node:assert/strict";
import type { ConversationMessage } from "../../../../api/src/graph/graphTypes.js";
import {
  followLevel,
  messageIdsIn,
  startWalk,
  threadMessageOf,
  type Listing,
  type ThreadMessage,
  type ThreadWalk,
} from "../../../../api/src/retraction/discovery/followThread.js";
import type { MailboxRef } from "../../../../api/src/retraction/discovery/mailboxRef.js";

const owner = (name: string, ...aliases: string[]): MailboxRef => ({
  objectId: `id-${name}`,
  upn: `${name}@contoso.com`,
  displayName: name,
  addresses: [`${name}@contoso.com`, ...aliases],
  addressesComplete: true,
});
const adele = owner("adele", "adele.v@contoso.com");
const patti = owner("patti");

let clock = 0;
const message = (
  internetMessageId: string,
  from: string,
  answers: string[],
  extra: Partial<ThreadMessage> = {}
): ThreadMessage => ({
  internetMessageId,
  subject: "FW: pay",
  from,
  fromName: null,
  sentDateTime: `2026-01-01T10:${String(clock++ % 60).padStart(2, "0")}:00Z`,
  recipients: [],
  answers,
  ...extra,
});

const phish = message("<phish@fabrikam.com>", "payroll@fabrikam.com", []);

/** Follows level after level until nothing new is found; the depths at which each message was found. */
function walkAll(walk: ThreadWalk, listings: Listing[]): [string, number][] {
  const found: [string, number][] = [];
  for (let guard = 0; guard < 100; guard++) {
    const level = followLevel(walk, listings);
    if (level.found.length === 0) return found;
    found.push(...level.found.map((f): [string, number] => [f.message.internetMessageId, f.depth]));
    walk = level.walk;
  }
  throw new Error("the walk did not end");
}

describe("followThread", () => {
  describe("messageIdsIn", () => {
    it("a folded References value with a comment → every Message-ID in order", () => {
      assert.deepEqual(messageIdsIn("<a@x>\r\n\t<b@y> (old client)\r\n <c@z>"), ["<a@x>", "<b@y>", "<c@z>"]);
    });

    it("no value or no ids → none", () => {
      assert.deepEqual(messageIdsIn(undefined), []);
      assert.deepEqual(messageIdsIn("nothing here"), []);
    });
  });

  describe("threadMessageOf", () => {
    const listed = (extra: Partial<ConversationMessage> = {}): ConversationMessage => ({
      id: "AAMk",
      internetMessageId: "<fwd@contoso.com>",
      subject: "FW: pay",
      from: { emailAddress: { address: "adele@contoso.com", name: "Adele Vance" } },
      sentDateTime: "2026-01-01T10:00:00Z",
      toRecipients: [{ emailAddress: { address: "patti@contoso.com", name: "Patti" } }],
      ccRecipients: [{ emailAddress: { name: "no address" } }],
      bccRecipients: [{ emailAddress: { address: "diego@contoso.com" } }],
      internetMessageHeaders: [
        { name: "in-reply-to", value: "<phish@fabrikam.com>" },
        { name: "REFERENCES", value: "<root@x> <phish@fabrikam.com>" },
      ],
      ...extra,
    });

    it("headers in any case → In-Reply-To and References ids once each; To/Cc/Bcc with addresses", () => {
      const m = threadMessageOf(listed());

      assert.deepEqual(m, {
        internetMessageId: "<fwd@contoso.com>",
        subject: "FW: pay",
        from: "adele@contoso.com",
        fromName: "Adele Vance",
        sentDateTime: "2026-01-01T10:00:00Z",
        recipients: [
          { address: "patti@contoso.com", name: "Patti", field: "to" },
          { address: "diego@contoso.com", name: null, field: "bcc" },
        ],
        answers: ["<phish@fabrikam.com>", "<root@x>"],
      });
    });

    it("a draft or a message without a Message-ID → null: it was never sent", () => {
      assert.equal(threadMessageOf(listed({ isDraft: true })), null);
      assert.equal(threadMessageOf(listed({ internetMessageId: null })), null);
    });

    it("a found copy without headers → no answers", () => {
      assert.deepEqual(threadMessageOf(listed({ internetMessageHeaders: undefined }))?.answers, []);
    });
  });

  it("startWalk → depth 0 with the original visited", () => {
    assert.deepEqual(startWalk("<phish@fabrikam.com>", 2), {
      depth: 0,
      maxDepth: 2,
      visited: new Set(["<phish@fabrikam.com>"]),
    });
  });

  describe("followLevel", () => {
    it("the owner's forward answering the original → found at depth 1 as a forward; now visited", () => {
      const fwd = message("<fwd@contoso.com>", "adele@contoso.com", ["<phish@fabrikam.com>"]);

      const { walk, found } = followLevel(startWalk(phish.internetMessageId, 3), [
        { owner: adele, messages: [phish, fwd] },
      ]);

      assert.deepEqual(found, [{ message: fwd, depth: 1, kind: "forward", sender: adele }]);
      assert.equal(walk.depth, 1);
      assert.ok(walk.visited.has("<fwd@contoso.com>"));
    });

    it("a reply sent from one of the owner's other addresses, answering only through References → found", () => {
      const reply = message(
        "<re@contoso.com>",
        "Adele.V@Contoso.com",
        ["<older@x>", "<phish@fabrikam.com>"],
        {
          subject: "RE: pay",
        }
      );

      const { found } = followLevel(startWalk(phish.internetMessageId, 1), [
        { owner: adele, messages: [reply] },
      ]);

      assert.deepEqual(
        found.map((f) => [f.message.internetMessageId, f.kind]),
        [["<re@contoso.com>", "reply"]]
      );
    });

    it("someone else's message in the owner's mailbox, or the owner's message answering nothing in the plan → not found", () => {
      const pattisReply = message("<p@contoso.com>", "patti@contoso.com", ["<phish@fabrikam.com>"]);
      const unrelated = message("<u@contoso.com>", "adele@contoso.com", ["<another-thread@x>"]);

      const { found } = followLevel(startWalk(phish.internetMessageId, 3), [
        { owner: adele, messages: [phish, pattisReply, unrelated] },
      ]);

      assert.deepEqual(found, []);
    });

    it("an answer to a Message-ID that differs only in case → not found (ids match exactly)", () => {
      const fwd = message("<fwd@contoso.com>", "adele@contoso.com", ["<PHISH@fabrikam.com>"]);

      assert.deepEqual(
        followLevel(startWalk(phish.internetMessageId, 3), [{ owner: adele, messages: [fwd] }]).found,
        []
      );
    });

    it("a walk at its maximum depth → nothing found, the walk unchanged", () => {
      const fwd = message("<fwd@contoso.com>", "adele@contoso.com", ["<phish@fabrikam.com>"]);
      const listings = [{ owner: adele, messages: [fwd] }];

      const atZero = followLevel(startWalk(phish.internetMessageId, 0), listings);
      const first = followLevel(startWalk(phish.internetMessageId, 1), listings);
      const second = followLevel(first.walk, listings);

      assert.deepEqual(atZero.found, []);
      assert.equal(first.found.length, 1);
      assert.deepEqual(second, { walk: first.walk, found: [] });
    });

    it("the owner's message in two of their conversations → found once", () => {
      const fwd = message("<fwd@contoso.com>", "adele@contoso.com", ["<phish@fabrikam.com>"]);

      const { found } = followLevel(startWalk(phish.internetMessageId, 3), [
        { owner: adele, messages: [fwd] },
        { owner: adele, messages: [fwd] },
      ]);

      assert.equal(found.length, 1);
    });

    it("answers from several mailboxes, listed in any order → oldest first", () => {
      const early = message("<early@contoso.com>", "patti@contoso.com", ["<phish@fabrikam.com>"], {
        sentDateTime: "2026-01-01T08:00:00Z",
      });
      const late = message("<late@contoso.com>", "adele@contoso.com", ["<phish@fabrikam.com>"], {
        sentDateTime: "2026-01-01T09:00:00Z",
      });
      const undated = message("<undated@contoso.com>", "adele@contoso.com", ["<phish@fabrikam.com>"], {
        sentDateTime: null,
      });

      const { found } = followLevel(startWalk(phish.internetMessageId, 3), [
        { owner: adele, messages: [undated, late] },
        { owner: patti, messages: [early] },
      ]);

      assert.deepEqual(
        found.map((f) => f.message.internetMessageId),
        ["<early@contoso.com>", "<late@contoso.com>", "<undated@contoso.com>"]
      );
    });

    it("two mailboxes forwarding back and forth → each message found once, at its depth, and the walk ends", () => {
      const m2 = message("<m2@contoso.com>", "adele@contoso.com", ["<phish@fabrikam.com>"]);
      const m3 = message("<m3@contoso.com>", "patti@contoso.com", ["<m2@contoso.com>"]);
      const m4 = message("<m4@contoso.com>", "adele@contoso.com", ["<m3@contoso.com>"]);
      const m5 = message("<m5@contoso.com>", "patti@contoso.com", ["<m4@contoso.com>"]);
      // Two of Patti's messages answering each other but nothing in the plan never enter it.
      const x = message("<x@contoso.com>", "patti@contoso.com", ["<y@contoso.com>"]);
      const y = message("<y@contoso.com>", "patti@contoso.com", ["<x@contoso.com>"]);
      const listings = [
        { owner: adele, messages: [phish, m2, m3, m4, m5] },
        { owner: patti, messages: [m2, m3, m4, m5, x, y] },
      ];

      assert.deepEqual(walkAll(startWalk(phish.internetMessageId, 10), listings), [
        ["<m2@contoso.com>", 1],
        ["<m3@contoso.com>", 2],
        ["<m4@contoso.com>", 3],
        ["<m5@contoso.com>", 4],
      ]);
      assert.deepEqual(walkAll(startWalk(phish.internetMessageId, 2), listings), [
        ["<m2@contoso.com>", 1],
        ["<m3@contoso.com>", 2],
      ]);
    });

    it("the owner's own original (the sender is a holder) → not found again", () => {
      const own = message("<own@contoso.com>", "adele@contoso.com", []);
      const reply = message("<re@contoso.com>", "adele@contoso.com", ["<own@contoso.com>"]);

      const { found } = followLevel(startWalk(own.internetMessageId, 3), [
        { owner: adele, messages: [own, reply] },
      ]);

      assert.deepEqual(
        found.map((f) => f.message.internetMessageId),
        ["<re@contoso.com>"]
      );
    });
  });
});
