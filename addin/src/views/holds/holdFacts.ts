// The facts of one hold as label/value pairs for a compact card: what it covers, for how long, since
// when and by whom. Dates go through the caller's formatter so the card shows the user's locale.
import type { MailboxHold } from "../../api/apiTypes";
import { policyActionText } from "./policyActionText";

export type HoldFact = { label: string; value: string };

/**
 * @example holdFacts(litigationHold, formatDate)
 * // → [{ label: "Covers", value: "every item in the mailbox" }, { label: "Keeps items", value: "indefinitely" },
 * //    { label: "Placed", value: "17 Oct 2025 by legal@contoso.com" }]
 */
export function holdFacts(hold: MailboxHold, formatDate: (iso: string) => string): HoldFact[] {
  const facts: HoldFact[] = [{ label: "Covers", value: hold.covers }];
  facts.push({ label: "Keeps items", value: hold.retains ? hold.keepsItemsFor : "nothing" });
  // A period counted from receipt means some items are already past it; the date says which.
  if (hold.retains && hold.keepsItemsReceivedSince)
    facts.push({
      label: "Kept today",
      value: `items received since ${formatDate(hold.keepsItemsReceivedSince)}`,
    });
  const action = policyActionText(hold.policyAction);
  if (action) facts.push({ label: "Policy", value: action });
  if (hold.since || hold.owner) {
    const when = hold.since ? formatDate(hold.since) : null;
    const value = [when, hold.owner ? `by ${hold.owner}` : null].filter(Boolean).join(" ");
    facts.push({ label: "Placed", value });
  }
  return facts;
}
