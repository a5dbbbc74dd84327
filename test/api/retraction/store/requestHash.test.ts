// The request fingerprint behind Idempotency-Key checks: equal requests hash alike however written,
// any real difference changes the hash.
import assert from "node:assert/strict";
import { requestHash } from "../../../../api/src/retraction/store/requestHash.js";
import { submit } from "./storeFixtures.js";

describe("requestHash", () => {
  it("a request → 64 lowercase hex digits, the same every time", () => {
    assert.match(requestHash(submit()), /^[0-9a-f]{64}$/);
    assert.equal(requestHash(submit()), requestHash(submit()));
  });

  it("included mailboxes in another order, case or repeated, mailbox in another case → the same hash", () => {
    const a = submit({ include: ["user1@contoso.com", "user2@contoso.com"] });
    const b = submit({
      mailbox: "Alice@Contoso.com",
      include: ["USER2@contoso.com", "user1@contoso.com", "user2@contoso.com"],
    });
    assert.equal(requestHash(a), requestHash(b));
  });

  it("any other field changed → another hash", () => {
    const base = requestHash(submit());
    const variants = [
      submit({ mode: "hard" }),
      submit({ reason: "another reason" }),
      submit({ conversationDepth: 1 }),
      submit({ sweep: true }),
      submit({ internetMessageId: "<other@fabrikam.com>" }),
      submit({ include: ["user1@contoso.com"] }),
    ];
    for (const variant of variants) assert.notEqual(requestHash(variant), base);
  });
});
