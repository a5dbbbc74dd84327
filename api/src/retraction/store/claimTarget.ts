// Hands workers the next targets to work on, from any job that has work: ones not yet started (or due
// for a retry), or ones whose worker's lease ran out (that worker died or hung). FOR UPDATE SKIP LOCKED
// lets workers of every API instance claim at once without waiting for each other or getting the same
// one. The claim also marks in flight every copy with work left, in the same transaction and before any
// Graph call: from then on a crash leaves those copies to be checked again before anything is done.
import type { Database, Queryable } from "../../db/database.js";
import { appendJobAudit, onBehalfOf } from "./jobAudit.js";
import {
  columnsOf,
  jobColumns,
  targetColumns,
  toCopy,
  toJob,
  toTarget,
  type JobRow,
  type TargetRow,
} from "./jobRows.js";
import {
  assertJobTransition,
  copyNeedsWork,
  inFlightState,
  phaseOf,
  targetTransitionProblem,
  type TargetStatus,
} from "./jobStates.js";
import type { ClaimedTarget, RetractionJob } from "./jobTypes.js";
import { readCopiesOf, targetKey } from "./lockTarget.js";

export type ClaimInput = {
  /**
   * One per target wanted, each unique per worker (e.g. host, process, slot): the i-th target claimed
   * is leased in the i-th name.
   */
  workerIds: readonly string[];
  /** How long a target is its worker's; renew (renewLease) before it runs out on long work. */
  leaseMs: number;
  now: Date;
};

/**
 * Claims up to one target per worker id, fewer (or none) when fewer have work right now: the i-th
 * target returned is leased to `workerIds[i]`. Each claim counts an attempt and gives its worker a
 * lease until `now + leaseMs`. The first claim on a queued job moves it to running (audited as
 * "retraction.started"). Each target's copies come back as they were found, so a copy already in
 * flight before the claim shows it must be checked first.
 * @example const targets = await claimTargets(db, { workerIds: ["host:1:a:0", "host:1:a:1"], leaseMs: 60_000, now: new Date() });
 */
export async function claimTargets(db: Database, input: ClaimInput): Promise<ClaimedTarget[]> {
  if (!(input.leaseMs > 0)) throw new TypeError("leaseMs must be positive");
  if (input.workerIds.length === 0) return [];
  if (new Set(input.workerIds).size !== input.workerIds.length)
    throw new TypeError("workerIds must be unique");
  return db.transaction(async (tx) => {
    const now = input.now.toISOString();
    const candidates = await tx.query<Pick<TargetRow, "job_id" | "mailbox" | "status">>(
      `SELECT t.job_id, t.mailbox, t.status
       FROM retraction_targets t JOIN retraction_jobs j ON j.id = t.job_id
       WHERE t.status IN ('pending', 'running', 'restoring')
         AND t.next_attempt_at <= $1
         AND (t.lease_until IS NULL OR t.lease_until <= $1)
         AND (j.status IN ('queued', 'running') AND t.status IN ('pending', 'running')
              OR j.status = 'undoing' AND t.status = 'restoring')
       ORDER BY t.next_attempt_at, t.job_id, t.mailbox
       LIMIT $2
       FOR UPDATE OF t SKIP LOCKED`,
      [now, input.workerIds.length]
    );
    if (candidates.length === 0) return [];
    const leaseUntil = new Date(input.now.getTime() + input.leaseMs);
    const leases = candidates.map((candidate, i) => {
      const to: TargetStatus = candidate.status === "pending" ? "running" : candidate.status;
      const problem = targetTransitionProblem(candidate.status, to);
      if (problem) throw new Error(problem);
      return {
        job_id: candidate.job_id,
        mailbox: candidate.mailbox,
        new_status: to,
        owner: input.workerIds[i]!,
      };
    });
    const claimed = await tx.query<TargetRow>(
      `UPDATE retraction_targets t
       SET status = c.new_status, attempts = t.attempts + 1, lease_owner = c.owner, lease_until = $2, updated_at = $3
       FROM jsonb_to_recordset($1::jsonb) AS c(job_id uuid, mailbox text, new_status text, owner text)
       WHERE t.job_id = c.job_id AND t.mailbox = c.mailbox
       RETURNING ${columnsOf(targetColumns, "t")}`,
      [JSON.stringify(leases), leaseUntil.toISOString(), now]
    );
    const jobs = new Map<string, RetractionJob>();
    for (const jobId of [...new Set(claimed.map((t) => t.job_id))].sort()) {
      jobs.set(jobId, await startIfQueued(tx, jobId, input.now));
    }
    const copies = await readCopiesOf(tx, claimed);
    const inFlight = [...copies.values()].flat().flatMap((copy) => {
      const phase = phaseOf(jobs.get(copy.job_id)!.status)!;
      return copyNeedsWork(phase, copy.state) ? [{ ...copy, new_state: inFlightState(phase) }] : [];
    });
    await markInFlight(tx, inFlight, input.now);
    // RETURNING gives no order: put each target back in its worker's place.
    const place = new Map(input.workerIds.map((id, i) => [id, i]));
    claimed.sort((a, b) => place.get(a.lease_owner!)! - place.get(b.lease_owner!)!);
    return claimed.map((row): ClaimedTarget => {
      const job = jobs.get(row.job_id)!;
      const own = (copies.get(targetKey(row.job_id, row.mailbox)) ?? []).map(toCopy);
      return {
        ...toTarget(row, own),
        phase: phaseOf(job.status)!,
        mode: job.mode,
        internetMessageId: job.internetMessageId,
        onBehalfOf: onBehalfOf(job),
        leaseOwner: row.lease_owner!,
        leaseUntil,
      };
    });
  });
}

/**
 * Claims one target for `workerId`, or returns undefined when no target has work right now.
 * @example const target = await claimTarget(db, { workerId, leaseMs: 60_000, now: new Date() });
 */
export async function claimTarget(
  db: Database,
  input: Omit<ClaimInput, "workerIds"> & { workerId: string }
): Promise<ClaimedTarget | undefined> {
  const [target] = await claimTargets(db, { ...input, workerIds: [input.workerId] });
  return target;
}

async function markInFlight(
  tx: Queryable,
  copies: readonly { job_id: string; mailbox: string; copy_id: string; new_state: string }[],
  now: Date
): Promise<void> {
  if (copies.length === 0) return;
  await tx.query(
    `UPDATE retraction_copies c SET state = m.new_state, updated_at = $2
     FROM jsonb_to_recordset($1::jsonb) AS m(job_id uuid, mailbox text, copy_id text, new_state text)
     WHERE c.job_id = m.job_id AND c.mailbox = m.mailbox AND c.copy_id = m.copy_id`,
    [
      JSON.stringify(
        copies.map(({ job_id, mailbox, copy_id, new_state }) => ({ job_id, mailbox, copy_id, new_state }))
      ),
      now.toISOString(),
    ]
  );
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
