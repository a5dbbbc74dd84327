// One copy of a message and its mailbox's state as the rules' scenario: only the properties the rules read,
// the stamped tag turned into a personal tag (or not), the label's definition, and what did not fit as
// problems; the result is a scenario the rules accept and explain.
import assert from "node:assert/strict";
import type { ExchangeMailbox, ExchangeRetentionPolicyTag } from "../../../api/src/exchange/exchangeTypes.js";
import type { MessageCopy } from "../../../api/src/graph/graphTypes.js";
import {
  buildItemScenario,
  ruleMailboxProperties,
  type ItemFacts,
} from "../../../api/src/items/itemScenario.js";
import type { MailboxState } from "../../../api/src/mailboxes/mailboxState.js";
import type { LabelDefinition } from "../../../api/src/mailboxes/tenantDefinitions.js";
import { explain } from "../../../api/src/rules/explain.js";
import { parseScenario } from "../../../api/src/rules/scenario.js";

const falconCase = "UniH7d895d48-7e23-4a8d-8346-533c3beac15d";
const orgDeletePolicy = "mbx7cfb30345d454ac0a989ab3041051209:1";

const tagIds = {
  threeYears: "4f96e7bc-f9bf-476d-8572-ab12ea3f21ee",
  deletedItems: "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9",
  oneWeek: "9e8d7c6b-5a49-4837-8261-5e4f3a2b1c0d",
  archive: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
};

/** Get-RetentionPolicyTag output for the Contoso Standard policy, with properties the rules do not read. */
const tags: ExchangeRetentionPolicyTag[] = [
  {
    Name: "Delete after 3 years",
    RetentionId: tagIds.threeYears,
    Type: "All",
    AgeLimitForRetention: "1095.00:00:00",
    RetentionAction: "DeleteAndAllowRecovery",
    RetentionEnabled: true,
    Comment: "Default tag",
    IsDefaultAutoGroupPolicyTag: false,
  },
  {
    Name: "Deleted Items 30 days",
    RetentionId: tagIds.deletedItems,
    Type: "DeletedItems",
    AgeLimitForRetention: "30.00:00:00",
    RetentionAction: "DeleteAndAllowRecovery",
  },
  {
    Name: "1 Week Delete",
    RetentionId: tagIds.oneWeek,
    Type: "Personal",
    AgeLimitForRetention: "7.00:00:00",
    RetentionAction: "DeleteAndAllowRecovery",
    RetentionEnabled: true,
  },
  {
    Name: "Default 2 year move to archive",
    Type: "All",
    AgeLimitForRetention: null,
    RetentionAction: "MoveToArchive",
    RetentionEnabled: false,
  },
];

/** Get-Mailbox output as Exchange prints it: the rules' properties among many others. */
const mailbox: ExchangeMailbox = {
  Identity: "Adele Vance",
  UserPrincipalName: "adele.vance@contoso.com",
  PrimarySmtpAddress: "adele.vance@contoso.com",
  ExchangeGuid: "0f7c3a55-2d1e-4b8a-9c6d-5e4f3a2b1c0d",
  RecipientTypeDetails: "UserMailbox",
  LitigationHoldEnabled: false,
  LitigationHoldDate: null,
  LitigationHoldOwner: null,
  LitigationHoldDuration: "Unlimited",
  InPlaceHolds: [falconCase],
  RetentionHoldEnabled: false,
  StartDateForRetentionHold: null,
  EndDateForRetentionHold: null,
  SingleItemRecoveryEnabled: true,
  RetainDeletedItemsFor: "14.00:00:00",
  ElcProcessingDisabled: false,
  ComplianceTagHoldApplied: true,
  DelayHoldApplied: false,
  DelayReleaseHoldApplied: false,
  RetentionPolicy: "Contoso Standard",
  RecoverableItemsQuota: "100 GB (107,374,182,400 bytes)",
  RecoverableItemsWarningQuota: "90 GB (96,636,764,160 bytes)",
};

