import assert from "node:assert/strict";
import { noFilters, toAuditFilters } from "../../../../addin/src/views/audit/auditFilters.js";

describe("toAuditFilters", () => {
  it("no filters → an empty object (no query parameters)", () => {
    assert.deepEqual(toAuditFilters(noFilters), {});
  });

  it("a message and a person → messageId and the person's object id", () => {
    const actor = { objectId: "de093b16", upn: "helpdesk@contoso.com" };
    assert.deepEqual(toAuditFilters({ messageId: "<a@b.com>", actor }), {
      messageId: "<a@b.com>",
      actorObjectId: "de093b16",
    });
  });
});
