// Seed 002's scenarios, from the repository's example files, with the product's consistent 1,096-day
// arithmetic (2015-03-02 where the seed itself says 1 March in 4b/4c).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { explain } from "../../../api/src/rules/explain.js";

const seed = (name: string) => explain(JSON.parse(readFileSync(`examples/scenarios/${name}.json`, "utf8")));
const path = (e: ReturnType<typeof explain>) => e.timeline.map((step) => `${step.at} ${step.location}`);

describe("explain: seed 002 scenarios", () => {
  it("1: no policy, no hold, only read → stays in the Inbox, never removed", () => {
    const e = seed("seed-1-no-policy-no-hold-read");
    assert.deepEqual(path(e), ["2012-03-01T15:37:16.714Z inbox"]);
    assert.equal(e.locationAsOf, "inbox");
    assert.equal(e.permanentRemovalAt, null);
    assert.equal(e.retention.tag, null);
    assert.equal(e.protectedUntil, null);
  });

  it("2: Shift+Delete, no hold → Deletions, removed 14 days later", () => {
    const e = seed("seed-2-no-policy-no-hold-shift-delete");
    assert.deepEqual(path(e), [
      "2012-03-01T15:37:16.714Z inbox",
      "2012-04-03T20:05:52.574Z recoverableitemsdeletions",
      "2012-04-17T20:05:52.574Z removed",
    ]);
    assert.equal(e.permanentRemovalAt, "2012-04-17T20:05:52.574Z");
  });

  it("3a: 1,096-day Litigation Hold, Shift+Delete → Purges on 2012-04-17, removed 2015-03-02", () => {
    const e = seed("seed-3a-litigation-hold-shift-delete");
    assert.deepEqual(path(e), [
      "2012-03-01T15:37:16.714Z inbox",
      "2012-04-03T20:05:52.574Z recoverableitemsdeletions",
      "2012-04-17T20:05:52.574Z recoverableitemspurges",
      "2015-03-02T15:37:16.714Z removed",
    ]);
    assert.equal(e.protectedUntil, "2015-03-02T15:37:16.714Z");
    assert.equal(e.permanentRemovalAt, "2015-03-02T15:37:16.714Z");
    assert.equal(e.locationAsOf, "recoverableitemspurges");
    assert.deepEqual(
      e.holds.map((h) => [h.kind, h.coversItem, h.protectedUntil]),
      [["LitigationHold", true, "2015-03-02T15:37:16.714Z"]]
    );
  });

  it("3b: deleted five years later, after the hold's protection ended → removed 14 days after deletion", () => {
    const e = seed("seed-3b-litigation-hold-delete-after-5-years");
    assert.equal(e.permanentRemovalAt, "2017-04-17T20:05:52.574Z");
    assert.ok(!e.timeline.some((step) => step.location === "recoverableitemspurges"), "never kept in Purges");
  });

  it("4a: 3-year delete tag changes nothing → same as 3a", () => {
    const e = seed("seed-4a-3-year-delete-tag-and-litigation-hold");
    assert.equal(e.permanentRemovalAt, "2015-03-02T15:37:16.714Z");
    assert.equal(e.retention.expiresAt, "2015-03-01T15:37:16.714Z");
    assert.equal(e.retention.tag?.source, "default");
  });

  it("4b: 2-year purge tag, MFA on 2014-03-06 → Purges, kept by Litigation Hold until 2015-03-02", () => {
    const e = seed("seed-4b-2-year-purge-tag-and-litigation-hold");
    assert.equal(e.retention.expiresAt, "2014-03-01T15:37:16.714Z");
    assert.deepEqual(path(e), [
      "2012-03-01T15:37:16.714Z inbox",
      "2014-03-06T15:29:28.520Z recoverableitemspurges",
      "2015-03-02T15:37:16.714Z removed",
    ]);
    assert.equal(e.permanentRemovalAt, "2015-03-02T15:37:16.714Z");
  });

  it("4c: 3-year purge tag, MFA on 2015-03-06 after protection ended → removed 2015-03-20", () => {
    const e = seed("seed-4c-3-year-purge-tag-and-litigation-hold");
    assert.equal(e.retention.expiresAt, "2015-03-01T15:37:16.714Z");
    assert.deepEqual(path(e), [
      "2012-03-01T15:37:16.714Z inbox",
      "2015-03-06T15:29:28.520Z recoverableitemspurges",
      "2015-03-20T15:29:28.520Z removed",
    ]);
    assert.equal(e.permanentRemovalAt, "2015-03-20T15:29:28.520Z");
  });
});