const state: MailboxState = {
  mailbox,
  organizationHolds: [orgDeletePolicy],
  retentionPolicy: "Contoso Standard",
  retentionTags: tags,
  holdDetails: [
    { Identity: falconCase, Name: "Case 2026-014 Project Falcon", Query: "subject:Falcon" },
    {
      Identity: orgDeletePolicy,
      Name: "Org-wide mail - delete after 10 years",
      Query: null,
      RetentionDuration: 3650,
    },
  ],
  problems: [],
};

const labels: LabelDefinition[] = [
  { Name: "Legal matter - 10 years", RetentionDuration: 3650, RetentionAction: "KeepAndDelete" },
  { Name: "Financial record - 7 years", RetentionDuration: 2555, RetentionAction: "KeepAndDelete" },
];

const received = "2026-01-12T08:15:00Z";

function copy(extra: Partial<MessageCopy> = {}): MessageCopy {
  return {
    id: "AAMkAD-adele-message-1",
    parentFolderId: "AAMkAD-adele-inbox",
    receivedDateTime: received,
    subject: "Quarterly figures",
    internetMessageId: "<quarterly@contoso.com>",
    ...extra,
  };
}

function facts(extra: Partial<ItemFacts> = {}): ItemFacts {
  return {
    asOf: "2026-03-02T09:30:00.000Z",
    state,
    copy: copy(),
    folder: "inbox",
    body: "The figures are attached.",
    labels,
    ...extra,
  };
}

const item = (scenario: Record<string, unknown>) => scenario.item as Record<string, unknown>;

