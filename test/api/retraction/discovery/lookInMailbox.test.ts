// What one mailbox's lookup means for its recipient: copies matched exactly on Internet Message-ID, or a
// reason it cannot be retracted; failures that are not about the recipient are left to propagate.
import assert from "node:assert/strict";
import { AppError } from "../../../../api/src/errors.js";
import type { MessageCopy } from "../../../../api/src/graph/graphTypes.js";
import { UpstreamError } from "../../../../api/src/outbound/upstreamError.js";
import {
  foundCopy,
  lookupOf,
  lookupRefusal,
} from "../../../../api/src/retraction/discovery/lookInMailbox.js";

const id = "<demo-phish-0001@fabrikam.com>";

const copy = (extra: Partial<MessageCopy> = {}): MessageCopy => ({
  id: "AAMk1",
  internetMessageId: id,
  parentFolderId: "inbox-id",
  receivedDateTime: "2026-01-01T10:00:00Z",
  sentDateTime: "2026-01-01T09:59:00Z",
  isRead: true,
  subject: "Action required",
  from: { emailAddress: { address: "payroll@fabrikam.com", name: "Fabrikam Payroll" } },
  conversationId: "conv-1",
  ...extra,
});

const graphError = (status: number, code: string) =>
  new UpstreamError(status, code, `${code} happened`, { service: "graph" });

describe("lookInMailbox", () => {
  describe("lookupRefusal", () => {
    it("out of the app's scope, no mailbox, unknown mailbox, item not found → the recipient's reason", () => {
      assert.equal(lookupRefusal(graphError(403, "MAILBOX_OUT_OF_SCOPE")), "outOfScope");
      assert.equal(lookupRefusal(graphError(404, "NO_MAILBOX")), "noMailbox");
      assert.equal(lookupRefusal(graphError(404, "MAILBOX_NOT_FOUND")), "noMailbox");
      assert.equal(lookupRefusal(new AppError(404, "ITEM_NOT_FOUND", "gone")), "copyNotFound");
    });

    it("throttling, Graph down, missing permission, a bug → undefined (the caller reports them)", () => {
      for (const err of [
        graphError(503, "UPSTREAM_THROTTLED"),
        graphError(502, "UPSTREAM_UNAVAILABLE"),
        graphError(502, "UPSTREAM_PERMISSION"),
        new TypeError("x is undefined"),
      ])
        assert.equal(lookupRefusal(err), undefined, String(err));
    });
  });

  describe("lookupOf", () => {
    it("copies in two folders of one conversation → both copies, the conversation once", () => {
      const lookup = lookupOf([copy(), copy({ id: "AAMk2", parentFolderId: "deleted-id" })], id);

      assert.equal(lookup.kind, "copies");
      assert.deepEqual(lookup.kind === "copies" && lookup.copies.map((c) => c.id), ["AAMk1", "AAMk2"]);
      assert.deepEqual(lookup.kind === "copies" && lookup.conversationIds, ["conv-1"]);
    });

    it("only copies whose Message-ID differs in case or by a character → copyNotFound", () => {
      const lookalikes = [
        copy({ internetMessageId: id.toUpperCase() }),
        copy({ internetMessageId: "<demo-phish-0001@fabrikam.com >" }),
        copy({ internetMessageId: "demo-phish-0001@fabrikam.com" }),
      ];

      assert.deepEqual(lookupOf(lookalikes, id), { kind: "refused", reason: "copyNotFound" });
    });

    it("an exact copy among lookalikes → only the exact one", () => {
      const lookup = lookupOf([copy({ id: "look", internetMessageId: id.toUpperCase() }), copy()], id);

      assert.deepEqual(lookup.kind === "copies" && lookup.copies.map((c) => c.id), ["AAMk1"]);
    });

    it("no copies → copyNotFound", () => {
      assert.deepEqual(lookupOf([], id), { kind: "refused", reason: "copyNotFound" });
    });
  });

  it("foundCopy → the plan's fields, the sender and sent time kept for checks before acting", () => {
    assert.deepEqual(foundCopy(copy(), id), {
      id: "AAMk1",
      internetMessageId: id,
      parentFolderId: "inbox-id",
      receivedDateTime: "2026-01-01T10:00:00Z",
      isRead: true,
      subject: "Action required",
      from: "payroll@fabrikam.com",
      sentDateTime: "2026-01-01T09:59:00Z",
    });
    assert.equal(foundCopy(copy(), "<other@x>"), null);
  });
});
