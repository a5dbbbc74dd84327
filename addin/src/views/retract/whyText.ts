// Why a mailbox is in the plan, as one line: the API's words, with the depth added where they do not
// already say it ("To recipient" is depth 0; "forwarded by Adele Vance at depth 1" says so itself).
import type { PlanTarget } from "../../api/apiTypes";

/**
 * @example whyText({ depth: 0, text: "To recipient" }) // → "To recipient (depth 0)"
 * @example whyText({ depth: 1, text: "forwarded by Adele Vance at depth 1 (To recipient)" }) // → "Forwarded by Adele Vance at depth 1 (To recipient)"
 */
export function whyText(why: Pick<PlanTarget["why"][number], "depth" | "text">): string {
  const text = why.text.charAt(0).toUpperCase() + why.text.slice(1);
  return /\bdepth \d/i.test(text) ? text : `${text} (depth ${why.depth})`;
}
