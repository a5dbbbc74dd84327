// A message's retraction history: every job that retracted it, or one of its copies (a forward or reply
// taken along), newest first, with who asked, when, the mode and how its targets ended.
import type { Queryable } from "../../db/database.js";
import type { RetractionJobSummary } from "./jobTypes.js";
import { readJobSummaries } from "./jobSummary.js";

/**
 * @example const history = await listJobs(db, { internetMessageId: "<demo-phish-0001@fabrikam.com>" });
 */
export function listJobs(
  db: Queryable,
  query: { internetMessageId: string }
): Promise<RetractionJobSummary[]> {
  return readJobSummaries(
    db,
    `j.internet_message_id = $1
     OR j.id IN (SELECT job_id FROM retraction_copies WHERE internet_message_id = $1)`,
    [query.internetMessageId]
  );
}
