// Stores a submitted retraction: the job, its targets and copies (from the plan staged for the submit),
// and the audit "requested" record, in one transaction, so a job that was acknowledged (202) exists with
// everything it needs, and one that was not leaves nothing behind. The Idempotency-Key makes a repeated
// submit return the same job.
import { randomUUID } from "node:crypto";
import type { Principal } from "../../auth/principal.js";
import type { Database, Queryable } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { SubmitRequest } from "../retractionRequest.js";
import { actorOf, appendJobAudit } from "./jobAudit.js";
import { jobColumns, toJob, type JobRow } from "./jobRows.js";
import type { RetractionJob } from "./jobTypes.js";
import { requestHash } from "./requestHash.js";

export type CreateJobInput = {
  requester: Principal;
  /** The Idempotency-Key header: 1 to 255 characters, unique per requester. */
  idempotencyKey: string;
  request: SubmitRequest;
  /**
   * The staged plan (stagePlanEntries) whose retractable entries become the job's targets: the included
   * mailboxes as discovery found them, at least one.
   */
  planId: string;
  /** See approvalFor (approvalRule.ts): hard retractions and jobs above the threshold. */
  approvalRequired: boolean;
  /** When the job expires unless someone decides; required exactly when approval is. */
  approvalExpiresAt?: Date | null;
  now: Date;
};

/**
 * Creates the job, or returns the one this requester already created with this Idempotency-Key
 * (`created: false`). The same key with a different request is 422 IDEMPOTENCY_KEY_REUSED. Concurrent
 * submits with one key (from any number of API instances) wait on the key's unique index and all get
 * the one job that was committed: none fails with a conflict.
 * @example const { job, created } = await createJob(db, { requester, idempotencyKey, request, targets, approvalRequired: false, now: new Date() });
 */
export async function createJob(
  db: Database,
  input: CreateJobInput
): Promise<{ job: RetractionJob; created: boolean }> {
  checkInput(input);
  const hash = requestHash(input.request);
  const { requester, idempotencyKey } = input;
  const findExisting = (tx: Queryable) => jobWithKey(tx, requester, idempotencyKey);

  return db.transaction(async (tx) => {
    const existing = await findExisting(tx);
    if (existing) return { job: sameRequestOrRefuse(existing, hash), created: false };
    const targetCount = await countTargets(tx, input.planId);
    const inserted = await insertJob(tx, input, hash, targetCount);
    if (!inserted) {
      // Another transaction inserted this key after our read and committed (we waited for it on the
      // unique index); READ COMMITTED lets this next statement see its row.
      const raced = await findExisting(tx);
      if (!raced) throw new Error(`Idempotency-Key ${idempotencyKey}: conflicting job vanished`);
      return { job: sameRequestOrRefuse(raced, hash), created: false };
    }
    const job = toJob(inserted);
    const { targets, copyCount } = await insertTargets(tx, job, input);
    await appendJobAudit(tx, job, {
      actor: actorOf(requester),
      action: "retraction.requested",
      details: {
        mode: job.mode,
        reason: job.reason,
        openedIn: job.mailbox,
        conversationDepth: job.conversationDepth,
        sweep: job.sweep,
        status: job.status,
        approvalRequired: job.approval.required,
        approvalExpiresAt: job.approval.expiresAt ?? undefined,
        requestHash: hash,
        targetCount: job.targetCount,
        copyCount,
        targets,
      },
    });
    return { job, created: true };
  });
}

/** A job at least this large changes the targets table enough to need fresh statistics at once. */
export const largeJobTargets = 1000;

/**
 * Gathers the retraction tables' statistics again. Until the database's own autovacuum does it (a
 * minute or more later), the planner takes a job of 100,000 fresh rows for a handful and claims
 * targets by sorting all of them (about 200 ms a claim) instead of reading the claim index (under 1 ms).
 * @example if (job.targetCount >= largeJobTargets) await refreshJobStatistics(db);
 */
export async function refreshJobStatistics(db: Queryable): Promise<void> {
  await db.query("ANALYZE retraction_targets, retraction_copies");
}

/**
 * The job this requester already submitted with this Idempotency-Key, if any: the same job for the same
 * request, 422 IDEMPOTENCY_KEY_REUSED for another. Lets a repeated submit answer before discovery runs.
 * @example const existing = await findJobByKey(db, { requester, idempotencyKey, request });
 */
export async function findJobByKey(
  db: Queryable,
  input: Pick<CreateJobInput, "requester" | "idempotencyKey" | "request">
): Promise<RetractionJob | undefined> {
  const row = await jobWithKey(db, input.requester, input.idempotencyKey);
  return row ? sameRequestOrRefuse(row, requestHash(input.request)) : undefined;
}