describe("itemScenario", () => {
  describe("buildItemScenario", () => {
    it("the mailbox → only the rules' Get-Mailbox properties, as Exchange printed them", () => {
      const { scenario } = buildItemScenario(facts());

      assert.deepEqual(scenario.mailbox, {
        LitigationHoldEnabled: false,
        LitigationHoldDate: null,
        LitigationHoldDuration: "Unlimited",
        LitigationHoldOwner: null,
        InPlaceHolds: [falconCase],
        DelayHoldApplied: false,
        ComplianceTagHoldApplied: true,
        RetentionHoldEnabled: false,
        StartDateForRetentionHold: null,
        EndDateForRetentionHold: null,
        ElcProcessingDisabled: false,
        SingleItemRecoveryEnabled: true,
        RetainDeletedItemsFor: "14.00:00:00",
        RetentionPolicy: "Contoso Standard",
      });
      assert.deepEqual(Object.keys(scenario.mailbox as object).sort(), [...ruleMailboxProperties].sort());
    });

    it("a mailbox without some of those properties → they are left out, not set to undefined", () => {
      const sparse = { ...state, mailbox: { LitigationHoldEnabled: true, DisplayName: "Adele Vance" } };

      const { scenario } = buildItemScenario(facts({ state: sparse }));

      assert.deepEqual(scenario.mailbox, { LitigationHoldEnabled: true });
    });

    it("the tenant's data → organization holds, hold details and the tags in the rules' format", () => {
      const { scenario } = buildItemScenario(facts());

      assert.equal(scenario.asOf, "2026-03-02T09:30:00.000Z");
      assert.deepEqual(scenario.organization, { InPlaceHolds: [orgDeletePolicy] });
      assert.equal(scenario.inPlaceHoldDetails, state.holdDetails);
      assert.deepEqual(scenario.retentionTags, [
        {
          Name: "Delete after 3 years",
          RetentionId: tagIds.threeYears,
          Type: "All",
          AgeLimitForRetention: "1095.00:00:00",
          RetentionAction: "DeleteAndAllowRecovery",
          RetentionEnabled: true,
        },
        {
          Name: "Deleted Items 30 days",
          RetentionId: tagIds.deletedItems,
          Type: "DeletedItems",
          AgeLimitForRetention: "30.00:00:00",
          RetentionAction: "DeleteAndAllowRecovery",
          RetentionEnabled: true,
        },
        {
          Name: "1 Week Delete",
          RetentionId: tagIds.oneWeek,
          Type: "Personal",
          AgeLimitForRetention: "7.00:00:00",
          RetentionAction: "DeleteAndAllowRecovery",
          RetentionEnabled: true,
        },
        {
          Name: "Default 2 year move to archive",
          RetentionId: null,
          Type: "All",
          AgeLimitForRetention: null,
          RetentionAction: "MoveToArchive",
          RetentionEnabled: false,
        },
      ]);
    });

    it("the copy → the item: received time, the folder given, subject and body", () => {
      const { scenario, problems } = buildItemScenario(facts({ folder: "Invoices" }));

      assert.deepEqual(scenario.item, {
        receivedDateTime: received,
        folder: "Invoices",
        subject: "Quarterly figures",
        body: "The figures are attached.",
        personalTag: null,
        retentionLabel: null,
      });
      assert.deepEqual(scenario.retentionLabels, []);
      assert.deepEqual(problems, []);
    });

    it("a copy with no subject → subject ''", () => {
      const { scenario } = buildItemScenario(facts({ copy: copy({ subject: null }) }));

      assert.equal(item(scenario).subject, "");
    });

    it("a stamped policyTagId of a Personal tag (any case) → personalTag is its name", () => {
      const stamped = copy({ retention: { policyTagId: tagIds.oneWeek.toUpperCase() } });

      const { scenario, problems } = buildItemScenario(facts({ copy: stamped }));

      assert.equal(item(scenario).personalTag, "1 Week Delete");
      assert.deepEqual(problems, []);
    });

    it("a stamped policyTagId of the default tag → personalTag null, no problem", () => {
      const stamped = copy({ retention: { policyTagId: tagIds.threeYears, retentionPeriodDays: 1095 } });

      const { scenario, problems } = buildItemScenario(facts({ copy: stamped }));

      assert.equal(item(scenario).personalTag, null);
      assert.deepEqual(problems, []);
    });

    it("a stamped policyTagId of a folder tag → personalTag null, no problem", () => {
      const stamped = copy({ retention: { policyTagId: tagIds.deletedItems } });

      const { scenario, problems } = buildItemScenario(facts({ copy: stamped, folder: "deleteditems" }));

      assert.equal(item(scenario).personalTag, null);
      assert.deepEqual(problems, []);
    });

    it("a stamped policyTagId not in the policy → personalTag null and a problem naming the id", () => {
      const stamped = copy({ retention: { policyTagId: tagIds.archive } });

      const { scenario, problems } = buildItemScenario(facts({ copy: stamped }));

      assert.equal(item(scenario).personalTag, null);
      assert.equal(problems.length, 1);
      assert.match(
        problems[0]!,
        new RegExp(`retention tag ${tagIds.archive}, which is not in the mailbox's policy`)
      );
    });

    it("a complianceTag with a known label (any case) → retentionLabels has that label's definition", () => {
      const labelled = copy({ retention: { complianceTag: "legal MATTER - 10 years" } });

      const { scenario, problems } = buildItemScenario(facts({ copy: labelled }));

      assert.deepEqual(scenario.retentionLabels, [labels[0]]);
      assert.equal(item(scenario).retentionLabel, "legal MATTER - 10 years");
      assert.deepEqual(problems, []);
    });

    it("a complianceTag with an unknown label → no definition, the label kept on the item, and a problem naming it", () => {
      const labelled = copy({ retention: { complianceTag: "HR record - 5 years" } });

      const { scenario, problems } = buildItemScenario(facts({ copy: labelled }));

      assert.deepEqual(scenario.retentionLabels, []);
      assert.equal(item(scenario).retentionLabel, "HR record - 5 years");
      assert.deepEqual(problems, [
        'The definition of retention label "HR record - 5 years" could not be read; its period is unknown.',
      ]);
    });

    it("a stray tag and an unknown label together → both problems", () => {
      const both = copy({ retention: { policyTagId: tagIds.archive, complianceTag: "HR record - 5 years" } });

      const { problems } = buildItemScenario(facts({ copy: both }));

      assert.equal(problems.length, 2);
    });
  });

  describe("the scenario and the rules", () => {
    it("a plain copy in the Inbox → parseScenario accepts it with the mailbox's settings", () => {
      const { scenario } = buildItemScenario(facts());

      const parsed = parseScenario(scenario);

      assert.equal(parsed.asOf, Date.parse("2026-03-02T09:30:00.000Z"));
      assert.equal(parsed.item.receivedAt, Date.parse(received));
      assert.equal(parsed.mailbox.ComplianceTagHoldApplied, true);
      assert.deepEqual(
        parsed.mailbox.InPlaceHolds.map((h) => h.kind),
        ["eDiscoveryHold"]
      );
      assert.deepEqual(
        parsed.retentionTags.map((t) => t.Name),
        tags.map((t) => t.Name)
      );
      assert.deepEqual(parsed.inPlaceHoldDetails[1]?.RetentionDuration, {
        kind: "finite",
        ms: 3650 * 24 * 60 * 60 * 1000,
      });
    });

    it("a plain copy in the Inbox → the default tag, expiring 1095 days after receipt", () => {
      const explanation = explain(buildItemScenario(facts()).scenario);

      assert.deepEqual(explanation.retention.tag, {
        name: "Delete after 3 years",
        source: "default",
        action: "DeleteAndAllowRecovery",
        ageLimitDays: 1095,
      });
      assert.equal(explanation.retention.expiresAt, "2029-01-11T08:15:00.000Z");
      assert.equal(explanation.locationAsOf, "inbox");
    });

    it("a copy stamped with a Personal tag → the personal tag governs it", () => {
      const stamped = copy({ retention: { policyTagId: tagIds.oneWeek } });

      const explanation = explain(buildItemScenario(facts({ copy: stamped })).scenario);

      assert.equal(explanation.retention.tag?.name, "1 Week Delete");
      assert.equal(explanation.retention.tag?.source, "personal");
    });

    it("a copy in Deleted Items stamped with its folder tag → the folder tag governs it", () => {
      const stamped = copy({ retention: { policyTagId: tagIds.deletedItems } });

      const explanation = explain(
        buildItemScenario(facts({ copy: stamped, folder: "deleteditems" })).scenario
      );

      assert.equal(explanation.retention.tag?.name, "Deleted Items 30 days");
      assert.equal(explanation.retention.tag?.source, "folder");
    });

    it("the holds → the case hold's query and the org policy are evaluated against the copy", () => {
      const falconCopy = copy({ subject: "Project Falcon: kickoff notes" });

      const explanation = explain(buildItemScenario(facts({ copy: falconCopy })).scenario);

      const byKind = Object.fromEntries(explanation.holds.map((h) => [h.kind, h]));
      assert.equal(byKind.eDiscoveryHold?.coversItem, true);
      assert.match(byKind.eDiscoveryHold?.detail ?? "", /Case 2026-014 Project Falcon/);
      assert.match(byKind.RetentionPolicy?.detail ?? "", /Org-wide mail - delete after 10 years/);
    });

    it("a known label → the rules keep the item for the label's period", () => {
      const labelled = copy({ retention: { complianceTag: "Financial record - 7 years" } });

      const explanation = explain(buildItemScenario(facts({ copy: labelled })).scenario);

      const label = explanation.holds.find((h) => h.kind === "RetentionLabel");
      assert.equal(label?.id, "Financial record - 7 years");
      assert.equal(label?.coversItem, true);
      assert.equal(label?.protectedUntil, "2033-01-10T08:15:00.000Z");
    });

    it("an unknown label → the rules keep the item for an unknown time", () => {
      const labelled = copy({ retention: { complianceTag: "HR record - 5 years" } });

      const explanation = explain(buildItemScenario(facts({ copy: labelled })).scenario);

      const label = explanation.holds.find((h) => h.kind === "RetentionLabel");
      assert.equal(label?.protectedUntil, "unknown");
    });
  });
});
