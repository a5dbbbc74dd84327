import assert from "node:assert/strict";
import { demo, demoFixtureJson, startSim, type Reply, type RunningSim } from "../../support/simServer.js";

type Row = Record<string, unknown>;
type Page = {
  value: Row[];
  "@odata.nextLink"?: string;
  "@odata.context"?: string;
  "@adminapi.warnings"?: unknown;
};
type ErrorBody = { error: { code: string; message: string; details: { message: string }[] } };

const exchange = "https://outlook.office365.com";
const invokePath = `/adminapi/beta/${demo.tenantId}/InvokeCommand`;
const dayMs = 86_400_000;
const now = Date.parse("2026-03-02T09:30:00.000Z");

/** An app that may read the directory through Graph but holds no Exchange role. */
const noExchangeApp = { id: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", secret: "reporting-secret-for-tests" };

function fixtureWithExtraApp(): Record<string, unknown> {
  const fixture = demoFixtureJson();
  (fixture.applications as unknown[]).push({
    appId: noExchangeApp.id,
    displayName: "Reporting without Exchange role",
    secrets: [noExchangeApp.secret],
    graphPermissions: ["User.Read.All"],
  });
  return fixture;
}

function mailboxUpns(): string[] {
  const users = demoFixtureJson().users as { userPrincipalName: string; mailbox?: unknown }[];
  return users.filter((u) => u.mailbox !== false).map((u) => u.userPrincipalName);
}

describe("Exchange admin API InvokeCommand", () => {
  let running: RunningSim;
  let exchangeToken: string;
  let graphToken: string;

  const invoke = (
    cmdlet: string,
    parameters: Row = {},
    options: { query?: string; headers?: Record<string, string>; token?: string; path?: string } = {}
  ) =>
    running.call(`${options.path ?? invokePath}${options.query ?? ""}`, {
      method: "POST",
      token: options.token ?? exchangeToken,
      headers: options.headers,
      body: { CmdletInput: { CmdletName: cmdlet, Parameters: parameters } },
    });

  const rows = (reply: Reply): Row[] => {
    assert.equal(reply.status, 200, reply.text);
    return (reply.body as Page).value;
  };

  const mailbox = async (identity: string): Promise<Row> => {
    const found = rows(await invoke("Get-Mailbox", { Identity: identity }));
    assert.equal(found.length, 1);
    return found[0]!;
  };

  const assertExchangeError = (reply: Reply, status: number, exceptionType: RegExp) => {
    assert.equal(reply.status, status, reply.text);
    assert.match(String(reply.headers["x-exceptiontype"]), exceptionType);
    const body = reply.body as ErrorBody;
    const parts = body.error.details[0]!.message.split("|");
    assert.equal(parts.length, 3);
    assert.match(parts[1]!, exceptionType);
    assert.equal(parts[2], body.error.message);
    return body;
  };

  before(async () => {
    running = await startSim({ fixture: fixtureWithExtraApp(), clock: () => now });
    exchangeToken = await running.appToken(exchange);
    graphToken = await running.appToken();
  });
  after(() => running.close());

  describe("Get-Mailbox", () => {
    it("alex.wilber → Litigation Hold with its 7-year duration and the default deleted-item retention", async () => {
      const alex = await mailbox("alex.wilber@contoso.com");
      assert.equal(alex.UserPrincipalName, "alex.wilber@contoso.com");
      assert.equal(alex.LitigationHoldEnabled, true);
      assert.equal(alex.LitigationHoldDuration, "2555.00:00:00");
      assert.equal(alex.LitigationHoldOwner, "legal@contoso.com");
      assert.equal(alex.RetainDeletedItemsFor, "14.00:00:00");
      assert.equal(alex.SingleItemRecoveryEnabled, true);
      assert.equal(alex.RetentionPolicy, "Contoso Standard");
      assert.deepEqual(alex.InPlaceHolds, []);
    });

    it("dates → seven fractional digits and an offset, resolved from the fixture's relative instants", async () => {
      const alex = await mailbox("alex.wilber@contoso.com");
      const expected = new Date(now - 400 * dayMs).toISOString().slice(0, 19);
      assert.equal(alex.LitigationHoldDate, `${expected}.0000000+00:00`);
      assert.match(String(alex.WhenMailboxCreated), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}\+00:00$/);
      assert.equal(alex.StartDateForRetentionHold, null);
      const johanna = await mailbox("johanna.lorenz@contoso.com");
      assert.equal(johanna.RetentionHoldEnabled, true);
      assert.equal(
        johanna.StartDateForRetentionHold,
        `${new Date(now - 10 * dayMs).toISOString().slice(0, 19)}.0000000+00:00`
      );
      assert.equal(
        johanna.EndDateForRetentionHold,
        `${new Date(now + 20 * dayMs).toISOString().slice(0, 19)}.0000000+00:00`
      );
    });

    it("held mailboxes → Recoverable Items quota raised to 100 GB; unheld ones keep 30 GB", async () => {
      const held = [
        "alex.wilber@contoso.com",
        "megan.bowen@contoso.com",
        "lee.gu@contoso.com",
        "lynne.robbins@contoso.com",
      ];
      for (const upn of held) {
        const row = await mailbox(upn);
        assert.equal(row.RecoverableItemsQuota, "100 GB (107,374,182,400 bytes)", upn);
        assert.equal(row.RecoverableItemsWarningQuota, "90 GB (96,636,764,160 bytes)", upn);
      }
      const unheld = await mailbox("pradeep.gupta@contoso.com");
      assert.equal(unheld.RecoverableItemsQuota, "30 GB (32,212,254,720 bytes)");
      assert.equal(unheld.RecoverableItemsWarningQuota, "20 GB (21,474,836,480 bytes)");
    });

    it("a mailbox whose only InPlaceHolds entry is an exclusion (-mbx) → not held, 30 GB", async () => {
      const diego = await mailbox("diego.siciliani@contoso.com");
      assert.deepEqual(diego.InPlaceHolds, ["-mbx7cfb30345d454ac0a989ab3041051209"]);
      assert.equal(diego.RecoverableItemsQuota, "30 GB (32,212,254,720 bytes)");
    });

    it("InPlaceHolds → the mailbox's In-Place, eDiscovery and retention policy entries as arrays", async () => {
      assert.deepEqual((await mailbox("lee.gu@contoso.com")).InPlaceHolds, [
        "cld9c0a984ca74b457fbe4504bf7d3e00de",
      ]);
      assert.deepEqual((await mailbox("nestor.wilke@contoso.com")).InPlaceHolds, [
        "UniH7d895d48-7e23-4a8d-8346-533c3beac15d",
      ]);
      assert.deepEqual((await mailbox("lynne.robbins@contoso.com")).InPlaceHolds, [
        "mbx4f2a9c1e7b3d4e5fa6b7c8d9e0f1a2b3:2",
      ]);
    });

    it("Identity = the Graph user id (ExternalDirectoryObjectId) → that user's mailbox", async () => {
      const user = await running.call("/v1.0/users/megan.bowen@contoso.com", { token: graphToken });
      assert.equal(user.status, 200, user.text);
      const id = (user.body as { id: string }).id;
      const row = await mailbox(id);
      assert.equal(row.ExternalDirectoryObjectId, id);
      assert.equal(row.UserPrincipalName, "megan.bowen@contoso.com");
      assert.equal(row.LitigationHoldDuration, "Unlimited");
    });

    it("Identity = a secondary SMTP address or the alias → the same mailbox", async () => {
      assert.equal((await mailbox("adele@contoso.com")).UserPrincipalName, "adele.vance@contoso.com");
      assert.equal((await mailbox("adele.vance")).UserPrincipalName, "adele.vance@contoso.com");
    });

    it("unknown identity → 404 ManagementObjectNotFoundException, details split into category|type|message, X-ExceptionType", async () => {
      const reply = await invoke("Get-Mailbox", { Identity: "nobody@contoso.com" });
      const body = assertExchangeError(reply, 404, /ManagementObjectNotFoundException$/);
      assert.match(body.error.message, /nobody@contoso\.com/);
    });

    it("a user without a mailbox → not found, like any unknown identity", async () => {
      assertExchangeError(
        await invoke("Get-Mailbox", { Identity: "contractor@contoso.com" }),
        404,
        /ManagementObjectNotFoundException$/
      );
    });

    it("no Identity with Prefer odata.maxpagesize=5 → pages of 5 until no nextLink, every mailbox exactly once", async () => {
      const headers = { Prefer: "odata.maxpagesize=5" };
      const seen: string[] = [];
      let reply = await invoke("Get-Mailbox", {}, { headers });
      let pages = 0;
      for (;;) {
        const page = reply.body as Page;
        assert.equal(reply.status, 200, reply.text);
        assert.ok(page.value.length <= 5);
        seen.push(...page.value.map((r) => String(r.UserPrincipalName)));
        pages++;
        const next = page["@odata.nextLink"];
        if (!next) break;
        assert.ok(next.startsWith(`${running.origin}/adminapi/beta/`), next);
        assert.ok(pages < 20, "paging does not end");
        reply = await invoke("Get-Mailbox", {}, { headers, path: next.slice(running.origin.length) });
      }
      const expected = mailboxUpns();
      assert.equal(pages, Math.ceil(expected.length / 5));
      assert.equal(new Set(seen).size, seen.length, "a mailbox came twice");
      assert.deepEqual([...seen].sort(), [...expected].sort());
    });

    it("no Prefer header → every mailbox on one page, no nextLink", async () => {
      const reply = await invoke("Get-Mailbox");
      assert.equal((reply.body as Page).value.length, mailboxUpns().length);
      assert.equal((reply.body as Page)["@odata.nextLink"], undefined);
    });

    it("$select=LitigationHoldEnabled,InPlaceHolds → only those properties on every row and across pages", async () => {
      const query = "?$select=LitigationHoldEnabled,InPlaceHolds";
      const first = await invoke("Get-Mailbox", {}, { query, headers: { Prefer: "odata.maxpagesize=10" } });
      const page = first.body as Page;
      for (const row of page.value)
        assert.deepEqual(Object.keys(row).sort(), ["InPlaceHolds", "LitigationHoldEnabled"]);
      const next = page["@odata.nextLink"]!;
      assert.ok(next);
      const second = await invoke(
        "Get-Mailbox",
        {},
        { path: next.slice(running.origin.length), headers: { Prefer: "odata.maxpagesize=10" } }
      );
      for (const row of rows(second))
        assert.deepEqual(Object.keys(row).sort(), ["InPlaceHolds", "LitigationHoldEnabled"]);
    });

    it("the envelope → @odata.context and an empty @adminapi.warnings", async () => {
      const page = (await invoke("Get-Mailbox", { Identity: "alex.wilber@contoso.com" })).body as Page;
      assert.match(String(page["@odata.context"]), /\/\$metadata#Collection\(Exchange\.GenericHashTable\)$/);
      assert.deepEqual(page["@adminapi.warnings"], []);
    });
  });

  describe("organization and retention cmdlets", () => {
    it("Get-OrganizationConfig → the org-wide InPlaceHolds", async () => {
      const [org] = rows(await invoke("Get-OrganizationConfig"));
      assert.deepEqual(org!.InPlaceHolds, ["mbx7cfb30345d454ac0a989ab3041051209:1"]);
    });

    it("Get-RetentionPolicy → both policies with their tag links; Contoso Standard is the default", async () => {
      const policies = rows(await invoke("Get-RetentionPolicy"));
      assert.deepEqual(policies.map((p) => p.Name).sort(), ["Contoso Standard", "Executive Retention"]);
      const standard = policies.find((p) => p.Name === "Contoso Standard")!;
      assert.equal(standard.IsDefault, true);
      assert.ok((standard.RetentionPolicyTagLinks as string[]).includes("Delete after 3 years"));
      const [executive] = rows(await invoke("Get-RetentionPolicy", { Identity: "executive retention" }));
      assert.deepEqual(executive!.RetentionPolicyTagLinks, [
        "Delete after 7 years",
        "Deleted Items 30 days",
        "1 Year Delete",
        "Never Delete",
      ]);
    });

    it("Get-RetentionPolicy for an unknown policy → 404 ManagementObjectNotFoundException", async () => {
      assertExchangeError(
        await invoke("Get-RetentionPolicy", { Identity: "No Such Policy" }),
        404,
        /ManagementObjectNotFoundException$/
      );
    });

    it("Get-RetentionPolicyTag → every tag with Type, TimeSpan age limit, action, RetentionId GUID", async () => {
      const tags = rows(await invoke("Get-RetentionPolicyTag"));
      assert.equal(tags.length, (demoFixtureJson().retentionPolicyTags as unknown[]).length);
      const threeYears = tags.find((t) => t.Name === "Delete after 3 years")!;
      assert.equal(threeYears.Type, "All");
      assert.equal(threeYears.AgeLimitForRetention, "1095.00:00:00");
      assert.equal(threeYears.RetentionAction, "DeleteAndAllowRecovery");
      assert.equal(threeYears.RetentionEnabled, true);
      assert.match(
        String(threeYears.RetentionId),
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
      );
      const [byId] = rows(await invoke("Get-RetentionPolicyTag", { Identity: threeYears.RetentionId }));
      assert.equal(byId!.Name, "Delete after 3 years");
    });

    it("Get-RetentionPolicyTag -Mailbox megan.bowen → exactly the Executive Retention tags", async () => {
      const tags = rows(await invoke("Get-RetentionPolicyTag", { Mailbox: "megan.bowen@contoso.com" }));
      assert.deepEqual(tags.map((t) => t.Name).sort(), [
        "1 Year Delete",
        "Delete after 7 years",
        "Deleted Items 30 days",
        "Never Delete",
      ]);
    });

    it("Get-MailboxSearch -InPlaceHoldIdentity cld... → the In-Place hold's query and hold period", async () => {
      const [search] = rows(
        await invoke("Get-MailboxSearch", { InPlaceHoldIdentity: "cld9c0a984ca74b457fbe4504bf7d3e00de" })
      );
      assert.equal(search!.SearchQuery, "from:fabrikam.com");
      assert.equal(search!.ItemHoldPeriod, "365.00:00:00");
    });

    it("Get-CaseHoldPolicy / Get-CaseHoldRule with the GUID behind UniH → the case hold and its query", async () => {
      const guid = "7d895d48-7e23-4a8d-8346-533c3beac15d";
      const [policy] = rows(await invoke("Get-CaseHoldPolicy", { Identity: guid }));
      assert.equal(policy!.Name, "Case 2026-014 Project Falcon");
      const [rule] = rows(await invoke("Get-CaseHoldRule", { Policy: guid }));
      assert.equal(rule!.ContentMatchQuery, "subject:Falcon");
    });

    it("Get-RetentionCompliancePolicy / Rule with the GUID behind mbx...:2 → a Keep rule of 2555 days", async () => {
      const guid = "4f2a9c1e7b3d4e5fa6b7c8d9e0f1a2b3";
      const [policy] = rows(await invoke("Get-RetentionCompliancePolicy", { Identity: guid }));
      assert.equal(policy!.Name, "Finance records - retain 7 years");
      const [rule] = rows(await invoke("Get-RetentionComplianceRule", { Policy: guid }));
      assert.equal(rule!.RetentionComplianceAction, "Keep");
      assert.equal(rule!.RetentionDuration, 2555);
    });

    it("a hold cmdlet without its required parameter → 400 ParameterBindingException", async () => {
      assertExchangeError(await invoke("Get-CaseHoldPolicy"), 400, /ParameterBindingException$/);
    });
  });

  describe("Get-MailboxFolderStatistics -FolderScope RecoverableItems", () => {
    const statistics = async (upn: string) =>
      rows(await invoke("Get-MailboxFolderStatistics", { Identity: upn, FolderScope: "RecoverableItems" }));

    it("→ the Recoverable Items folder and its Deletions, Purges, Versions and DiscoveryHolds subfolders only", async () => {
      const folders = await statistics("alex.wilber@contoso.com");
      assert.deepEqual(
        folders.map((f) => f.FolderType),
        [
          "RecoverableItemsRoot",
          "RecoverableItemsDeletions",
          "RecoverableItemsPurges",
          "RecoverableItemsVersions",
          "RecoverableItemsDiscoveryHolds",
        ]
      );
      for (const folder of folders) assert.equal(folder.ItemsInFolder, 0);
    });

    it("after a Graph permanentDelete → Purges counts one more item, and so does the root with its subfolders", async () => {
      const upn = "alex.wilber@contoso.com";
      const listed = await running.call(`/v1.0/users/${upn}/messages?$select=id`, { token: graphToken });
      assert.equal(listed.status, 200, listed.text);
      const id = (listed.body as { value: { id: string }[] }).value[0]!.id;
      const before = await statistics(upn);
      const purged = await running.call(
        `/v1.0/users/${upn}/messages/${encodeURIComponent(id)}/permanentDelete`,
        { method: "POST", token: graphToken }
      );
      assert.equal(purged.status, 204, purged.text);
      const after = await statistics(upn);
      const count = (rowsOf: Row[], type: string, field = "ItemsInFolder") =>
        rowsOf.find((f) => f.FolderType === type)![field] as number;
      assert.equal(count(after, "RecoverableItemsPurges"), count(before, "RecoverableItemsPurges") + 1);
      assert.equal(count(after, "RecoverableItemsDeletions"), count(before, "RecoverableItemsDeletions"));
      assert.equal(
        count(after, "RecoverableItemsRoot", "ItemsInFolderAndSubfolders"),
        count(before, "RecoverableItemsRoot", "ItemsInFolderAndSubfolders") + 1
      );
      assert.match(
        String(after.find((f) => f.FolderType === "RecoverableItemsPurges")!.FolderSize),
        /^[\d.]+ KB \([\d,]+ bytes\)$/
      );
    });
  });

  describe("requests the API refuses", () => {
    it("an unknown cmdlet → 400 CommandNotFoundException", async () => {
      const reply = await invoke("Remove-EverythingNow");
      assertExchangeError(reply, 400, /CommandNotFoundException$/);
    });

    it("a body without CmdletInput → 400", async () => {
      const reply = await running.call(invokePath, {
        method: "POST",
        token: exchangeToken,
        body: { CmdletName: "Get-Mailbox" },
      });
      assert.equal(reply.status, 400);
    });

    it("a token for Graph → 401 with a Bearer challenge", async () => {
      const reply = await invoke(
        "Get-Mailbox",
        { Identity: "alex.wilber@contoso.com" },
        { token: graphToken }
      );
      assert.equal(reply.status, 401);
      assert.match(String(reply.headers["www-authenticate"]), /^Bearer /);
      assert.match(String(reply.headers["x-exceptiontype"]), /UnauthorizedAccessException/);
    });

    it("no token → 401", async () => {
      const reply = await running.call(invokePath, {
        method: "POST",
        body: { CmdletInput: { CmdletName: "Get-Mailbox" } },
      });
      assert.equal(reply.status, 401);
    });

    it("an Exchange token for an app without Exchange.ManageAsApp → 403", async () => {
      const token = await running.appToken(exchange, noExchangeApp);
      const reply = await invoke("Get-Mailbox", { Identity: "alex.wilber@contoso.com" }, { token });
      assert.equal(reply.status, 403, reply.text);
      assert.equal((reply.body as ErrorBody).error.code, "Forbidden");
    });

    it("an unknown tenant segment → 404; the tenant's domain names work like its id", async () => {
      const unknown = await invoke(
        "Get-OrganizationConfig",
        {},
        { path: "/adminapi/beta/fabrikam.onmicrosoft.com/InvokeCommand" }
      );
      assert.equal(unknown.status, 404);
      assert.match(String(unknown.headers["x-exceptiontype"]), /TenantNotFoundException/);
      const byDomain = await invoke(
        "Get-OrganizationConfig",
        {},
        { path: "/adminapi/beta/contoso.onmicrosoft.com/InvokeCommand" }
      );
      assert.equal(byDomain.status, 200);
    });
  });

  describe("rate limit headers", () => {
    it("each accepted call → Rate-Limit-Limit, a decreasing Rate-Limit-Remaining and a Rate-Limit-Reset instant", async () => {
      const first = await invoke("Get-OrganizationConfig");
      const second = await invoke("Get-OrganizationConfig");
      assert.equal(first.headers["rate-limit-limit"], "30000");
      const remaining = (r: Reply) => Number(r.headers["rate-limit-remaining"]);
      assert.ok(Number.isInteger(remaining(first)) && remaining(first) < 30_000);
      assert.equal(remaining(second), remaining(first) - 1);
      assert.ok(!Number.isNaN(Date.parse(String(second.headers["rate-limit-reset"]))));
    });
  });
});