async function jobWithKey(
  q: Queryable,
  requester: Principal,
  idempotencyKey: string
): Promise<JobRow | undefined> {
  const [row] = await q.query<JobRow>(
    `SELECT ${jobColumns} FROM retraction_jobs
     WHERE tenant_id = $1 AND requester_object_id = $2 AND idempotency_key = $3`,
    [requester.tenantId, requester.objectId, idempotencyKey]
  );
  return row;
}

function sameRequestOrRefuse(row: JobRow, hash: string): RetractionJob {
  if (row.request_hash === hash) return toJob(row);
  throw new AppError(
    422,
    "IDEMPOTENCY_KEY_REUSED",
    `This Idempotency-Key was already used for another request (retraction ${row.id}); use a new key for a new request.`
  );
}

function checkInput(input: CreateJobInput): void {
  const key = input.idempotencyKey;
  if (key.length < 1 || key.length > 255 || key.includes("\u0000")) {
    throw new AppError(400, "INVALID_IDEMPOTENCY_KEY", "The Idempotency-Key must be 1 to 255 characters.");
  }
  const expires = input.approvalExpiresAt ?? null;
  if (input.approvalRequired !== (expires !== null)) {
    throw new TypeError("approvalExpiresAt is required exactly when approval is");
  }
  if (expires && expires.getTime() <= input.now.getTime()) {
    throw new TypeError("approvalExpiresAt must be after now");
  }
}

/** The new job's row, or undefined when a job with this key exists (ON CONFLICT DO NOTHING). */
async function insertJob(
  tx: Queryable,
  input: CreateJobInput,
  hash: string,
  targetCount: number
): Promise<JobRow | undefined> {
  const { requester, request, now } = input;
  const [row] = await tx.query<JobRow>(
    `INSERT INTO retraction_jobs (id, tenant_id, requester_object_id, requester_upn, idempotency_key,
       request_hash, internet_message_id, mailbox, mode, conversation_depth, sweep, reason, status,
       target_count, approval_required, approval_expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (tenant_id, requester_object_id, idempotency_key) DO NOTHING
     RETURNING ${jobColumns}`,
    [
      randomUUID(),
      requester.tenantId,
      requester.objectId,
      requester.userPrincipalName,
      input.idempotencyKey,
      hash,
      request.internetMessageId,
      request.mailbox.toLowerCase(),
      request.mode,
      request.conversationDepth,
      request.sweep,
      request.reason,
      input.approvalRequired ? "awaitingApproval" : "queued",
      targetCount,
      input.approvalRequired,
      input.approvalExpiresAt?.toISOString() ?? null,
      now.toISOString(),
    ]
  );
  return row;
}

async function countTargets(tx: Queryable, planId: string): Promise<number> {
  const [row] = await tx.query<{ count: number }>(
    "SELECT count(*)::int AS count FROM retraction_plan_entries WHERE plan_id = $1 AND retractable",
    [planId]
  );
  if (row!.count === 0) throw new TypeError("A retraction needs at least one target");
  return row!.count;
}

/**
 * The plan's retractable entries as the job's targets and copies, in two statements. Targets of a queued
 * job may be claimed at once; those of a job awaiting approval get no next_attempt_at, so workers do
 * not even look at them until approval sets it. Returns the targets' mailboxes and the copies' count.
 */
async function insertTargets(
  tx: Queryable,
  job: RetractionJob,
  input: CreateJobInput
): Promise<{ targets: string[]; copyCount: number }> {
  const now = input.now.toISOString();
  const claimableFrom = job.status === "queued" ? now : null;
  const targets = await tx.query<{ mailbox: string }>(
    `INSERT INTO retraction_targets (job_id, mailbox, object_id, display_name, why, predicted, status,
       next_attempt_at, updated_at)
     SELECT $1, e.mailbox, e.entry->>'objectId', e.entry->>'displayName', e.entry->'why',
       e.entry->'predictedOutcome', 'pending', $3, $4
     FROM retraction_plan_entries e WHERE e.plan_id = $2 AND e.retractable
     ORDER BY e.position
     RETURNING mailbox`,
    [job.id, input.planId, claimableFrom, now]
  );
  if (targets.length !== job.targetCount)
    throw new TypeError(
      `The plan holds ${targets.length} targets; the job was created for ${job.targetCount}`
    );
  const [copies] = await tx.query<{ count: number }>(
    `WITH inserted AS (
       INSERT INTO retraction_copies (job_id, mailbox, copy_id, internet_message_id, original_folder_id,
         state, updated_at)
       SELECT $1, e.mailbox, c->>'id', c->>'internetMessageId', c->>'parentFolderId', 'pending', $3
       FROM retraction_plan_entries e CROSS JOIN jsonb_array_elements(e.entry->'copies') AS c
       WHERE e.plan_id = $2 AND e.retractable
       RETURNING 1)
     SELECT count(*)::int AS count FROM inserted`,
    [job.id, input.planId, now]
  );
  // RETURNING gives no order: the audit record lists the mailboxes sorted.
  return { targets: targets.map((t) => t.mailbox).sort(), copyCount: copies!.count };
}
