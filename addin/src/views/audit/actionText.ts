// An audit action in words. The log's actions are stable identifiers ("retraction.target.done"); the
// known ones get a phrase an auditor would use, any other is spelled out from its parts so a new action
// still reads as words (the raw action stays visible beside it).

const phrases: Record<string, string> = {
  "item.status.read": "Read a message's retention",
  "mailbox.holds.read": "Read a mailbox's holds",
  "retraction.requested": "Retraction requested",
  "retraction.approved": "Retraction approved",
  "retraction.rejected": "Retraction rejected",
  "retraction.expired": "Retraction expired unapproved",
  "retraction.started": "Retraction started",
  "retraction.completed": "Retraction completed",
  "retraction.verified": "Retraction checked",
  "retraction.undoRequested": "Undo requested",
  "retraction.undone": "Retraction undone",
  "retraction.target.done": "Mailbox retracted",
  "retraction.target.failed": "Mailbox failed",
  "retraction.target.skipped": "Mailbox skipped",
  "retraction.target.restored": "Mailbox restored",
  "retraction.target.restoreFailed": "Mailbox restore failed",
};

/** "undoRequested" → ["undo", "requested"] */
function words(part: string): string[] {
  return part
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/**
 * @example actionText("retraction.approved") // → "Retraction approved"
 * @example actionText("retraction.submitted") // → "Retraction submitted"
 */
export function actionText(action: string): string {
  const known = phrases[action];
  if (known) return known;
  const text = action.split(".").flatMap(words).join(" ");
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : action;
}
