// Parses the value formats Exchange prints (TimeSpans, "Unlimited", day counts, instants) and formats
// instants the way the explanation reports them. Pure: no I/O, no clock.

/** A length of time in milliseconds, or Exchange's "Unlimited". */
export type Duration = { kind: "finite"; ms: number } | { kind: "unlimited" };

/** When something ends: an instant (epoch ms), never, or not knowable from the data at hand. */
export type End = number | "indefinitely" | "unknown";

export const dayMs = 24 * 60 * 60 * 1000;

/** Input that the rules cannot use; the message names the field and what is wrong with it. */
export class RulesInputError extends Error {
  override readonly name = "RulesInputError";
  constructor(
    readonly field: string,
    readonly problem: string
  ) {
    super(`${field}: ${problem}`);
  }
}

/**
 * The error for a value of the wrong format: "FIELD: expected WHAT, got VALUE".
 * @example unexpectedValue("asOf", "an ISO 8601 instant", "x").message // → 'asOf: expected an ISO 8601 instant, got "x"'
 */
export function unexpectedValue(field: string, expectation: string, value: unknown): RulesInputError {
  return new RulesInputError(field, `expected ${expectation}, got ${JSON.stringify(value) ?? String(value)}`);
}

const timeSpanPattern = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;
const durationExpectation = 'a TimeSpan such as "14.00:00:00", a number of days, or "Unlimited"';

/**
 * Parses an Exchange duration: a TimeSpan (`d.hh:mm:ss[.fffffff]`), a plain number of days (as a number or
 * a string), or `Unlimited` (any case).
 * @example parseDuration("1096.00:00:00", "LitigationHoldDuration") // → { kind: "finite", ms: 1096 * dayMs }
 * @example parseDuration("Unlimited", "LitigationHoldDuration") // → { kind: "unlimited" }
 */
export function parseDuration(value: unknown, field: string): Duration {
  if (typeof value === "number") {
    if (Number.isFinite(value) && value >= 0) return { kind: "finite", ms: Math.round(value * dayMs) };
    throw unexpectedValue(field, durationExpectation, value);
  }
  if (typeof value !== "string") throw unexpectedValue(field, durationExpectation, value);
  const text = value.trim();
  if (/^unlimited$/i.test(text)) return { kind: "unlimited" };
  if (/^\d+(\.\d+)?$/.test(text)) return { kind: "finite", ms: Math.round(Number(text) * dayMs) };
  const match = timeSpanPattern.exec(text);
  if (!match || match[1]) throw unexpectedValue(field, durationExpectation, value);
  const [, , days = "0", hours = "0", minutes = "0", seconds = "0", fraction = ""] = match;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) {
    throw unexpectedValue(field, durationExpectation, value);
  }
  const ms =
    Number(days) * dayMs +
    Number(hours) * 3_600_000 +
    Number(minutes) * 60_000 +
    Number(seconds) * 1000 +
    Math.round(Number(`0.${fraction || "0"}`) * 1000);
  return { kind: "finite", ms };
}

const isoPattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses an ISO 8601 instant. A value without a zone is taken as UTC, as Exchange's *UTC properties are.
 * @example parseInstant("2012-03-01T15:37:16.714Z", "item.receivedDateTime") // → 1330616236714
 */
export function parseInstant(value: unknown, field: string): number {
  const expectation = 'an ISO 8601 instant such as "2012-03-01T15:37:16.714Z"';
  if (typeof value !== "string" || !isoPattern.test(value.trim()))
    throw unexpectedValue(field, expectation, value);
  const text = value.trim();
  const zoned = /T.*(Z|[+-]\d{2}:?\d{2})$/.test(text) || !text.includes("T") ? text : `${text}Z`;
  const ms = Date.parse(zoned.includes("T") ? zoned : `${zoned}T00:00:00Z`);
  if (Number.isNaN(ms)) throw unexpectedValue(field, expectation, value);
  return ms;
}

/**
 * Formats an instant as ISO 8601 UTC with milliseconds.
 * @example formatInstant(1330616236714) // → "2012-03-01T15:37:16.714Z"
 */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Formats an End for output: instants as ISO text, the two words as they are.
 * @example formatEnd("indefinitely") // → "indefinitely"
 */
export function formatEnd(end: End): string {
  return typeof end === "number" ? formatInstant(end) : end;
}

/**
 * Adds a duration to an instant; an unlimited duration never ends.
 * @example addDuration(0, { kind: "finite", ms: dayMs }) // → 86400000
 */
export function addDuration(start: number, duration: Duration): End {
  return duration.kind === "finite" ? start + duration.ms : "indefinitely";
}

/**
 * The later of two ends. "indefinitely" outlasts everything; "unknown" outlasts any instant (it may be
 * later), but not "indefinitely".
 * @example laterEnd(5, "unknown") // → "unknown"
 */
export function laterEnd(a: End, b: End): End {
  if (a === "indefinitely" || b === "indefinitely") return "indefinitely";
  if (a === "unknown" || b === "unknown") return "unknown";
  return Math.max(a, b);
}

/**
 * The earlier of two ends (a hold cut short by its removal).
 * @example earlierEnd("indefinitely", 5) // → 5
 */
export function earlierEnd(a: End, b: End): End {
  if (typeof a === "number" && typeof b === "number") return Math.min(a, b);
  if (typeof a === "number") return a;
  if (typeof b === "number") return b;
  return a === "unknown" || b === "unknown" ? "unknown" : "indefinitely";
}
