// A mailbox's retention state: its Get-Mailbox data, the organization's holds, its policy's tags and the
// definition of every hold that names it, with what could not be read said in words. Exchange answers
// Get-Mailbox from a table; the tenant definitions are a fake that records what it is asked.
import assert from "node:assert/strict";
import { AppError } from "../../../api/src/errors.js";
import type { ExchangeClient } from "../../../api/src/exchange/exchangeClient.js";
import type { ExchangeMailbox, ExchangeRetentionPolicyTag } from "../../../api/src/exchange/exchangeTypes.js";
import { decodeHolds, readMailboxState } from "../../../api/src/mailboxes/mailboxState.js";
import {
  definitionKey,
  type HoldDefinition,
  type Lookup,
  type TenantDefinitions,
} from "../../../api/src/mailboxes/tenantDefinitions.js";
import type { DecodedHold } from "../../../api/src/rules/inPlaceHolds.js";

const fabrikamHold = "cld9c0a984ca74b457fbe4504bf7d3e00de";
const falconCase = "UniH7d895d48-7e23-4a8d-8346-533c3beac15d";
const financePolicy = "mbx4f2a9c1e7b3d4e5fa6b7c8d9e0f1a2b3:2";
const orgDeletePolicy = "mbx7cfb30345d454ac0a989ab3041051209:1";
const orgDeleteExclusion = "-mbx7cfb30345d454ac0a989ab3041051209";

const details: Record<string, HoldDefinition> = {
  "InPlaceHold:9c0a984ca74b457fbe4504bf7d3e00de": {
    Identity: fabrikamHold,
    Name: "Vendor dispute - Fabrikam",
    Query: "from:fabrikam.com",
    ItemHoldPeriod: "365.00:00:00",
  },
  "eDiscoveryHold:7d895d487e234a8d8346533c3beac15d": {
    Identity: falconCase,
    Name: "Case 2026-014 Project Falcon",
    Query: "subject:Falcon",
  },
  "RetentionPolicy:4f2a9c1e7b3d4e5fa6b7c8d9e0f1a2b3": {
    Identity: financePolicy,
    Name: "Finance records - retain 7 years",
    Query: null,
    RetentionDuration: 2555,
  },
  "RetentionPolicy:7cfb30345d454ac0a989ab3041051209": {
    Identity: orgDeletePolicy,
    Name: "Org-wide mail - delete after 10 years",
    Query: null,
    RetentionDuration: 3650,
  },
};

const standardTags: ExchangeRetentionPolicyTag[] = [
  { Name: "Delete after 3 years", Type: "All", AgeLimitForRetention: "1095.00:00:00" },
  { Name: "1 Week Delete", Type: "Personal", AgeLimitForRetention: "7.00:00:00" },
];

const mailboxes: Record<string, ExchangeMailbox> = {
  "adele.vance@contoso.com": {
    UserPrincipalName: "adele.vance@contoso.com",
    InPlaceHolds: [fabrikamHold, falconCase, orgDeleteExclusion],
    RetentionPolicy: "Contoso Standard",
  },
  "megan.bowen@contoso.com": {
    UserPrincipalName: "megan.bowen@contoso.com",
    InPlaceHolds: [financePolicy],
    RetentionPolicy: null,
  },
};

type FakeDefinitions = TenantDefinitions & { asked: DecodedHold[] };

/** Tenant definitions from tables; `lookups` overrides a definition's answer by definitionKey. */
function fakeDefinitions(
  options: {
    orgHolds?: string[];
    policies?: Record<string, ExchangeRetentionPolicyTag[]>;
    lookups?: Record<string, Lookup<HoldDefinition>>;
  } = {}
): FakeDefinitions {
  const asked: DecodedHold[] = [];
  const policies = options.policies ?? { "Contoso Standard": standardTags };
  return {
    asked,
    organizationHolds: async () => options.orgHolds ?? [orgDeletePolicy],
    async retentionPolicyTags(name) {
      const policy = name ?? "Contoso Standard";
      return { policy, tags: policies[policy] ?? [] };
    },
    async holdDefinition(hold) {
      asked.push(hold);
      const key = definitionKey(hold);
      const detail = details[key];
      return options.lookups?.[key] ?? (detail ? { value: detail } : { value: null, problem: "unknown" });
    },
    retentionLabels: () => Promise.reject(new Error("unexpected call: retentionLabels")),
  };
}

