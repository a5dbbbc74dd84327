import assert from "node:assert/strict";
import type { Me } from "../../../../addin/src/api/apiTypes.js";
import { isRequester, retractPermissions } from "../../../../addin/src/views/retract/permissions.js";

const me = (allowed: string[]): Me => ({
  tenantId: "t",
  objectId: "oid-approver",
  userPrincipalName: "approver@contoso.com",
  name: "Approver",
  roles: [],
  allowed,
});

describe("permissions", () => {
  it("retractPermissions → an approver who may also run → everything", () => {
    const can = retractPermissions(
      me([
        "retractions.submit",
        "retractions.read",
        "retractions.events",
        "retractions.undo",
        "retractions.approve",
      ])
    );
    assert.deepEqual(can, { retract: true, read: true, follow: true, undo: true, approve: true });
  });

  it("retractPermissions → an auditor → reads, but neither streams nor acts", () => {
    assert.deepEqual(retractPermissions(me(["retractions.read", "audit.read"])), {
      retract: false,
      read: true,
      follow: false,
      undo: false,
      approve: false,
    });
  });

  it("isRequester → same object id → true; another person → false", () => {
    assert.equal(isRequester(me([]), { requester: { objectId: "oid-approver", upn: "x" } }), true);
    assert.equal(
      isRequester(me([]), { requester: { objectId: "oid-admin", upn: "admin@contoso.com" } }),
      false
    );
  });
});
