// The tenant's retention definitions: the retention policy's tags, each kind of hold's definition from
// the cmdlet that owns it, and the retention labels, each read once and cached. Exchange and the
// compliance endpoint are fakes that answer from tables (the demo tenant's values) and record each call.
import assert from "node:assert/strict";
import { AppError } from "../../../api/src/errors.js";
import type { ExchangeClient } from "../../../api/src/exchange/exchangeClient.js";
import type {
  ExchangeCaseHoldPolicy,
  ExchangeCaseHoldRule,
  ExchangeMailboxSearch,
  ExchangeObject,
  ExchangeRetentionCompliancePolicy,
  ExchangeRetentionComplianceRule,
  ExchangeRetentionPolicy,
  ExchangeRetentionPolicyTag,
} from "../../../api/src/exchange/exchangeTypes.js";
import {
  createTenantDefinitions,
  definitionKey,
  type TenantDefinitions,
} from "../../../api/src/mailboxes/tenantDefinitions.js";
import { UpstreamError } from "../../../api/src/outbound/upstreamError.js";
import { decodeInPlaceHold } from "../../../api/src/rules/inPlaceHolds.js";

const fabrikamHold = "cld9c0a984ca74b457fbe4504bf7d3e00de";
const falconCase = "UniH7d895d48-7e23-4a8d-8346-533c3beac15d";
const falconCaseId = "7d895d48-7e23-4a8d-8346-533c3beac15d";
const financePolicy = "mbx4f2a9c1e7b3d4e5fa6b7c8d9e0f1a2b3:2";
const financePolicyId = "4f2a9c1e7b3d4e5fa6b7c8d9e0f1a2b3";
const orgDeletePolicy = "mbx7cfb30345d454ac0a989ab3041051209:1";
const orgDeleteExclusion = "-mbx7cfb30345d454ac0a989ab3041051209";
const orgDeletePolicyId = "7cfb30345d454ac0a989ab3041051209";

const hold = (raw: string) => decodeInPlaceHold(raw, "test");

/** What a fake client answers; an Error in a table is thrown instead. */
type Tables = {
  policies?: ExchangeRetentionPolicy[];
  tags?: ExchangeRetentionPolicyTag[];
  labels?: ExchangeObject[] | Error;
  orgHolds?: string[];
  searches?: Record<string, ExchangeMailboxSearch | Error>;
  caseHoldPolicies?: Record<string, ExchangeCaseHoldPolicy | Error>;
  caseHoldRules?: Record<string, ExchangeCaseHoldRule[]>;
  compliancePolicies?: Record<string, ExchangeRetentionCompliancePolicy | Error>;
  complianceRules?: Record<string, ExchangeRetentionComplianceRule[]>;
};

type FakeExchange = { client: ExchangeClient; calls: string[]; tables: Tables };

function answer<T>(value: T | Error | undefined, call: string): Promise<T> {
  if (value instanceof Error) return Promise.reject(value);
  if (value === undefined) return Promise.reject(new Error(`unexpected Exchange call: ${call}`));
  return Promise.resolve(value);
}

/** An ExchangeClient answering from `tables`, recording every call as "Cmdlet identity". */
function fakeExchange(tables: Tables): FakeExchange {
  const calls: string[] = [];
  const call = (text: string) => {
    calls.push(text);
    return text;
  };
  const refuse = (name: string) => () => Promise.reject(new Error(`unexpected Exchange call: ${name}`));
  const client: ExchangeClient = {
    async invokeCommand<T extends ExchangeObject>(cmdlet: string) {
      call(cmdlet);
      const rows: ExchangeObject[] | Error | undefined =
        cmdlet === "Get-RetentionPolicy"
          ? tables.policies
          : cmdlet === "Get-ComplianceTag"
            ? tables.labels
            : undefined;
      const value = await answer(rows, cmdlet);
      return { value: value as T[], warnings: [], requestIds: ["rid-invoke"] };
    },
    getMailbox: refuse("getMailbox"),
    listMailboxes: refuse("listMailboxes"),
    getOrganizationConfig: () =>
      answer(tables.orgHolds && { InPlaceHolds: tables.orgHolds }, call("Get-OrganizationConfig")),
    getRetentionPolicy: refuse("getRetentionPolicy"),
    getRetentionPolicyTags: () => answer(tables.tags, call("Get-RetentionPolicyTag")),
    getMailboxFolderStatistics: refuse("getMailboxFolderStatistics"),
    getMailboxSearch: (id) => answer(tables.searches?.[id], call(`Get-MailboxSearch ${id}`)),
    getCaseHoldPolicy: (id) => answer(tables.caseHoldPolicies?.[id], call(`Get-CaseHoldPolicy ${id}`)),
    getCaseHoldRule: (policy) => answer(tables.caseHoldRules?.[policy], call(`Get-CaseHoldRule ${policy}`)),
    getRetentionCompliancePolicy: (id) =>
      answer(tables.compliancePolicies?.[id], call(`Get-RetentionCompliancePolicy ${id}`)),
    getRetentionComplianceRule: (policy) =>
      answer(tables.complianceRules?.[policy], call(`Get-RetentionComplianceRule ${policy}`)),
  };
  return { client, calls, tables };
}

