import assert from "node:assert/strict";
import { peopleOf } from "../../../../addin/src/views/audit/peopleOf.js";
import { record } from "./auditSamples.js";

describe("peopleOf", () => {
  it("records by several people → each once, sorted by UPN", () => {
    const records = [
      record(3, "helpdesk@contoso.com"),
      record(2, "admin@contoso.com"),
      record(1, "helpdesk@contoso.com"),
    ];
    assert.deepEqual(peopleOf(records), [
      { objectId: "id-admin@contoso.com", upn: "admin@contoso.com" },
      { objectId: "id-helpdesk@contoso.com", upn: "helpdesk@contoso.com" },
    ]);
  });

  it("people known before → kept beside those of the new records", () => {
    const known = [{ objectId: "id-approver@contoso.com", upn: "approver@contoso.com" }];
    assert.deepEqual(
      peopleOf([record(1, "admin@contoso.com")], known).map((person) => person.upn),
      ["admin@contoso.com", "approver@contoso.com"]
    );
  });

  it("the same object id in another case → one person", () => {
    const known = [{ objectId: "ID-ADMIN@CONTOSO.COM", upn: "admin@contoso.com" }];
    assert.equal(peopleOf([record(1, "admin@contoso.com")], known).length, 1);
  });

  it("no records → none", () => {
    assert.deepEqual(peopleOf([]), []);
  });
});
