// When MRM (the Managed Folder Assistant) may act on an item: its expiry, whether a retention hold or
// ElcProcessingDisabled suspends it, and the window in which the action is expected.
import { dayMs } from "./exchangeValues.js";
import type { Scenario } from "./scenario.js";

/** Microsoft commits to one Managed Folder Assistant completion per 7 days, not a daily run. */
export const mfaCycleMs = 7 * dayMs;

type Mailbox = Scenario["mailbox"];

/**
 * The end of the MRM suspension in force at `at`: an instant, "indefinitely", or null when MRM may act.
 * The end date passing does not clear RetentionHoldEnabled, but MRM resumes then, so it is honoured.
 * @example suspensionAt({ RetentionHoldEnabled: true, EndDateForRetentionHold: e, … }, t) // → e while t < e
 */
export function suspensionAt(mailbox: Mailbox, at: number): number | "indefinitely" | null {
  if (mailbox.ElcProcessingDisabled) return "indefinitely";
  if (!mailbox.RetentionHoldEnabled) return null;
  const start = mailbox.StartDateForRetentionHold;
  const end = mailbox.EndDateForRetentionHold;
  if (start != null && at < start) return null;
  if (end != null && at >= end) return null;
  return end ?? "indefinitely";
}

export type ActionWindow = { from: number; to: number };

/**
 * When MRM is expected to act on an item that is due at `dueAt` (its expiry, or later if it only came
 * under the tag later): from the first moment it is not suspended, for one MFA cycle. Null when MRM is
 * suspended indefinitely.
 * @example actionWindow(mailboxWithoutHolds, expiry) // → { from: expiry, to: expiry + 7 days }
 */
export function actionWindow(mailbox: Mailbox, dueAt: number): ActionWindow | null {
  const suspendedUntil = suspensionAt(mailbox, dueAt);
  if (suspendedUntil === "indefinitely") return null;
  const from = suspendedUntil ?? dueAt;
  return { from, to: from + mfaCycleMs };
}
