import assert from "node:assert/strict";
import { buildTenant } from "../../../sim/src/fixtures/buildTenant.js";
import { parseFixture } from "../../../sim/src/fixtures/loadFixture.js";
import { mailboxInScope } from "../../../sim/src/tenant/applicationAccess.js";
import type { Tenant } from "../../../sim/src/tenant/tenant.js";

const restrictOnly = "aaaaaaaa-0000-4000-8000-000000000001";
const denyOnly = "aaaaaaaa-0000-4000-8000-000000000002";
const denyAndRestrict = "aaaaaaaa-0000-4000-8000-000000000003";
const unrestricted = "aaaaaaaa-0000-4000-8000-000000000004";
const users = ["ann", "bob", "cat", "dan"];

function fixture() {
  return {
    tenant: { id: "11111111-2222-4333-8444-555555555555", displayName: "Access" },
    domains: [{ id: "acc.test" }],
    users: users.map((name) => ({ userPrincipalName: `${name}@acc.test`, displayName: name })),
    groups: [
      {
        displayName: "Scoped",
        mail: "scoped@acc.test",
        kind: "security",
        members: ["ann@acc.test", "inner@acc.test"],
      },
      { displayName: "Inner", mail: "inner@acc.test", kind: "security", members: ["bob@acc.test"] },
      { displayName: "Exempt", mail: "exempt@acc.test", kind: "security", members: ["cat@acc.test"] },
    ],
    applicationAccessPolicies: [
      { appId: restrictOnly, accessRight: "RestrictAccess", policyScopeGroupId: "scoped@acc.test" },
      { appId: denyOnly, accessRight: "DenyAccess", policyScopeGroupId: "exempt@acc.test" },
      { appId: denyAndRestrict, accessRight: "RestrictAccess", policyScopeGroupId: "scoped@acc.test" },
      { appId: denyAndRestrict, accessRight: "DenyAccess", policyScopeGroupId: "bob@acc.test" },
    ],
  };
}

describe("sim mailboxInScope (ApplicationAccessPolicy)", () => {
  let tenant: Tenant;
  /** The users the app may reach, by name. */
  const reachable = (appId: string) =>
    users.filter((name) => mailboxInScope(tenant, appId, tenant.user(`${name}@acc.test`)!));

  before(() => {
    tenant = buildTenant(parseFixture(fixture()), 0);
  });

  it("an app with no policy → every mailbox granted", () => {
    assert.deepEqual(reachable(unrestricted), users);
  });

  it("RestrictAccess → members granted (nested groups included), non-members denied", () => {
    assert.deepEqual(reachable(restrictOnly), ["ann", "bob"]);
  });

  it("DenyAccess → its members denied, everyone else granted", () => {
    assert.deepEqual(reachable(denyOnly), ["ann", "bob", "dan"]);
  });

  it("DenyAccess and RestrictAccess covering the same mailbox → DenyAccess wins", () => {
    assert.deepEqual(reachable(denyAndRestrict), ["ann"]);
  });

  it("a policy scoped to one mailbox → covers that mailbox only", () => {
    assert.equal(mailboxInScope(tenant, denyAndRestrict, tenant.user("bob@acc.test")!), false);
    assert.equal(mailboxInScope(tenant, denyAndRestrict, tenant.user("ann@acc.test")!), true);
  });

  it("the app id in another case → the same policies apply", () => {
    assert.equal(mailboxInScope(tenant, denyOnly.toUpperCase(), tenant.user("cat@acc.test")!), false);
  });

  it("another app's policies → no effect on this app", () => {
    assert.equal(mailboxInScope(tenant, unrestricted, tenant.user("cat@acc.test")!), true);
    assert.equal(mailboxInScope(tenant, denyOnly, tenant.user("dan@acc.test")!), true);
  });
});
