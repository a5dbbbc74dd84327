import assert from "node:assert/strict";
import { formatDate, formatDateTime, formatDuration } from "../../../addin/src/format/dates.js";

describe("format/dates", () => {
  it("an instant → formatted in the runtime's locale, with the year", () => {
    assert.match(formatDate("2027-03-12T14:05:00.000Z"), /2027/);
    assert.match(formatDateTime("2027-03-12T14:05:00.000Z"), /2027/);
  });

  it("the API's words and empty values → the words, or the placeholder", () => {
    assert.equal(formatDate("indefinitely"), "indefinitely");
    assert.equal(formatDateTime("unknown"), "unknown");
    assert.equal(formatDate(null), "—");
    assert.equal(formatDate(undefined, "never"), "never");
  });

  it("durations → seconds under a minute, then minutes, then hours and minutes", () => {
    assert.equal(formatDuration(42.4), "42 s");
    assert.equal(formatDuration(185), "3 min");
    assert.equal(formatDuration(4800), "1 h 20 min");
    assert.equal(formatDuration(-5), "0 s");
  });
});
