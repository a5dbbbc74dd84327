// Audit records about a retraction job: who they name and what they are about. Every record's subject
// carries the message and the job, so the audit view finds a job's records by message.
import { appendAudit } from "../../audit/appendAudit.js";
import type { AuditActor, AuditEntry, AuditRecord, JsonInputObject } from "../../audit/auditRecord.js";
import type { Principal } from "../../auth/principal.js";
import type { Queryable } from "../../db/database.js";
import type { RetractionJob } from "./jobTypes.js";

export function actorOf(principal: Principal): AuditActor {
  return { tenantId: principal.tenantId, objectId: principal.objectId, upn: principal.userPrincipalName };
}

/**
 * Whose action the workers' steps are: the requester while retracting, whoever asked for the undo while
 * undoing. Graph sees only the application; this is how the log names the human behind each call.
 */
export function onBehalfOf(job: RetractionJob): AuditActor {
  const person = job.status === "undoing" && job.undo ? job.undo.requestedBy : job.requester;
  return { tenantId: job.tenantId, objectId: person.objectId, upn: person.upn };
}

/** The audit entry for `action` about `job` (and one of its mailboxes), for appendAudits. */
export function jobAuditEntry(
  job: RetractionJob,
  entry: { actor: AuditActor; action: string; mailbox?: string; details?: JsonInputObject }
): AuditEntry {
  return {
    actor: entry.actor,
    action: entry.action,
    subject: { internetMessageId: job.internetMessageId, jobId: job.id, mailbox: entry.mailbox },
    details: entry.details ?? {},
  };
}

/**
 * Appends `action` about `job` (and one of its mailboxes) inside the caller's transaction.
 * @example await appendJobAudit(tx, job, { actor: actorOf(approver), action: "retraction.approved" });
 */
export function appendJobAudit(
  tx: Queryable,
  job: RetractionJob,
  entry: { actor: AuditActor; action: string; mailbox?: string; details?: JsonInputObject }
): Promise<AuditRecord> {
  return appendAudit(tx, jobAuditEntry(job, entry));
}
