// Access: the roles real demo users sign in with, what GET /api/me says each may do (written out by
// hand here, so a change to accessRules shows up as a failing test), identity keyed on tenant + object
// id rather than on names, and the authorize helpers at unit level.
import assert from "node:assert/strict";
import type { NextFunction, Request, Response } from "express";
import { decodeJwt } from "jose";
import { accessRules, type Operation } from "../../../api/src/auth/accessRules.js";
import { authorize, holdsRoleFor, requireOwnerOrRole } from "../../../api/src/auth/authorize.js";
import type { AppRole, Principal } from "../../../api/src/auth/principal.js";
import { AppError } from "../../../api/src/errors.js";
import { startApi, userToken, type RunningApi } from "../../support/apiServer.js";
import { demo, startSim, type RunningSim } from "../../support/simServer.js";

type Me = {
  tenantId: string;
  objectId: string;
  userPrincipalName: string;
  name: string;
  roles: string[];
  allowed: string[];
};

const sorted = (values: Iterable<string>) => [...values].sort();

/** Each demo user's app roles and the operations GET /api/me must list for them. */
const expectations: { upn: string; roles: AppRole[]; allowed: Operation[] }[] = [
  {
    upn: "admin@contoso.com",
    roles: ["Retract.Run", "Audit.Read", "Holds.Read"],
    allowed: [
      "items.status",
      "mailboxes.holds",
      "readiness",
      "retractions.preview",
      "retractions.submit",
      "retractions.read",
      "retractions.events",
      "retractions.undo",
      "audit.read",
      "me",
    ],
  },
  {
    upn: "approver@contoso.com",
    roles: ["Retract.Approve", "Retract.Run"],
    allowed: [
      "items.status",
      "mailboxes.holds",
      "readiness",
      "retractions.preview",
      "retractions.submit",
      "retractions.read",
      "retractions.events",
      "retractions.approve",
      "retractions.undo",
      "me",
    ],
  },
  { upn: "helpdesk@contoso.com", roles: ["Holds.Read"], allowed: ["items.status", "mailboxes.holds", "me"] },
  { upn: "adele.vance@contoso.com", roles: [], allowed: ["items.status", "me"] },
];

