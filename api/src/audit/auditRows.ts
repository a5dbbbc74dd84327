// How audit records map to the audit_log table's rows, shared by the modules that read them.
import type { AuditRecord, JsonObject } from "./auditRecord.js";

export const auditColumns =
  "seq, at, actor_tenant_id, actor_object_id, actor_upn, action, subject, details, prev_hash, hash";

export interface AuditRow {
  /** A number from PGlite, a string from PostgreSQL (bigint). */
  seq: number | string;
  at: Date;
  actor_tenant_id: string;
  actor_object_id: string;
  actor_upn: string;
  action: string;
  subject: JsonObject;
  details: JsonObject;
  prev_hash: string;
  hash: string;
}

export function toAuditRecord(row: AuditRow): AuditRecord {
  return {
    seq: Number(row.seq),
    at: row.at.toISOString(),
    actor: { tenantId: row.actor_tenant_id, objectId: row.actor_object_id, upn: row.actor_upn },
    action: row.action,
    subject: row.subject,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
