// POST /api/retractions/preview through real HTTP against sim's demo tenant: who is reached at each depth,
// who cannot be retracted and why, when approval is needed, and that each copy's predicted fate is the
// rules engine's answer for that copy with the retraction added.
import assert from "node:assert/strict";
import { explain } from "../../../api/src/rules/explain.js";
import { predictOutcome } from "../../../api/src/retraction/plan/predictOutcome.js";
import type { Plan } from "../../../api/src/retraction/plan/buildPlan.js";
import { startApi, userToken, type RunningApi } from "../../support/apiServer.js";
import { demo, startSim, type RunningSim } from "../../support/simServer.js";

describe("retraction/previewRoutes → POST /api/retractions/preview on the headline message", function () {
  this.timeout(60_000);
  let sim: RunningSim;
  let api: RunningApi;
  let admin: string;
  const fixedNow = Date.now();
  const preview = async (body: Record<string, unknown>, token = admin) =>
    api.call("/api/retractions/preview", token, { body });
  const plan = async (depth: number, mode: "soft" | "hard" = "soft"): Promise<Plan> => {
    const reply = await preview({
      internetMessageId: demo.phishId,
      mailbox: "adele.vance@contoso.com",
      conversationDepth: depth,
      mode,
    });
    assert.equal(reply.status, 200, reply.text);
    return reply.body as Plan;
  };
  const retractable = (p: Plan) =>
    p.targets
      .filter((t) => t.status === "retractable")
      .map((t) => t.mailbox)
      .sort();

  before(async () => {
    sim = await startSim();
    api = await startApi(sim, { now: () => fixedNow });
    admin = await userToken(sim, "admin@contoso.com");
  });
  after(async () => {
    await api?.close();
    await sim?.close();
  });

  it("depth 0 → every internal mailbox holding the message, once each; the others with their reason", async () => {
    const p = await plan(0);
    const depth0 = retractable(p);
    for (const upn of [
      "adele.vance",
      "alex.wilber",
      "megan.bowen",
      "lee.gu",
      "lynne.robbins",
      "henrietta.mueller",
    ])
      assert.ok(depth0.includes(`${upn}@contoso.com`), `${upn} in ${depth0.join()}`);
    assert.equal(depth0.filter((m) => m === "megan.bowen@contoso.com").length, 1);
    const reasons = Object.fromEntries(
      p.targets.filter((t) => t.status !== "retractable").map((t) => [t.mailbox, t.status])
    );
    assert.equal(reasons["auditor@tailspintoys.com"], "external");
    assert.equal(reasons["paul.rivera@contoso-europe.com"], "unverifiedDomain");
    assert.equal(reasons["contractor@contoso.com"], "noMailbox");
    assert.equal(reasons["pradeep.gupta@contoso.com"], "outOfScope");
    assert.equal(reasons["miriam.graham@contoso.com"], "copyNotFound");
    assert.equal(p.totals.retractableMailboxes, depth0.length);
    assert.deepEqual(p.approval, { required: false, reasons: [] });
    // The plan was staged while it was built and streamed; nothing of it is left once answered.
    const [staged] = await api.services.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM retraction_plan_entries"
    );
    assert.equal(staged!.n, 0);
  });

  it("depth 1 adds the first forward's and the reply's internal recipients; depth 2 the second forward's", async () => {
    const depth0 = new Set(retractable(await plan(0)));
    const depth1 = retractable(await plan(1));
    assert.deepEqual(
      depth1.filter((m) => !depth0.has(m)),
      ["isaiah.langer@contoso.com", "nestor.wilke@contoso.com", "patti.fernandez@contoso.com"]
    );
    const depth2 = retractable(await plan(2));
    assert.deepEqual(
      depth2.filter((m) => !depth1.includes(m)),
      ["grady.archie@contoso.com", "johanna.lorenz@contoso.com"]
    );
    const grady = (await plan(2)).targets.find((t) => t.mailbox === "grady.archie@contoso.com");
    assert.match(grady!.why.map((w) => w.text).join(" "), /forwarded by Patti Fernandez at depth 2/);
  });

  it("hard mode → approval required because it cannot be undone; held copies kept, unheld destroyed", async () => {
    const p = await plan(0, "hard");
    assert.equal(p.approval.required, true);
    assert.match(p.approval.reasons.join(), /cannot be undone/);
    const alex = p.targets.find((t) => t.mailbox === "alex.wilber@contoso.com")!;
    assert.equal(alex.predictedOutcome?.fate, "keptByHold");
    assert.deepEqual(alex.predictedOutcome?.keptBy, ["Litigation Hold"]);
    const adele = p.targets.find((t) => t.mailbox === "adele.vance@contoso.com")!;
    assert.equal(adele.predictedOutcome?.fate, "destroyed");
    assert.equal(p.totals.keptByHold + p.totals.destroyed, p.totals.copies);
  });

  for (const mailbox of [
    "alex.wilber@contoso.com",
    "megan.bowen@contoso.com",
    "lee.gu@contoso.com",
    "lynne.robbins@contoso.com",
  ]) {
    it(`${mailbox}: predicted fate → the rules engine's, on the item status scenario plus the retraction`, async () => {
      const p = await plan(0, "hard");
      const target = p.targets.find((t) => t.mailbox === mailbox)!;
      const query = new URLSearchParams({ mailbox, internetMessageId: demo.phishId });
      const status = await api.call(`/api/items/status?${query}`, admin);
      assert.equal(status.status, 200, status.text);
      const scenario = (status.body as { scenario: Record<string, unknown> }).scenario;
      const expected = predictOutcome(
        explain({ ...scenario, events: [{ at: p.asOf, action: "retractHard" }] }),
        "hard"
      );
      assert.deepEqual(target.copies[0]?.predictedOutcome, expected);
      assert.equal(target.copies[0]?.folder, (status.body as { item: { folder: string } }).item.folder);
    });
  }

  it("helpdesk (no Retract.Run) → 403", async () => {
    const reply = await preview(
      { internetMessageId: demo.phishId, mailbox: "adele.vance@contoso.com", mode: "soft" },
      await userToken(sim, "helpdesk@contoso.com")
    );
    assert.equal(reply.status, 403);
  });

  for (const [label, body, field] of [
    ["depth 4", { conversationDepth: 4, mode: "soft" }, "conversationDepth"],
    ["no mode", {}, "mode"],
    ["mode 'purge'", { mode: "purge" }, "mode"],
  ] as const) {
    it(`${label} → 400 INVALID_INPUT naming ${field}`, async () => {
      const reply = await preview({
        internetMessageId: demo.phishId,
        mailbox: "adele.vance@contoso.com",
        ...body,
      });
      assert.equal(reply.status, 400, reply.text);
      assert.match((reply.body as { error: { message: string } }).error.message, new RegExp(`"${field}"`));
    });
  }

  it("a message the mailbox does not hold → 400 MESSAGE_NOT_FOUND", async () => {
    const reply = await preview({
      internetMessageId: "<unknown@contoso.com>",
      mailbox: "adele.vance@contoso.com",
      mode: "soft",
    });
    assert.equal(reply.status, 400, reply.text);
    assert.equal((reply.body as { error: { code: string } }).error.code, "MESSAGE_NOT_FOUND");
  });
});
