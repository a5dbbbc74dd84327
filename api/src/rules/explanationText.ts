// Renders an explanation as a readable timeline for people (`npm run explain -- FILE --text`).
import type { Explanation } from "./explanation.js";
import { holdName } from "./holds.js";

const locationNames: Record<string, string> = {
  inbox: "Inbox",
  sentitems: "Sent Items",
  deleteditems: "Deleted Items",
  junkemail: "Junk Email",
  drafts: "Drafts",
  outbox: "Outbox",
  archive: "Archive",
  conversationhistory: "Conversation History",
  recoverableitemsdeletions: "Recoverable Items\\Deletions",
  recoverableitemspurges: "Recoverable Items\\Purges",
  recoverableitemsdiscoveryholds: "Recoverable Items\\DiscoveryHolds",
  removed: "nowhere (permanently removed)",
};

/**
 * A location in the words Outlook and Exchange use.
 * @example locationName("recoverableitemspurges") // → "Recoverable Items\\Purges"
 */
export function locationName(location: string): string {
  return locationNames[location] ?? location;
}

const day = (instant: string) => instant.slice(0, 10);
const until = (end: string) =>
  end === "indefinitely"
    ? "indefinitely"
    : end === "unknown"
      ? "for a time not known here"
      : `until ${day(end)}`;

function retentionLines({ retention }: Explanation): string[] {
  const { tag } = retention;
  if (!tag) return ["Retention: no retention tag applies; the item never expires."];
  const age = tag.ageLimitDays === null ? "" : ` after ${tag.ageLimitDays} days`;
  const lines = [`Retention: "${tag.name}" (${tag.source} tag, ${tag.action}${age}).`];
  if (retention.expiresAt) {
    const window = retention.actionWindow
      ? `; MRM acts between ${day(retention.actionWindow.from)} and ${day(retention.actionWindow.to)}`
      : "";
    lines.push(`  Expires ${day(retention.expiresAt)}${window}.`);
  } else lines.push("  This tag never deletes the item.");
  if (retention.suspendedUntil) lines.push(`  MRM is suspended ${until(retention.suspendedUntil)}.`);
  return lines;
}

function holdLines({ holds }: Explanation): string[] {
  if (!holds.length) return ["Holds: none."];
  return [
    "Holds:",
    ...holds.map((hold) => {
      const cover = hold.coversItem
        ? `keeps this item ${until(hold.protectedUntil ?? "unknown")}`
        : "does not keep this item";
      return `  - ${holdName(hold.kind)}${hold.id ? ` ${hold.id}` : ""}: ${cover} (${hold.detail}).`;
    }),
  ];
}

function timelineLines(explanation: Explanation, asOf: string | null): string[] {
  const lines: string[] = [];
  const steps = explanation.timeline;
  steps.forEach((step, index) => {
    const isExpected = (at: string) => (asOf && at > asOf ? " (expected)" : "");
    if (step.location === "removed") {
      if (step.why.startsWith("protection by ")) return; // merged into the previous line
      lines.push(`  ${day(step.at)} destroyed: ${step.why}${isExpected(step.at)}`);
      return;
    }
    const verb = step.why === "delivered" ? "delivered to" : "moved to";
    const why = step.why === "delivered" ? "" : step.why.startsWith("by ") ? ` ${step.why}` : `: ${step.why}`;
    const line = `  ${day(step.at)} ${verb} ${locationName(step.location)}${why}`;
    const next = steps[index + 1];
    if (next?.location === "removed" && next.why.startsWith("protection by ")) {
      const keeper = next.why.replace(/^protection by /, "").replace(/ ended$/, "");
      const merged = `${line.replace(`; kept by ${keeper}`, "")}; kept by ${keeper} until ${day(next.at)}; then destroyed`;
      lines.push(merged + isExpected(next.at));
    } else lines.push(line + isExpected(step.at));
  });
  return ["Timeline:", ...lines];
}

function removalLine(explanation: Explanation): string {
  const removal = explanation.permanentRemovalAt;
  if (removal === null) return "Nothing deletes this item: it stays until someone deletes it.";
  if (removal === "indefinitely") return "Permanent removal: never, while the holds stay in place.";
  if (removal === "unknown") return "Permanent removal: kept; the end of its protection is not known here.";
  return `Permanent removal: ${removal}.`;
}

/**
 * The explanation as plain text: retention, holds, a dated timeline and the final removal.
 * @example explanationText(explain(seed4b), "2014-03-10T00:00:00.000Z")
 * // includes "2014-03-06 moved to Recoverable Items\Purges by the 2 Year Purge tag; kept by Litigation Hold until 2015-03-02; then destroyed"
 */
export function explanationText(explanation: Explanation, asOf: string | null = null): string {
  return [
    ...retentionLines(explanation),
    ...holdLines(explanation),
    ...timelineLines(explanation, asOf),
    `Location${asOf ? ` on ${day(asOf)}` : ""}: ${locationName(explanation.locationAsOf)}.`,
    removalLine(explanation),
  ].join("\n");
}
