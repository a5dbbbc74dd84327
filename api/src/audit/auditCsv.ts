// An audit record as a line of the CSV export: one column per field, the actor spread over three, and
// subject and details as the compact, key-sorted JSON their hash was computed over.
import type { AuditRecord } from "./auditRecord.js";
import { canonicalJson } from "./canonicalJson.js";
import { csvLine } from "./csv.js";

export const auditCsvColumns = [
  "seq",
  "at",
  "actorTenantId",
  "actorObjectId",
  "actorUpn",
  "action",
  "subject",
  "details",
  "prevHash",
  "hash",
] as const;

/** The export's first line. */
export const auditCsvHeader = csvLine(auditCsvColumns);

/**
 * @example auditCsvLine(record) // '7,2025-01-01T00:00:00.000Z,t,oid,a@contoso.com,retraction.requested,"{""internetMessageId"":""<m@x>""}",{},…\r\n'
 */
export function auditCsvLine(record: AuditRecord): string {
  return csvLine([
    String(record.seq),
    record.at,
    record.actor.tenantId,
    record.actor.objectId,
    record.actor.upn,
    record.action,
    canonicalJson(record.subject),
    canonicalJson(record.details),
    record.prevHash,
    record.hash,
  ]);
}
