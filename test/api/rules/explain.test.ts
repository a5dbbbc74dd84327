import assert from "node:assert/strict";
import { explain } from "../../../api/src/rules/explain.js";
import { litigationHold, scenario, shiftDelete2012, tag } from "../../support/scenarios.js";

const locations = (e: ReturnType<typeof explain>) => e.timeline.map((step) => step.location);
const holdOf = (e: ReturnType<typeof explain>, kind: string) => e.holds.find((hold) => hold.kind === kind);

describe("explain", () => {
  describe("retention (MRM)", () => {
    const threeYearDelete = tag("3 Year Delete", "All", 1095, "DeleteAndAllowRecovery");

    it("default tag, no MFA runs given → expiry from delivery, moved at the end of the action window, then removed", () => {
      const e = explain(scenario({ retentionTags: [threeYearDelete] }));
      assert.equal(e.retention.startsAt, "2012-03-01T15:37:16.714Z");
      assert.equal(e.retention.expiresAt, "2015-03-01T15:37:16.714Z");
      assert.deepEqual(e.retention.actionWindow, {
        from: "2015-03-01T15:37:16.714Z",
        to: "2015-03-08T15:37:16.714Z",
      });
      assert.deepEqual(locations(e), ["inbox", "recoverableitemsdeletions", "removed"]);
      assert.equal(e.timeline[1]?.at, "2015-03-08T15:37:16.714Z");
      assert.equal(e.permanentRemovalAt, "2015-03-22T15:37:16.714Z");
    });

    it("MFA run before expiry → nothing; first run at or after expiry → acts then", () => {
      const e = explain(
        scenario({
          retentionTags: [threeYearDelete],
          events: [
            { at: "2015-03-01T15:30:00.000Z", action: "mfaRun" },
            { at: "2015-03-02T09:00:00.000Z", action: "mfaRun" },
          ],
        })
      );
      assert.equal(e.timeline[1]?.at, "2015-03-02T09:00:00.000Z");
      assert.equal(e.timeline[1]?.location, "recoverableitemsdeletions");
    });

    it("MFA run exactly at expiry → acts", () => {
      const e = explain(
        scenario({
          retentionTags: [threeYearDelete],
          events: [{ at: "2015-03-01T15:37:16.714Z", action: "mfaRun" }],
        })
      );
      assert.equal(e.timeline[1]?.at, "2015-03-01T15:37:16.714Z");
    });

    it("retention hold in force at expiry with an end → MRM waits for the end; suspendedUntil says so", () => {
      const e = explain(
        scenario({
          retentionTags: [threeYearDelete],
          mailbox: {
            RetentionHoldEnabled: true,
            StartDateForRetentionHold: "2015-01-01T00:00:00Z",
            EndDateForRetentionHold: "2015-06-01T00:00:00Z",
          },
        })
      );
      assert.equal(e.retention.suspendedUntil, "2015-06-01T00:00:00.000Z");
      assert.equal(e.retention.actionWindow?.from, "2015-06-01T00:00:00.000Z");
      assert.equal(e.timeline[1]?.at, "2015-06-08T00:00:00.000Z");
    });

    it("retention hold in force at asOf but ended before expiry → reported, MRM unaffected at expiry", () => {
      const e = explain(
        scenario({
          retentionTags: [threeYearDelete],
          mailbox: { RetentionHoldEnabled: true, EndDateForRetentionHold: "2013-01-01T00:00:00Z" },
        })
      );
      assert.equal(e.retention.suspendedUntil, "2013-01-01T00:00:00.000Z");
      assert.equal(e.retention.actionWindow?.from, "2015-03-01T15:37:16.714Z");
    });

    it("retention hold without end → suspended indefinitely, MRM never deletes the item", () => {
      const e = explain(
        scenario({ retentionTags: [threeYearDelete], mailbox: { RetentionHoldEnabled: true } })
      );
      assert.equal(e.retention.suspendedUntil, "indefinitely");
      assert.equal(e.retention.actionWindow, null);
      assert.deepEqual(locations(e), ["inbox"]);
      assert.equal(e.permanentRemovalAt, null);
    });

    it("ElcProcessingDisabled → MRM does nothing, even on MFA runs", () => {
      const e = explain(
        scenario({
          retentionTags: [threeYearDelete],
          mailbox: { ElcProcessingDisabled: true },
          events: [{ at: "2016-01-01T00:00:00Z", action: "mfaRun" }],
        })
      );
      assert.equal(e.retention.suspendedUntil, "indefinitely");
      assert.deepEqual(locations(e), ["inbox"]);
    });

    it("PermanentlyDelete tag → straight to Purges", () => {
      const e = explain(scenario({ retentionTags: [tag("1 Year Purge", "All", 365, "PermanentlyDelete")] }));
      assert.deepEqual(locations(e), ["inbox", "recoverableitemspurges", "removed"]);
    });

    it("MarkAsPastRetentionLimit → expiry reported, item never moved", () => {
      const e = explain(scenario({ retentionTags: [tag("Mark", "All", 30, "MarkAsPastRetentionLimit")] }));
      assert.equal(e.retention.expiresAt, "2012-03-31T15:37:16.714Z");
      assert.deepEqual(locations(e), ["inbox"]);
    });

    it("archive-only policy → tag shown, never expires, never deleted", () => {
      const e = explain(scenario({ retentionTags: [tag("2 Year Archive", "All", 730, "MoveToArchive")] }));
      assert.equal(e.retention.tag?.action, "MoveToArchive");
      assert.equal(e.retention.expiresAt, null);
      assert.equal(e.permanentRemovalAt, null);
    });

    it("no tag where delivered; moved to Deleted Items which has one → stamped then (seed 001's gotcha)", () => {
      const e = explain(
        scenario({
          asOf: "2013-01-01T00:00:00Z",
          retentionTags: [tag("Deleted 30 Days", "DeletedItems", 30, "DeleteAndAllowRecovery")],
          events: [{ at: "2012-06-01T00:00:00Z", action: "softDelete" }],
        })
      );
      assert.equal(e.retention.startsAt, "2012-06-01T00:00:00.000Z");
      assert.equal(e.retention.expiresAt, "2012-07-01T00:00:00.000Z");
      assert.deepEqual(locations(e), ["inbox", "deleteditems", "recoverableitemsdeletions", "removed"]);
    });

    it("same, with MFA runs given → stamped by the first run in Deleted Items", () => {
      const e = explain(
        scenario({
          asOf: "2013-01-01T00:00:00Z",
          retentionTags: [tag("Deleted 30 Days", "DeletedItems", 30, "DeleteAndAllowRecovery")],
          events: [
            { at: "2012-06-01T00:00:00Z", action: "softDelete" },
            { at: "2012-06-03T00:00:00Z", action: "mfaRun" },
            { at: "2012-07-04T00:00:00Z", action: "mfaRun" },
          ],
        })
      );
      assert.equal(e.retention.startsAt, "2012-06-03T00:00:00.000Z");
      assert.equal(e.timeline[2]?.at, "2012-07-04T00:00:00.000Z");
    });

    it("personal tag → wins, source personal", () => {
      const e = explain(
        scenario({
          retentionTags: [threeYearDelete, tag("1 Month Delete", "Personal", 30, "DeleteAndAllowRecovery")],
          item: { personalTag: "1 Month Delete" },
        })
      );
      assert.deepEqual(e.retention.tag, {
        name: "1 Month Delete",
        source: "personal",
        action: "DeleteAndAllowRecovery",
        ageLimitDays: 30,
      });
    });
  });

  describe("events", () => {
    it("softDelete → Deleted Items; again → Recoverable Items\\Deletions", () => {
      const e = explain(
        scenario({
          events: [
            { at: "2012-04-01T00:00:00Z", action: "softDelete" },
            { at: "2012-04-02T00:00:00Z", action: "softDelete" },
          ],
        })
      );
      assert.deepEqual(locations(e), ["inbox", "deleteditems", "recoverableitemsdeletions", "removed"]);
      assert.equal(e.permanentRemovalAt, "2012-04-16T00:00:00.000Z");
    });

    it("retractSoft → Deletions, user can recover until deleted + 14 days", () => {
      const e = explain(scenario({ events: [{ at: "2012-04-01T00:00:00Z", action: "retractSoft" }] }));
      assert.deepEqual(locations(e), ["inbox", "recoverableitemsdeletions", "removed"]);
      assert.equal(e.permanentRemovalAt, "2012-04-15T00:00:00.000Z");
    });

    it("retractHard → Purges, removed when deleted-item retention ends (Single Item Recovery on)", () => {
      const e = explain(scenario({ events: [{ at: "2012-04-01T00:00:00Z", action: "retractHard" }] }));
      assert.deepEqual(locations(e), ["inbox", "recoverableitemspurges", "removed"]);
      assert.equal(e.permanentRemovalAt, "2012-04-15T00:00:00.000Z");
    });

    it("retractHard with Single Item Recovery off and no hold → removed at once", () => {
      const e = explain(
        scenario({
          mailbox: { SingleItemRecoveryEnabled: false },
          events: [{ at: "2012-04-01T00:00:00Z", action: "retractHard" }],
        })
      );
      assert.equal(e.permanentRemovalAt, "2012-04-01T00:00:00.000Z");
      assert.equal(e.timeline.at(-1)?.why, "purged with Single Item Recovery off");
    });

    it("retractHard on a held mailbox → kept in Purges until the hold ends", () => {
      const e = explain(
        scenario({
          mailbox: litigationHold(),
          events: [{ at: "2012-04-01T00:00:00Z", action: "retractHard" }],
        })
      );
      assert.deepEqual(locations(e), ["inbox", "recoverableitemspurges", "removed"]);
      assert.equal(e.permanentRemovalAt, "2015-03-02T15:37:16.714Z");
    });

    it("events after the item is gone → ignored", () => {
      const e = explain(
        scenario({ events: [shiftDelete2012, { at: "2013-01-01T00:00:00Z", action: "softDelete" }] })
      );
      assert.deepEqual(locations(e), ["inbox", "recoverableitemsdeletions", "removed"]);
    });

    it("events given out of order → played in time order", () => {
      const e = explain(
        scenario({
          events: [
            { at: "2012-04-02T00:00:00Z", action: "softDelete" },
            { at: "2012-04-01T00:00:00Z", action: "softDelete" },
          ],
        })
      );
      assert.deepEqual(locations(e).slice(0, 3), ["inbox", "deleteditems", "recoverableitemsdeletions"]);
    });

    it("holdRemoved → holds end then, a 30-day delay hold follows and keeps deleted items", () => {
      const e = explain(
        scenario({
          asOf: "2013-01-01T00:00:00Z",
          mailbox: litigationHold("Unlimited"),
          events: [shiftDelete2012, { at: "2012-10-01T00:00:00Z", action: "holdRemoved" }],
        })
      );
      assert.equal(holdOf(e, "LitigationHold")?.protectedUntil, "2012-10-01T00:00:00.000Z");
      assert.equal(holdOf(e, "DelayHold")?.protectedUntil, "2012-10-31T00:00:00.000Z");
      assert.equal(e.permanentRemovalAt, "2012-10-31T00:00:00.000Z");
    });
  });

  describe("holds", () => {
    it("unlimited Litigation Hold → kept indefinitely, never a date", () => {
      const e = explain(scenario({ mailbox: litigationHold("Unlimited"), events: [shiftDelete2012] }));
      assert.equal(e.protectedUntil, "indefinitely");
      assert.equal(e.permanentRemovalAt, "indefinitely");
      assert.ok(!locations(e).includes("removed"));
    });

    it("Litigation Hold duration as a plain number of days → same as the TimeSpan", () => {
      const e = explain(scenario({ mailbox: litigationHold(1096), events: [shiftDelete2012] }));
      assert.equal(e.permanentRemovalAt, "2015-03-02T15:37:16.714Z");
    });

    it("item deleted exactly when the hold's protection ends → removed 14 days later, never in Purges", () => {
      const e = explain(
        scenario({
          mailbox: litigationHold("33.00:00:00"),
          events: [{ at: "2012-04-03T15:37:16.714Z", action: "hardDelete" }],
        })
      );
      assert.equal(holdOf(e, "LitigationHold")?.protectedUntil, "2012-04-03T15:37:16.714Z");
      assert.deepEqual(locations(e), ["inbox", "recoverableitemsdeletions", "removed"]);
      assert.equal(e.permanentRemovalAt, "2012-04-17T15:37:16.714Z");
    });

    it("protection ending 1 ms after deleted-item retention → kept in Purges until then", () => {
      const e = explain(
        scenario({
          mailbox: litigationHold("47.00:00:00.001"),
          events: [{ at: "2012-04-03T15:37:16.714Z", action: "hardDelete" }],
        })
      );
      assert.deepEqual(locations(e), [
        "inbox",
        "recoverableitemsdeletions",
        "recoverableitemspurges",
        "removed",
      ]);
      assert.equal(e.permanentRemovalAt, "2012-04-17T15:37:16.715Z");
    });

    it("Litigation Hold placed after the item was already removed → does not bring it back", () => {
      const e = explain(
        scenario({
          mailbox: { ...litigationHold("Unlimited"), LitigationHoldDate: "2013-01-01T00:00:00Z" },
          events: [shiftDelete2012],
        })
      );
      assert.equal(e.permanentRemovalAt, "2012-04-17T20:05:52.574Z");
    });

    it("In-Place Hold whose query matches → kept in DiscoveryHolds for its item hold period", () => {
      const e = explain(
        scenario({
          mailbox: { InPlaceHolds: ["cld9c0a984ca74b457fbe4504bf7d3e00de"] },
          inPlaceHoldDetails: [
            {
              Identity: "cld9c0a984ca74b457fbe4504bf7d3e00de",
              Name: "Invoices",
              Query: "Invoice",
              ItemHoldPeriod: "1096.00:00:00",
            },
          ],
          events: [shiftDelete2012],
        })
      );
      assert.deepEqual(locations(e), [
        "inbox",
        "recoverableitemsdeletions",
        "recoverableitemsdiscoveryholds",
        "removed",
      ]);
      assert.equal(e.permanentRemovalAt, "2015-03-02T15:37:16.714Z");
      assert.equal(holdOf(e, "InPlaceHold")?.id, "cld9c0a984ca74b457fbe4504bf7d3e00de");
    });

    it("In-Place Hold whose query does not match → does not cover the item", () => {
      const e = explain(
        scenario({
          mailbox: { InPlaceHolds: ["c0ba3ce811b6432a8751430937152491"] },
          inPlaceHoldDetails: [
            { Identity: "c0ba3ce811b6432a8751430937152491", Query: "payroll", ItemHoldPeriod: "Unlimited" },
          ],
          events: [shiftDelete2012],
        })
      );
      assert.equal(holdOf(e, "InPlaceHold")?.coversItem, false);
      assert.equal(e.permanentRemovalAt, "2012-04-17T20:05:52.574Z");
    });

    it("In-Place Hold without details → assumed to cover, end unknown", () => {
      const e = explain(
        scenario({
          mailbox: { InPlaceHolds: ["c0ba3ce811b6432a8751430937152491"] },
          events: [shiftDelete2012],
        })
      );
      assert.equal(holdOf(e, "InPlaceHold")?.protectedUntil, "unknown");
      assert.equal(e.permanentRemovalAt, "unknown");
    });

    it("eDiscovery case hold (UniH) → covers, kept indefinitely", () => {
      const e = explain(
        scenario({
          mailbox: { InPlaceHolds: ["UniH7d895d48-7e23-4a8d-8346-533c3beac15d"] },
          events: [shiftDelete2012],
        })
      );
      assert.equal(holdOf(e, "eDiscoveryHold")?.protectedUntil, "indefinitely");
      assert.equal(e.permanentRemovalAt, "indefinitely");
    });

    it("Purview policy mbx…:3 with its retention period (2,556 days: one leap day in 2016) → kept until receipt + period", () => {
      const e = explain(
        scenario({
          mailbox: { InPlaceHolds: ["mbxcdbbb86ce60342489bff371876e7f224:3"] },
          inPlaceHoldDetails: [
            { Identity: "cdbbb86ce60342489bff371876e7f224", Name: "Keep 7 years", RetentionDuration: 2556 },
          ],
          events: [shiftDelete2012],
        })
      );
      assert.equal(e.permanentRemovalAt, "2019-03-01T15:37:16.714Z");
    });

    it("Purview policy mbx…:2 without details → protected, end unknown", () => {
      const e = explain(
        scenario({
          mailbox: { InPlaceHolds: ["mbxcdbbb86ce60342489bff371876e7f224:2"] },
          events: [shiftDelete2012],
        })
      );
      assert.equal(e.permanentRemovalAt, "unknown");
    });

    it("Purview policy mbx…:1 (delete only) → listed, keeps nothing", () => {
      const e = explain(
        scenario({
          mailbox: { InPlaceHolds: ["mbxcdbbb86ce60342489bff371876e7f224:1"] },
          events: [shiftDelete2012],
        })
      );
      assert.equal(holdOf(e, "RetentionPolicy")?.coversItem, false);
      assert.equal(e.permanentRemovalAt, "2012-04-17T20:05:52.574Z");
    });

    it("org-wide policy → applies; a -mbx exclusion on the mailbox cancels it", () => {
      const org = { InPlaceHolds: ["mbxe9b52bf7ab3b46a286308ecb29624696:2"] };
      const applied = explain(scenario({ organization: org, events: [shiftDelete2012] }));
      assert.equal(applied.permanentRemovalAt, "unknown");
      const excluded = explain(
        scenario({
          organization: org,
          mailbox: { InPlaceHolds: ["-mbxe9b52bf7ab3b46a286308ecb29624696"] },
          events: [shiftDelete2012],
        })
      );
      assert.equal(holdOf(excluded, "RetentionPolicyExclusion")?.coversItem, false);
      assert.ok(!excluded.holds.some((hold) => hold.kind === "RetentionPolicy"));
      assert.equal(excluded.permanentRemovalAt, "2012-04-17T20:05:52.574Z");
    });

    it("Skype policy (skp) → does not cover mail outside Conversation History", () => {
      const e = explain(scenario({ mailbox: { InPlaceHolds: ["skp127d7cf1076947929bf136b7a2a8c36f:3"] } }));
      assert.equal(holdOf(e, "RetentionPolicy")?.coversItem, false);
      const chat = explain(
        scenario({
          mailbox: { InPlaceHolds: ["skp127d7cf1076947929bf136b7a2a8c36f:3"] },
          item: { folder: "conversationhistory" },
        })
      );
      assert.equal(holdOf(chat, "RetentionPolicy")?.coversItem, true);
    });

    it("retention label on the item with its period → kept until receipt + period", () => {
      const e = explain(
        scenario({
          mailbox: { ComplianceTagHoldApplied: true },
          retentionLabels: [{ Name: "Contracts", RetentionDuration: "3650" }],
          item: { retentionLabel: "Contracts" },
          events: [shiftDelete2012],
        })
      );
      assert.equal(holdOf(e, "RetentionLabel")?.protectedUntil, "2022-02-27T15:37:16.714Z");
    });

    it("ComplianceTagHoldApplied but this item has no label → listed, does not cover it", () => {
      const e = explain(scenario({ mailbox: { ComplianceTagHoldApplied: true } }));
      assert.equal(holdOf(e, "RetentionLabel")?.coversItem, false);
    });

    it("DelayHoldApplied flag (removal time unknown) → covers, end unknown", () => {
      const e = explain(scenario({ mailbox: { DelayHoldApplied: true }, events: [shiftDelete2012] }));
      assert.equal(e.permanentRemovalAt, "unknown");
    });

    it("unknown and unlimited together → indefinitely wins", () => {
      const e = explain(
        scenario({
          mailbox: { ...litigationHold("Unlimited"), DelayHoldApplied: true },
          events: [shiftDelete2012],
        })
      );
      assert.equal(e.protectedUntil, "indefinitely");
    });
  });

  describe("input errors", () => {
    const cases: [unknown, RegExp][] = [
      [{ ...scenario(), asOf: undefined }, /^RulesInputError: asOf: /],
      [scenario({ item: { receivedDateTime: null } }), /item\.receivedDateTime: required/],
      [scenario({ mailbox: { RetainDeletedItemsFor: "Unlimited" } }), /mailbox\.RetainDeletedItemsFor/],
      [scenario({ events: [{ at: "2012-04-01T00:00:00Z", action: "explode" }] }), /events\[0\]\.action/],
      [
        scenario({
          retentionTags: [{ ...tag("x", "All", 1, "DeleteAndAllowRecovery"), RetentionAction: "Shred" }],
        }),
        /retentionTags\[0\]\.RetentionAction/,
      ],
      [scenario({ mailbox: { InPlaceHolds: ["nonsense"] } }), /mailbox\.InPlaceHolds\[0\]/],
      [scenario({ item: { personalTag: "Missing" } }), /item\.personalTag/],
      [scenario({ mailbox: { LitigationHoldEnabled: "maybe" } }), /mailbox\.LitigationHoldEnabled/],
    ];
    for (const [input, expected] of cases) {
      it(`${expected.source} → rejected, naming the field`, () => {
        assert.throws(() => explain(input), expected);
      });
    }

    it("unknown fields → ignored", () => {
      assert.doesNotThrow(() =>
        explain({
          ...scenario(),
          comment: "x",
          mailbox: { Name: "Ann", RetainDeletedItemsFor: "14.00:00:00" },
        })
      );
    });
  });
});
