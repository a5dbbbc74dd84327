// The one line at the top of the holds view: whether anything keeps deleted items, and what. The API's
// own sentence follows it; this line is for a glance.
import type { MailboxHoldsResponse } from "../../api/apiTypes";
import { holdKindText } from "./holdKindText";

type Holds = Pick<MailboxHoldsResponse["holds"], "onHold" | "holds">;

/**
 * @example holdsHeadline({ onHold: true, holds: [litigationHold, orgDeleteOnlyPolicy] }) // → "On hold: Litigation Hold"
 * @example holdsHeadline({ onHold: false, holds: [] }) // → "No hold keeps deleted items"
 */
export function holdsHeadline(holds: Holds): string {
  if (!holds.onHold) return "No hold keeps deleted items";
  // Only holds that keep items make the mailbox "on hold"; delete-only policies and exclusions do not.
  const kinds = [...new Set(holds.holds.filter((hold) => hold.retains).map(holdKindText))];
  return kinds.length > 0 ? `On hold: ${kinds.join(", ")}` : "On hold";
}