const tag = (
  Name: string,
  Type: string,
  days: number | null,
  RetentionId: string
): ExchangeRetentionPolicyTag => ({
  Name,
  Type,
  RetentionId,
  AgeLimitForRetention: days === null ? null : `${days}.00:00:00`,
  RetentionAction: "DeleteAndAllowRecovery",
  RetentionEnabled: true,
});

const demoTags = [
  tag("Delete after 3 years", "All", 1095, "a1f0c2d4-0b6e-4c1a-9d3e-1f2a3b4c5d01"),
  tag("Delete after 7 years", "All", 2555, "a1f0c2d4-0b6e-4c1a-9d3e-1f2a3b4c5d02"),
  tag("Deleted Items 30 days", "DeletedItems", 30, "a1f0c2d4-0b6e-4c1a-9d3e-1f2a3b4c5d03"),
  tag("1 Week Delete", "Personal", 7, "a1f0c2d4-0b6e-4c1a-9d3e-1f2a3b4c5d04"),
  tag("1 Year Delete", "Personal", 365, "a1f0c2d4-0b6e-4c1a-9d3e-1f2a3b4c5d05"),
  tag("Unlinked Tag", "Personal", 1, "a1f0c2d4-0b6e-4c1a-9d3e-1f2a3b4c5d06"),
];

const demoPolicies: ExchangeRetentionPolicy[] = [
  {
    Name: "Executive Retention",
    Identity: "Executive Retention",
    RetentionPolicyTagLinks: ["Delete after 7 years", "deleted items 30 DAYS", "1 Year Delete"],
  },
  {
    Name: "Contoso Standard",
    Identity: "Contoso Standard",
    IsDefault: true,
    RetentionPolicyTagLinks: ["1 Week Delete", "Delete after 3 years", "Deleted Items 30 days"],
  },
];

const tagNames = (tags: ExchangeRetentionPolicyTag[]) => tags.map((t) => t.Name);

const forbidden = () =>
  new UpstreamError(
    403,
    "EXCHANGE_FORBIDDEN",
    "Exchange Online refused Get-MailboxSearch: the API app needs the Exchange.ManageAsApp application permission.",
    { service: "exchange", upstreamStatus: 403 }
  );
const throttled = () =>
  new UpstreamError(503, "UPSTREAM_THROTTLED", "Exchange Online is throttling the API's requests.", {
    service: "exchange",
    upstreamStatus: 429,
    retryAfterSeconds: 30,
  });

