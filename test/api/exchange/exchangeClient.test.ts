// The Exchange admin API client against sim's InvokeCommand: typed cmdlet wrappers, every page of a long
// Get-Mailbox followed, annotations stripped, throttling retried with Retry-After honoured, and failures
// mapped to the API's errors.
import assert from "node:assert/strict";
import type { TokenCredential } from "@azure/identity";
import type { ApiConfig } from "../../../api/src/config.js";
import {
  createExchange,
  stripAnnotations,
  type ExchangeClient,
} from "../../../api/src/exchange/exchangeClient.js";
import { createAppCredential } from "../../../api/src/outbound/credential.js";
import { UpstreamError } from "../../../api/src/outbound/upstreamError.js";
import { generateTenant } from "../../../sim/src/generator/generateTenant.js";
import { testSettings } from "../../../sim/src/settings.js";
import { demoFixtureJson, startSim, type RunningSim } from "../../support/simServer.js";
import { recordingFetch, simConfig, waitsBetween, type Exchange } from "../outbound/support.js";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  return promise.then(
    () => assert.fail("expected a failure"),
    (err: unknown) => {
      assert.ok(err instanceof UpstreamError, String(err));
      return err;
    }
  );
}

const hasAnnotation = (value: unknown): boolean =>
  Array.isArray(value)
    ? value.some(hasAnnotation)
    : value !== null &&
      typeof value === "object" &&
      Object.entries(value).some(([key, inner]) => key.includes("@") || hasAnnotation(inner));

