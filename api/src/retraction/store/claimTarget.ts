// Hands a worker the next target to work on, from any job that has work: one not yet started (or due for
// a retry), or one whose worker's lease ran out (that worker died or hung). FOR UPDATE SKIP LOCKED lets
// workers of every API instance claim at once without waiting for each other or getting the same one.
import type { Database, Queryable } from "../../db/database.js";
import { appendJobAudit, onBehalfOf } from "./jobAudit.js";
import {
  jobColumns,
  targetColumns,
  toCopy,
  toJob,
  toTarget,
  type JobRow,
  type TargetRow,
} from "./jobRows.js";
import { assertJobTransition, phaseOf, targetTransitionProblem, type TargetStatus } from "./jobStates.js";
import type { ClaimedTarget, RetractionJob } from "./jobTypes.js";
import { readCopies } from "./lockTarget.js";

export type ClaimInput = {
  /** Unique per worker (e.g. host, process and a random part): the lease is held in its name. */
  workerId: string;
  /** How long the target is the worker's; renew (renewLease) before it runs out on long work. */
  leaseMs: number;
  now: Date;
};

/**
 * Claims one target, or returns undefined when no target has work right now. The claim counts an
 * attempt and gives the worker a lease until `now + leaseMs`. The first claim on a queued job moves it
 * to running (audited as "retraction.started").
 * @example const target = await claimTarget(db, { workerId, leaseMs: 60_000, now: new Date() });
 */
export async function claimTarget(db: Database, input: ClaimInput): Promise<ClaimedTarget | undefined> {
  if (!(input.leaseMs > 0)) throw new TypeError("leaseMs must be positive");
  return db.transaction(async (tx) => {
    const now = input.now.toISOString();
    const [candidate] = await tx.query<Pick<TargetRow, "job_id" | "mailbox" | "status">>(
      `SELECT t.job_id, t.mailbox, t.status
       FROM retraction_targets t JOIN retraction_jobs j ON j.id = t.job_id
       WHERE t.status IN ('pending', 'running', 'restoring')
         AND t.next_attempt_at <= $1
         AND (t.lease_until IS NULL OR t.lease_until <= $1)
         AND (j.status IN ('queued', 'running') AND t.status IN ('pending', 'running')
              OR j.status = 'undoing' AND t.status = 'restoring')
       ORDER BY t.next_attempt_at, t.job_id, t.mailbox
       LIMIT 1
       FOR UPDATE OF t SKIP LOCKED`,
      [now]
    );
    if (!candidate) return undefined;
    const to: TargetStatus = candidate.status === "pending" ? "running" : candidate.status;
    const problem = targetTransitionProblem(candidate.status, to);
    if (problem) throw new Error(problem);
    const leaseUntil = new Date(input.now.getTime() + input.leaseMs);
    const [claimed] = await tx.query<TargetRow>(
      `UPDATE retraction_targets
       SET status = $3, attempts = attempts + 1, lease_owner = $4, lease_until = $5, updated_at = $6
       WHERE job_id = $1 AND mailbox = $2 RETURNING ${targetColumns}`,
      [candidate.job_id, candidate.mailbox, to, input.workerId, leaseUntil.toISOString(), now]
    );
    const job = await startIfQueued(tx, candidate.job_id, input.now);
    const copies = (await readCopies(tx, job.id, candidate.mailbox)).map(toCopy);
    return {
      ...toTarget(claimed!, copies),
      phase: phaseOf(job.status)!,
      mode: job.mode,
      internetMessageId: job.internetMessageId,
      onBehalfOf: onBehalfOf(job),
      leaseOwner: input.workerId,
      leaseUntil,
    };
  });
}

/**
 * The job, moved from queued to running on its first claim. Claims racing on other connections wait on
 * the job's row here and then find it running already, so it starts (and is audited) once.
 */
async function startIfQueued(tx: Queryable, jobId: string, now: Date): Promise<RetractionJob> {
  const [row] = await tx.query<JobRow>(`SELECT ${jobColumns} FROM retraction_jobs WHERE id = $1`, [jobId]);
  const job = toJob(row!);
  if (job.status !== "queued") return job;
  assertJobTransition(job, "running");
  const [started] = await tx.query<JobRow>(
    `UPDATE retraction_jobs SET status = 'running', started_at = $2
     WHERE id = $1 AND status = 'queued' RETURNING ${jobColumns}`,
    [jobId, now.toISOString()]
  );
  if (!started) {
    const [current] = await tx.query<JobRow>(`SELECT ${jobColumns} FROM retraction_jobs WHERE id = $1`, [
      jobId,
    ]);
    return toJob(current!);
  }
  const running = toJob(started);
  await appendJobAudit(tx, running, {
    actor: onBehalfOf(running),
    action: "retraction.started",
    details: { mode: running.mode, targetCount: running.targetCount },
  });
  return running;
}
