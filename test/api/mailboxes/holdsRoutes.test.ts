// GET /api/mailboxes/{upn}/holds through real HTTP against sim's demo tenant: who may read it, each demo
// mailbox's holds decoded, Recoverable Items usage against quota, and the audit record of the look.
import assert from "node:assert/strict";
import { listAudit } from "../../../api/src/audit/listAudit.js";
import { startApi, userToken, type RunningApi } from "../../support/apiServer.js";
import { demoFixtureJson, startSim, type RunningSim } from "../../support/simServer.js";

type Hold = {
  kind: string;
  scope: string;
  retains: boolean;
  name: string | null;
  periodDays: unknown;
  summary: string;
};
type Holds = {
  mailbox: { userPrincipalName: string; objectId: string };
  retentionPolicy: string | null;
  holds: {
    onHold: boolean;
    holds: Hold[];
    retentionHold: { inEffect: boolean };
    deletedItems: { singleItemRecovery: boolean; retainDeletedItemsForDays: number };
    recoverableItems: {
      usedBytes: number;
      quotaBytes: number | null;
      folders: { type: string | null }[];
    } | null;
  };
  problems: string[];
};

/** The demo tenant with one more In-Place hold on Alex whose definition does not exist. */
function fixtureWithVanishedHold(): unknown {
  const fixture = demoFixtureJson() as {
    users: { userPrincipalName: string; mailbox?: Record<string, unknown> }[];
  };
  const alex = fixture.users.find((u) => u.userPrincipalName === "alex.wilber@contoso.com")!;
  alex.mailbox = { ...alex.mailbox, InPlaceHolds: ["cld0123456789abcdef0123456789abcdef"] };
  return fixture;
}