describe("exchangeClient", () => {
  describe("stripAnnotations", () => {
    it("annotated properties at any depth → removed, values kept", () => {
      const stripped = stripAnnotations({
        "@odata.type": "#Exchange.GenericHashTable",
        "InPlaceHolds@odata.type": "#Collection(String)",
        InPlaceHolds: ["UniH1"],
        "ExchangeGuid@data.type": "System.Guid",
        ExchangeGuid: "2be92a50",
        Nested: [{ "Count@odata.type": "#Int32", Count: 3 }],
      });

      assert.deepEqual(stripped, {
        InPlaceHolds: ["UniH1"],
        ExchangeGuid: "2be92a50",
        Nested: [{ Count: 3 }],
      });
    });
  });

  describe("against the demo tenant", () => {
    let s: RunningSim;
    let config: ApiConfig;
    let credential: TokenCredential;
    let exchange: ExchangeClient;

    before(async () => {
      s = await startSim();
      config = simConfig(s);
      credential = createAppCredential(config);
      exchange = createExchange(config, credential);
    });
    after(() => s?.close());
    afterEach(() => void Object.assign(s.sim.settings, testSettings));

    it("getMailbox(alex.wilber) → Litigation Hold for 2555 days, in Exchange's formats, no annotations", async () => {
      const mailbox = await exchange.getMailbox("alex.wilber@contoso.com");

      assert.equal(mailbox.UserPrincipalName, "alex.wilber@contoso.com");
      assert.equal(mailbox.LitigationHoldEnabled, true);
      assert.equal(mailbox.LitigationHoldDuration, "2555.00:00:00");
      assert.equal(mailbox.LitigationHoldOwner, "legal@contoso.com");
      assert.match(mailbox.LitigationHoldDate ?? "", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}\+00:00$/);
      assert.equal(mailbox.RetainDeletedItemsFor, "14.00:00:00");
      assert.equal(mailbox.RecoverableItemsQuota, "100 GB (107,374,182,400 bytes)");
      assert.equal(hasAnnotation(mailbox), false);
    });

    it("getMailbox with $select → only those properties", async () => {
      const mailbox = await exchange.getMailbox("alex.wilber@contoso.com", {
        select: ["LitigationHoldEnabled", "InPlaceHolds"],
      });

      assert.deepEqual(mailbox, { LitigationHoldEnabled: true, InPlaceHolds: [] });
    });

    it("getMailbox of an unknown identity → 404 EXCHANGE_OBJECT_NOT_FOUND naming it, with Exchange's request id", async () => {
      const err = await failure(exchange.getMailbox("nobody@contoso.com"));

      assert.equal(err.status, 404);
      assert.equal(err.code, "EXCHANGE_OBJECT_NOT_FOUND");
      assert.match(err.message, /'nobody@contoso\.com'/);
      assert.match(err.message, /Get-Mailbox/);
      assert.equal(
        err.upstreamCode,
        "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException"
      );
      assert.match(err.requestId ?? "", uuid);
    });

    it("invokeCommand → rows, warnings and one request id per page", async () => {
      const reply = await exchange.invokeCommand("Get-OrganizationConfig");

      assert.equal(reply.value.length, 1);
      assert.deepEqual(reply.warnings, []);
      assert.equal(reply.requestIds.length, 1);
      assert.match(reply.requestIds[0]!, uuid);
    });

    it("getOrganizationConfig → the org-wide retention policies", async () => {
      const org = await exchange.getOrganizationConfig();

      assert.deepEqual(org.InPlaceHolds, ["mbx7cfb30345d454ac0a989ab3041051209:1"]);
    });

    it("getRetentionPolicy and getRetentionPolicyTags for a mailbox → the policy's tags", async () => {
      const policy = await exchange.getRetentionPolicy("Contoso Standard");
      const tags = await exchange.getRetentionPolicyTags({ mailbox: "adele.vance@contoso.com" });

      assert.ok(policy.RetentionPolicyTagLinks?.includes("1 Week Delete"));
      assert.deepEqual(tags.map((t) => t.Name).sort(), [...policy.RetentionPolicyTagLinks!].sort());
      const week = tags.find((t) => t.Name === "1 Week Delete")!;
      assert.equal(week.AgeLimitForRetention, "7.00:00:00");
      assert.match(week.RetentionId ?? "", uuid);
    });

    it("getRetentionPolicy of an unknown name → EXCHANGE_OBJECT_NOT_FOUND", async () => {
      assert.equal(
        (await failure(exchange.getRetentionPolicy("No such policy"))).code,
        "EXCHANGE_OBJECT_NOT_FOUND"
      );
    });

    it("getMailboxFolderStatistics RecoverableItems → the Recoverable Items folders", async () => {
      const folders = await exchange.getMailboxFolderStatistics(
        "adele.vance@contoso.com",
        "RecoverableItems"
      );

      const types = folders.map((f) => f.FolderType);
      for (const type of ["RecoverableItemsRoot", "RecoverableItemsDeletions", "RecoverableItemsPurges"])
        assert.ok(types.includes(type), type);
    });

    it("the hold detail cmdlets → the In-Place hold, case hold and retention policy with their rules", async () => {
      const search = await exchange.getMailboxSearch("cld9c0a984ca74b457fbe4504bf7d3e00de");
      const caseHold = await exchange.getCaseHoldPolicy("7d895d48-7e23-4a8d-8346-533c3beac15d");
      const caseRules = await exchange.getCaseHoldRule("7d895d48-7e23-4a8d-8346-533c3beac15d");
      const policy = await exchange.getRetentionCompliancePolicy("4f2a9c1e7b3d4e5fa6b7c8d9e0f1a2b3");
      const rules = await exchange.getRetentionComplianceRule("4f2a9c1e7b3d4e5fa6b7c8d9e0f1a2b3");

      assert.equal(search.Name, "Vendor dispute - Fabrikam");
      assert.equal(search.ItemHoldPeriod, "365.00:00:00");
      assert.equal(caseHold.Name, "Case 2026-014 Project Falcon");
      assert.equal(caseRules[0]?.ContentMatchQuery, "subject:Falcon");
      assert.equal(policy.Name, "Finance records - retain 7 years");
      assert.equal(rules[0]?.RetentionComplianceAction, "Keep");
      assert.equal(rules[0]?.RetentionDuration, 2555);
    });

    it("an unknown case hold → EXCHANGE_OBJECT_NOT_FOUND", async () => {
      const err = await failure(exchange.getCaseHoldPolicy("00000000-0000-4000-8000-000000000000"));

      assert.equal(err.code, "EXCHANGE_OBJECT_NOT_FOUND");
    });

    it("each request → the Exchange token, the cmdlet name and Prefer odata.maxpagesize=1000", async () => {
      const { fetch, log } = recordingFetch();

      await createExchange(config, credential, { fetch }).getOrganizationConfig();

      const headers = log[0]!.headers;
      assert.equal(log[0]!.url, `${s.origin}/adminapi/beta/${config.TENANT_ID}/InvokeCommand`);
      assert.match(headers.authorization ?? "", /^Bearer eyJ/);
      assert.equal(headers["x-cmdletname"], "Get-OrganizationConfig");
      assert.equal(headers.prefer, "odata.maxpagesize=1000");
    });

    describe("throttling and faults", () => {
      const retryAfterMs = 250;

      it("429 on every try → waits Retry-After between tries, then 503 UPSTREAM_THROTTLED keeping Retry-After", async () => {
        Object.assign(s.sim.settings, {
          faultRate: 1,
          faultKinds: ["429"],
          faultRetryAfterSeconds: retryAfterMs / 1000,
        });
        const { fetch, log } = recordingFetch();

        const err = await failure(
          createExchange(config, credential, { fetch, maxAttempts: 3 }).getOrganizationConfig()
        );

        assert.equal(err.status, 503);
        assert.equal(err.code, "UPSTREAM_THROTTLED");
        assert.equal(err.retryAfterSeconds, retryAfterMs / 1000);
        assert.deepEqual(
          log.map((e) => e.status),
          [429, 429, 429]
        );
        // Timers may fire a millisecond early against Date.now(); no retry comes anywhere near early.
        for (const wait of waitsBetween(log)) assert.ok(wait >= retryAfterMs - 2, `waited only ${wait} ms`);
      });

      it("a 503 once → one wait of Retry-After, then the answer", async () => {
        Object.assign(s.sim.settings, {
          faultRate: 1,
          faultKinds: ["503"],
          faultRetryAfterSeconds: retryAfterMs / 1000,
        });
        const { fetch, log } = recordingFetch((e: Exchange) => {
          if (e.status === 503) s.sim.settings.faultRate = 0;
        });

        const mailbox = await createExchange(config, credential, { fetch }).getMailbox(
          "alex.wilber@contoso.com"
        );

        assert.equal(mailbox.LitigationHoldEnabled, true);
        assert.deepEqual(
          log.map((e) => e.status),
          [503, 200]
        );
        assert.ok(waitsBetween(log)[0]! >= retryAfterMs - 2);
      });

      it("504 without Retry-After → jittered backoff, bounded attempts, then 502 UPSTREAM_UNAVAILABLE", async () => {
        Object.assign(s.sim.settings, { faultRate: 1, faultKinds: ["504"] });
        const { fetch, log } = recordingFetch();
        const client = createExchange(config, credential, {
          fetch,
          maxAttempts: 3,
          backoffSeconds: 0.04,
          random: () => 0,
        });

        const err = await failure(client.getOrganizationConfig());

        assert.equal(err.code, "UPSTREAM_UNAVAILABLE");
        assert.equal(log.length, 3);
        const [first, second] = waitsBetween(log);
        assert.ok(first! >= 20 - 2, `first backoff ${first} ms`);
        assert.ok(second! >= 40 - 2, `second backoff ${second} ms`);
      });
    });

    it("a token Exchange does not accept (issued for Graph) → 502 UPSTREAM_AUTH", async () => {
      const graphToken = await s.appToken();
      const wrongAudience: TokenCredential = {
        getToken: async () => ({ token: graphToken, expiresOnTimestamp: Date.now() + 3_600_000 }),
      };

      const err = await failure(createExchange(config, wrongAudience).getOrganizationConfig());

      assert.equal(err.code, "UPSTREAM_AUTH");
      assert.doesNotMatch(err.message, /eyJ/);
    });

    it("a tenant id Exchange does not know → 502 UPSTREAM_UNAVAILABLE naming TENANT_ID", async () => {
      const other = { ...config, TENANT_ID: "00000000-0000-4000-8000-000000000000" };

      const err = await failure(createExchange(other, credential).getOrganizationConfig());

      assert.equal(err.code, "UPSTREAM_UNAVAILABLE");
      assert.match(err.message, /TENANT_ID/);
    });
  });

  describe("an app without Exchange.ManageAsApp", () => {
    let s: RunningSim;

    before(async () => {
      const fixture = demoFixtureJson() as { applications: Record<string, unknown>[] };
      fixture.applications[0] = { ...fixture.applications[0], exchangePermissions: [] };
      s = await startSim({ fixture });
    });
    after(() => s?.close());

    it("any cmdlet → 403 EXCHANGE_FORBIDDEN naming the permission and the role", async () => {
      const config = simConfig(s);

      const err = await failure(
        createExchange(config, createAppCredential(config)).getMailbox("alex.wilber@contoso.com")
      );

      assert.equal(err.status, 403);
      assert.equal(err.code, "EXCHANGE_FORBIDDEN");
      assert.match(err.message, /Exchange\.ManageAsApp/);
      assert.match(err.message, /Global Reader/);
    });
  });

  describe("a tenant with 1,200 mailboxes", () => {
    let s: RunningSim;
    let config: ApiConfig;
    let credential: TokenCredential;
    const mailboxes = generateTenant({ mailboxes: 1200 }).users.filter((u) => u.mailbox !== false).length;

    before(async () => {
      s = await startSim({ fixture: generateTenant({ mailboxes: 1200 }) });
      config = simConfig(s);
      credential = createAppCredential(config);
    });
    after(() => s?.close());

    it("Get-Mailbox without Identity → every mailbox across two pages of 1,000, the same body posted to each", async () => {
      const { fetch, log } = recordingFetch();

      const reply = await createExchange(config, credential, { fetch }).invokeCommand("Get-Mailbox");

      assert.equal(reply.value.length, mailboxes);
      assert.equal(new Set(reply.value.map((m) => m.UserPrincipalName)).size, mailboxes);
      assert.equal(reply.requestIds.length, 2);
      assert.equal(log.length, 2);
      assert.match(log[1]!.url, /skiptoken=1000/);
      assert.equal(log[1]!.method, "POST");
      assert.equal(log[1]!.body, log[0]!.body);
      assert.deepEqual(JSON.parse(log[0]!.body!), {
        CmdletInput: { CmdletName: "Get-Mailbox", Parameters: {} },
      });
      assert.equal(hasAnnotation(reply.value), false);
    });

    it("listMailboxes with $select, 250 per page → five pages, only the selected properties on each", async () => {
      const { fetch, log } = recordingFetch();

      const rows = await createExchange(config, credential, { fetch, pageSize: 250 }).listMailboxes({
        select: ["UserPrincipalName", "LitigationHoldEnabled"],
      });

      assert.equal(rows.length, mailboxes);
      assert.equal(log.length, 5);
      assert.ok(log.every((e) => e.headers.prefer === "odata.maxpagesize=250"));
      assert.ok(
        rows.every((r) => Object.keys(r).sort().join() === "LitigationHoldEnabled,UserPrincipalName")
      );
      assert.ok(rows.some((r) => r.LitigationHoldEnabled));
    });
  });
});
