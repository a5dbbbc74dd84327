import assert from "node:assert/strict";
import { actionWindow, mfaCycleMs, suspensionAt } from "../../../api/src/rules/mrm.js";
import { parseScenario } from "../../../api/src/rules/scenario.js";
import { scenario } from "../../support/scenarios.js";

const mailbox = (fields: Record<string, unknown>) => parseScenario(scenario({ mailbox: fields })).mailbox;
const t = (iso: string) => Date.parse(iso);

describe("mrm", () => {
  it("no retention hold → not suspended; window is expiry to expiry + 7 days", () => {
    const box = mailbox({});
    assert.equal(suspensionAt(box, t("2015-01-01T00:00:00Z")), null);
    assert.deepEqual(actionWindow(box, t("2015-01-01T00:00:00Z")), {
      from: t("2015-01-01T00:00:00Z"),
      to: t("2015-01-01T00:00:00Z") + mfaCycleMs,
    });
  });

  it("retention hold with an end date in force at expiry → window starts at the end date", () => {
    const box = mailbox({
      RetentionHoldEnabled: true,
      StartDateForRetentionHold: "2014-12-01T00:00:00Z",
      EndDateForRetentionHold: "2015-02-01T00:00:00Z",
    });
    assert.equal(actionWindow(box, t("2015-01-01T00:00:00Z"))?.from, t("2015-02-01T00:00:00Z"));
  });

  it("retention hold whose end date has passed (flag still set) → MRM acts normally", () => {
    const box = mailbox({ RetentionHoldEnabled: true, EndDateForRetentionHold: "2014-02-01T00:00:00Z" });
    assert.equal(suspensionAt(box, t("2015-01-01T00:00:00Z")), null);
  });

  it("retention hold not yet started at expiry → no effect", () => {
    const box = mailbox({ RetentionHoldEnabled: true, StartDateForRetentionHold: "2016-01-01T00:00:00Z" });
    assert.equal(suspensionAt(box, t("2015-01-01T00:00:00Z")), null);
  });

  it("retention hold without an end date → suspended indefinitely, no window", () => {
    const box = mailbox({ RetentionHoldEnabled: true });
    assert.equal(suspensionAt(box, t("2015-01-01T00:00:00Z")), "indefinitely");
    assert.equal(actionWindow(box, t("2015-01-01T00:00:00Z")), null);
  });

  it("ElcProcessingDisabled → suspended indefinitely", () => {
    assert.equal(suspensionAt(mailbox({ ElcProcessingDisabled: true }), 0), "indefinitely");
  });
});
