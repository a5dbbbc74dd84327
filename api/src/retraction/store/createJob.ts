// Stores a submitted retraction: the job, its targets and copies, and the audit "requested" record, in
// one transaction, so a job that was acknowledged (202) exists with everything it needs, and one that
// was not leaves nothing behind. The Idempotency-Key makes a repeated submit return the same job.
import { randomUUID } from "node:crypto";
import type { Principal } from "../../auth/principal.js";
import type { Database, Queryable } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { SubmitRequest } from "../retractionRequest.js";
import { actorOf, appendJobAudit } from "./jobAudit.js";
import { jobColumns, toJob, type JobRow } from "./jobRows.js";
import type { NewTarget, RetractionJob } from "./jobTypes.js";
import { requestHash } from "./requestHash.js";

export type CreateJobInput = {
  requester: Principal;
  /** The Idempotency-Key header: 1 to 255 characters, unique per requester. */
  idempotencyKey: string;
  request: SubmitRequest;
  /** The included mailboxes as discovery found them; at least one, each mailbox once. */
  targets: NewTarget[];
  /** See approvalFor (approvalRule.ts): hard retractions and jobs above the threshold. */
  approvalRequired: boolean;
  /** When the job expires unless someone decides; required exactly when approval is. */
  approvalExpiresAt?: Date | null;
  now: Date;
};

/** Rows per INSERT, so a job of 100,000 mailboxes does not become one enormous statement. */
const rowsPerInsert = 1000;

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
    const inserted = await insertJob(tx, input, hash);
    if (!inserted) {
      // Another transaction inserted this key after our read and committed (we waited for it on the
      // unique index); READ COMMITTED lets this next statement see its row.
      const raced = await findExisting(tx);
      if (!raced) throw new Error(`Idempotency-Key ${idempotencyKey}: conflicting job vanished`);
      return { job: sameRequestOrRefuse(raced, hash), created: false };
    }
    const job = toJob(inserted);
    await insertTargets(tx, job, input);
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
        copyCount: input.targets.reduce((sum, t) => sum + t.copies.length, 0),
        targets: input.targets.map((t) => t.mailbox.toLowerCase()),
      },
    });
    return { job, created: true };
  });
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
  if (input.targets.length === 0) throw new TypeError("A retraction needs at least one target");
  const mailboxes = new Set<string>();
  for (const target of input.targets) {
    const mailbox = target.mailbox.toLowerCase();
    if (mailboxes.has(mailbox)) throw new TypeError(`Target ${mailbox} is listed twice`);
    mailboxes.add(mailbox);
    const ids = new Set(target.copies.map((c) => c.id));
    if (ids.size !== target.copies.length) throw new TypeError(`Target ${mailbox} lists a copy twice`);
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
async function insertJob(tx: Queryable, input: CreateJobInput, hash: string): Promise<JobRow | undefined> {
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
      input.targets.length,
      input.approvalRequired,
      input.approvalExpiresAt?.toISOString() ?? null,
      now.toISOString(),
    ]
  );
  return row;
}

/**
 * Targets of a queued job may be claimed at once; those of a job awaiting approval get no
 * next_attempt_at, so workers do not even look at them until approval sets it.
 */
async function insertTargets(tx: Queryable, job: RetractionJob, input: CreateJobInput): Promise<void> {
  const now = input.now.toISOString();
  const claimableFrom = job.status === "queued" ? now : null;
  for (let start = 0; start < input.targets.length; start += rowsPerInsert) {
    const chunk = input.targets.slice(start, start + rowsPerInsert);
    const targets = chunk.map((t) => ({
      mailbox: t.mailbox.toLowerCase(),
      object_id: t.objectId,
      display_name: t.displayName,
      why: t.why,
      predicted: t.predicted,
    }));
    await tx.query(
      `INSERT INTO retraction_targets (job_id, mailbox, object_id, display_name, why, predicted, status,
         next_attempt_at, updated_at)
       SELECT $1, t.mailbox, t.object_id, t.display_name, t.why, t.predicted, 'pending', $3, $4
       FROM jsonb_to_recordset($2::jsonb)
         AS t(mailbox text, object_id text, display_name text, why jsonb, predicted jsonb)`,
      [job.id, JSON.stringify(targets), claimableFrom, now]
    );
    const copies = chunk.flatMap((t) =>
      t.copies.map((c) => ({
        mailbox: t.mailbox.toLowerCase(),
        copy_id: c.id,
        internet_message_id: c.internetMessageId,
        original_folder_id: c.parentFolderId,
      }))
    );
    for (let from = 0; from < copies.length; from += rowsPerInsert) {
      await tx.query(
        `INSERT INTO retraction_copies (job_id, mailbox, copy_id, internet_message_id, original_folder_id,
           state, updated_at)
         SELECT $1, c.mailbox, c.copy_id, c.internet_message_id, c.original_folder_id, 'pending', $3
         FROM jsonb_to_recordset($2::jsonb)
           AS c(mailbox text, copy_id text, internet_message_id text, original_folder_id text)`,
        [job.id, JSON.stringify(copies.slice(from, from + rowsPerInsert)), now]
      );
    }
  }
}
