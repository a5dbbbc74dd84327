import assert from "node:assert/strict";
import {
  includeAllState,
  includedMailboxes,
  selectionCounts,
  setIncluded,
  toggleIncludeAll,
} from "../../../../addin/src/views/retract/planSelection.js";
import { plan, planTarget } from "./retractFixtures.js";

const adele = planTarget("adele.vance@contoso.com");
const lee = planTarget("lee.gu@contoso.com", {
  copies: [...planTarget("x").copies, ...planTarget("y").copies],
});
const external = planTarget("auditor@tailspintoys.com", {
  status: "external",
  statusText: "outside the tenant",
});
const demo = plan([adele, lee, external]);

describe("planSelection", () => {
  it("includedMailboxes → nothing excluded → every retractable mailbox, never a refused one", () => {
    assert.deepEqual(includedMailboxes(demo, new Set()), ["adele.vance@contoso.com", "lee.gu@contoso.com"]);
  });

  it("includedMailboxes → an exclusion of a mailbox the new plan lacks → ignored", () => {
    assert.deepEqual(includedMailboxes(demo, new Set(["gone@contoso.com"])).length, 2);
  });

  it("setIncluded → clear then tick again → back to no exclusion, the input untouched", () => {
    const none = new Set<string>();
    const cleared = setIncluded(none, "lee.gu@contoso.com", false);
    assert.deepEqual([...cleared], ["lee.gu@contoso.com"]);
    assert.equal(none.size, 0);
    assert.equal(setIncluded(cleared, "lee.gu@contoso.com", true).size, 0);
  });

  it("includeAllState → all, some, none included → true, mixed, false", () => {
    assert.equal(includeAllState(demo, new Set()), true);
    assert.equal(includeAllState(demo, new Set(["lee.gu@contoso.com"])), "mixed");
    assert.equal(includeAllState(demo, new Set(["lee.gu@contoso.com", "adele.vance@contoso.com"])), false);
  });

  it("includeAllState → a plan with nothing retractable → false", () => {
    assert.equal(includeAllState(plan([external]), new Set()), false);
  });

  it("toggleIncludeAll → from all included → excludes every retractable mailbox", () => {
    assert.deepEqual(includedMailboxes(demo, toggleIncludeAll(demo, new Set())), []);
  });

  it("toggleIncludeAll → from some included → includes them all again", () => {
    const next = toggleIncludeAll(demo, new Set(["lee.gu@contoso.com"]));
    assert.equal(includeAllState(demo, next), true);
  });

  it("selectionCounts → one mailbox with two copies excluded → counts what is left", () => {
    assert.deepEqual(selectionCounts(demo, new Set()), { mailboxes: 2, copies: 3 });
    assert.deepEqual(selectionCounts(demo, new Set(["lee.gu@contoso.com"])), { mailboxes: 1, copies: 1 });
  });
});
