import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { explain } from "../../../api/src/rules/explain.js";
import { explanationText, locationName } from "../../../api/src/rules/explanationText.js";
import { litigationHold, scenario, shiftDelete2012 } from "../../support/scenarios.js";

const seed = (name: string) =>
  JSON.parse(readFileSync(`examples/scenarios/${name}.json`, "utf8")) as { asOf: string };

describe("explanationText", () => {
  it("seed 4b → the MRM move, the hold that keeps it and when it is destroyed, on one line", () => {
    const input = seed("seed-4b-2-year-purge-tag-and-litigation-hold");
    const text = explanationText(explain(input), new Date(input.asOf).toISOString());
    assert.match(
      text,
      /^ {2}2014-03-06 moved to Recoverable Items\\Purges by the 2 Year Purge tag; kept by Litigation Hold until 2015-03-02; then destroyed \(expected\)$/m
    );
    assert.match(text, /Expires 2014-03-01/);
    assert.match(text, /Permanent removal: 2015-03-02T15:37:16\.714Z\./);
  });

  it("seed 3a → the move to Purges names the hold once", () => {
    const input = seed("seed-3a-litigation-hold-shift-delete");
    const text = explanationText(explain(input), new Date(input.asOf).toISOString());
    assert.match(
      text,
      /2012-04-17 moved to Recoverable Items\\Purges: deleted-item retention \(14 days\) ended; kept by Litigation Hold until 2015-03-02; then destroyed/
    );
    assert.doesNotMatch(text, /kept by Litigation Hold; kept by/);
  });

  it("no tag, no hold → says the item never expires and nothing deletes it", () => {
    const text = explanationText(explain(scenario()));
    assert.match(text, /never expires/);
    assert.match(text, /Holds: none\./);
    assert.match(text, /Nothing deletes this item/);
  });

  it("unlimited hold → says it is never removed while held, no invented date", () => {
    const text = explanationText(
      explain(scenario({ mailbox: litigationHold("Unlimited"), events: [shiftDelete2012] }))
    );
    assert.match(text, /keeps this item indefinitely/);
    assert.match(text, /Permanent removal: never, while the holds stay in place\./);
  });

  it("locationName → Exchange's folder names", () => {
    assert.equal(locationName("recoverableitemsdiscoveryholds"), "Recoverable Items\\DiscoveryHolds");
    assert.equal(locationName("Projects"), "Projects");
  });
});
