// What happened in one mailbox of a job, as lines for its row: the outcome in words (the API records
// short codes such as "softDeleted"), the undo's outcome, the last error, the next attempt, and what the
// preview predicted for it.
import type { TargetView } from "../../api/apiTypes";
import { formatDateTime } from "../../format/dates";
import { localizeDays } from "./localDates";

export type DetailLine = { text: string; tone: "normal" | "muted" | "danger" };

const outcomeWords: Record<string, string> = {
  softDeleted: "Moved to Recoverable Items",
  purged: "Purged",
  alreadyGone: "Already gone: no copy left to retract",
  restored: "Moved back to its folder",
};

/** @example outcomeText("softDeleted (lease renewed late)") // → "Moved to Recoverable Items (lease renewed late)" */
export function outcomeText(outcome: string): string {
  return outcome.replace(/^\w+/, (code) => outcomeWords[code] ?? code);
}

/** The preview's sentence stored with the target, when there is one. */
export function predictedText(predicted: unknown): string | null {
  if (typeof predicted !== "object" || predicted === null) return null;
  const text = (predicted as { text?: unknown }).text;
  return typeof text === "string" && text !== "" ? localizeDays(text) : null;
}

const working: readonly TargetView["status"][] = ["pending", "running", "restoring"];

/**
 * @example targetDetails({ status: "failed", outcome: "1 of 1 copies could not be retracted", lastError: "Graph 503", … })
 * // → [{ text: "1 of 1 copies could not be retracted", tone: "normal" }, { text: "Graph 503", tone: "danger" }, …]
 */
export function targetDetails(target: TargetView, format = formatDateTime): DetailLine[] {
  const lines: DetailLine[] = [];
  if (target.outcome) lines.push({ text: outcomeText(target.outcome), tone: "normal" });
  if (target.undoOutcome) lines.push({ text: `Undo: ${outcomeText(target.undoOutcome)}`, tone: "normal" });
  if (target.lastError) lines.push({ text: target.lastError, tone: "danger" });
  if (target.nextAttemptAt && working.includes(target.status))
    lines.push({
      text: `Trying again at ${format(target.nextAttemptAt)} (attempt ${target.attempts + 1})`,
      tone: "muted",
    });
  const predicted = predictedText(target.predicted);
  if (predicted) lines.push({ text: `Predicted: ${predicted}`, tone: "muted" });
  return lines;
}
