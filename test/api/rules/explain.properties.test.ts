// Invariants of the rules engine over generated scenarios (fast-check).
import assert from "node:assert/strict";
import fc from "fast-check";
import { dayMs } from "../../../api/src/rules/exchangeValues.js";
import { explain } from "../../../api/src/rules/explain.js";

const start = Date.UTC(2010, 0, 1);
const span = 20 * 365 * dayMs;
const instant = fc.integer({ min: start, max: start + span }).map((ms) => new Date(ms).toISOString());
const deleting = fc.constantFrom("hardDelete", "softDelete", "retractSoft", "retractHard");
const anyAction = fc.constantFrom(
  "hardDelete",
  "softDelete",
  "retractSoft",
  "retractHard",
  "mfaRun",
  "holdRemoved"
);

const tagArb = fc.record({
  Name: fc.constantFrom("A", "B", "C"),
  Type: fc.constantFrom("All", "Inbox", "DeletedItems", "SentItems"),
  AgeLimitForRetention: fc.integer({ min: 1, max: 3000 }).map(String),
  RetentionAction: fc.constantFrom(
    "DeleteAndAllowRecovery",
    "PermanentlyDelete",
    "MoveToArchive",
    "MarkAsPastRetentionLimit"
  ),
  RetentionEnabled: fc.boolean(),
});

const holdsArb = fc.record({
  LitigationHoldEnabled: fc.boolean(),
  LitigationHoldDuration: fc.oneof(
    fc.constant("Unlimited"),
    fc.integer({ min: 0, max: 4000 }).map((d) => `${d}.00:00:00`)
  ),
  InPlaceHolds: fc.subarray([
    "cld9c0a984ca74b457fbe4504bf7d3e00de",
    "UniH7d895d48-7e23-4a8d-8346-533c3beac15d",
    "mbxcdbbb86ce60342489bff371876e7f224:3",
    "mbxcdbbb86ce60342489bff371876e7f225:1",
  ]),
  DelayHoldApplied: fc.boolean(),
  RetentionHoldEnabled: fc.boolean(),
  ElcProcessingDisabled: fc.boolean(),
});

const scenarioArb = (actions: fc.Arbitrary<string>) =>
  fc.record({
    asOf: instant,
    received: instant,
    retainDays: fc.integer({ min: 0, max: 30 }),
    holds: holdsArb,
    tags: fc.array(tagArb, { maxLength: 3 }),
    events: fc.array(fc.record({ at: instant, action: actions }), { maxLength: 5 }),
    details: fc.boolean(),
  });

type Generated = {
  asOf: string;
  received: string;
  retainDays: number;
  holds: Record<string, unknown>;
  tags: Record<string, unknown>[];
  events: { at: string; action: string }[];
  details: boolean;
};

function toInput(g: Generated) {
  return {
    asOf: g.asOf,
    mailbox: {
      ...g.holds,
      LitigationHoldDate: "2009-01-01T00:00:00Z",
      SingleItemRecoveryEnabled: true,
      RetainDeletedItemsFor: `${g.retainDays}.00:00:00`,
    },
    retentionTags: g.tags,
    inPlaceHoldDetails: g.details
      ? [
          { Identity: "cld9c0a984ca74b457fbe4504bf7d3e00de", Query: "Invoice", ItemHoldPeriod: "365" },
          { Identity: "cdbbb86ce60342489bff371876e7f224", RetentionDuration: "700" },
        ]
      : [],
    item: { receivedDateTime: g.received, folder: "inbox", subject: "Invoice 42" },
    // Events before delivery make no sense; keep them after it.
    events: g.events.filter((event) => event.at >= g.received),
  };
}

describe("explain: invariants", () => {
  it("permanent removal is never before entering Recoverable Items + RetainDeletedItemsFor (Single Item Recovery on)", () => {
    fc.assert(
      fc.property(scenarioArb(anyAction), (g) => {
        const e = explain(toInput(g));
        const entered = e.timeline.find((step) => step.location.startsWith("recoverableitems"));
        if (!entered || !e.permanentRemovalAt || !/^\d/.test(e.permanentRemovalAt)) return;
        assert.ok(
          Date.parse(e.permanentRemovalAt) >= Date.parse(entered.at) + g.retainDays * dayMs,
          JSON.stringify(e)
        );
      }),
      { numRuns: 400 }
    );
  });

  it("a covering unlimited Litigation Hold never yields a removal date", () => {
    fc.assert(
      fc.property(scenarioArb(deleting), (g) => {
        const input = toInput({
          ...g,
          holds: { ...g.holds, LitigationHoldEnabled: true, LitigationHoldDuration: "Unlimited" },
        });
        const e = explain(input);
        assert.ok(
          e.permanentRemovalAt === null || e.permanentRemovalAt === "indefinitely",
          e.permanentRemovalAt ?? "null"
        );
        assert.ok(!e.timeline.some((step) => step.location === "removed"));
      }),
      { numRuns: 300 }
    );
  });

  it("the timeline is in time order, starts with delivery, and ends at most once in 'removed'", () => {
    fc.assert(
      fc.property(scenarioArb(anyAction), (g) => {
        const e = explain(toInput(g));
        assert.equal(e.timeline[0]?.why, "delivered");
        for (let i = 1; i < e.timeline.length; i++)
          assert.ok(e.timeline[i - 1]!.at <= e.timeline[i]!.at, JSON.stringify(e.timeline));
        const removed = e.timeline.filter((step) => step.location === "removed");
        assert.ok(removed.length <= 1);
        if (removed.length) assert.equal(e.timeline.at(-1)?.location, "removed");
      }),
      { numRuns: 400 }
    );
  });

  it("locationAsOf is where the timeline has the item at asOf", () => {
    fc.assert(
      fc.property(scenarioArb(anyAction), (g) => {
        const e = explain(toInput(g));
        const asOf = new Date(g.asOf).toISOString();
        const passed = e.timeline.filter((step, index) => index === 0 || step.at <= asOf);
        assert.equal(e.locationAsOf, passed.at(-1)!.location);
      }),
      { numRuns: 300 }
    );
  });

  it("overall protectedUntil is never earlier than any covering hold's", () => {
    fc.assert(
      fc.property(scenarioArb(anyAction), (g) => {
        const e = explain(toInput(g));
        for (const hold of e.holds.filter((h) => h.coversItem)) {
          assert.ok(e.protectedUntil !== null);
          if (/^\d/.test(e.protectedUntil) && /^\d/.test(hold.protectedUntil ?? ""))
            assert.ok(e.protectedUntil >= hold.protectedUntil!);
          if (!/^\d/.test(hold.protectedUntil ?? "")) assert.ok(!/^\d/.test(e.protectedUntil));
        }
      }),
      { numRuns: 300 }
    );
  });
});
