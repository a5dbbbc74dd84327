// How full a mailbox's Recoverable Items folder is, in one line: a full folder stops deletions, which is
// the usual reason helpdesk opens this view.
import type { MailboxHoldsResponse } from "../../api/apiTypes";

type Usage = NonNullable<MailboxHoldsResponse["holds"]["recoverableItems"]>;

/**
 * @example recoverableUsageText({ items: 3, usedBytes: 1_610_612_736, quotaBytes: 107_374_182_400, percentOfQuota: 1.5, … }, formatBytes)
 * // → "3 items, 1.5 GB of 100 GB (1.5%)"
 */
export function recoverableUsageText(
  usage: Pick<Usage, "items" | "usedBytes" | "quotaBytes" | "percentOfQuota">,
  formatBytes: (bytes: number) => string
): string {
  const items = `${usage.items} ${usage.items === 1 ? "item" : "items"}`;
  const used = formatBytes(usage.usedBytes);
  if (usage.quotaBytes === null) return `${items}, ${used} (no quota)`;
  const percent = usage.percentOfQuota === null ? "" : ` (${usage.percentOfQuota}%)`;
  return `${items}, ${used} of ${formatBytes(usage.quotaBytes)}${percent}`;
}

/** The message bar intent for the quota state: nothing to flag, nearly full, or full. */
export function quotaIntent(state: Usage["quotaState"]): "warning" | "error" | null {
  if (state === "warning") return "warning";
  if (state === "full") return "error";
  return null;
}