const refuse = (name: string) => () => Promise.reject(new Error(`unexpected Exchange call: ${name}`));

/** Get-Mailbox from the table above (plus `more`); every other cmdlet fails the test. */
function fakeExchange(
  more: Record<string, ExchangeMailbox> = {}
): ExchangeClient & { mailboxReads: string[] } {
  const mailboxReads: string[] = [];
  const known = { ...mailboxes, ...more };
  return {
    mailboxReads,
    invokeCommand: refuse("invokeCommand"),
    async getMailbox(identity) {
      mailboxReads.push(identity);
      const mailbox = known[identity];
      if (!mailbox)
        throw new AppError(
          404,
          "EXCHANGE_OBJECT_NOT_FOUND",
          `Exchange Online found no object '${identity}' for Get-Mailbox.`
        );
      return mailbox;
    },
    listMailboxes: refuse("listMailboxes"),
    getOrganizationConfig: refuse("getOrganizationConfig"),
    getRetentionPolicy: refuse("getRetentionPolicy"),
    getRetentionPolicyTags: refuse("getRetentionPolicyTags"),
    getMailboxFolderStatistics: refuse("getMailboxFolderStatistics"),
    getMailboxSearch: refuse("getMailboxSearch"),
    getCaseHoldPolicy: refuse("getCaseHoldPolicy"),
    getCaseHoldRule: refuse("getCaseHoldRule"),
    getRetentionCompliancePolicy: refuse("getRetentionCompliancePolicy"),
    getRetentionComplianceRule: refuse("getRetentionComplianceRule"),
  };
}

async function appError(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => assert.fail("expected a failure"),
    (err: unknown) => {
      assert.ok(err instanceof AppError, String(err));
      return err;
    }
  );
}

