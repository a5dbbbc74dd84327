import assert from "node:assert/strict";
import { buildTenant } from "../../../sim/src/fixtures/buildTenant.js";
import { parseFixture } from "../../../sim/src/fixtures/loadFixture.js";
import { itemRetention } from "../../../sim/src/tenant/itemRetention.js";
import type { Mailbox, StoredMessage } from "../../../sim/src/tenant/mailbox.js";
import type { Tenant } from "../../../sim/src/tenant/tenant.js";

const now = Date.parse("2026-04-01T00:00:00.000Z");
const dayMs = 86_400_000;
const receivedAt = Date.parse("2026-03-01T15:37:16.714Z");

const tag = (
  Name: string,
  Type: string,
  days: number | null,
  RetentionAction: string,
  RetentionEnabled = true
) => ({
  Name,
  Type,
  AgeLimitForRetention: days === null ? null : `${days}.00:00:00`,
  RetentionAction,
  RetentionEnabled,
});

function fixture() {
  return {
    tenant: { id: "11111111-2222-4333-8444-555555555555", displayName: "Retention" },
    domains: [{ id: "ret.test" }],
    retentionPolicyTags: [
      tag("Archive after 2 years", "All", 730, "MoveToArchive"),
      tag("Delete after 1 year", "All", 365, "DeleteAndAllowRecovery"),
      tag("Deleted Items 30 days", "DeletedItems", 30, "DeleteAndAllowRecovery"),
      tag("Junk switched off", "JunkEmail", 10, "PermanentlyDelete", false),
      tag("1 Week Delete", "Personal", 7, "DeleteAndAllowRecovery"),
      tag("5 Year Delete", "Personal", 1825, "PermanentlyDelete"),
      tag("Personal archive", "Personal", 90, "MoveToArchive"),
      tag("Mark only", "Personal", 60, "MarkAsPastRetentionLimit"),
      tag("Never Delete", "Personal", null, "DeleteAndAllowRecovery", false),
    ],
    retentionPolicies: [
      {
        Name: "Standard",
        IsDefault: true,
        RetentionPolicyTagLinks: [
          "Archive after 2 years",
          "Delete after 1 year",
          "Deleted Items 30 days",
          "Junk switched off",
          "1 Week Delete",
          "5 Year Delete",
          "Personal archive",
          "Mark only",
          "Never Delete",
        ],
      },
      { Name: "Archive only", RetentionPolicyTagLinks: ["Archive after 2 years"] },
    ],
    users: [
      {
        userPrincipalName: "ann@ret.test",
        displayName: "Ann",
        mailbox: {
          folders: [
            { displayName: "Projects", parent: "inbox", retentionTag: "5 Year Delete" },
            { displayName: "Falcon", parent: "Projects" },
            { displayName: "Loose", parent: "inbox" },
          ],
        },
      },
      { userPrincipalName: "bob@ret.test", displayName: "Bob", mailbox: { RetentionPolicy: "Archive only" } },
    ],
  };
}

describe("sim itemRetention", () => {
  let tenant: Tenant;
  let ann: Mailbox;
  let bob: Mailbox;
  let sequence = 0;

  /** Delivers a fresh copy into `folder` of `mailbox`, optionally with a personal tag. */
  const copyIn = (mailbox: Mailbox, folder: string, personalTag?: string): StoredMessage => {
    const definition = {
      internetMessageId: `<m${sequence++}@ret.test>`,
      subject: "s",
      from: { name: "x", address: "x@out.test" },
      to: [],
      cc: [],
      bcc: [],
      sentAt: receivedAt,
      body: "",
      importance: "normal" as const,
      inReplyTo: undefined,
      references: [],
      threadGuid: "00000000-0000-4000-a000-000000000000",
      conversationIndex: Buffer.alloc(22),
    };
    return mailbox.deliver(definition, {
      folder: mailbox.folder(folder)!,
      isRead: false,
      receivedAt,
      personalTag,
      senderCopy: false,
    });
  };

  const retention = (mailbox: Mailbox, message: StoredMessage) => {
    const result = itemRetention(tenant, mailbox, message);
    return { tag: result.tag?.Name, explicit: result.explicit, retentionDate: result.retentionDate };
  };

  before(() => {
    tenant = buildTenant(parseFixture(fixture()), now);
    ann = tenant.user("ann@ret.test")!.mailbox!;
    bob = tenant.user("bob@ret.test")!.mailbox!;
  });

  describe("which tag applies", () => {
    it("an Inbox item without a personal tag → the default tag that deletes (not the archive one), dated from receipt", () => {
      assert.deepEqual(retention(ann, copyIn(ann, "inbox")), {
        tag: "Delete after 1 year",
        explicit: false,
        retentionDate: receivedAt + 365 * dayMs,
      });
    });

    it("an item in Deleted Items → the folder's tag beats the default tag", () => {
      assert.deepEqual(retention(ann, copyIn(ann, "deleteditems")), {
        tag: "Deleted Items 30 days",
        explicit: false,
        retentionDate: receivedAt + 30 * dayMs,
      });
    });

    it("a personal tag on an item in a tagged folder → the personal tag wins and is explicit", () => {
      assert.deepEqual(retention(ann, copyIn(ann, "deleteditems", "1 Week Delete")), {
        tag: "1 Week Delete",
        explicit: true,
        retentionDate: receivedAt + 7 * dayMs,
      });
    });

    it("a personal tag on an Inbox item → beats the default tag", () => {
      assert.equal(retention(ann, copyIn(ann, "inbox", "1 Week Delete")).tag, "1 Week Delete");
    });

    it("a user folder with a tag → that tag; its untagged subfolder inherits it", () => {
      assert.equal(retention(ann, copyIn(ann, "Projects")).tag, "5 Year Delete");
      assert.deepEqual(retention(ann, copyIn(ann, "Falcon")), {
        tag: "5 Year Delete",
        explicit: false,
        retentionDate: receivedAt + 1825 * dayMs,
      });
    });

    it("an untagged user folder → the default tag", () => {
      assert.equal(retention(ann, copyIn(ann, "Loose")).tag, "Delete after 1 year");
    });

    it("a policy whose only default tag archives → no delete tag, no retention date", () => {
      assert.deepEqual(retention(bob, copyIn(bob, "inbox")), {
        tag: undefined,
        explicit: false,
        retentionDate: undefined,
      });
    });
  });

  describe("when a retention date is stamped", () => {
    it("a disabled personal tag (Never Delete) → applies, but never stamps a date and does not fall back to the default", () => {
      assert.deepEqual(retention(ann, copyIn(ann, "inbox", "Never Delete")), {
        tag: "Never Delete",
        explicit: true,
        retentionDate: undefined,
      });
    });

    it("a disabled folder tag → never stamps", () => {
      const result = retention(ann, copyIn(ann, "junkemail"));
      assert.equal(result.tag, "Junk switched off");
      assert.equal(result.retentionDate, undefined);
    });

    it("a MoveToArchive personal tag → never stamps a retention date", () => {
      const result = retention(ann, copyIn(ann, "inbox", "Personal archive"));
      assert.equal(result.tag, "Personal archive");
      assert.equal(result.retentionDate, undefined);
    });

    it("a MarkAsPastRetentionLimit tag → only marks, no retention date", () => {
      assert.equal(retention(ann, copyIn(ann, "inbox", "Mark only")).retentionDate, undefined);
    });

    it("a PermanentlyDelete tag → stamps like any delete action", () => {
      assert.equal(
        retention(ann, copyIn(ann, "inbox", "5 Year Delete")).retentionDate,
        receivedAt + 1825 * dayMs
      );
    });
  });
});
