import assert from "node:assert/strict";
import { localizeDays } from "../../../../addin/src/views/retract/localDates.js";

/** Shows the calendar day the helper built, in local time, so the test holds in every time zone. */
const show = (day: Date) => `[${day.getFullYear()}/${day.getMonth() + 1}/${day.getDate()}]`;

describe("localizeDays", () => {
  it("a sentence with ISO days → each day formatted as the same local calendar day", () => {
    assert.equal(
      localizeDays("recover it until 2026-12-05; kept until 2027-01-31.", show),
      "recover it until [2026/12/5]; kept until [2027/1/31]."
    );
  });

  it("an instant with a time → left as it is", () => {
    assert.equal(localizeDays("at 2026-12-05T10:00:00Z", show), "at 2026-12-05T10:00:00Z");
  });

  it("not a real day → left as it is", () => {
    assert.equal(localizeDays("until 2026-02-31", show), "until 2026-02-31");
  });

  it("no day at all → unchanged", () => {
    assert.equal(localizeDays("kept indefinitely", show), "kept indefinitely");
  });
});
