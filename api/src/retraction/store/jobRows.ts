// How the retraction tables' rows map to the store's types, shared by the modules that read them.
import type { JsonValue } from "../../audit/canonicalJson.js";
import type { Inclusion } from "../discovery/discoveryTypes.js";
import type { RetractionMode } from "../retractionRequest.js";
import type { CopyState, JobStatus, TargetStatus } from "./jobStates.js";
import type { RetractionCopy, RetractionJob, RetractionTarget, Verification } from "./jobTypes.js";

export const jobColumns = `id, tenant_id, requester_object_id, requester_upn, idempotency_key, request_hash,
  internet_message_id, mailbox, mode, conversation_depth, sweep, reason, status, target_count,
  approval_required, approval_expires_at, decision, decided_by_object_id, decided_by_upn, decided_at,
  decision_comment, created_at, started_at, finished_at, undo_requested_by_object_id,
  undo_requested_by_upn, undo_started_at, undo_finished_at, verification`;

export interface JobRow {
  id: string;
  tenant_id: string;
  requester_object_id: string;
  requester_upn: string;
  idempotency_key: string;
  request_hash: string;
  internet_message_id: string;
  mailbox: string;
  mode: RetractionMode;
  conversation_depth: number;
  sweep: boolean;
  reason: string;
  status: JobStatus;
  target_count: number;
  approval_required: boolean;
  approval_expires_at: Date | null;
  decision: "approved" | "rejected" | null;
  decided_by_object_id: string | null;
  decided_by_upn: string | null;
  decided_at: Date | null;
  decision_comment: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  undo_requested_by_object_id: string | null;
  undo_requested_by_upn: string | null;
  undo_started_at: Date | null;
  undo_finished_at: Date | null;
  verification: Verification | null;
}

export function toJob(row: JobRow): RetractionJob {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    requester: { objectId: row.requester_object_id, upn: row.requester_upn },
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    internetMessageId: row.internet_message_id,
    mailbox: row.mailbox,
    mode: row.mode,
    conversationDepth: row.conversation_depth,
    sweep: row.sweep,
    reason: row.reason,
    status: row.status,
    targetCount: row.target_count,
    approval: {
      required: row.approval_required,
      expiresAt: row.approval_expires_at,
      decision: row.decision,
      decidedBy:
        row.decided_by_object_id !== null && row.decided_by_upn !== null
          ? { objectId: row.decided_by_object_id, upn: row.decided_by_upn }
          : null,
      decidedAt: row.decided_at,
      comment: row.decision_comment,
    },
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    undo:
      row.undo_requested_by_object_id !== null && row.undo_requested_by_upn !== null && row.undo_started_at
        ? {
            requestedBy: { objectId: row.undo_requested_by_object_id, upn: row.undo_requested_by_upn },
            startedAt: row.undo_started_at,
            finishedAt: row.undo_finished_at,
          }
        : null,
    verification: row.verification,
  };
}

export const targetColumns = `job_id, mailbox, object_id, display_name, why, predicted, status, outcome,
  request_ids, undo_outcome, undo_request_ids, attempts, lease_owner, lease_until, next_attempt_at,
  last_error, finished_at, updated_at`;

/** `columns` (one of the lists above) each prefixed with `alias`, for statements that join another table. */
export function columnsOf(columns: string, alias: string): string {
  return columns
    .split(",")
    .map((column) => `${alias}.${column.trim()}`)
    .join(", ");
}

export interface TargetRow {
  job_id: string;
  mailbox: string;
  object_id: string;
  display_name: string | null;
  why: Inclusion[];
  predicted: JsonValue;
  status: TargetStatus;
  outcome: string | null;
  request_ids: string[];
  undo_outcome: string | null;
  undo_request_ids: string[];
  attempts: number;
  lease_owner: string | null;
  lease_until: Date | null;
  next_attempt_at: Date | null;
  last_error: string | null;
  finished_at: Date | null;
  updated_at: Date;
}

export function toTarget(row: TargetRow, copies: RetractionCopy[]): RetractionTarget {
  return {
    jobId: row.job_id,
    mailbox: row.mailbox,
    objectId: row.object_id,
    displayName: row.display_name,
    why: row.why,
    predicted: row.predicted,
    status: row.status,
    outcome: row.outcome,
    requestIds: row.request_ids,
    undoOutcome: row.undo_outcome,
    undoRequestIds: row.undo_request_ids,
    attempts: row.attempts,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
    copies,
  };
}

export const copyColumns = `job_id, mailbox, copy_id, internet_message_id, original_folder_id, new_id,
  restored_id, state, request_ids, last_error, updated_at`;

export interface CopyRow {
  job_id: string;
  mailbox: string;
  copy_id: string;
  internet_message_id: string;
  original_folder_id: string;
  new_id: string | null;
  restored_id: string | null;
  state: CopyState;
  request_ids: string[];
  last_error: string | null;
  updated_at: Date;
}

export function toCopy(row: CopyRow): RetractionCopy {
  return {
    copyId: row.copy_id,
    internetMessageId: row.internet_message_id,
    originalFolderId: row.original_folder_id,
    newId: row.new_id,
    restoredId: row.restored_id,
    state: row.state,
    needsRecheck: row.state === "acting" || row.state === "restoring",
    requestIds: row.request_ids,
    lastError: row.last_error,
    updatedAt: row.updated_at,
  };
}
