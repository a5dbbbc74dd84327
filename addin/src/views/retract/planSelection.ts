// Which mailboxes of a plan the admin acts on. The form keeps what the admin *excluded*, not what they
// included: a new preview (another depth, say) then includes every retractable mailbox by default while
// the admin's deliberate exclusions survive.
import type { Plan, PlanTarget } from "../../api/apiTypes";

export const isRetractable = (target: PlanTarget) => target.status === "retractable";

/**
 * The UPNs to include: every retractable target not excluded, in the plan's order.
 * @example includedMailboxes(plan, new Set(["lee.gu@contoso.com"])) // → ["adele.vance@contoso.com", …]
 */
export function includedMailboxes(plan: Plan, excluded: ReadonlySet<string>): string[] {
  return plan.targets.filter((t) => isRetractable(t) && !excluded.has(t.mailbox)).map((t) => t.mailbox);
}

/** The exclusions after ticking or clearing one mailbox's Include box. */
export function setIncluded(excluded: ReadonlySet<string>, mailbox: string, include: boolean): Set<string> {
  const next = new Set(excluded);
  if (include) next.delete(mailbox);
  else next.add(mailbox);
  return next;
}

/** The header box: ticked when every retractable mailbox is included, mixed when some are. */
export function includeAllState(plan: Plan, excluded: ReadonlySet<string>): boolean | "mixed" {
  const retractable = plan.targets.filter(isRetractable).length;
  const included = includedMailboxes(plan, excluded).length;
  if (retractable > 0 && included === retractable) return true;
  return included === 0 ? false : "mixed";
}

/**
 * The exclusions after the header box is used: from all included it clears every box, otherwise it
 * includes every retractable mailbox.
 */
export function toggleIncludeAll(plan: Plan, excluded: ReadonlySet<string>): Set<string> {
  const next = new Set(excluded);
  const everyOne = includeAllState(plan, excluded) === true;
  for (const target of plan.targets.filter(isRetractable)) {
    if (everyOne) next.add(target.mailbox);
    else next.delete(target.mailbox);
  }
  return next;
}

export type SelectionCounts = { mailboxes: number; copies: number };

/**
 * How many mailboxes and copies the submission reaches, for the confirmation.
 * @example selectionCounts(plan, new Set()) // → { mailboxes: 6, copies: 7 }
 */
export function selectionCounts(plan: Plan, excluded: ReadonlySet<string>): SelectionCounts {
  const included = new Set(includedMailboxes(plan, excluded));
  const targets = plan.targets.filter((t) => included.has(t.mailbox));
  return { mailboxes: targets.length, copies: targets.reduce((sum, t) => sum + t.copies.length, 0) };
}
