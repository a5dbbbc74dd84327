import assert from "node:assert/strict";
import {
  addDuration,
  dayMs,
  earlierEnd,
  formatByteQuantity,
  formatDay,
  formatInstant,
  laterEnd,
  parseByteQuantity,
  parseDuration,
  parseInstant,
  RulesInputError,
} from "../../../api/src/rules/exchangeValues.js";

describe("exchangeValues", () => {
  describe("parseDuration", () => {
    const cases: [unknown, number | "unlimited"][] = [
      ["14.00:00:00", 14 * dayMs],
      ["1096.00:00:00", 1096 * dayMs],
      ["30.12:30:15.5", 30 * dayMs + 12 * 3_600_000 + 30 * 60_000 + 15_500],
      ["00:30:00", 30 * 60_000],
      [30, 30 * dayMs],
      ["30", 30 * dayMs],
      ["Unlimited", "unlimited"],
      ["unlimited", "unlimited"],
    ];
    for (const [input, expected] of cases) {
      it(`${JSON.stringify(input)} → ${expected === "unlimited" ? "unlimited" : `${expected} ms`}`, () => {
        const parsed = parseDuration(input, "f");
        assert.deepEqual(
          parsed,
          expected === "unlimited" ? { kind: "unlimited" } : { kind: "finite", ms: expected }
        );
      });
    }

    for (const bad of ["forever", "-1.00:00:00", "1.25:00:00", "1.00:61:00", "", null, -3, "14 days"]) {
      it(`${JSON.stringify(bad)} → RulesInputError naming the field and the formats`, () => {
        assert.throws(
          () => parseDuration(bad, "mailbox.RetainDeletedItemsFor"),
          (err: unknown) =>
            err instanceof RulesInputError &&
            err.message.startsWith("mailbox.RetainDeletedItemsFor: expected a TimeSpan") &&
            err.message.includes("Unlimited")
        );
      });
    }
  });

  describe("parseInstant", () => {
    it("UTC with milliseconds → that instant", () => {
      assert.equal(parseInstant("2012-03-01T15:37:16.714Z", "f"), Date.UTC(2012, 2, 1, 15, 37, 16, 714));
    });
    it("an offset → converted to UTC", () => {
      assert.equal(
        formatInstant(parseInstant("2012-03-01T16:37:16.714+01:00", "f")),
        "2012-03-01T15:37:16.714Z"
      );
    });
    it("no zone → read as UTC, like Exchange's *UTC values", () => {
      assert.equal(formatInstant(parseInstant("2012-03-01T15:37:16", "f")), "2012-03-01T15:37:16.000Z");
    });
    it("a date only → midnight UTC", () => {
      assert.equal(formatInstant(parseInstant("2012-03-01", "f")), "2012-03-01T00:00:00.000Z");
    });
    for (const bad of ["6/7/2016 9:54:28 AM", "2012-13-01T00:00:00Z", "yesterday", 5]) {
      it(`${JSON.stringify(bad)} → RulesInputError naming the field`, () => {
        assert.throws(
          () => parseInstant(bad, "item.receivedDateTime"),
          /^RulesInputError: item\.receivedDateTime: expected an ISO 8601 instant/
        );
      });
    }
  });

  describe("addDuration (leap years)", () => {
    it("1,096 days from 2012-03-01 → 2015-03-02 (the 2012 leap day lies before the start)", () => {
      const end = addDuration(
        parseInstant("2012-03-01T15:37:16.714Z", "f"),
        parseDuration("1096.00:00:00", "f")
      );
      assert.equal(formatInstant(end as number), "2015-03-02T15:37:16.714Z");
    });
    it("1,096 days from 2011-03-01 → 2014-03-01 (crosses 29 February 2012)", () => {
      const end = addDuration(parseInstant("2011-03-01T00:00:00Z", "f"), parseDuration(1096, "f"));
      assert.equal(formatInstant(end as number), "2014-03-01T00:00:00.000Z");
    });
    it("1 day from 2012-02-28 → 2012-02-29", () => {
      assert.equal(
        formatInstant(addDuration(Date.UTC(2012, 1, 28), parseDuration(1, "f")) as number).slice(0, 10),
        "2012-02-29"
      );
    });
    it("unlimited → indefinitely", () => {
      assert.equal(addDuration(0, { kind: "unlimited" }), "indefinitely");
    });
  });

  describe("laterEnd / earlierEnd", () => {
    it("indefinitely outlasts unknown and any instant", () => {
      assert.equal(laterEnd("unknown", "indefinitely"), "indefinitely");
      assert.equal(laterEnd(10, "indefinitely"), "indefinitely");
    });
    it("unknown outlasts an instant", () => {
      assert.equal(laterEnd(10, "unknown"), "unknown");
    });
    it("two instants → the later", () => {
      assert.equal(laterEnd(10, 20), 20);
    });
    it("a removal cuts any protection short", () => {
      assert.equal(earlierEnd("indefinitely", 5), 5);
      assert.equal(earlierEnd("unknown", 5), 5);
      assert.equal(earlierEnd(3, 5), 3);
    });
  });

  describe("parseByteQuantity", () => {
    const cases: [unknown, number | "unlimited"][] = [
      ["30 GB (32,212,254,720 bytes)", 32_212_254_720],
      ["100 GB (107,374,182,400 bytes)", 107_374_182_400],
      ["1.2 MB (1,234,567 bytes)", 1_234_567],
      ["12.3 KB (12,595 bytes)", 12_595],
      ["0 B (0 bytes)", 0],
      ["1 B (1 byte)", 1],
      ["12,595 bytes", 12_595],
      ["12595", 12_595],
      [12_595, 12_595],
      ["Unlimited", "unlimited"],
      ["unlimited", "unlimited"],
    ];
    for (const [input, expected] of cases) {
      it(`${JSON.stringify(input)} → ${expected === "unlimited" ? "unlimited" : `${expected} bytes`}`, () => {
        assert.equal(parseByteQuantity(input, "f"), expected);
      });
    }

    for (const bad of ["30 GB", "12.3 KB (12,595)", "1,23 bytes", "12 XB (12 bytes)", "", null, -1, 1.5]) {
      it(`${JSON.stringify(bad)} → RulesInputError naming the field and the format`, () => {
        assert.throws(
          () => parseByteQuantity(bad, "mailbox.RecoverableItemsQuota"),
          /^RulesInputError: mailbox\.RecoverableItemsQuota: expected a size such as "30 GB \(32,212,254,720 bytes\)"/
        );
      });
    }
  });

  describe("formatByteQuantity", () => {
    const cases: [number, string][] = [
      [0, "0 B"],
      [1023, "1023 B"],
      [1024, "1 KB"],
      [12_595, "12.3 KB"],
      [1_048_575, "1 MB"],
      [1_234_567, "1.2 MB"],
      [32_212_254_720, "30 GB"],
    ];
    for (const [bytes, expected] of cases) {
      it(`${bytes} bytes → "${expected}"`, () => {
        assert.equal(formatByteQuantity(bytes), expected);
      });
    }
  });

  describe("formatDay", () => {
    it("an instant late in the UTC day → that UTC date", () => {
      assert.equal(formatDay(Date.UTC(2026, 10, 21, 23, 59, 59)), "2026-11-21");
    });
  });
});
