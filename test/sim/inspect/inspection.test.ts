import assert from "node:assert/strict";
import { demo, startSim, type RunningSim } from "../../support/simServer.js";

type CopyLocation = {
  mailbox: string;
  folder: string;
  recoverable: boolean;
  isRead: boolean;
  id: string;
  receivedDateTime: string;
};
type MailboxSummary = {
  userPrincipalName: string;
  appRoles: string[];
  holds: string[];
  outsideScopeOf: string[];
  items: number;
  recoverableItems: number;
};
type ActivityEntry = {
  at: string;
  appId: string;
  mailbox: string;
  operation: string;
  internetMessageId: string;
  from: string;
  to: string;
};

const browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const phish = encodeURIComponent(demo.phishId);

describe("sim inspection endpoints", () => {
  let running: RunningSim;
  let graphToken: string;

  const copies = async (): Promise<CopyLocation[]> => {
    const reply = await running.call(`/_sim/copies?internetMessageId=${phish}`);
    assert.equal(reply.status, 200, reply.text);
    return (reply.body as { value: CopyLocation[] }).value;
  };
  const copyIn = async (upn: string) => {
    const found = (await copies()).filter((c) => c.mailbox === upn);
    assert.equal(found.length, 1, `${upn} holds one copy`);
    return found[0]!;
  };
  const mailboxes = async (): Promise<MailboxSummary[]> => {
    const reply = await running.call("/_sim/mailboxes");
    assert.equal(reply.status, 200);
    return (reply.body as { value: MailboxSummary[] }).value;
  };
  const settings = async () => (await running.call("/_sim/settings")).body as Record<string, unknown>;
  const putSettings = (body: unknown) => running.call("/_sim/settings", { method: "PUT", body });

  before(async () => {
    running = await startSim();
    graphToken = await running.appToken();
  });
  after(() => running.close());

  describe("GET /", () => {
    it("Accept text/html (a browser) → the HTML page with the tenant and its mailboxes", async () => {
      const reply = await running.call("/", { headers: { accept: browserAccept } });
      assert.equal(reply.status, 200);
      assert.match(String(reply.headers["content-type"]), /^text\/html/);
      assert.match(reply.text, /^<!doctype html>/i);
      assert.match(reply.text, /Contoso/);
      assert.match(reply.text, /alex\.wilber@contoso\.com/);
      assert.match(reply.text, /Litigation Hold \(2555\.00:00:00\)/);
    });

    it("Accept application/json, or no Accept → JSON naming the tenant and its endpoints", async () => {
      for (const headers of [{ accept: "application/json" }, {}] as Record<string, string>[]) {
        const reply = await running.call("/", { headers });
        assert.match(String(reply.headers["content-type"]), /^application\/json/);
        const body = reply.body as { tenant: { id: string }; endpoints: Record<string, string> };
        assert.equal(body.tenant.id, demo.tenantId);
        assert.equal(
          body.endpoints.exchangeAdmin,
          `${running.origin}/adminapi/beta/${demo.tenantId}/InvokeCommand`
        );
        assert.equal(body.endpoints.graph, `${running.origin}/v1.0/`);
      }
    });

    it("HTML with ?internetMessageId → a copy table that refreshes, the Message-ID escaped", async () => {
      const reply = await running.call(`/?internetMessageId=${phish}`, {
        headers: { accept: browserAccept },
      });
      assert.match(reply.text, /http-equiv="refresh"/);
      assert.match(reply.text, /&lt;demo-phish-0001@fabrikam\.com&gt;/);
      assert.doesNotMatch(reply.text, /<demo-phish-0001@fabrikam\.com>/);
      assert.match(reply.text, /megan\.bowen@contoso\.com<\/td><td>Deleted Items/);
    });
  });

  describe("GET /_sim/mailboxes", () => {
    it("→ every mailbox with its roles and holds in words, and whether the API app can reach it", async () => {
      const all = await mailboxes();
      assert.ok(all.length >= 25);
      const by = (upn: string) => all.find((m) => m.userPrincipalName === upn)!;
      assert.deepEqual(by("admin@contoso.com").appRoles, ["Retract.Run", "Audit.Read", "Holds.Read"]);
      assert.deepEqual(by("alex.wilber@contoso.com").holds, ["Litigation Hold (2555.00:00:00)"]);
      assert.deepEqual(by("megan.bowen@contoso.com").holds, ["Litigation Hold (unlimited)"]);
      assert.ok(by("diego.siciliani@contoso.com").holds[0]!.startsWith("excluded from "));
      assert.ok(by("isaiah.langer@contoso.com").holds.includes("delay hold"));
      assert.deepEqual(by("pradeep.gupta@contoso.com").outsideScopeOf, ["Retention Lens API"]);
      assert.deepEqual(by("alex.wilber@contoso.com").outsideScopeOf, []);
      assert.equal(
        all.some((m) => m.userPrincipalName === "contractor@contoso.com"),
        false,
        "no mailbox, not listed"
      );
    });

    it("a browser on another origin (the harness page) → answered with Access-Control-Allow-Origin *", async () => {
      const reply = await running.call("/_sim/mailboxes", { headers: { origin: "https://localhost:3000" } });
      assert.equal(reply.headers["access-control-allow-origin"], "*");
    });
  });

  describe("GET /_sim/copies", () => {
    it("no internetMessageId → 400", async () => {
      assert.equal((await running.call("/_sim/copies")).status, 400);
    });

    it("the phishing message → where each copy is: mailbox, folder, read state", async () => {
      const found = await copies();
      assert.equal(found.length, 10);
      assert.equal((await copyIn("megan.bowen@contoso.com")).folder, "Deleted Items");
      assert.equal((await copyIn("lee.gu@contoso.com")).folder, "Junk Email");
      const adele = await copyIn("adele.vance@contoso.com");
      assert.equal(adele.folder, "Inbox");
      assert.equal(adele.isRead, true);
      assert.equal(adele.recoverable, false);
    });

    it("an unknown Message-ID → 200 with no copies", async () => {
      const reply = await running.call(
        `/_sim/copies?internetMessageId=${encodeURIComponent("<nothing@nowhere.test>")}`
      );
      assert.deepEqual((reply.body as { value: unknown[] }).value, []);
    });

    it("after a Graph move with an app token → the copy is shown in its new folder with its new id; the activity log records it", async () => {
      const before = await copyIn("adele.vance@contoso.com");
      const moved = await running.call(
        `/v1.0/users/adele.vance@contoso.com/messages/${encodeURIComponent(before.id)}/move`,
        {
          method: "POST",
          token: graphToken,
          body: { destinationId: "deleteditems" },
        }
      );
      assert.equal(moved.status, 201, moved.text);
      const after = await copyIn("adele.vance@contoso.com");
      assert.equal(after.folder, "Deleted Items");
      assert.notEqual(after.id, before.id);
      assert.equal(after.id, (moved.body as { id: string }).id);
      assert.equal((await copies()).length, 10);
      const activity = (await running.call("/_sim/activity")).body as { value: ActivityEntry[] };
      const entry = activity.value.at(-1)!;
      assert.deepEqual(
        {
          appId: entry.appId,
          mailbox: entry.mailbox,
          operation: entry.operation,
          internetMessageId: entry.internetMessageId,
          from: entry.from,
          to: entry.to,
        },
        {
          appId: demo.apiClientId,
          mailbox: "adele.vance@contoso.com",
          operation: "move",
          internetMessageId: demo.phishId,
          from: "Inbox",
          to: "Deleted Items",
        }
      );
    });

    it("after a Graph DELETE → the copy shows in Recoverable Items\\Deletions, and the mailbox summary counts it", async () => {
      const before = await copyIn("joni.sherman@contoso.com");
      const summaryBefore = (await mailboxes()).find(
        (m) => m.userPrincipalName === "joni.sherman@contoso.com"
      )!;
      const deleted = await running.call(
        `/v1.0/users/joni.sherman@contoso.com/messages/${encodeURIComponent(before.id)}`,
        { method: "DELETE", token: graphToken }
      );
      assert.equal(deleted.status, 204, deleted.text);
      const after = await copyIn("joni.sherman@contoso.com");
      assert.equal(after.folder, "Recoverable Items\\Deletions");
      assert.equal(after.recoverable, true);
      const summaryAfter = (await mailboxes()).find(
        (m) => m.userPrincipalName === "joni.sherman@contoso.com"
      )!;
      assert.equal(summaryAfter.recoverableItems, summaryBefore.recoverableItems + 1);
      assert.equal(summaryAfter.items, summaryBefore.items - 1);
    });
  });

  describe("GET /_sim/stats", () => {
    type Stats = {
      graphRequests: { answered: number; throttled: number };
      writes: { total: number; repeatedCount: number; repeated: { key: string; writes: number }[] };
    };
    const stats = async () => (await running.call("/_sim/stats")).body as Stats;

    it("a copy moved away and back → two writes on it: counted as repeated, with its mailbox and Message-ID", async () => {
      const before = await stats();
      const copy = await copyIn("alex.wilber@contoso.com");
      const move = (id: string, destinationId: string) =>
        running.call(`/v1.0/users/alex.wilber@contoso.com/messages/${encodeURIComponent(id)}/move`, {
          method: "POST",
          token: graphToken,
          body: { destinationId },
        });
      const away = await move(copy.id, "deleteditems");
      assert.equal((await move((away.body as { id: string }).id, "inbox")).status, 201);

      const after = await stats();
      assert.equal(after.writes.total, before.writes.total + 2);
      assert.equal(after.writes.repeatedCount, before.writes.repeatedCount + 1);
      assert.deepEqual(
        after.writes.repeated.find((r) => r.key === `alex.wilber@contoso.com ${demo.phishId}`),
        { key: `alex.wilber@contoso.com ${demo.phishId}`, writes: 2 }
      );
      assert.ok(after.graphRequests.answered >= before.graphRequests.answered + 2);
    });

    it("a request over the app-wide rate → counted as throttled, not answered", async () => {
      assert.equal((await putSettings({ appRequestsPerSecond: 1 })).status, 200);
      try {
        const before = await stats();
        const replies = await Promise.all(
          [1, 2, 3].map(() => running.call("/v1.0/users/alex.wilber@contoso.com", { token: graphToken }))
        );
        const after = await stats();
        const refused = replies.filter((r) => r.status === 429).length;
        assert.ok(refused >= 1, "at least one refused");
        assert.equal(after.graphRequests.throttled - before.graphRequests.throttled, refused);
        assert.equal(after.graphRequests.answered - before.graphRequests.answered, 3 - refused);
      } finally {
        assert.equal((await putSettings({ appRequestsPerSecond: 13_000 })).status, 200);
      }
    });
  });

  describe("/_sim/settings", () => {
    it("GET → the live settings and the peak number of requests in flight per mailbox", async () => {
      const current = await settings();
      assert.equal(current.mailboxConcurrency, 4);
      assert.equal(current.deleteDestination, "recoverableitemsdeletions");
      assert.equal(typeof current.peakInFlightPerMailbox, "number");
    });

    it("PUT valid fields → 200 with the merged settings; the next requests behave accordingly", async () => {
      const reply = await putSettings({ deleteDestination: "deleteditems", latencyMs: 0 });
      assert.equal(reply.status, 200, reply.text);
      assert.equal((reply.body as Record<string, unknown>).deleteDestination, "deleteditems");
      assert.equal((reply.body as Record<string, unknown>).mailboxConcurrency, 4, "untouched fields kept");
      try {
        const before = await copyIn("emily.braun@contoso.com");
        const deleted = await running.call(
          `/v1.0/users/emily.braun@contoso.com/messages/${encodeURIComponent(before.id)}`,
          { method: "DELETE", token: graphToken }
        );
        assert.equal(deleted.status, 204);
        assert.equal((await copyIn("emily.braun@contoso.com")).folder, "Deleted Items");
      } finally {
        assert.equal((await putSettings({ deleteDestination: "recoverableitemsdeletions" })).status, 200);
      }
    });

    it("PUT an unknown field → 400 naming it, settings unchanged", async () => {
      const before = await settings();
      const reply = await putSettings({ latencyMs: 5, turboMode: true });
      assert.equal(reply.status, 400);
      assert.match((reply.body as { error: { message: string } }).error.message, /^turboMode: /);
      assert.deepEqual(await settings(), before);
    });

    it("PUT a value out of range or of the wrong type → 400 naming the field, settings unchanged", async () => {
      const before = await settings();
      for (const [body, field] of [
        [{ faultRate: 1.5 }, "faultRate"],
        [{ latencyMs: -1 }, "latencyMs"],
        [{ mailboxConcurrency: 2.5 }, "mailboxConcurrency"],
        [{ deleteDestination: "trash" }, "deleteDestination"],
        [{ faultKinds: [] }, "faultKinds"],
        [{ faultKinds: ["503", "boom"] }, "faultKinds.1"],
        [{ latencyMs: "40" }, "latencyMs"],
      ] as const) {
        const reply = await putSettings(body);
        assert.equal(reply.status, 400, JSON.stringify(body));
        const message = (reply.body as { error: { message: string } }).error.message;
        assert.ok(message.startsWith(`${field}: `), message);
      }
      assert.deepEqual(await settings(), before);
    });

    it("PUT a body that is not a JSON object (an array, null, malformed JSON, nothing) → 400, not a server error", async () => {
      for (const body of [[1, 2], "null", "{oops", ""]) {
        const reply = await putSettings(body);
        assert.equal(reply.status, 400, JSON.stringify(body));
        assert.equal((reply.body as { error: { code: string } }).error.code, "BadRequest");
      }
    });
  });
});
