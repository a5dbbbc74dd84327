// GET /api/items/status through real HTTP against sim's demo tenant: who may read which mailbox, what the
// held mailboxes' copies say, that other people's mailboxes are audited, and that the answer is exactly
// what `npm run explain` prints for the scenario the API reports.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { listAudit } from "../../../api/src/audit/listAudit.js";
import type { Explanation } from "../../../api/src/rules/explanation.js";
import { startApi, userToken, type RunningApi } from "../../support/apiServer.js";
import { demo, startSim, type RunningSim } from "../../support/simServer.js";

const run = promisify(execFile);
const dayMs = 86_400_000;

type Status = {
  asOf: string;
  mailbox: { userPrincipalName: string; objectId: string };
  item: { folder: string; receivedDateTime: string; subject: string; copiesInMailbox: number };
  explanation: Explanation;
  ifDeletedToday: Explanation;
  holds: { holds: { kind: string; scope: string; retains: boolean }[] };
  problems: string[];
  scenario: Record<string, unknown>;
};

describe("items/itemStatusRoutes → GET /api/items/status against the demo tenant", function () {
  this.timeout(30_000);
  let sim: RunningSim;
  let api: RunningApi;
  const tokens = new Map<string, string>();
  const tokenOf = async (upn: string) => {
    if (!tokens.has(upn)) tokens.set(upn, await userToken(sim, upn));
    return tokens.get(upn)!;
  };
  const status = async (caller: string, mailbox: string, id = demo.phishId) => {
    const query = new URLSearchParams({ mailbox, internetMessageId: id });
    return api.call(`/api/items/status?${query}`, await tokenOf(caller));
  };
  const ok = async (caller: string, mailbox: string, id = demo.phishId): Promise<Status> => {
    const reply = await status(caller, mailbox, id);
    assert.equal(reply.status, 200, reply.text);
    return reply.body as Status;
  };
  const hold = (body: Status, kind: string) => body.explanation.holds.find((h) => h.kind === kind);
  const daysAfterReceipt = (body: Status, days: number) =>
    new Date(Date.parse(body.item.receivedDateTime) + days * dayMs).toISOString();

  /** The mailboxes (decoded, lower-cased) each Graph request addressed, newest last. */
  const graphMailboxes: string[] = [];

  before(async () => {
    sim = await startSim();
    api = await startApi(sim, {
      graph: {
        onAttempt: (attempt) => {
          const user = /\/users\/([^/?]+)\/messages/.exec(attempt.url)?.[1];
          if (user) graphMailboxes.push(decodeURIComponent(user).toLowerCase());
        },
      },
    });
  });
  after(async () => {
    await api?.close();
    await sim?.close();
  });

  describe("who may read", () => {
    it("owner without roles reads their own copy → 200 with their personal tag, and no audit record", async () => {
      const body = await ok("adele.vance@contoso.com", "adele.vance@contoso.com");
      assert.equal(body.mailbox.userPrincipalName, "adele.vance@contoso.com");
      assert.equal(body.item.folder, "inbox");
      assert.deepEqual(body.explanation.retention.tag, {
        name: "1 Week Delete",
        source: "personal",
        action: "DeleteAndAllowRecovery",
        ageLimitDays: 7,
      });
      assert.equal(body.explanation.retention.expiresAt, daysAfterReceipt(body, 7));
      const records = await listAudit(api.services.db, { limit: 50 });
      assert.equal(records.filter((r) => r.subject.mailbox === "adele.vance@contoso.com").length, 0);
    });

    it("ordinary user reading another mailbox → 403 NOT_YOUR_MAILBOX; that mailbox's messages never asked for", async () => {
      await tokenOf("adele.vance@contoso.com");
      graphMailboxes.length = 0;
      const reply = await status("adele.vance@contoso.com", "alex.wilber@contoso.com");
      assert.equal(reply.status, 403);
      assert.equal((reply.body as { error: { code: string } }).error.code, "NOT_YOUR_MAILBOX");
      const alex = sim.sim.tenant.user("alex.wilber@contoso.com")!;
      const adele = sim.sim.tenant.user("adele.vance@contoso.com")!;
      assert.ok(!graphMailboxes.some((m) => m === "alex.wilber@contoso.com" || m === alex.id.toLowerCase()));
      assert.deepEqual(graphMailboxes, [adele.id.toLowerCase()], "only her own mailbox, by object id");
    });

    it("helpdesk reading someone's copy → 200 and an audit record naming who looked at whose item", async () => {
      await ok("helpdesk@contoso.com", "lee.gu@contoso.com");
      const [record] = await listAudit(api.services.db, { limit: 1, messageId: demo.phishId });
      assert.equal(record?.action, "item.status.read");
      assert.equal(record?.actor.upn, "helpdesk@contoso.com");
      assert.equal(record?.subject.mailbox, "lee.gu@contoso.com");
      assert.equal(
        record?.subject.mailboxObjectId,
        sim.sim.tenant.user("lee.gu@contoso.com")!.id.toLowerCase()
      );
      assert.deepEqual(record?.details.roles, ["Holds.Read"]);
    });

    it("a mailbox outside the API app's scope → 403 MAILBOX_OUT_OF_SCOPE", async () => {
      const reply = await status("admin@contoso.com", "pradeep.gupta@contoso.com");
      assert.equal(reply.status, 403, reply.text);
      assert.equal((reply.body as { error: { code: string } }).error.code, "MAILBOX_OUT_OF_SCOPE");
    });

    it("a message the mailbox never got → 404 ITEM_NOT_FOUND naming the mailbox", async () => {
      const reply = await status(
        "admin@contoso.com",
        "alex.wilber@contoso.com",
        "<nothing-here@contoso.com>"
      );
      assert.equal(reply.status, 404);
      const error = (reply.body as { error: { code: string; message: string } }).error;
      assert.equal(error.code, "ITEM_NOT_FOUND");
      assert.match(error.message, /alex\.wilber@contoso\.com/);
    });

    for (const [query, field] of [
      ["internetMessageId=%3Ca%40b%3E", "mailbox"],
      ["mailbox=not-an-address&internetMessageId=%3Ca%40b%3E", "mailbox"],
      ["mailbox=alex.wilber%40contoso.com&internetMessageId=%3Cwith%20space%3E", "internetMessageId"],
    ] as const) {
      it(`bad query "${query}" → 400 INVALID_INPUT naming ${field}`, async () => {
        const reply = await api.call(`/api/items/status?${query}`, await tokenOf("admin@contoso.com"));
        assert.equal(reply.status, 400, reply.text);
        const error = (reply.body as { error: { code: string; message: string } }).error;
        assert.equal(error.code, "INVALID_INPUT");
        assert.match(error.message, new RegExp(`"${field}"`));
      });
    }
  });

  describe("held mailboxes read correctly", () => {
    it("Litigation Hold of 2555 days → covers the item until 2555 days after receipt", async () => {
      const body = await ok("admin@contoso.com", "alex.wilber@contoso.com");
      const litigation = hold(body, "LitigationHold");
      assert.equal(litigation?.coversItem, true);
      assert.equal(litigation?.protectedUntil, daysAfterReceipt(body, 2555));
      assert.equal(body.explanation.protectedUntil, daysAfterReceipt(body, 2555));
    });

    it("Litigation Hold, if deleted today → Deleted Items now, and still kept 2555 days after receipt", async () => {
      const body = await ok("admin@contoso.com", "alex.wilber@contoso.com");
      const first = body.ifDeletedToday.timeline.find((entry) => entry.at === body.asOf);
      assert.equal(first?.location, "deleteditems");
      assert.equal(body.ifDeletedToday.permanentRemovalAt, daysAfterReceipt(body, 2555));
      assert.equal(body.explanation.locationAsOf, "inbox", "the copy itself is not moved by the question");
    });

    it("unlimited Litigation Hold, copy in Deleted Items → protected indefinitely, policy's Deleted Items tag applies", async () => {
      const body = await ok("admin@contoso.com", "megan.bowen@contoso.com");
      assert.equal(body.item.folder, "deleteditems");
      assert.equal(hold(body, "LitigationHold")?.protectedUntil, "indefinitely");
      assert.equal(body.explanation.retention.tag?.name, "Deleted Items 30 days");
      assert.equal(body.explanation.retention.tag?.source, "folder");
      assert.equal(body.explanation.permanentRemovalAt, "indefinitely");
    });

    it("In-Place hold with a 365-day period (query on sender, not evaluable) → assumed to cover, 365 days from receipt", async () => {
      const body = await ok("helpdesk@contoso.com", "lee.gu@contoso.com");
      assert.equal(body.item.folder, "junkemail");
      const inPlace = hold(body, "InPlaceHold");
      assert.equal(inPlace?.coversItem, true);
      assert.equal(inPlace?.protectedUntil, daysAfterReceipt(body, 365));
      assert.match(inPlace?.detail ?? "", /Vendor dispute - Fabrikam/);
    });

    it("Purview retention policy (:2, 7 years) on the mailbox → covers until 2555 days after receipt", async () => {
      const body = await ok("admin@contoso.com", "lynne.robbins@contoso.com");
      const policy = body.explanation.holds.find((h) => h.kind === "RetentionPolicy" && h.coversItem);
      assert.equal(policy?.protectedUntil, daysAfterReceipt(body, 2555));
    });

    it("excluded from the org-wide delete-only policy → exclusion listed, nothing protects the item", async () => {
      const body = await ok("admin@contoso.com", "diego.siciliani@contoso.com");
      assert.ok(hold(body, "RetentionPolicyExclusion"), JSON.stringify(body.explanation.holds));
      assert.equal(body.explanation.protectedUntil, null);
    });

    it("eDiscovery case hold with query subject:Falcon → covers the Falcon mail, not the payroll reply", async () => {
      const falcon = await ok(
        "admin@contoso.com",
        "nestor.wilke@contoso.com",
        "<demo-falcon-0005@contoso.com>"
      );
      assert.equal(hold(falcon, "eDiscoveryHold")?.coversItem, true);
      assert.equal(falcon.explanation.protectedUntil, "indefinitely");
      const reply = await ok(
        "admin@contoso.com",
        "nestor.wilke@contoso.com",
        "<demo-reply-0004@contoso.com>"
      );
      assert.equal(hold(reply, "eDiscoveryHold")?.coversItem, false);
    });

    it("delay hold → the item is kept for the 30 days after the hold's removal", async () => {
      const body = await ok("admin@contoso.com", "isaiah.langer@contoso.com", "<demo-fwd-0002@contoso.com>");
      assert.equal(hold(body, "DelayHold")?.coversItem, true);
    });

    it("retention hold window → expiry suspended until the window's end", async () => {
      const body = await ok("admin@contoso.com", "johanna.lorenz@contoso.com", "<demo-fwd-0003@contoso.com>");
      const settings = sim.sim.tenant.user("johanna.lorenz@contoso.com")!.mailbox!.settings;
      assert.equal(
        body.explanation.retention.suspendedUntil,
        new Date(settings.EndDateForRetentionHold!).toISOString()
      );
    });

    it("mailbox holds come with the status: the Litigation Hold and the org-wide delete-only policy", async () => {
      const body = await ok("admin@contoso.com", "alex.wilber@contoso.com");
      assert.deepEqual(
        body.holds.holds.map(({ kind, scope, retains }) => ({ kind, scope, retains })),
        [
          { kind: "LitigationHold", scope: "mailbox", retains: true },
          { kind: "RetentionPolicy", scope: "organization", retains: false },
        ]
      );
    });
  });

  describe("the same answer as npm run explain", () => {
    const folder = mkdtempSync(join(tmpdir(), "status-explain-"));
    after(() => rmSync(folder, { recursive: true, force: true }));
    const explainCli = async (scenario: unknown): Promise<Explanation> => {
      const file = join(folder, `${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(file, JSON.stringify(scenario));
      const { stdout } = await run(process.execPath, ["--import", "tsx", "api/src/cli/explain.ts", file]);
      return JSON.parse(stdout) as Explanation;
    };

    it("the scenario the API reports → npm run explain prints the API's explanation", async () => {
      const body = await ok("admin@contoso.com", "megan.bowen@contoso.com");
      assert.deepEqual(await explainCli(body.scenario), body.explanation);
    });

    it("an equivalent scenario written from the demo tenant's definitions → the same explanation as the API's", async () => {
      const body = await ok("admin@contoso.com", "alex.wilber@contoso.com");
      const settings = sim.sim.tenant.user("alex.wilber@contoso.com")!.mailbox!.settings;
      const scenario = {
        asOf: body.asOf,
        mailbox: {
          LitigationHoldEnabled: true,
          LitigationHoldDate: new Date(settings.LitigationHoldDate!).toISOString(),
          LitigationHoldOwner: "legal@contoso.com",
          LitigationHoldDuration: "2555.00:00:00",
        },
        // The org-wide delete-only Purview policy every mailbox not excluded is under.
        organization: { InPlaceHolds: ["mbx7cfb30345d454ac0a989ab3041051209:1"] },
        inPlaceHoldDetails: [
          {
            Identity: "mbx7cfb30345d454ac0a989ab3041051209:1",
            Name: "Org-wide mail - delete after 10 years",
            RetentionDuration: 3650,
          },
        ],
        // Contoso Standard, the demo tenant's default policy: its default tags.
        retentionTags: [
          {
            Name: "Delete after 3 years",
            Type: "All",
            AgeLimitForRetention: "1095.00:00:00",
            RetentionAction: "DeleteAndAllowRecovery",
          },
          {
            Name: "Default 2 year move to archive",
            Type: "All",
            AgeLimitForRetention: "730.00:00:00",
            RetentionAction: "MoveToArchive",
          },
        ],
        item: { receivedDateTime: body.item.receivedDateTime, folder: "inbox", subject: body.item.subject },
      };
      assert.deepEqual(await explainCli(scenario), body.explanation);
    });
  });
});
