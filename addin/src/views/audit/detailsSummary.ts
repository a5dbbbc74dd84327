// A short line from an audit record's details: the facts an auditor scans for (mode, reason, outcome,
// how many mailboxes), not the whole object; the export has everything.
import type { AuditRecord } from "../../api/apiTypes";

type Details = AuditRecord["details"];
type Json = Details[string];

const maxLength = 160;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Each known detail as a phrase, in the order a reader wants them; null when absent or unusable. */
const known: [key: string, phrase: (value: Json) => string | null][] = [
  ["mode", (v) => (typeof v === "string" ? v : null)],
  ["status", (v) => (typeof v === "string" ? v : null)],
  ["outcome", (v) => (typeof v === "string" ? v : null)],
  ["reason", (v) => (typeof v === "string" && v ? `“${v}”` : null)],
  ["comment", (v) => (typeof v === "string" && v ? `comment “${v}”` : null)],
  ["error", (v) => (typeof v === "string" && v ? `error: ${v}` : null)],
  ["requestedBy", (v) => (typeof v === "string" ? `requested by ${v}` : null)],
  ["targetCount", (v) => (typeof v === "number" ? count(v, "mailbox", "mailboxes") : null)],
  ["copyCount", (v) => (typeof v === "number" ? count(v, "copy", "copies") : null)],
  ["counts", countsText],
  ["mailboxesChecked", (v) => (typeof v === "number" ? `${count(v, "mailbox", "mailboxes")} checked` : null)],
  [
    "reappeared",
    (v) =>
      Array.isArray(v) && v.length > 0
        ? `${count(v.length, "mailbox", "mailboxes")} with the message back`
        : null,
  ],
  ["roles", (v) => (Array.isArray(v) && v.length > 0 ? `as ${v.join(", ")}` : null)],
];

/** { done: 3, failed: 1, skipped: 0 } → "3 done, 1 failed" */
function countsText(value: Json): string | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const parts = Object.entries(value)
    .filter((entry): entry is [string, number] => typeof entry[1] === "number" && entry[1] > 0)
    .map(([status, n]) => `${n} ${status}`);
  return parts.length > 0 ? parts.join(", ") : null;
}

/** For actions this view does not know: the first few plain values as "key: value". */
function plainValues(details: Details): string[] {
  return Object.entries(details)
    .filter(([, value]) => ["string", "number", "boolean"].includes(typeof value))
    .slice(0, 3)
    .map(([key, value]) => `${key}: ${String(value)}`);
}

/**
 * @example detailsSummary({ mode: "soft", reason: "Phishing", targetCount: 3 }) // → "soft · “Phishing” · 3 mailboxes"
 */
export function detailsSummary(details: Details): string {
  const phrases = known.flatMap(([key, phrase]) => {
    const value = details[key];
    const text = value === undefined ? null : phrase(value);
    return text ? [text] : [];
  });
  const text = (phrases.length > 0 ? phrases : plainValues(details)).join(" · ");
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}
