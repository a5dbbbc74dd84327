import assert from "node:assert/strict";
import { z } from "zod";
import { describeMailboxHolds } from "../../../api/src/rules/mailboxHolds.js";
import { mailboxHoldsSchema, type MailboxHolds } from "../../../api/src/rules/mailboxHoldsSchema.js";

// The demo tenant's holds, as Get-MailboxSearch / Get-CaseHoldPolicy / Get-RetentionCompliancePolicy give them.
const fabrikamHold = "cld9c0a984ca74b457fbe4504bf7d3e00de";
const falconCase = "UniH7d895d48-7e23-4a8d-8346-533c3beac15d";
const financePolicy = "mbx4f2a9c1e7b3d4e5fa6b7c8d9e0f1a2b3:2";
const orgDeletePolicy = "mbx7cfb30345d454ac0a989ab3041051209:1";
const details = [
  {
    Identity: fabrikamHold,
    Name: "Vendor dispute - Fabrikam",
    Query: "from:fabrikam.com",
    ItemHoldPeriod: "365.00:00:00",
  },
  {
    Identity: falconCase,
    Name: "Case 2026-014 Project Falcon",
    Query: "subject:Falcon",
    ItemHoldPeriod: "Unlimited",
  },
  { Identity: financePolicy, Name: "Finance records - retain 7 years", RetentionDuration: "2555.00:00:00" },
  {
    Identity: orgDeletePolicy,
    Name: "Org-wide mail - delete after 10 years",
    RetentionDuration: "3650.00:00:00",
  },
];

const asOf = "2026-11-21T10:00:00Z";

/** A Get-Mailbox object as Exchange Online prints it (and sim's cmdlets do), with the extras it carries. */
function mailbox(settings: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Name: "adele.vance",
    DisplayName: "Adele Vance",
    EmailAddresses: ["smtp:adele@contoso.com", "SMTP:adele.vance@contoso.com"],
    ExchangeGuid: "0f7c3a55-2d1e-4b8a-9c6d-5e4f3a2b1c0d",
    LitigationHoldEnabled: false,
    LitigationHoldDate: null,
    LitigationHoldOwner: null,
    LitigationHoldDuration: "Unlimited",
    InPlaceHolds: [],
    RetentionHoldEnabled: false,
    StartDateForRetentionHold: null,
    EndDateForRetentionHold: null,
    RetentionComment: null,
    SingleItemRecoveryEnabled: true,
    RetainDeletedItemsFor: "14.00:00:00",
    ElcProcessingDisabled: false,
    ComplianceTagHoldApplied: false,
    DelayHoldApplied: false,
    DelayReleaseHoldApplied: false,
    RetentionPolicy: "Contoso Standard",
    RecoverableItemsQuota: "30 GB (32,212,254,720 bytes)",
    RecoverableItemsWarningQuota: "20 GB (21,474,836,480 bytes)",
    ...settings,
  };
}

type Input = {
  asOf?: unknown;
  mailbox?: Record<string, unknown>;
  organization?: unknown;
  inPlaceHoldDetails?: unknown;
  recoverableItemsFolders?: unknown;
};

function holdsOf(overrides: Input = {}): MailboxHolds {
  return describeMailboxHolds({
    asOf,
    organization: { InPlaceHolds: [orgDeletePolicy] },
    inPlaceHoldDetails: details,
    recoverableItemsFolders: null,
    ...overrides,
    mailbox: mailbox(overrides.mailbox),
  });
}

const kinds = (result: MailboxHolds) => result.holds.map((hold) => hold.kind);
const only = (result: MailboxHolds, kind: string) => {
  const found = result.holds.filter((hold) => hold.kind === kind);
  assert.equal(found.length, 1, `exactly one ${kind} in ${JSON.stringify(kinds(result))}`);
  return found[0]!;
};

