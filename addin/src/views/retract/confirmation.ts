// What the admin confirms before a retraction starts: how many copies from how many mailboxes, what the
// mode does to them, and whether a second person must approve first.
import type { Plan } from "../../api/apiTypes";
import type { SelectionCounts } from "./planSelection";
import type { RetractMode } from "./retractOptions";
import { copies, mailboxes } from "../../format/counting";

export const modeEffect: Record<RetractMode, string> = {
  soft: "soft: moved to Recoverable Items; can be undone",
  hard: "hard: purged; cannot be undone",
};

/**
 * @example confirmationText({ mailboxes: 6, copies: 7 }, "soft")
 * // → "Retract 7 copies from 6 mailboxes (soft: moved to Recoverable Items; can be undone)?"
 */
export function confirmationText(counts: SelectionCounts, mode: RetractMode): string {
  return `Retract ${copies(counts.copies)} from ${mailboxes(counts.mailboxes)} (${modeEffect[mode]})?`;
}

/**
 * Whether the submission will wait for a second person, in a sentence, or null when it will not. The
 * plan's approval was decided for every retractable mailbox; with fewer included, a soft retraction may
 * drop under the threshold, which only the API knows.
 */
export function approvalNote(plan: Plan, counts: SelectionCounts): string | null {
  if (!plan.approval.required) return null;
  const all = plan.totals.retractableMailboxes;
  const why = plan.approval.reasons.join("; ");
  if (plan.mode === "hard" || counts.mailboxes >= all)
    return `It waits for a second person with Retract.Approve before anything is retracted (${why}).`;
  return `It may wait for a second person with Retract.Approve if it still reaches more mailboxes than the approval threshold.`;
}