describe("mailboxes/holdsRoutes → GET /api/mailboxes/{upn}/holds against the demo tenant", function () {
  this.timeout(30_000);
  let sim: RunningSim;
  let api: RunningApi;
  let helpdesk: string;
  const holdsOf = async (upn: string, token = helpdesk) =>
    api.call(`/api/mailboxes/${encodeURIComponent(upn)}/holds`, token);
  const ok = async (upn: string): Promise<Holds> => {
    const reply = await holdsOf(upn);
    assert.equal(reply.status, 200, reply.text);
    return reply.body as Holds;
  };
  const kinds = (body: Holds) =>
    body.holds.holds.map(({ kind, scope, retains }) => `${kind}/${scope}/${retains}`);

  before(async () => {
    sim = await startSim({ fixture: fixtureWithVanishedHold() });
    api = await startApi(sim);
    helpdesk = await userToken(sim, "helpdesk@contoso.com");
  });
  after(async () => {
    await api?.close();
    await sim?.close();
  });

  it("ordinary user, even for their own mailbox → 403 FORBIDDEN (holds are a helpdesk view)", async () => {
    const reply = await holdsOf("adele.vance@contoso.com", await userToken(sim, "adele.vance@contoso.com"));
    assert.equal(reply.status, 403);
    assert.equal((reply.body as { error: { code: string } }).error.code, "FORBIDDEN");
  });

  it("helpdesk → 200, and an audit record of who read whose holds", async () => {
    const body = await ok("megan.bowen@contoso.com");
    assert.equal(body.mailbox.userPrincipalName, "megan.bowen@contoso.com");
    const records = await listAudit(api.services.db, { limit: 5 });
    const record = records.find(
      (r) => r.action === "mailbox.holds.read" && r.subject.mailbox === "megan.bowen@contoso.com"
    );
    assert.equal(record?.actor.upn, "helpdesk@contoso.com");
  });

  it("no hold of its own (adele) → only the org-wide delete-only policy, not on hold, 30 GB quota", async () => {
    const body = await ok("adele.vance@contoso.com");
    assert.deepEqual(kinds(body), ["RetentionPolicy/organization/false"]);
    assert.equal(body.holds.onHold, false);
    assert.equal(body.holds.recoverableItems?.quotaBytes, 30 * 1024 ** 3);
    assert.equal(body.retentionPolicy, "Contoso Standard");
  });

  it("unlimited Litigation Hold with its own policy (megan) → on hold, indefinitely, Executive Retention, 100 GB quota", async () => {
    const body = await ok("megan.bowen@contoso.com");
    const litigation = body.holds.holds.find((h) => h.kind === "LitigationHold");
    assert.equal(litigation?.periodDays, "unlimited");
    assert.equal(body.holds.onHold, true);
    assert.equal(body.retentionPolicy, "Executive Retention");
    assert.equal(body.holds.recoverableItems?.quotaBytes, 100 * 1024 ** 3);
  });

  it("In-Place hold (lee.gu) → named from Get-MailboxSearch, 365 days", async () => {
    const inPlace = (await ok("lee.gu@contoso.com")).holds.holds.find((h) => h.kind === "InPlaceHold");
    assert.equal(inPlace?.name, "Vendor dispute - Fabrikam");
    assert.equal(inPlace?.periodDays, 365);
  });

  it("eDiscovery case hold (nestor) → named from Get-CaseHoldPolicy, indefinitely", async () => {
    const caseHold = (await ok("nestor.wilke@contoso.com")).holds.holds.find(
      (h) => h.kind === "eDiscoveryHold"
    );
    assert.equal(caseHold?.name, "Case 2026-014 Project Falcon");
    assert.equal(caseHold?.periodDays, "unlimited");
  });

  it("Purview policy on the mailbox (lynne) → retains, 2555 days, beside the org-wide one", async () => {
    const body = await ok("lynne.robbins@contoso.com");
    assert.deepEqual(kinds(body).sort(), [
      "RetentionPolicy/mailbox/true",
      "RetentionPolicy/organization/false",
    ]);
    assert.equal(body.holds.holds.find((h) => h.scope === "mailbox")?.periodDays, 2555);
  });

  it("excluded from the org-wide policy (diego) → only the exclusion, named after the policy", async () => {
    const body = await ok("diego.siciliani@contoso.com");
    assert.deepEqual(kinds(body), ["RetentionPolicyExclusion/mailbox/false"]);
    assert.equal(body.holds.holds[0]?.name, "Org-wide mail - delete after 10 years");
  });

  it("delay hold (isaiah) → listed, on hold", async () => {
    const body = await ok("isaiah.langer@contoso.com");
    assert.ok(kinds(body).includes("DelayHold/mailbox/true"), kinds(body).join());
    assert.equal(body.holds.onHold, true);
  });

  it("retention hold window (johanna) → in effect now, and no hold", async () => {
    const body = await ok("johanna.lorenz@contoso.com");
    assert.equal(body.holds.retentionHold.inEffect, true);
    assert.equal(body.holds.onHold, false);
  });

  it("Recoverable Items usage → the root's subtree, with its folders by type", async () => {
    const body = await ok("megan.bowen@contoso.com");
    const types = body.holds.recoverableItems?.folders.map((f) => f.type);
    assert.ok(types?.includes("RecoverableItemsPurges"), JSON.stringify(types));
    assert.equal(typeof body.holds.recoverableItems?.usedBytes, "number");
    assert.equal(body.holds.deletedItems.singleItemRecovery, true);
  });

  it("a hold whose definition no longer exists (alex) → still listed, with a problem in words", async () => {
    const body = await ok("alex.wilber@contoso.com");
    assert.ok(kinds(body).includes("InPlaceHold/mailbox/true"), kinds(body).join());
    assert.equal(body.problems.length, 1);
    assert.match(body.problems[0]!, /cld0123456789abcdef0123456789abcdef: its definition no longer exists/);
  });

  it("outside the app's mailbox scope (pradeep) → holds still readable: the admin API is not scoped", async () => {
    await ok("pradeep.gupta@contoso.com");
  });

  it("no such user → 404 MAILBOX_NOT_FOUND; not an address → 400 INVALID_INPUT naming upn", async () => {
    const missing = await holdsOf("nobody@contoso.com");
    assert.equal(missing.status, 404, missing.text);
    assert.equal((missing.body as { error: { code: string } }).error.code, "MAILBOX_NOT_FOUND");
    const bad = await holdsOf("not-an-address");
    assert.equal(bad.status, 400);
    assert.match((bad.body as { error: { message: string } }).error.message, /path parameter "upn"/);
  });
});