describe("describeMailboxHolds", () => {
  describe("no hold", () => {
    it("plain mailbox under an org-wide :1 policy → not on hold; the policy listed as deleting only", () => {
      const result = holdsOf();
      assert.equal(result.onHold, false);
      assert.equal(result.asOf, "2026-11-21T10:00:00.000Z");
      const policy = only(result, "RetentionPolicy");
      assert.equal(policy.scope, "organization");
      assert.equal(policy.source, "organization.InPlaceHolds");
      assert.equal(policy.policyAction, "deleteOnly");
      assert.equal(policy.retains, false);
      assert.equal(policy.periodDays, null);
      assert.equal(policy.id, "7cfb30345d454ac0a989ab3041051209");
      assert.equal(policy.raw, orgDeletePolicy);
      assert.equal(policy.name, "Org-wide mail - delete after 10 years");
      assert.match(
        policy.summary,
        /deletes every item in the mailbox 3650 days after receipt but keeps nothing/
      );
      assert.match(result.summary, /^This mailbox is not on hold: .*14 days/);
      assert.equal(result.retentionPolicy, "Contoso Standard");
    });

    it("no holds and no org-wide policy → an empty list", () => {
      const result = holdsOf({ organization: { InPlaceHolds: [] } });
      assert.deepEqual(result.holds, []);
      assert.equal(result.onHold, false);
    });

    it("Litigation Hold off but a LitigationHoldDate left behind → no Litigation Hold", () => {
      const result = holdsOf({ mailbox: { LitigationHoldDate: "2025-10-17T10:00:00.0000000+00:00" } });
      assert.equal(
        result.holds.some((hold) => hold.kind === "LitigationHold"),
        false
      );
    });
  });

  describe("Litigation Hold", () => {
    const alex = {
      LitigationHoldEnabled: true,
      LitigationHoldDate: "2025-10-17T10:00:00.0000000+00:00",
      LitigationHoldOwner: "legal@contoso.com",
      LitigationHoldDuration: "2555.00:00:00",
    };

    it("2555 days → kept 2555 days from receipt; owner, date and the oldest items still kept", () => {
      const result = holdsOf({ mailbox: alex });
      const hold = only(result, "LitigationHold");
      assert.equal(result.onHold, true);
      assert.equal(hold.owner, "legal@contoso.com");
      assert.equal(hold.since, "2025-10-17T10:00:00.000Z");
      assert.equal(hold.periodDays, 2555);
      assert.equal(hold.keepsItemsFor, "2555 days after each item's receipt");
      // 2555 days back from 2026-11-21 crosses the leap days of 2020 and 2024.
      assert.equal(hold.keepsItemsReceivedSince, "2019-11-23T10:00:00.000Z");
      assert.equal(hold.covers, "every item in the mailbox");
      assert.equal(hold.id, null);
      assert.equal(hold.scope, "mailbox");
      assert.equal(
        hold.summary,
        "Litigation Hold (placed on 2025-10-17 by legal@contoso.com) keeps every item in the mailbox for 2555 days after receipt (today: items received since 2019-11-23), even after deletion."
      );
    });

    it("Unlimited → kept indefinitely, no cut-off date", () => {
      const hold = only(
        holdsOf({
          mailbox: { ...alex, LitigationHoldDuration: "Unlimited", RetentionPolicy: "Executive Retention" },
        }),
        "LitigationHold"
      );
      assert.equal(hold.keepsItemsFor, "indefinitely");
      assert.equal(hold.periodDays, "unlimited");
      assert.equal(hold.keepsItemsReceivedSince, null);
      assert.match(hold.summary, /keeps every item in the mailbox indefinitely, even after deletion/);
    });

    it("no duration given → Exchange's default, unlimited", () => {
      const hold = only(
        holdsOf({ mailbox: { ...alex, LitigationHoldDuration: undefined } }),
        "LitigationHold"
      );
      assert.equal(hold.periodDays, "unlimited");
    });

    it("no owner and no date → a summary without them", () => {
      const hold = only(
        holdsOf({ mailbox: { LitigationHoldEnabled: "True", LitigationHoldDuration: 30 } }),
        "LitigationHold"
      );
      assert.equal(hold.owner, null);
      assert.equal(hold.since, null);
      assert.match(
        hold.summary,
        /^Litigation Hold keeps every item in the mailbox for 30 days after receipt/
      );
    });
  });

  describe("In-Place and eDiscovery holds", () => {
    it("cld… with a query and 365 days → matching items for 365 days; id keeps cld for Get-MailboxSearch", () => {
      const result = holdsOf({ mailbox: { InPlaceHolds: [fabrikamHold] } });
      const hold = only(result, "InPlaceHold");
      assert.equal(result.onHold, true);
      assert.equal(hold.id, fabrikamHold);
      assert.equal(hold.raw, fabrikamHold);
      assert.equal(hold.name, "Vendor dispute - Fabrikam");
      assert.equal(hold.covers, 'items matching the query "from:fabrikam.com"');
      assert.equal(hold.periodDays, 365);
      assert.equal(hold.keepsItemsReceivedSince, "2025-11-21T10:00:00.000Z");
      assert.equal(hold.source, "mailbox.InPlaceHolds");
      assert.match(hold.summary, /^In-Place Hold "Vendor dispute - Fabrikam" keeps items matching the query/);
    });

    it("In-Place hold with an empty query and an Unlimited period → every item, indefinitely", () => {
      const hold = only(
        holdsOf({
          mailbox: { InPlaceHolds: [fabrikamHold] },
          inPlaceHoldDetails: [
            { Identity: fabrikamHold, Name: "All mail", Query: "", ItemHoldPeriod: "Unlimited" },
          ],
        }),
        "InPlaceHold"
      );
      assert.equal(hold.covers, "every item in the mailbox");
      assert.equal(hold.keepsItemsFor, "indefinitely");
    });

    it("In-Place hold (bare GUID) without details → assumed to cover everything, period unknown, still a hold", () => {
      const result = holdsOf({ mailbox: { InPlaceHolds: ["c0ba3ce811b6432a8751430937152491"] } });
      const hold = only(result, "InPlaceHold");
      assert.equal(hold.name, null);
      assert.equal(hold.periodDays, "unknown");
      assert.equal(hold.keepsItemsFor, "unknown (the hold's details were not found)");
      assert.match(hold.covers, /not known here \(so possibly every item\)/);
      assert.equal(hold.retains, true);
      assert.equal(result.onHold, true);
    });

    it("UniH… case hold → eDiscovery hold, indefinitely; id without UniH for Get-CaseHoldPolicy", () => {
      const hold = only(holdsOf({ mailbox: { InPlaceHolds: [falconCase] } }), "eDiscoveryHold");
      assert.equal(hold.id, "7d895d48-7e23-4a8d-8346-533c3beac15d");
      assert.equal(hold.raw, falconCase);
      assert.equal(hold.name, "Case 2026-014 Project Falcon");
      assert.equal(hold.covers, 'items matching the query "subject:Falcon"');
      assert.equal(hold.keepsItemsFor, "indefinitely");
      assert.equal(hold.retains, true);
    });

    it("case hold whose details give no period → still indefinitely (a case hold keeps while in place)", () => {
      const hold = only(
        holdsOf({
          mailbox: { InPlaceHolds: [falconCase] },
          inPlaceHoldDetails: [{ Identity: "7d895d48-7e23-4a8d-8346-533c3beac15d", Name: "Falcon" }],
        }),
        "eDiscoveryHold"
      );
      assert.equal(hold.name, "Falcon", "details found by the bare GUID");
      assert.equal(hold.periodDays, "unlimited");
    });
  });

  describe("Purview retention policies", () => {
    it("mbx…:2 on the mailbox → retain only, 2555 days, a hold", () => {
      const result = holdsOf({ mailbox: { InPlaceHolds: [financePolicy] } });
      const policy = result.holds.find((hold) => hold.scope === "mailbox")!;
      assert.equal(policy.kind, "RetentionPolicy");
      assert.equal(policy.policyAction, "retainOnly");
      assert.equal(policy.retains, true);
      assert.equal(policy.periodDays, 2555);
      assert.equal(policy.id, "4f2a9c1e7b3d4e5fa6b7c8d9e0f1a2b3");
      assert.equal(policy.name, "Finance records - retain 7 years");
      assert.equal(result.onHold, true);
      assert.match(
        policy.summary,
        /^The retention policy "Finance records - retain 7 years" keeps every item/
      );
    });

    it("mbx…:3 → retains, then deletes once the period ends", () => {
      const entry = "mbx4f2a9c1e7b3d4e5fa6b7c8d9e0f1a2b3:3";
      const result = holdsOf({ mailbox: { InPlaceHolds: [entry] }, organization: { InPlaceHolds: [] } });
      const policy = only(result, "RetentionPolicy");
      assert.equal(policy.policyAction, "retainThenDelete");
      assert.equal(policy.retains, true);
      assert.match(policy.summary, /deletes items once their period ends\.$/);
    });

    it("mbx… without details → retains, period unknown", () => {
      const result = holdsOf({
        mailbox: { InPlaceHolds: [financePolicy] },
        organization: { InPlaceHolds: [] },
        inPlaceHoldDetails: [],
      });
      const policy = only(result, "RetentionPolicy");
      assert.equal(policy.periodDays, "unknown");
      assert.equal(policy.keepsItemsFor, "unknown (the policy's details were not found)");
      assert.equal(result.onHold, true);
    });

    it("org :1 policy + the mailbox's -mbx exclusion → only the exclusion is listed; it keeps nothing", () => {
      const result = holdsOf({ mailbox: { InPlaceHolds: ["-mbx7cfb30345d454ac0a989ab3041051209"] } });
      assert.deepEqual(kinds(result), ["RetentionPolicyExclusion"]);
      const exclusion = result.holds[0]!;
      assert.equal(exclusion.retains, false);
      assert.equal(exclusion.name, "Org-wide mail - delete after 10 years");
      assert.equal(exclusion.id, "7cfb30345d454ac0a989ab3041051209");
      assert.equal(exclusion.raw, "-mbx7cfb30345d454ac0a989ab3041051209");
      assert.match(exclusion.summary, /excluded from the organization-wide retention policy "Org-wide mail/);
      assert.equal(result.onHold, false);
    });

    it("org :2 policy → holds the mailbox; with the mailbox's exclusion → not listed and not on hold", () => {
      const orgRetain = "mbxaaaabbbbccccddddeeeeffff00001111:2";
      const organization = { InPlaceHolds: [orgRetain] };
      const held = holdsOf({ organization });
      const excluded = holdsOf({
        organization,
        mailbox: { InPlaceHolds: ["-mbxAAAABBBBCCCCDDDDEEEEFFFF00001111"] },
      });
      assert.equal(held.onHold, true);
      assert.equal(only(held, "RetentionPolicy").scope, "organization");
      assert.deepEqual(kinds(excluded), ["RetentionPolicyExclusion"]);
      assert.equal(excluded.onHold, false);
    });

    it("exclusion from a policy the organization does not apply → listed, says it changes nothing", () => {
      const result = holdsOf({
        organization: { InPlaceHolds: [] },
        mailbox: { InPlaceHolds: ["-mbx7cfb30345d454ac0a989ab3041051209"] },
      });
      assert.match(only(result, "RetentionPolicyExclusion").summary, /the exclusion changes nothing/);
    });

    it("org-wide Groups (grp) and Skype (skp) policies → not this mailbox's mail, not listed", () => {
      const result = holdsOf({
        organization: {
          InPlaceHolds: ["grp1a0a132ee8944501a4bb6a452ec31171:2", "skp127d7cf1076947929bf136b7a2a8c36f:3"],
        },
      });
      assert.deepEqual(result.holds, []);
    });

    it("skp…:3 on the mailbox → covers Skype conversations and retains", () => {
      const result = holdsOf({
        mailbox: { InPlaceHolds: ["skp127d7cf1076947929bf136b7a2a8c36f:3"] },
        organization: { InPlaceHolds: [] },
      });
      const policy = only(result, "RetentionPolicy");
      assert.match(policy.covers, /Skype for Business conversations/);
      assert.equal(policy.retains, true);
    });
  });

  describe("retention labels and delay holds", () => {
    it('ComplianceTagHoldApplied ("True" as PowerShell prints it) → labelled items kept, a hold', () => {
      const result = holdsOf({ mailbox: { ComplianceTagHoldApplied: "True" } });
      const label = only(result, "RetentionLabel");
      assert.equal(label.covers, "items with a retention label that retains them");
      assert.equal(label.periodDays, "unknown");
      assert.equal(label.source, "mailbox.ComplianceTagHoldApplied");
      assert.equal(result.onHold, true);
    });

    it("DelayHoldApplied → every item for 30 days after a hold was removed, a hold", () => {
      const result = holdsOf({ mailbox: { DelayHoldApplied: true } });
      const delay = only(result, "DelayHold");
      assert.equal(delay.periodDays, 30);
      assert.equal(delay.source, "mailbox.DelayHoldApplied");
      assert.equal(delay.covers, "every item in the mailbox");
      assert.match(delay.summary, /30 days after a hold was removed \(Exchange does not record when\)/);
      assert.equal(result.onHold, true);
    });

    it("both delay flags → two delay holds, the release hold for other apps' data", () => {
      const result = holdsOf({ mailbox: { DelayHoldApplied: true, DelayReleaseHoldApplied: true } });
      const delays = result.holds.filter((hold) => hold.kind === "DelayHold");
      assert.deepEqual(
        delays.map((hold) => hold.source),
        ["mailbox.DelayHoldApplied", "mailbox.DelayReleaseHoldApplied"]
      );
      assert.match(delays[1]!.covers, /other Microsoft 365 apps/);
    });

    it("every kind at once → Litigation Hold, mailbox entries in order, org policies, label, delay", () => {
      const result = holdsOf({
        mailbox: {
          LitigationHoldEnabled: true,
          InPlaceHolds: [falconCase, fabrikamHold, financePolicy],
          ComplianceTagHoldApplied: true,
          DelayHoldApplied: true,
        },
      });
      assert.deepEqual(kinds(result), [
        "LitigationHold",
        "eDiscoveryHold",
        "InPlaceHold",
        "RetentionPolicy",
        "RetentionPolicy",
        "RetentionLabel",
        "DelayHold",
      ]);
      assert.match(
        result.summary,
        /^This mailbox is on hold \(Litigation Hold; eDiscovery case hold "Case 2026-014/
      );
      assert.doesNotMatch(result.summary, /Org-wide mail/, "a :1 policy is not named as holding");
    });
  });

  describe("retention hold (MRM suspended)", () => {
    const window = {
      RetentionHoldEnabled: true,
      StartDateForRetentionHold: "2026-11-11T10:00:00.0000000+00:00",
      EndDateForRetentionHold: "2026-12-11T10:00:00.0000000+00:00",
      RetentionComment: "On leave until next month",
    };

    it("inside its window → in effect until the end; not a hold", () => {
      const result = holdsOf({ mailbox: window });
      assert.equal(result.retentionHold.state, "inEffect");
      assert.equal(result.retentionHold.inEffect, true);
      assert.equal(result.retentionHold.startsAt, "2026-11-11T10:00:00.000Z");
      assert.equal(result.retentionHold.endsAt, "2026-12-11T10:00:00.000Z");
      assert.equal(result.retentionHold.comment, "On leave until next month");
      assert.match(result.retentionHold.summary, /in effect until 2026-12-11: .* It is not a hold/);
      assert.equal(result.onHold, false);
    });

    it("exactly at its start → in effect", () => {
      assert.equal(
        holdsOf({ asOf: "2026-11-11T10:00:00Z", mailbox: window }).retentionHold.state,
        "inEffect"
      );
    });

    it("before its start → scheduled, not in effect", () => {
      const result = holdsOf({ asOf: "2026-11-01T00:00:00Z", mailbox: window });
      assert.equal(result.retentionHold.state, "scheduled");
      assert.equal(result.retentionHold.inEffect, false);
      assert.match(result.retentionHold.summary, /starts on 2026-11-11 and ends on 2026-12-11/);
    });

    it("at its end → ended, though the setting is still on", () => {
      const result = holdsOf({ asOf: "2026-12-11T10:00:00Z", mailbox: window });
      assert.equal(result.retentionHold.state, "ended");
      assert.equal(result.retentionHold.enabled, true);
      assert.match(result.retentionHold.summary, /ended on 2026-12-11 \(the setting is still on\)/);
    });

    it("no dates → in effect with no end date", () => {
      const result = holdsOf({ mailbox: { RetentionHoldEnabled: true } });
      assert.equal(result.retentionHold.inEffect, true);
      assert.match(result.retentionHold.summary, /in effect with no end date/);
    });

    it("off → off, dates and comment empty", () => {
      assert.deepEqual(holdsOf().retentionHold, {
        enabled: false,
        state: "off",
        inEffect: false,
        startsAt: null,
        endsAt: null,
        comment: null,
        summary: "Retention hold is off: retention policies move and delete items by age as usual.",
      });
    });

    it("ElcProcessingDisabled → reported, and not mistaken for a retention hold", () => {
      const result = holdsOf({ mailbox: { ElcProcessingDisabled: true } });
      assert.equal(result.mrmProcessingDisabled, true);
      assert.equal(result.retentionHold.inEffect, false);
      assert.match(result.retentionHold.summary, /switched off for this mailbox altogether/);
      assert.doesNotMatch(
        result.retentionHold.summary,
        /as usual/,
        "MRM does not run as usual when it is off"
      );
    });
  });

  describe("deleted items", () => {
    it("defaults (properties absent) → Single Item Recovery on, 14 days", () => {
      const result = describeMailboxHolds({ asOf, mailbox: {} });
      assert.deepEqual(
        [result.deletedItems.singleItemRecovery, result.deletedItems.retainDeletedItemsForDays],
        [true, 14]
      );
      assert.match(result.deletedItems.summary, /Single Item Recovery is on/);
    });

    it("Single Item Recovery off, 30 days → says a purged item is gone at once", () => {
      const result = holdsOf({
        mailbox: { SingleItemRecoveryEnabled: false, RetainDeletedItemsFor: "30.00:00:00" },
      });
      assert.equal(result.deletedItems.retainDeletedItemsForDays, 30);
      assert.match(
        result.deletedItems.summary,
        /Single Item Recovery is off: an item the user purges is gone/
      );
    });
  });

  describe("Recoverable Items usage", () => {
    const row = (name: string, type: string, items: number, size: string, subtree?: [number, string]) => ({
      Name: name,
      FolderPath: `/${name}`,
      FolderType: type,
      Identity: `adele.vance\\${name}`,
      ItemsInFolder: items,
      FolderSize: size,
      ItemsInFolderAndSubfolders: subtree?.[0] ?? items,
      FolderAndSubfolderSize: subtree?.[1] ?? size,
    });
    // The root's subtree totals include folders a listing may leave out (here one not returned), so they
    // differ from the sum of the rows on purpose.
    const folders = [
      row("Recoverable Items", "RecoverableItemsRoot", 0, "0 B (0 bytes)", [8, "2.5 MB (2,600,000 bytes)"]),
      row("Deletions", "RecoverableItemsDeletions", 5, "1.2 MB (1,234,567 bytes)"),
      row("Purges", "RecoverableItemsPurges", 2, "1.2 MB (1,282,015 bytes)"),
      row("Versions", "RecoverableItemsVersions", 0, "0 B (0 bytes)"),
    ];

    it("root row present → its subtree totals are the usage; per-folder rows kept", () => {
      const usage = holdsOf({ recoverableItemsFolders: folders }).recoverableItems!;
      assert.equal(usage.usedBytes, 2_600_000);
      assert.equal(usage.items, 8);
      assert.equal(usage.quotaBytes, 32_212_254_720);
      assert.equal(usage.warningQuotaBytes, 21_474_836_480);
      assert.equal(usage.percentOfQuota, 0);
      assert.equal(usage.quotaState, "ok");
      assert.deepEqual(usage.folders[1], {
        name: "Deletions",
        path: "/Deletions",
        type: "RecoverableItemsDeletions",
        items: 5,
        bytes: 1_234_567,
      });
      assert.equal(
        usage.summary,
        "Recoverable Items holds 8 items (2.5 MB), less than 0.1% of its 30 GB quota."
      );
    });

    it("no root row → the sum of the folders", () => {
      const usage = holdsOf({ recoverableItemsFolders: folders.slice(1) }).recoverableItems!;
      assert.equal(usage.usedBytes, 1_234_567 + 1_282_015);
      assert.equal(usage.items, 7);
    });

    it("past the warning quota → percentage and warning state", () => {
      const usage = holdsOf({
        mailbox: {
          RecoverableItemsQuota: "100 GB (107,374,182,400 bytes)",
          RecoverableItemsWarningQuota: "90 GB (96,636,764,160 bytes)",
        },
        recoverableItemsFolders: [
          row("Purges", "RecoverableItemsPurges", 1200, "95 GB (102,005,473,280 bytes)"),
        ],
      }).recoverableItems!;
      assert.equal(usage.percentOfQuota, 95);
      assert.equal(usage.quotaState, "warning");
      assert.match(
        usage.summary,
        /^Recoverable Items holds 1,200 items \(95 GB\), 95% of its 100 GB quota\. It has reached its warning quota \(90 GB\)\.$/
      );
    });

    it("at the quota → full, deleting may fail", () => {
      const usage = holdsOf({
        recoverableItemsFolders: [row("Purges", "RecoverableItemsPurges", 1, "30 GB (32,212,254,720 bytes)")],
      }).recoverableItems!;
      assert.equal(usage.percentOfQuota, 100);
      assert.equal(usage.quotaState, "full");
      assert.match(usage.summary, /It is full/);
    });

    it("Unlimited quotas → no quota, no percentage", () => {
      const usage = holdsOf({
        mailbox: { RecoverableItemsQuota: "Unlimited", RecoverableItemsWarningQuota: "Unlimited" },
        recoverableItemsFolders: folders,
      }).recoverableItems!;
      assert.deepEqual(
        [usage.quotaBytes, usage.warningQuotaBytes, usage.percentOfQuota, usage.quotaState],
        [null, null, null, "noQuota"]
      );
      assert.equal(usage.summary, "Recoverable Items holds 8 items (2.5 MB).");
    });

    it("counts as strings → read as numbers", () => {
      const usage = holdsOf({
        recoverableItemsFolders: [
          {
            ...row("Deletions", "RecoverableItemsDeletions", 0, "0 B (0 bytes)"),
            ItemsInFolder: "12",
            ItemsInFolderAndSubfolders: "12",
          },
        ],
      }).recoverableItems!;
      assert.equal(usage.items, 12);
    });

    it("folders not read (null) → recoverableItems null, the rest still answered", () => {
      const result = holdsOf({ mailbox: { DelayHoldApplied: true } });
      assert.equal(result.recoverableItems, null);
      assert.equal(result.onHold, true);
    });
  });

  describe("input validation", () => {
    const cases: [string, Input, RegExp][] = [
      ["asOf missing", { asOf: undefined }, /^RulesInputError: asOf: expected an ISO 8601 instant/],
      ["asOf not ISO", { asOf: "21/11/2026" }, /^RulesInputError: asOf: expected an ISO 8601 instant/],
      [
        "an InPlaceHolds entry in no known format",
        { mailbox: { InPlaceHolds: [fabrikamHold, "hold-1"] } },
        /^RulesInputError: mailbox\.InPlaceHolds\[1\]: expected an InPlaceHolds entry/,
      ],
      [
        "an organization InPlaceHolds entry in no known format",
        { organization: { InPlaceHolds: ["mbx123:9"] } },
        /^RulesInputError: organization\.InPlaceHolds\[0\]: expected an InPlaceHolds entry/,
      ],
      [
        "a Litigation Hold duration that is not a TimeSpan",
        { mailbox: { LitigationHoldEnabled: true, LitigationHoldDuration: "7 years" } },
        /^RulesInputError: mailbox\.LitigationHoldDuration: expected a TimeSpan/,
      ],
      [
        "RetainDeletedItemsFor Unlimited",
        { mailbox: { RetainDeletedItemsFor: "Unlimited" } },
        /^RulesInputError: mailbox\.RetainDeletedItemsFor: /,
      ],
      [
        "a quota without its byte count",
        { mailbox: { RecoverableItemsQuota: "30 GB" } },
        /^RulesInputError: mailbox\.RecoverableItemsQuota: expected a size such as "30 GB \(32,212,254,720 bytes\)"/,
      ],
      [
        "an Unlimited folder size",
        { recoverableItemsFolders: [{ Name: "Deletions", FolderSize: "Unlimited" }] },
        /^RulesInputError: recoverableItemsFolders\[0\]\.FolderSize: expected a folder size in bytes/,
      ],
      [
        "a detail without Identity",
        { inPlaceHoldDetails: [{ Name: "x" }] },
        /^RulesInputError: inPlaceHoldDetails\[0\]\.Identity: /,
      ],
      [
        "a retention hold start that is not an instant",
        { mailbox: { StartDateForRetentionHold: "11/11/2026 10:00:00" } },
        /^RulesInputError: mailbox\.StartDateForRetentionHold: expected an ISO 8601 instant/,
      ],
    ];
    for (const [scenario, overrides, expected] of cases) {
      it(`${scenario} → RulesInputError naming the field`, () => {
        assert.throws(() => holdsOf(overrides), expected);
      });
    }

    it("mailbox missing → RulesInputError naming mailbox", () => {
      assert.throws(() => describeMailboxHolds({ asOf }), /^RulesInputError: mailbox: expected object/);
    });

    it("not an object at all → RulesInputError naming the input", () => {
      assert.throws(() => describeMailboxHolds("mailbox"), /^RulesInputError: \(input\): /);
    });

    it("Get-Mailbox's other properties → accepted and ignored", () => {
      const result = holdsOf({
        mailbox: { WasInactiveMailbox: false, RecipientTypeDetails: "UserMailbox", Guid: {} },
      });
      assert.equal(result.onHold, false);
    });
  });

  describe("output schema", () => {
    it("a full answer → valid against mailboxHoldsSchema and expressible as JSON Schema for OpenAPI", () => {
      const result = holdsOf({
        mailbox: { LitigationHoldEnabled: true, InPlaceHolds: [fabrikamHold], DelayHoldApplied: true },
        recoverableItemsFolders: [
          { Name: "Deletions", FolderType: "RecoverableItemsDeletions", FolderSize: "0 B (0 bytes)" },
        ],
      });
      assert.deepEqual(mailboxHoldsSchema.parse(result), result);
      const json = z.toJSONSchema(mailboxHoldsSchema) as { properties: Record<string, unknown> };
      assert.ok("holds" in json.properties && "recoverableItems" in json.properties);
    });
  });
});
