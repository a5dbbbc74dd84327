// The progress bar's words: where the job is, how many mailboxes of how many, and the time left.
import type { Progress } from "../../api/apiTypes";
import { formatDuration } from "../../format/dates";
import { mailboxes } from "../../format/counting";

/**
 * @example progressText({ phase: "retracting", total: 8, finished: 3, percent: 37, etaSeconds: 12 })
 * // → "3 of 8 mailboxes, about 12 s left"
 */
export function progressText(progress: Progress): string {
  const { phase, total, finished, etaSeconds } = progress;
  if (phase === "waitingForApproval") return `Waiting for approval (${mailboxes(total)})`;
  if (phase === "queued") return `Queued: waiting for a worker (${mailboxes(total)})`;
  const done = `${finished} of ${mailboxes(total)}`;
  const left =
    etaSeconds === null || finished >= total
      ? ""
      : etaSeconds < 1
        ? ", almost done"
        : `, about ${formatDuration(etaSeconds)} left`;
  if (phase === "undoing") return `Undoing: ${done} restored${left}`;
  return `${done}${left}`;
}

/** The bar's value from 0 to 1, or undefined while nothing has started (an indeterminate bar). */
export function progressValue(progress: Progress): number | undefined {
  if (progress.phase === "queued" || progress.phase === "waitingForApproval") return undefined;
  return Math.min(1, Math.max(0, progress.percent / 100));
}
