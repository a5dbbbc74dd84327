// What an audit record is, and how its hash is computed. Each record names the person who acted, the
// action, what it was about and its details, and carries the previous record's hash, so changing,
// removing or reordering any record breaks every hash after it.
import { createHash } from "node:crypto";
import { canonicalJson, type JsonInput, type JsonValue } from "./canonicalJson.js";

/** The human behind an action, from their access token. */
export interface AuditActor {
  /** `tid` */
  tenantId: string;
  /** `oid` */
  objectId: string;
  /** `preferred_username` or `upn` */
  upn: string;
}

export type JsonObject = { [key: string]: JsonValue };

/** An object for subject or details: JSON values, plus Dates (stored as ISO 8601) and undefined (left out). */
export type JsonInputObject = { [key: string]: JsonInput | undefined };

/** What a caller asks to record. */
export interface AuditEntry {
  actor: AuditActor;
  /** A stable name such as "retraction.requested". */
  action: string;
  /** What the action concerns, e.g. { mailbox, internetMessageId }; the audit view filters on these. */
  subject: JsonInputObject;
  /** Anything else worth keeping: targets, reason, outcome, Graph request ids. */
  details?: JsonInputObject;
}

/** A stored record, exactly as hashed. */
export interface AuditRecord {
  /** 1, 2, 3, ... without gaps. */
  seq: number;
  /** When it was recorded (database clock, UTC, milliseconds), ISO 8601. */
  at: string;
  actor: AuditActor;
  action: string;
  subject: JsonObject;
  details: JsonObject;
  /** The previous record's hash; 64 zeros for record 1. */
  prevHash: string;
  hash: string;
}

/** The chain's end: the last record's seq and hash. Recorded elsewhere, it is a checkpoint. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** The "previous hash" of record 1, and the head of an empty log. */
export const genesisHash = "0".repeat(64);

/**
 * SHA-256 (hex) of the canonical JSON of everything in the record but its own hash.
 * @example auditHash({ seq: 1, at: "2025-01-01T00:00:00.000Z", actor, action: "x", subject: {}, details: {}, prevHash: genesisHash })
 */
export function auditHash(record: Omit<AuditRecord, "hash">): string {
  const { seq, at, actor, action, subject, details, prevHash } = record;
  const hashed = {
    seq,
    at,
    actor: { tenantId: actor.tenantId, objectId: actor.objectId, upn: actor.upn },
    action,
    subject,
    details,
    prevHash,
  };
  return createHash("sha256").update(canonicalJson(hashed)).digest("hex");
}
