// Parses the value formats Exchange prints (TimeSpans, "Unlimited", day counts, instants, byte quantities)
// and formats instants and sizes the way the rules report them. Pure: no I/O, no clock.

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
 * Formats an instant as its UTC day, for sentences ("placed on 2025-10-17").
 * @example formatDay(1330616236714) // → "2012-03-01"
 */
export function formatDay(ms: number): string {
  return formatInstant(ms).slice(0, 10);
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

/** A size in bytes, or Exchange's "Unlimited" (a quota without a limit). */
export type ByteQuantity = number | "unlimited";

// Exchange prints a ByteQuantifiedSize as a rounded size in binary units followed by the exact count,
// "30 GB (32,212,254,720 bytes)"; the exact count is the one to trust. Some serializers give the count
// alone ("12595" or "12,595 bytes").
const byteCount = String.raw`(\d{1,3}(?:,\d{3})*|\d+)`;
const sizeWithCount = new RegExp(
  String.raw`^\d+(?:\.\d+)?\s*[KMGTP]?B\s*\(\s*${byteCount}\s*bytes?\s*\)$`,
  "i"
);
const countOnly = new RegExp(String.raw`^${byteCount}(?:\s*bytes?)?$`, "i");
const byteQuantityExpectation =
  'a size such as "30 GB (32,212,254,720 bytes)", a number of bytes, or "Unlimited"';

/**
 * Parses an Exchange byte quantity (quotas, folder sizes) into bytes, or "unlimited".
 * @example parseByteQuantity("30 GB (32,212,254,720 bytes)", "mailbox.RecoverableItemsQuota") // → 32212254720
 * @example parseByteQuantity("Unlimited", "mailbox.RecoverableItemsQuota") // → "unlimited"
 */
export function parseByteQuantity(value: unknown, field: string): ByteQuantity {
  if (typeof value === "number") {
    if (Number.isSafeInteger(value) && value >= 0) return value;
    throw unexpectedValue(field, byteQuantityExpectation, value);
  }
  if (typeof value !== "string") throw unexpectedValue(field, byteQuantityExpectation, value);
  const text = value.trim();
  if (/^unlimited$/i.test(text)) return "unlimited";
  const match = sizeWithCount.exec(text) ?? countOnly.exec(text);
  const bytes = match ? Number(match[1]!.replace(/,/g, "")) : NaN;
  if (!Number.isSafeInteger(bytes)) throw unexpectedValue(field, byteQuantityExpectation, value);
  return bytes;
}

const byteUnits = ["B", "KB", "MB", "GB", "TB", "PB"];

/**
 * Formats a byte count the way Exchange rounds it for people: binary units, at most one decimal.
 * @example formatByteQuantity(12_595) // → "12.3 KB"
 * @example formatByteQuantity(107_374_182_400) // → "100 GB"
 */
export function formatByteQuantity(bytes: number): string {
  let unit = 0;
  let size = bytes;
  // Stop below 1024 after rounding too: 1,048,575 bytes reads "1 MB", not "1024 KB".
  while (Math.round(size * 10) / 10 >= 1024 && unit < byteUnits.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${Math.round(size * 10) / 10} ${byteUnits[unit]}`;
}
