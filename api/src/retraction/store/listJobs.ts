// A message's retraction history: every job that retracted it, or one of its copies (a forward or reply
// taken along), newest first, with who asked, when, the mode and how its targets ended.
import type { Queryable } from "../../db/database.js";
import { emptyCounts, type TargetCounts } from "./jobStates.js";
import { jobColumns, toJob, type JobRow } from "./jobRows.js";
import type { RetractionJobSummary } from "./jobTypes.js";

/**
 * @example const history = await listJobs(db, { internetMessageId: "<demo-phish-0001@fabrikam.com>" });
 */
export async function listJobs(
  db: Queryable,
  query: { internetMessageId: string }
): Promise<RetractionJobSummary[]> {
  const rows = await db.query<JobRow & { counts: Partial<TargetCounts> | null }>(
    // Unqualified columns are the job's: the lateral join adds only counts.
    `SELECT ${jobColumns}, c.counts
     FROM retraction_jobs j
     LEFT JOIN LATERAL (
       SELECT jsonb_object_agg(s.status, s.n) AS counts
       FROM (SELECT status, count(*) AS n FROM retraction_targets t WHERE t.job_id = j.id GROUP BY status) s
     ) c ON true
     WHERE j.internet_message_id = $1
        OR j.id IN (SELECT job_id FROM retraction_copies WHERE internet_message_id = $1)
     ORDER BY j.created_at DESC, j.id DESC`,
    [query.internetMessageId]
  );
  return rows.map((row) => ({ ...toJob(row), counts: { ...emptyCounts(), ...row.counts } }));
}
