import assert from "node:assert/strict";
import { userSchema } from "../../../sim/src/fixtures/schema.js";
import { Mailbox, type MailboxSettings, type MessageDefinition } from "../../../sim/src/tenant/mailbox.js";
import { rootConversationIndex, threadGuidFor, isConversationId } from "../../../sim/src/tenant/threading.js";

const now = Date.parse("2026-02-10T08:00:00.000Z");

function settings(): MailboxSettings {
  const parsed = userSchema.parse({ userPrincipalName: "ann@contoso.com", displayName: "Ann" }).mailbox;
  assert.ok(parsed !== false);
  const { folders: _folders, ...rest } = parsed;
  return {
    ...rest,
    LitigationHoldDate: null,
    StartDateForRetentionHold: null,
    EndDateForRetentionHold: null,
  };
}

function newMailbox(guid = "0f0e0d0c-0b0a-4908-a706-050403020100"): Mailbox {
  return new Mailbox(
    { id: "u-1", userPrincipalName: "ann@contoso.com", displayName: "Ann", mail: "ann@contoso.com" },
    guid,
    settings(),
    now
  );
}

function definition(internetMessageId = "<m1@fabrikam.com>"): MessageDefinition {
  const threadGuid = threadGuidFor(internetMessageId);
  return {
    internetMessageId,
    subject: "hello",
    from: { name: "X", address: "x@fabrikam.com" },
    to: [{ name: "Ann", address: "ann@contoso.com" }],
    cc: [],
    bcc: [],
    sentAt: now - 60_000,
    body: "body",
    importance: "normal",
    inReplyTo: undefined,
    references: [],
    threadGuid,
    conversationIndex: rootConversationIndex(threadGuid, now - 60_000),
  };
}

