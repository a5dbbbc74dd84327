// Discovery's findings staged for a plan, on both engines: the findings about one mailbox (or one
// refused recipient) share a place; places come in the plan's order; a copy not found where another
// of the plan's messages was found is no refusal; pages read back each place's findings in the order
// they were met; and the included mailboxes that are not targets are named with their reason.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { Database } from "../../../../api/src/db/database.js";
import { mergeFindings, type Finding } from "../../../../api/src/retraction/discovery/mergeFindings.js";
import {
  notFoundAmong,
  placeFindings,
  readPlacedFindings,
  stageFindings,
} from "../../../../api/src/retraction/store/planFindings.js";
import { describeEachDatabase } from "../../../support/testDatabases.js";
import { copyOf, forward, refused, target, why } from "../discovery/findingFixtures.js";
import { t0 } from "./storeFixtures.js";

/** Met in this order: Lee at depth 1, Megan twice (two lists), Adele, refusals, then Lee's missing forward. */
const findings: Finding[] = [
  target("lee.gu", [copyOf("lee-1")], why("forwarded by Adele Vance", 1, forward)),
  refused("auditor@tailspintoys.com", "external", why("To recipient")),
  target("megan.bowen", [copyOf("megan-1")], why("To recipient via Finance Team")),
  target("adele.vance", [copyOf("adele-1")], why("To recipient")),
  target("megan.bowen", [copyOf("megan-1")], why("To recipient via Finance Leads")),
  refused("Pradeep.Gupta@contoso.com", "outOfScope", why("Cc recipient"), "id-pradeep.gupta"),
  // Lee holds the original but not the forward: no refusal.
  refused("lee.gu@contoso.com", "copyNotFound", why("forwarded by Adele Vance", 1, forward), "id-lee.gu"),
];

describeEachDatabase("retraction store: planFindings", (current) => {
  let db: Database;
  before(() => (db = current().db));

  const staged = async (list: Finding[]) => {
    const planId = randomUUID();
    // Two groups, numbered on, as discovery's writer stages them.
    await stageFindings(db, planId, list.slice(0, 3), 0, t0);
    await stageFindings(db, planId, list.slice(3), 3, t0);
    return planId;
  };

  it("placed and read in pages → one place per mailbox or refusal, in the plan's order, merged as in memory", async () => {
    const planId = await staged(findings);

    assert.equal(await placeFindings(db, planId), 5);
    const first = await readPlacedFindings(db, planId, -1, 2);
    const rest = await readPlacedFindings(db, planId, first.at(-1)!.position, 10);
    const places = [...first, ...rest];

    assert.deepEqual(
      places.map((p) => p.position),
      [0, 1, 2, 3, 4]
    );
    const merged = places.map((p) => mergeFindings(p.findings));
    assert.deepEqual(
      merged.map((m) => m.targets[0]?.mailbox ?? m.notRetractable[0]!.address),
      [
        "adele.vance@contoso.com",
        "megan.bowen@contoso.com",
        "lee.gu@contoso.com",
        "auditor@tailspintoys.com",
        "Pradeep.Gupta@contoso.com",
      ]
    );
    // The same entries, in the same order, as merging every finding at once.
    const whole = mergeFindings(findings);
    assert.deepEqual(
      merged.flatMap((m) => [...m.targets, ...m.notRetractable]),
      [...whole.targets, ...whole.notRetractable]
    );
    assert.deepEqual(
      merged[1]!.targets[0]!.why.map((w) => w.text),
      ["To recipient via Finance Team", "To recipient via Finance Leads"]
    );
  });

  it("included mailboxes → those without copies named in name order, with the reason discovery found, or none", async () => {
    const planId = await staged(findings);

    assert.deepEqual(
      await notFoundAmong(db, planId, [
        "megan.bowen@contoso.com",
        "pradeep.gupta@contoso.com",
        "nobody@contoso.com",
      ]),
      [
        { mailbox: "nobody@contoso.com", text: null },
        { mailbox: "pradeep.gupta@contoso.com", text: "Pradeep.Gupta@contoso.com: outOfScope" },
      ]
    );
    assert.deepEqual(await notFoundAmong(db, planId, ["lee.gu@contoso.com"]), []);
  });
});