describe("access → GET /api/me for real demo users (sim sign-in)", () => {
  let sim: RunningSim;
  let api: RunningApi;

  const me = async (token: string): Promise<Me> => {
    const response = await fetch(`${api.base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    assert.equal(response.status, 200, text);
    return JSON.parse(text) as Me;
  };
  const directoryId = (upn: string) => sim.sim.tenant.user(upn)!.id.toLowerCase();

  before(async () => {
    sim = await startSim();
    api = await startApi(sim);
  });
  after(async () => {
    await api?.close();
    await sim?.close();
  });

  for (const { upn, roles, allowed } of expectations) {
    it(`${upn} → roles [${roles.join(", ")}], allowed exactly as accessRules grants them`, async () => {
      const body = await me(await userToken(sim, upn));
      assert.equal(body.userPrincipalName, upn);
      assert.equal(body.tenantId, demo.tenantId);
      assert.equal(body.objectId, directoryId(upn));
      assert.deepEqual(sorted(body.roles), sorted(roles));
      assert.deepEqual(sorted(body.allowed), sorted(allowed));
    });
  }

  it("every operation in accessRules → covered by the expectations above (no operation unaccounted for)", () => {
    const listed = new Set(expectations.flatMap((e) => e.allowed));
    const unreachable = (Object.keys(accessRules) as Operation[]).filter((op) => !listed.has(op));
    assert.deepEqual(unreachable, [], "an operation no demo user may use: extend the expectations");
  });

  describe("identity is tenant id + object id", () => {
    it("two sign-ins of the same user → different tokens, same tenantId and objectId", async () => {
      const first = await userToken(sim, "approver@contoso.com");
      const second = await userToken(sim, "approver@contoso.com");
      assert.notEqual(first, second);
      assert.notEqual(decodeJwt(first).uti, decodeJwt(second).uti);
      const [a, b] = [await me(first), await me(second)];
      assert.deepEqual([a.tenantId, a.objectId], [b.tenantId, b.objectId]);
    });

    it("preferred_username and name of the admin, oid of Adele → Adele's identity and no roles", async () => {
      const adele = decodeJwt(await userToken(sim, "adele.vance@contoso.com"));
      const spoofed = await sim.sim.keys.sign({
        ...adele,
        preferred_username: "admin@contoso.com",
        name: "Alex Admin",
        upn: "admin@contoso.com",
        email: "admin@contoso.com",
      });
      const body = await me(spoofed);
      assert.equal(body.objectId, directoryId("adele.vance@contoso.com"));
      assert.notEqual(body.objectId, directoryId("admin@contoso.com"));
      assert.deepEqual(body.roles, []);
      assert.deepEqual(sorted(body.allowed), ["items.status", "me"]);
    });

    it("the same oid in upper case → the same (lower-case) objectId", async () => {
      const claims = decodeJwt(await userToken(sim, "helpdesk@contoso.com"));
      const upper = await sim.sim.keys.sign({ ...claims, oid: String(claims.oid).toUpperCase() });
      assert.equal((await me(upper)).objectId, directoryId("helpdesk@contoso.com"));
    });
  });

  // Roles are read from each token and never cached by the API: removing an assignment takes effect
  // with the next token issued; tokens issued before keep the role until they expire (about 1 hour).
  describe("role revocation", () => {
    const upn = "approver@contoso.com";
    let original: string[];
    before(() => {
      original = [...sim.sim.tenant.user(upn)!.appRoles];
    });
    after(() => {
      sim.sim.tenant.user(upn)!.appRoles = original;
    });

    it("Retract.Approve unassigned → the next new token lacks it; the earlier token still has it", async () => {
      const earlier = await userToken(sim, upn);
      sim.sim.tenant.user(upn)!.appRoles = original.filter((r) => r !== "Retract.Approve");
      const later = await userToken(sim, upn);
      const revoked = await me(later);
      assert.deepEqual(revoked.roles, ["Retract.Run"]);
      assert.ok(!revoked.allowed.includes("retractions.approve"));
      assert.ok((await me(earlier)).allowed.includes("retractions.approve"), "exposure until it expires");
    });
  });
});

const ownerId = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const otherMailbox = "ffffffff-eeee-4ddd-8ccc-bbbbbbbbbbbb";

function principal(roles: AppRole[], objectId = ownerId, upn = "ann@contoso.com"): Principal {
  return {
    tenantId: demo.tenantId,
    objectId,
    userPrincipalName: upn,
    name: "Ann",
    roles: new Set(roles),
    clientId: demo.addinClientId,
    tokenId: undefined,
  };
}

describe("holdsRoleFor (unit)", () => {
  /** What each single role grants, written out by hand. */
  const grants: Record<AppRole, Operation[]> = {
    "Retract.Run": [
      "items.status",
      "mailboxes.holds",
      "readiness",
      "retractions.preview",
      "retractions.submit",
      "retractions.read",
      "retractions.events",
      "retractions.undo",
    ],
    "Retract.Approve": ["retractions.read", "retractions.events", "retractions.approve"],
    "Holds.Read": ["items.status", "mailboxes.holds"],
    "Audit.Read": ["retractions.read", "audit.read"],
  };
  const operations = Object.keys(accessRules) as Operation[];

  for (const [role, granted] of Object.entries(grants) as [AppRole, Operation[]][]) {
    it(`${role} alone → holds a role for exactly [${granted.join(", ")}]`, () => {
      const p = principal([role]);
      assert.deepEqual(
        operations.filter((op) => holdsRoleFor(p, op)),
        operations.filter((op) => granted.includes(op))
      );
    });
  }

  it("no roles → holds a role for nothing, not even me (which is open to owners, not to a role)", () => {
    assert.deepEqual(
      operations.filter((op) => holdsRoleFor(principal([]), op)),
      []
    );
  });
});

describe("requireOwnerOrRole (unit)", () => {
  const refusal = (err: unknown) => {
    assert.ok(err instanceof AppError);
    assert.equal(err.status, 403);
    assert.equal(err.code, "NOT_YOUR_MAILBOX");
    return true;
  };

  it("owner without roles, own mailbox (id in any case) → allowed", () => {
    requireOwnerOrRole(principal([]), "items.status", ownerId);
    requireOwnerOrRole(principal([]), "items.status", ownerId.toUpperCase());
  });

  it("non-owner without roles, another's mailbox → 403 NOT_YOUR_MAILBOX", () => {
    assert.throws(() => requireOwnerOrRole(principal([]), "items.status", otherMailbox), refusal);
  });

  it("non-owner claiming the owner's upn → still 403 (only the object id counts)", () => {
    const spoofed = principal([], otherMailbox.replace(/f/g, "1"), "ann@contoso.com");
    assert.throws(() => requireOwnerOrRole(spoofed, "items.status", ownerId), refusal);
  });

  it("holder of a granting role (Holds.Read, Retract.Run), another's mailbox → allowed", () => {
    requireOwnerOrRole(principal(["Holds.Read"]), "items.status", otherMailbox);
    requireOwnerOrRole(principal(["Retract.Run"]), "items.status", otherMailbox);
  });

  it("holder of an unrelated role (Retract.Approve, Audit.Read), another's mailbox → 403", () => {
    assert.throws(
      () => requireOwnerOrRole(principal(["Retract.Approve"]), "items.status", otherMailbox),
      refusal
    );
    assert.throws(() => requireOwnerOrRole(principal(["Audit.Read"]), "items.status", otherMailbox), refusal);
  });
});

describe("authorize(operation) middleware (unit)", () => {
  const run = (operation: Operation, p: Principal | undefined) => {
    const res = { locals: p ? { principal: p } : {} } as unknown as Response;
    let passed: unknown = "not called";
    const next: NextFunction = (err?: unknown) => void (passed = err);
    authorize(operation)({} as Request, res, next);
    return passed;
  };

  it("role holder → next() without an error", () => {
    assert.equal(run("retractions.approve", principal(["Retract.Approve"])), undefined);
    assert.equal(run("audit.read", principal(["Audit.Read"])), undefined);
  });

  it("role-less user on a role-only operation → next(403 FORBIDDEN)", () => {
    const err = run("retractions.submit", principal(["Holds.Read"]));
    assert.ok(err instanceof AppError);
    assert.equal(err.status, 403);
    assert.equal(err.code, "FORBIDDEN");
  });

  it("role-less user on an owner-or-role operation → passed on (the handler checks ownership)", () => {
    assert.equal(run("items.status", principal([])), undefined);
    assert.equal(run("me", principal([])), undefined);
  });

  it("no principal (authenticate missing) → throws rather than letting the request through", () => {
    assert.throws(() => run("audit.read", undefined), /without authenticate/);
  });
});