describe("sim Mailbox", () => {
  describe("folders", () => {
    it("a new mailbox → the standard folders under Top of Information Store and a separate Recoverable Items tree", () => {
      const mailbox = newMailbox();
      const root = mailbox.wellKnownFolder("msgfolderroot");
      const top = mailbox.childFolders(root.id).map((f) => f.wellKnownName);
      for (const name of ["inbox", "sentitems", "deleteditems", "junkemail", "drafts", "archive"])
        assert.ok(top.includes(name), name);
      const dumpster = mailbox.wellKnownFolder("recoverableitemsroot");
      assert.equal(dumpster.parentId, null);
      assert.equal(dumpster.kind, "recoverable");
      assert.deepEqual(
        mailbox
          .childFolders(dumpster.id)
          .map((f) => f.displayName)
          .sort(),
        ["Deletions", "DiscoveryHolds", "Purges", "Versions"]
      );
      for (const f of mailbox.childFolders(dumpster.id)) assert.equal(f.kind, "recoverable");
      assert.equal(mailbox.wellKnownFolder("inbox").kind, "ipm");
    });

    it("folder(reference) → by id, by well-known name in any case, or by display name", () => {
      const mailbox = newMailbox();
      const inbox = mailbox.wellKnownFolder("inbox");
      assert.equal(mailbox.folder(inbox.id), inbox);
      assert.equal(mailbox.folder("InBox"), inbox);
      assert.equal(mailbox.folder("sent items"), mailbox.wellKnownFolder("sentitems"));
      assert.equal(mailbox.folder("no such folder"), undefined);
    });

    it("wellKnownFolder with an unknown name → throws", () => {
      assert.throws(() => newMailbox().wellKnownFolder("calendar"), /calendar/);
    });

    it("addFolder → a child of the given parent with its own id, found by display name", () => {
      const mailbox = newMailbox();
      const inbox = mailbox.wellKnownFolder("inbox");
      const projects = mailbox.addFolder("Projects", inbox.id, "ipm");
      assert.equal(mailbox.folder("projects"), projects);
      assert.deepEqual(mailbox.childFolders(inbox.id), [projects]);
      assert.equal(projects.wellKnownName, undefined);
    });
  });

  describe("deliver", () => {
    it("→ a stored copy in the given folder with the delivery's read state, times and tags", () => {
      const mailbox = newMailbox();
      const inbox = mailbox.wellKnownFolder("inbox");
      const copy = mailbox.deliver(definition(), {
        folder: inbox,
        isRead: false,
        receivedAt: now,
        personalTag: "1 Week Delete",
        senderCopy: false,
      });
      assert.equal(mailbox.messages.get(copy.id), copy);
      assert.equal(copy.folderId, inbox.id);
      assert.equal(copy.isRead, false);
      assert.equal(copy.receivedAt, now);
      assert.equal(copy.createdAt, now);
      assert.equal(copy.changeCount, 0);
      assert.equal(copy.personalTag, "1 Week Delete");
      assert.equal(copy.definition.internetMessageId, "<m1@fabrikam.com>");
      assert.match(copy.id, /^AAMk[A-Za-z0-9+/]+=*$/);
    });

    it("the same message twice (sender who is also a recipient) → two copies with distinct ids", () => {
      const mailbox = newMailbox();
      const d = definition();
      const a = mailbox.deliver(d, {
        folder: mailbox.wellKnownFolder("sentitems"),
        isRead: true,
        receivedAt: now,
        senderCopy: true,
      });
      const b = mailbox.deliver(d, {
        folder: mailbox.wellKnownFolder("inbox"),
        isRead: false,
        receivedAt: now,
        senderCopy: false,
      });
      assert.notEqual(a.id, b.id);
      assert.equal(mailbox.messages.size, 2);
    });

    it("two mailboxes → item ids never collide", () => {
      const one = newMailbox("11111111-1111-4111-a111-111111111111");
      const two = newMailbox("22222222-2222-4222-a222-222222222222");
      const a = one.deliver(definition(), {
        folder: one.wellKnownFolder("inbox"),
        isRead: false,
        receivedAt: now,
        senderCopy: false,
      });
      const b = two.deliver(definition(), {
        folder: two.wellKnownFolder("inbox"),
        isRead: false,
        receivedAt: now,
        senderCopy: false,
      });
      assert.notEqual(a.id, b.id);
    });
  });

  describe("move", () => {
    it("→ a new id in the destination; the old id is gone; received time kept, change count and modified time updated", () => {
      const mailbox = newMailbox();
      const copy = mailbox.deliver(definition(), {
        folder: mailbox.wellKnownFolder("inbox"),
        isRead: false,
        receivedAt: now,
        senderCopy: false,
      });
      const later = now + 5000;
      const moved = mailbox.move(copy, mailbox.wellKnownFolder("deleteditems"), later);
      assert.notEqual(moved.id, copy.id);
      assert.equal(mailbox.messages.has(copy.id), false);
      assert.equal(mailbox.messages.get(moved.id), moved);
      assert.equal(mailbox.messages.size, 1);
      assert.equal(moved.folderId, mailbox.wellKnownFolder("deleteditems").id);
      assert.equal(moved.receivedAt, now);
      assert.equal(moved.modifiedAt, later);
      assert.equal(moved.changeCount, 1);
      assert.equal(moved.definition, copy.definition);
    });

    it("moving back → yet another id, not the original", () => {
      const mailbox = newMailbox();
      const copy = mailbox.deliver(definition(), {
        folder: mailbox.wellKnownFolder("inbox"),
        isRead: false,
        receivedAt: now,
        senderCopy: false,
      });
      const away = mailbox.move(copy, mailbox.wellKnownFolder("archive"), now);
      const back = mailbox.move(away, mailbox.wellKnownFolder("inbox"), now);
      assert.equal(new Set([copy.id, away.id, back.id]).size, 3);
      assert.equal(back.changeCount, 2);
    });
  });

  describe("messagesIn", () => {
    it("no folders given → the IPM subtree only, Recoverable Items excluded", () => {
      const mailbox = newMailbox();
      const options = (folder: string) => ({
        folder: mailbox.wellKnownFolder(folder),
        isRead: false,
        receivedAt: now,
        senderCopy: false,
      });
      const inInbox = mailbox.deliver(definition("<a@x.test>"), options("inbox"));
      const inDeleted = mailbox.deliver(definition("<b@x.test>"), options("deleteditems"));
      mailbox.deliver(definition("<c@x.test>"), options("recoverableitemsdeletions"));
      mailbox.deliver(definition("<d@x.test>"), options("recoverableitemspurges"));
      assert.deepEqual(
        mailbox
          .messagesIn()
          .map((m) => m.id)
          .sort(),
        [inInbox.id, inDeleted.id].sort()
      );
    });

    it("a copy deleted into Recoverable Items → disappears from messagesIn() and appears in that folder", () => {
      const mailbox = newMailbox();
      const copy = mailbox.deliver(definition(), {
        folder: mailbox.wellKnownFolder("inbox"),
        isRead: false,
        receivedAt: now,
        senderCopy: false,
      });
      const deletions = mailbox.wellKnownFolder("recoverableitemsdeletions");
      const moved = mailbox.move(copy, deletions, now);
      assert.deepEqual(mailbox.messagesIn(), []);
      assert.deepEqual(mailbox.messagesIn(new Set([deletions.id])), [moved]);
    });

    it("folders given → only the copies in those folders", () => {
      const mailbox = newMailbox();
      const inbox = mailbox.wellKnownFolder("inbox");
      const copy = mailbox.deliver(definition(), {
        folder: inbox,
        isRead: false,
        receivedAt: now,
        senderCopy: false,
      });
      mailbox.deliver(definition("<other@x.test>"), {
        folder: mailbox.wellKnownFolder("sentitems"),
        isRead: true,
        receivedAt: now,
        senderCopy: true,
      });
      assert.deepEqual(mailbox.messagesIn(new Set([inbox.id])), [copy]);
    });
  });

  describe("conversationIdOf", () => {
    it("→ one well-formed conversation id per thread in this mailbox", () => {
      const mailbox = newMailbox();
      const options = {
        folder: mailbox.wellKnownFolder("inbox"),
        isRead: false,
        receivedAt: now,
        senderCopy: false,
      };
      const a = mailbox.deliver(definition("<a@x.test>"), options);
      const b = mailbox.deliver(
        { ...definition("<b@x.test>"), threadGuid: a.definition.threadGuid },
        options
      );
      const c = mailbox.deliver(definition("<c@x.test>"), options);
      assert.equal(mailbox.conversationIdOf(a), mailbox.conversationIdOf(b));
      assert.notEqual(mailbox.conversationIdOf(a), mailbox.conversationIdOf(c));
      assert.ok(isConversationId(mailbox.conversationIdOf(a)));
    });
  });
});
