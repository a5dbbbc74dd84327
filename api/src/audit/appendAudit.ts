// Appends one record to the audit log inside the caller's transaction, so the record commits or rolls
// back with the work it describes.
import { z } from "zod";
import type { Queryable } from "../db/database.js";
import { canonicalJson } from "./canonicalJson.js";
import { auditHash, type AuditEntry, type AuditRecord } from "./auditRecord.js";

/** PostgreSQL's text and jsonb cannot hold U+0000; refuse it here with a clear message. */
const nul = "text must not contain the NUL character (U+0000)";
const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((value) => !value.includes("\u0000"), nul);
/** A JSON-escaped NUL: "\u0000" preceded by an even number of backslashes (an odd one escapes it). */
const escapedNul = /(?<!\\)(?:\\\\)*\\u0000/;
const jsonObject = z.custom<object>(
  (value) => typeof value === "object" && value !== null && !Array.isArray(value),
  "expected a JSON object"
);
const entrySchema = z.object({
  actor: z.object({ tenantId: text(1024), objectId: text(1024), upn: text(1024) }),
  action: text(200),
  subject: jsonObject,
  details: jsonObject.optional(),
});

/**
 * Records `entry` as the next record of the chain and returns it as stored. Call it in a transaction
 * (`db.transaction(tx => ...)`, at the default READ COMMITTED level): it locks the chain's head row
 * until that transaction ends, so appends from any number of connections and API instances queue up
 * and each one links to the last. Keep such transactions short for that reason.
 * @example await db.transaction((tx) => appendAudit(tx, { actor, action: "retraction.requested", subject: { internetMessageId } }));
 */
export async function appendAudit(tx: Queryable, entry: AuditEntry): Promise<AuditRecord> {
  const [record] = await appendAudits(tx, [entry]);
  return record!;
}

/**
 * Records `entries` as the next records of the chain, in order, reading and locking the head once (as
 * appendAudit does for one). All are checked before any is written.
 * @example await appendAudits(tx, finishedTargets.map(entryFor));
 */
export async function appendAudits(tx: Queryable, entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
  const checked = entries.map(checkedEntry);
  if (checked.length === 0) return [];
  // The time is read under the lock, so times never go backwards along the chain.
  const [head] = await tx.query<{ seq: number | string; hash: string; now: Date }>(
    "SELECT seq, hash, date_trunc('milliseconds', clock_timestamp()) AS now FROM audit_head FOR UPDATE"
  );
  if (!head) throw new Error("The audit log has no head row: were the migrations applied?");
  const records: AuditRecord[] = [];
  let previous = { seq: Number(head.seq), hash: head.hash };
  for (const { entry, subject, details } of checked) {
    const { tenantId, objectId, upn } = entry.actor;
    const unhashed = {
      seq: previous.seq + 1,
      at: head.now.toISOString(),
      actor: { tenantId, objectId, upn },
      action: entry.action,
      // Stored and hashed as they read back from the database, so verification recomputes the same hash.
      subject: JSON.parse(subject) as AuditRecord["subject"],
      details: JSON.parse(details) as AuditRecord["details"],
      prevHash: previous.hash,
    };
    const record: AuditRecord = { ...unhashed, hash: auditHash(unhashed) };
    records.push(record);
    previous = record;
  }
  // One statement for all: a trigger then checks that they follow the head, in order, and moves the head
  // onto the last (migration 006).
  await tx.query(
    `INSERT INTO audit_log (seq, at, actor_tenant_id, actor_object_id, actor_upn, action, subject, details, prev_hash, hash)
     SELECT seq, at, actor_tenant_id, actor_object_id, actor_upn, action, subject, details, prev_hash, hash
     FROM jsonb_to_recordset($1::jsonb) AS r(seq bigint, at timestamptz, actor_tenant_id text,
       actor_object_id text, actor_upn text, action text, subject jsonb, details jsonb, prev_hash text, hash text)`,
    [
      JSON.stringify(
        records.map((record) => ({
          seq: record.seq,
          at: record.at,
          actor_tenant_id: record.actor.tenantId,
          actor_object_id: record.actor.objectId,
          actor_upn: record.actor.upn,
          action: record.action,
          subject: record.subject,
          details: record.details,
          prev_hash: record.prevHash,
          hash: record.hash,
        }))
      ),
    ]
  );
  return records;
}

/** The entry with its subject and details as canonical JSON; a TypeError naming what is wrong otherwise. */
function checkedEntry(entry: AuditEntry): { entry: AuditEntry; subject: string; details: string } {
  const parsed = entrySchema.safeParse(entry);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new TypeError(`Invalid audit entry: ${problems.join("; ")}`);
  }
  const subject = canonicalJson(entry.subject);
  const details = canonicalJson(entry.details ?? {});
  if (escapedNul.test(subject) || escapedNul.test(details))
    throw new TypeError(`Invalid audit entry: ${nul}`);
  return { entry, subject, details };
}
