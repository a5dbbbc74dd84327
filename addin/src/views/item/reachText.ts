// How far a retraction reached, in the words of the item view's history.
import type { JobSummaryView } from "../../api/apiTypes";
import { mailboxes } from "../../format/counting";

/** "retracted (soft) from 6 of 7 mailboxes" */
export function reachText(job: JobSummaryView): string {
  const reached = job.undo ? job.counts.restored : job.counts.done;
  const verb = job.undo ? "restored in" : `retracted (${job.mode}) from`;
  return `${verb} ${reached} of ${mailboxes(job.targetCount)}`;
}