describe("tenantDefinitions", () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => {
    clock = Date.UTC(2026, 2, 2, 9, 30);
  });

  function setUp(exchangeTables: Tables = {}, complianceTables: Tables = {}) {
    const exchange = fakeExchange(exchangeTables);
    const compliance = fakeExchange(complianceTables);
    const definitions: TenantDefinitions = createTenantDefinitions({
      exchange: exchange.client,
      compliance: compliance.client,
      now,
    });
    return { definitions, exchange, compliance };
  }

  describe("organizationHolds", () => {
    it("Get-OrganizationConfig's InPlaceHolds → returned, read once for many calls", async () => {
      const { definitions, exchange } = setUp({ orgHolds: [orgDeletePolicy] });

      const answers = await Promise.all([definitions.organizationHolds(), definitions.organizationHolds()]);
      const later = await definitions.organizationHolds();

      assert.deepEqual(answers, [[orgDeletePolicy], [orgDeletePolicy]]);
      assert.deepEqual(later, [orgDeletePolicy]);
      assert.deepEqual(exchange.calls, ["Get-OrganizationConfig"]);
    });

    it("no InPlaceHolds property → []", async () => {
      const exchange = fakeExchange({});
      exchange.client.getOrganizationConfig = () => Promise.resolve({ Name: "contoso.onmicrosoft.com" });
      const definitions = createTenantDefinitions({
        exchange: exchange.client,
        compliance: fakeExchange({}).client,
        now,
      });

      assert.deepEqual(await definitions.organizationHolds(), []);
    });
  });

  describe("retentionPolicyTags", () => {
    const tables = { policies: demoPolicies, tags: demoTags };

    it("null → the IsDefault policy and its linked tags", async () => {
      const { definitions } = setUp(tables);

      const result = await definitions.retentionPolicyTags(null);

      assert.equal(result.policy, "Contoso Standard");
      assert.deepEqual(tagNames(result.tags), [
        "Delete after 3 years",
        "Deleted Items 30 days",
        "1 Week Delete",
      ]);
    });

    it("undefined or a blank name → the IsDefault policy too", async () => {
      const { definitions } = setUp(tables);

      assert.equal((await definitions.retentionPolicyTags(undefined)).policy, "Contoso Standard");
      assert.equal((await definitions.retentionPolicyTags("  ")).policy, "Contoso Standard");
    });

    it("a named policy in another case → that policy, its links matched whatever their case", async () => {
      const { definitions } = setUp(tables);

      const result = await definitions.retentionPolicyTags(" executive RETENTION ");

      assert.equal(result.policy, "Executive Retention");
      assert.deepEqual(tagNames(result.tags), [
        "Delete after 7 years",
        "Deleted Items 30 days",
        "1 Year Delete",
      ]);
      assert.deepEqual(result.tags[0], demoTags[1]);
    });

    it("an unknown policy → { policy: its name, tags: [] }", async () => {
      const { definitions } = setUp(tables);

      assert.deepEqual(await definitions.retentionPolicyTags(" Legal Only "), {
        policy: "Legal Only",
        tags: [],
      });
    });

    it("no default policy in the tenant and none named → { policy: null, tags: [] }", async () => {
      const { definitions } = setUp({ policies: [demoPolicies[0]!], tags: demoTags });

      assert.deepEqual(await definitions.retentionPolicyTags(null), { policy: null, tags: [] });
    });

    it("many calls, together and after each other → policies and tags each read once", async () => {
      const { definitions, exchange } = setUp(tables);

      await Promise.all([
        definitions.retentionPolicyTags(null),
        definitions.retentionPolicyTags("Executive Retention"),
        definitions.retentionPolicyTags("Legal Only"),
      ]);
      await definitions.retentionPolicyTags("Contoso Standard");

      assert.deepEqual(exchange.calls.sort(), ["Get-RetentionPolicy", "Get-RetentionPolicyTag"]);
    });

    it("ten minutes later → read again", async () => {
      const { definitions, exchange } = setUp(tables);
      await definitions.retentionPolicyTags(null);

      clock += 10 * 60_000;
      await definitions.retentionPolicyTags(null);

      assert.equal(exchange.calls.filter((c) => c === "Get-RetentionPolicy").length, 2);
      assert.equal(exchange.calls.filter((c) => c === "Get-RetentionPolicyTag").length, 2);
    });
  });

  describe("holdDefinition", () => {
    it("an In-Place hold (cld…) → Get-MailboxSearch by the entry as printed, as Identity/Name/Query/ItemHoldPeriod", async () => {
      const { definitions, exchange, compliance } = setUp({
        searches: {
          [fabrikamHold]: {
            Name: "Vendor dispute - Fabrikam",
            InPlaceHoldIdentity: fabrikamHold,
            InPlaceHoldEnabled: true,
            SearchQuery: "from:fabrikam.com",
            ItemHoldPeriod: "365.00:00:00",
          },
        },
      });

      const result = await definitions.holdDefinition(hold(fabrikamHold));

      assert.deepEqual(result, {
        value: {
          Identity: fabrikamHold,
          Name: "Vendor dispute - Fabrikam",
          Query: "from:fabrikam.com",
          ItemHoldPeriod: "365.00:00:00",
        },
      });
      assert.deepEqual(exchange.calls, [`Get-MailboxSearch ${fabrikamHold}`]);
      assert.deepEqual(compliance.calls, []);
    });

    it("an In-Place hold without a query or period → Query and ItemHoldPeriod null", async () => {
      const { definitions } = setUp({ searches: { [fabrikamHold]: { Name: "Everything" } } });

      const result = await definitions.holdDefinition(hold(fabrikamHold));

      assert.deepEqual(result.value, {
        Identity: fabrikamHold,
        Name: "Everything",
        Query: null,
        ItemHoldPeriod: null,
      });
    });

    it("an eDiscovery case hold (UniH…) → Get-CaseHoldPolicy and Get-CaseHoldRule on the compliance endpoint", async () => {
      const { definitions, exchange, compliance } = setUp(
        {},
        {
          caseHoldPolicies: { [falconCaseId]: { Name: "Case 2026-014 Project Falcon", Enabled: true } },
          caseHoldRules: { [falconCaseId]: [{ Name: "Falcon rule", ContentMatchQuery: "subject:Falcon" }] },
        }
      );

      const result = await definitions.holdDefinition(hold(falconCase));

      assert.deepEqual(result, {
        value: { Identity: falconCase, Name: "Case 2026-014 Project Falcon", Query: "subject:Falcon" },
      });
      assert.deepEqual(compliance.calls.sort(), [
        `Get-CaseHoldPolicy ${falconCaseId}`,
        `Get-CaseHoldRule ${falconCaseId}`,
      ]);
      assert.deepEqual(exchange.calls, []);
    });

    it("a retention policy (mbx…:2) → Get-RetentionCompliancePolicy/-Rule by GUID, with the rule's RetentionDuration", async () => {
      const { definitions, compliance } = setUp(
        {},
        {
          compliancePolicies: { [financePolicyId]: { Name: "Finance records - retain 7 years" } },
          complianceRules: {
            [financePolicyId]: [
              { Name: "Finance rule", RetentionComplianceAction: "Keep", RetentionDuration: 2555 },
            ],
          },
        }
      );

      const result = await definitions.holdDefinition(hold(financePolicy));

      assert.deepEqual(result, {
        value: {
          Identity: financePolicy,
          Name: "Finance records - retain 7 years",
          Query: null,
          RetentionDuration: 2555,
        },
      });
      assert.deepEqual(compliance.calls.sort(), [
        `Get-RetentionCompliancePolicy ${financePolicyId}`,
        `Get-RetentionComplianceRule ${financePolicyId}`,
      ]);
    });

    it("a mailbox's exclusion (-mbx…) → the excluded policy's definition under the exclusion's Identity", async () => {
      const { definitions, compliance } = setUp(
        {},
        {
          compliancePolicies: { [orgDeletePolicyId]: { Name: "Org-wide mail - delete after 10 years" } },
          complianceRules: { [orgDeletePolicyId]: [{ RetentionDuration: "3650" }] },
        }
      );

      const result = await definitions.holdDefinition(hold(orgDeleteExclusion));

      assert.deepEqual(result.value, {
        Identity: orgDeleteExclusion,
        Name: "Org-wide mail - delete after 10 years",
        Query: null,
        RetentionDuration: 3650,
      });
      assert.ok(compliance.calls.includes(`Get-RetentionCompliancePolicy ${orgDeletePolicyId}`));
    });

    describe("rules combined", () => {
      /** The definition of the Falcon case hold with these rules, and of the finance policy with these. */
      async function combined(rules: ExchangeRetentionComplianceRule[]) {
        const { definitions } = setUp(
          {},
          {
            caseHoldPolicies: { [falconCaseId]: { Name: "Falcon" } },
            caseHoldRules: { [falconCaseId]: rules },
            compliancePolicies: { [financePolicyId]: { Name: "Finance" } },
            complianceRules: { [financePolicyId]: rules },
          }
        );
        const caseHold = await definitions.holdDefinition(hold(falconCase));
        const policy = await definitions.holdDefinition(hold(financePolicy));
        return { caseHold: caseHold.value, policy: policy.value };
      }

      it("several rules' queries → each in parentheses, joined with OR", async () => {
        const { caseHold, policy } = await combined([
          { ContentMatchQuery: "subject:Falcon" },
          { ContentMatchQuery: "from:falcon@fabrikam.com OR body:Falcon" },
        ]);

        const expected = "(subject:Falcon) OR (from:falcon@fabrikam.com OR body:Falcon)";
        assert.equal(caseHold?.Query, expected);
        assert.equal(policy?.Query, expected);
      });

      it("a rule without a query among others → Query null (the hold covers everything)", async () => {
        const { caseHold, policy } = await combined([
          { ContentMatchQuery: "subject:Falcon" },
          { Name: "All mail" },
        ]);

        assert.equal(caseHold?.Query, null);
        assert.equal(policy?.Query, null);
      });

      it("a rule with a blank query → Query null", async () => {
        const { caseHold } = await combined([
          { ContentMatchQuery: "subject:Falcon" },
          { ContentMatchQuery: "  " },
        ]);

        assert.equal(caseHold?.Query, null);
      });

      it("no rules → Query null and RetentionDuration null", async () => {
        const { caseHold, policy } = await combined([]);

        assert.equal(caseHold?.Query, null);
        assert.equal(policy?.Query, null);
        assert.equal(policy?.RetentionDuration, null);
      });

      it('"Unlimited" (any case) beside day counts → "Unlimited"', async () => {
        const { policy } = await combined([{ RetentionDuration: 2555 }, { RetentionDuration: "unlimited" }]);

        assert.equal(policy?.RetentionDuration, "Unlimited");
      });

      it("day counts as numbers and numeric strings → the longest, as a number", async () => {
        const { policy } = await combined([
          { RetentionDuration: "365" },
          { RetentionDuration: 2555 },
          { RetentionDuration: null },
          { RetentionDuration: "" },
        ]);

        assert.equal(policy?.RetentionDuration, 2555);
      });
    });

    it("an org policy and a mailbox's exclusion of it → one definitionKey, read once", async () => {
      const { definitions, compliance } = setUp(
        {},
        {
          compliancePolicies: { [orgDeletePolicyId]: { Name: "Org-wide mail - delete after 10 years" } },
          complianceRules: { [orgDeletePolicyId]: [{ RetentionDuration: 3650 }] },
        }
      );

      const [policy, exclusion] = await Promise.all([
        definitions.holdDefinition(hold(orgDeletePolicy)),
        definitions.holdDefinition(hold(orgDeleteExclusion)),
      ]);
      const again = await definitions.holdDefinition(hold(orgDeleteExclusion));

      assert.equal(definitionKey(hold(orgDeletePolicy)), definitionKey(hold(orgDeleteExclusion)));
      assert.equal(policy.value?.Name, "Org-wide mail - delete after 10 years");
      assert.deepEqual(exclusion, policy);
      assert.deepEqual(again, policy);
      assert.deepEqual(compliance.calls.sort(), [
        `Get-RetentionCompliancePolicy ${orgDeletePolicyId}`,
        `Get-RetentionComplianceRule ${orgDeletePolicyId}`,
      ]);
    });

    it("holds of different kinds or GUIDs → different definitionKeys", () => {
      const keys = [fabrikamHold, falconCase, financePolicy, orgDeletePolicy].map((raw) =>
        definitionKey(hold(raw))
      );

      assert.equal(new Set(keys).size, 4);
      assert.equal(definitionKey(hold(orgDeleteExclusion)), `RetentionPolicy:${orgDeletePolicyId}`);
    });

    it("EXCHANGE_OBJECT_NOT_FOUND → { value: null, problem } and kept: not asked again", async () => {
      const { definitions, exchange } = setUp({
        searches: {
          [fabrikamHold]: new AppError(
            404,
            "EXCHANGE_OBJECT_NOT_FOUND",
            `Exchange Online found no object '${fabrikamHold}' for Get-MailboxSearch.`
          ),
        },
      });

      const first = await definitions.holdDefinition(hold(fabrikamHold));
      const second = await definitions.holdDefinition(hold(fabrikamHold));

      assert.deepEqual(first, { value: null, problem: "its definition no longer exists" });
      assert.deepEqual(second, first);
      assert.equal(exchange.calls.length, 1);
    });

    it("EXCHANGE_FORBIDDEN (an UpstreamError) → { value: null, problem } pointing at readiness", async () => {
      const { definitions } = setUp(
        {},
        {
          caseHoldPolicies: { [falconCaseId]: forbidden() },
          caseHoldRules: { [falconCaseId]: [{ ContentMatchQuery: "subject:Falcon" }] },
        }
      );

      const result = await definitions.holdDefinition(hold(falconCase));

      assert.deepEqual(result, {
        value: null,
        problem: "the API may not read its definition (see readiness)",
      });
    });

    it("UPSTREAM_REJECTED → { value: null, problem } quoting the error", async () => {
      const rejected = new UpstreamError(502, "UPSTREAM_REJECTED", "the identity is not valid.", {
        service: "exchange",
      });
      const { definitions } = setUp({ searches: { [fabrikamHold]: rejected } });

      const result = await definitions.holdDefinition(hold(fabrikamHold));

      assert.deepEqual(result, {
        value: null,
        problem: "its definition could not be read: the identity is not valid.",
      });
    });

    it("UPSTREAM_THROTTLED → the error propagates, and the next call asks again", async () => {
      const { definitions, exchange } = setUp({ searches: { [fabrikamHold]: throttled() } });

      await assert.rejects(definitions.holdDefinition(hold(fabrikamHold)), { code: "UPSTREAM_THROTTLED" });
      exchange.tables.searches = { [fabrikamHold]: { Name: "Vendor dispute - Fabrikam" } };
      const retried = await definitions.holdDefinition(hold(fabrikamHold));

      assert.equal(retried.value?.Name, "Vendor dispute - Fabrikam");
      assert.equal(exchange.calls.length, 2);
    });

    it("an error that is not an AppError → propagates", async () => {
      const { definitions } = setUp({ searches: { [fabrikamHold]: new TypeError("boom") } });

      await assert.rejects(definitions.holdDefinition(hold(fabrikamHold)), TypeError);
    });
  });

  describe("retentionLabels", () => {
    it("Get-ComplianceTag's labels → Name, RetentionDuration and RetentionAction only", async () => {
      const { definitions, compliance } = setUp(
        {},
        {
          labels: [
            {
              Name: "Legal matter - 10 years",
              Comment: "Correspondence about a legal matter.",
              RetentionAction: "KeepAndDelete",
              RetentionDuration: 3650,
            },
            { Name: "Financial record - 7 years", RetentionDuration: "2555", IsRecordLabel: true },
            { Name: "Marker" },
          ],
        }
      );

      const result = await definitions.retentionLabels();

      assert.deepEqual(result, {
        value: [
          { Name: "Legal matter - 10 years", RetentionDuration: 3650, RetentionAction: "KeepAndDelete" },
          { Name: "Financial record - 7 years", RetentionDuration: "2555", RetentionAction: null },
          { Name: "Marker", RetentionDuration: null, RetentionAction: null },
        ],
      });
      assert.deepEqual(compliance.calls, ["Get-ComplianceTag"]);
    });

    it("many calls → Get-ComplianceTag read once", async () => {
      const { definitions, compliance } = setUp({}, { labels: [{ Name: "Legal matter - 10 years" }] });

      await Promise.all([definitions.retentionLabels(), definitions.retentionLabels()]);
      await definitions.retentionLabels();

      assert.deepEqual(compliance.calls, ["Get-ComplianceTag"]);
    });

    it("EXCHANGE_FORBIDDEN → { value: null, problem }", async () => {
      const { definitions } = setUp({}, { labels: forbidden() });

      assert.deepEqual(await definitions.retentionLabels(), {
        value: null,
        problem: "the API may not read its definition (see readiness)",
      });
    });

    it("UPSTREAM_THROTTLED → propagates", async () => {
      const { definitions } = setUp({}, { labels: throttled() });

      await assert.rejects(definitions.retentionLabels(), { code: "UPSTREAM_THROTTLED", status: 503 });
    });
  });
});
