// The message's retractions as the list shows them: the list read from the API, with the jobs this
// view follows live laid over it (their status moves on without reading the list again), and a job just
// submitted added before the API's list is read again.
import type { JobSummaryView } from "../../api/apiTypes";

/**
 * Newest first, each job once, the live version winning.
 * @example mergeJobs([old], new Map([[fresh.id, fresh]]), "<a@fabrikam.com>") // → [fresh, old]
 */
export function mergeJobs(
  fetched: readonly JobSummaryView[],
  live: ReadonlyMap<string, JobSummaryView>,
  internetMessageId: string
): JobSummaryView[] {
  const listed = new Set(fetched.map((job) => job.id));
  const merged = fetched.map((job) => live.get(job.id) ?? job);
  // A live job not in the list belongs to it only when it is this message's (the view may follow a job
  // opened from elsewhere).
  for (const job of live.values())
    if (!listed.has(job.id) && job.internetMessageId === internetMessageId) merged.push(job);
  return merged.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}
