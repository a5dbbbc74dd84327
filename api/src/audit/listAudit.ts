// Reads the audit log for the audit view: newest first, a page at a time, optionally only the records
// about one message or by one person.
import { z } from "zod";
import type { Queryable } from "../db/database.js";
import { AppError } from "../errors.js";
import type { AuditRecord } from "./auditRecord.js";
import { auditColumns, toAuditRecord, type AuditRow } from "./auditRows.js";

export const auditQuerySchema = z.object({
  limit: z.number().int().min(1).max(500),
  /** Only records older than this one: pass the last seq of the previous page. */
  beforeSeq: z.number().int().min(1).optional(),
  /** Only records whose subject has this internetMessageId. */
  messageId: z.string().min(1).optional(),
  /** Only records by this person (Entra object id). */
  actorObjectId: z.string().min(1).optional(),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

/**
 * @example const page = await listAudit(db, { limit: 50, messageId: "<a1@contoso.com>" });
 *          const next = await listAudit(db, { limit: 50, messageId: "<a1@contoso.com>", beforeSeq: page.at(-1)?.seq });
 */
export async function listAudit(db: Queryable, query: AuditQuery): Promise<AuditRecord[]> {
  const parsed = auditQuerySchema.safeParse(query);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new AppError(400, "INVALID_AUDIT_QUERY", `Invalid audit query: ${problems.join("; ")}`);
  }
  const { limit, beforeSeq, messageId, actorObjectId } = parsed.data;
  const conditions: string[] = [];
  const params: unknown[] = [];
  const where = (condition: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(condition(`$${params.length}`));
  };
  if (beforeSeq !== undefined) where((p) => `seq < ${p}`, beforeSeq);
  if (messageId !== undefined) where((p) => `subject ->> 'internetMessageId' = ${p}`, messageId);
  if (actorObjectId !== undefined) where((p) => `actor_object_id = ${p}`, actorObjectId);
  params.push(limit);
  const rows = await db.query<AuditRow>(
    `SELECT ${auditColumns} FROM audit_log
     ${conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : ""}
     ORDER BY seq DESC LIMIT $${params.length}`,
    params
  );
  return rows.map(toAuditRecord);
}