describe("mailboxState", () => {
  describe("decodeHolds", () => {
    it("entries of each kind → decoded in order", () => {
      const holds = decodeHolds([fabrikamHold, falconCase, financePolicy, orgDeleteExclusion], "f");

      assert.deepEqual(
        holds.map((h) => h.kind),
        ["InPlaceHold", "eDiscoveryHold", "RetentionPolicy", "RetentionPolicyExclusion"]
      );
      assert.deepEqual(
        holds.map((h) => h.raw),
        [fabrikamHold, falconCase, financePolicy, orgDeleteExclusion]
      );
    });

    it("an unrecognised entry → AppError 502 UPSTREAM_UNEXPECTED naming the field and the entry", () => {
      assert.throws(
        () => decodeHolds([fabrikamHold, "LegalHold-2026"], "Get-Mailbox InPlaceHolds"),
        (err: unknown) => {
          assert.ok(err instanceof AppError);
          assert.equal(err.status, 502);
          assert.equal(err.code, "UPSTREAM_UNEXPECTED");
          assert.match(err.message, /\(Get-Mailbox InPlaceHolds: "LegalHold-2026"\)/);
          return true;
        }
      );
    });
  });

  describe("readMailboxState", () => {
    it("mailbox and org holds → decoded, each definition looked up once, details in order", async () => {
      // Arrange
      const exchange = fakeExchange();
      const definitions = fakeDefinitions();

      // Act
      const state = await readMailboxState({ exchange, definitions }, "adele.vance@contoso.com");

      // Assert: the exclusion and the org policy it excludes are one definition.
      assert.deepEqual(exchange.mailboxReads, ["adele.vance@contoso.com"]);
      assert.deepEqual(definitions.asked.map(definitionKey), [
        "InPlaceHold:9c0a984ca74b457fbe4504bf7d3e00de",
        "eDiscoveryHold:7d895d487e234a8d8346533c3beac15d",
        "RetentionPolicy:7cfb30345d454ac0a989ab3041051209",
      ]);
      assert.equal(state.mailbox, mailboxes["adele.vance@contoso.com"]);
      assert.deepEqual(state.organizationHolds, [orgDeletePolicy]);
      assert.equal(state.retentionPolicy, "Contoso Standard");
      assert.deepEqual(state.retentionTags, standardTags);
      assert.deepEqual(
        state.holdDetails.map((d) => d.Name),
        ["Vendor dispute - Fabrikam", "Case 2026-014 Project Falcon", "Org-wide mail - delete after 10 years"]
      );
      assert.deepEqual(state.problems, []);
    });

    it("a mailbox naming no policy → the default policy's tags, and no problem", async () => {
      const definitions = fakeDefinitions({ orgHolds: [] });

      const state = await readMailboxState(
        { exchange: fakeExchange(), definitions },
        "megan.bowen@contoso.com"
      );

      assert.equal(state.retentionPolicy, "Contoso Standard");
      assert.deepEqual(state.retentionTags, standardTags);
      assert.deepEqual(state.holdDetails, [details["RetentionPolicy:4f2a9c1e7b3d4e5fa6b7c8d9e0f1a2b3"]]);
      assert.deepEqual(state.problems, []);
    });

    it("an unreadable definition → left out of the details, with a problem in words naming the hold", async () => {
      const definitions = fakeDefinitions({
        lookups: {
          "InPlaceHold:9c0a984ca74b457fbe4504bf7d3e00de": {
            value: null,
            problem: "its definition no longer exists",
          },
          "eDiscoveryHold:7d895d487e234a8d8346533c3beac15d": {
            value: null,
            problem: "the API may not read its definition (see readiness)",
          },
        },
      });

      const state = await readMailboxState(
        { exchange: fakeExchange(), definitions },
        "adele.vance@contoso.com"
      );

      assert.deepEqual(state.problems, [
        `Hold ${fabrikamHold}: its definition no longer exists; it is assumed to keep every item.`,
        `Hold ${falconCase}: the API may not read its definition (see readiness); it is assumed to keep every item.`,
      ]);
      assert.deepEqual(
        state.holdDetails.map((d) => d.Identity),
        [orgDeletePolicy]
      );
    });

    it("a named policy with no tags (or unknown) → a problem naming the policy", async () => {
      const definitions = fakeDefinitions({ policies: { "Contoso Standard": [] } });

      const state = await readMailboxState(
        { exchange: fakeExchange(), definitions },
        "adele.vance@contoso.com"
      );

      assert.deepEqual(state.retentionTags, []);
      assert.deepEqual(state.problems, [
        'The retention policy "Contoso Standard" was not found or has no tags.',
      ]);
    });

    it("no policy named and the default has no tags → no problem", async () => {
      const definitions = fakeDefinitions({ orgHolds: [], policies: {} });

      const state = await readMailboxState(
        { exchange: fakeExchange(), definitions },
        "megan.bowen@contoso.com"
      );

      assert.deepEqual(state.retentionTags, []);
      assert.deepEqual(state.problems, []);
    });

    it("an unrecognised mailbox InPlaceHolds entry → AppError 502 UPSTREAM_UNEXPECTED naming it; no definition read", async () => {
      const definitions = fakeDefinitions();
      const exchange = fakeExchange({
        "bad.hold@contoso.com": { InPlaceHolds: [fabrikamHold, "LegalHold-2026"] },
      });

      const err = await appError(readMailboxState({ exchange, definitions }, "bad.hold@contoso.com"));

      assert.equal(err.status, 502);
      assert.equal(err.code, "UPSTREAM_UNEXPECTED");
      assert.match(err.message, /Get-Mailbox InPlaceHolds: "LegalHold-2026"/);
      assert.deepEqual(definitions.asked, []);
    });

    it("an unrecognised organization entry → AppError 502 UPSTREAM_UNEXPECTED naming Get-OrganizationConfig", async () => {
      const definitions = fakeDefinitions({ orgHolds: [orgDeletePolicy, "grpnotahold"] });

      const err = await appError(
        readMailboxState({ exchange: fakeExchange(), definitions }, "adele.vance@contoso.com")
      );

      assert.equal(err.status, 502);
      assert.equal(err.code, "UPSTREAM_UNEXPECTED");
      assert.match(err.message, /Get-OrganizationConfig InPlaceHolds: "grpnotahold"/);
    });

    it("an unknown mailbox → Get-Mailbox's 404 propagates", async () => {
      const err = await appError(
        readMailboxState({ exchange: fakeExchange(), definitions: fakeDefinitions() }, "nobody@contoso.com")
      );

      assert.equal(err.status, 404);
      assert.equal(err.code, "EXCHANGE_OBJECT_NOT_FOUND");
    });
  });
});
