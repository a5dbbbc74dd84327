// A job with its targets counted by status, read without the targets themselves: what the answers to a
// submit, a decision or an undo, and a message's retraction history, show. A job of 100,000 targets is
// one row and a count here, where reading it whole (getJob) costs hundreds of megabytes.
import type { Queryable } from "../../db/database.js";
import { emptyCounts, type TargetCounts } from "./jobStates.js";
import { jobColumns, toJob, type JobRow } from "./jobRows.js";
import type { RetractionJobSummary } from "./jobTypes.js";
import { isJobId, jobNotFound } from "./lockJob.js";

type SummaryRow = JobRow & { counts: Partial<TargetCounts> | null };

/**
 * Reads the jobs (as `j`) that `condition` selects, with their counts, newest first.
 * @example await readJobSummaries(db, "j.id = $1", [jobId])
 */
export async function readJobSummaries(
  db: Queryable,
  condition: string,
  params: unknown[]
): Promise<RetractionJobSummary[]> {
  const rows = await db.query<SummaryRow>(
    // Unqualified columns are the job's: the lateral join adds only counts.
    `SELECT ${jobColumns}, c.counts
     FROM retraction_jobs j
     LEFT JOIN LATERAL (
       SELECT jsonb_object_agg(s.status, s.n) AS counts
       FROM (SELECT status, count(*) AS n FROM retraction_targets t WHERE t.job_id = j.id GROUP BY status) s
     ) c ON true
     WHERE ${condition}
     ORDER BY j.created_at DESC, j.id DESC`,
    params
  );
  return rows.map((row) => ({ ...toJob(row), counts: { ...emptyCounts(), ...row.counts } }));
}

/**
 * One job with its counts; 404 RETRACTION_NOT_FOUND when there is none.
 * @example res.json(jobSummaryView(await getJobSummary(db, job.id), new Date()))
 */
export async function getJobSummary(db: Queryable, jobId: string): Promise<RetractionJobSummary> {
  if (!isJobId(jobId)) throw jobNotFound(jobId);
  const [job] = await readJobSummaries(db, "j.id = $1", [jobId]);
  if (!job) throw jobNotFound(jobId);
  return job;
}
