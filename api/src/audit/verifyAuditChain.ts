// Recomputes the audit chain from record 1 and reports the first record that is not what was written:
// changed content, a broken link, a missing or out-of-place record, or an end that falls short of the
// chain head or of a checkpoint recorded elsewhere. Reads in pages, so the log's size does not matter,
// and takes no lock: appends carry on while it runs.
import type { Queryable } from "../db/database.js";
import { auditHash, genesisHash, type AuditHead, type AuditRecord } from "./auditRecord.js";
import { auditColumns, toAuditRecord, type AuditRow } from "./auditRows.js";

export type AuditVerification =
  | { ok: true; count: number; head: AuditHead }
  /** `count` and `head` describe the records before `firstBad`, the part the chain does not fault. */
  | { ok: false; count: number; head: AuditHead; firstBad: { seq: number; reason: string } };

export interface VerifyOptions {
  /** A head recorded earlier outside the database: the log must still reach it, with that hash. */
  checkpoint?: AuditHead;
  /** Records read per query. */
  pageSize?: number;
}

/** A record the log must contain with this hash. */
interface Anchor extends AuditHead {
  name: string;
  /** What a different hash means. */
  mismatch: string;
}

/**
 * @example const result = await verifyAuditChain(db, { checkpoint: { seq: 1200, hash: "9f2c..." } });
 *          if (!result.ok) console.error(`BROKEN at record ${result.firstBad.seq}: ${result.firstBad.reason}`);
 */
export async function verifyAuditChain(
  db: Queryable,
  options: VerifyOptions = {}
): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 1000;
  const { checkpoint } = options;
  if (
    checkpoint &&
    !(Number.isSafeInteger(checkpoint.seq) && checkpoint.seq >= 1 && /^[0-9a-f]{64}$/.test(checkpoint.hash))
  ) {
    throw new TypeError("A checkpoint is a record's seq (1 or more) and its hash (64 lowercase hex digits)");
  }
  // Every record up to the head read now was committed before we started, so it must all be there.
  const anchors: Anchor[] = [
    {
      ...(await auditHead(db)),
      name: "the chain head",
      mismatch: "the log up to here or the head was altered",
    },
  ];
  if (checkpoint) {
    anchors.push({ ...checkpoint, name: "the checkpoint", mismatch: "the log was rewritten up to here" });
  }
  let last: AuditHead = { seq: 0, hash: genesisHash };
  const broken = (seq: number, reason: string, intact = last): AuditVerification => ({
    ok: false,
    count: intact.seq,
    head: intact,
    firstBad: { seq, reason },
  });

  for (;;) {
    const rows = await db.query<AuditRow>(
      `SELECT ${auditColumns} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [last.seq, pageSize]
    );
    for (const row of rows) {
      const record = toAuditRecord(row);
      const problem = checkRecord(record, last, anchors);
      if (problem) return broken(problem.seq, problem.reason);
      last = { seq: record.seq, hash: record.hash };
    }
    if (rows.length < pageSize) break;
  }

  for (const anchor of anchors) {
    if (last.seq < anchor.seq) {
      return broken(
        last.seq + 1,
        `missing: ${anchor.name} is at record ${anchor.seq} but the log ends at record ${last.seq} (records were removed from the end)`
      );
    }
  }
  // Read after the walk: every genuine record read so far was appended through the head by now.
  const head = await auditHead(db);
  if (last.seq > head.seq) {
    if (head.seq > 0 && (await hashAt(db, head.seq)) !== head.hash) {
      const before = { seq: head.seq - 1, hash: await hashAt(db, head.seq - 1) };
      return broken(head.seq, "its hash differs from the chain head's", before);
    }
    return broken(head.seq + 1, `not appended through the chain head, which is at record ${head.seq}`, head);
  }
  return { ok: true, count: last.seq, head: last };
}

function checkRecord(
  record: AuditRecord,
  previous: AuditHead,
  anchors: Anchor[]
): { seq: number; reason: string } | undefined {
  const expected = previous.seq + 1;
  if (record.seq !== expected)
    return { seq: expected, reason: `missing (the log goes on at record ${record.seq})` };
  if (record.prevHash !== previous.hash) {
    const link = previous.seq === 0 ? "the chain's start" : `record ${previous.seq}`;
    return { seq: record.seq, reason: `does not link to ${link} (its previous hash differs)` };
  }
  if (auditHash(record) !== record.hash) {
    return { seq: record.seq, reason: "changed after it was written (its content does not match its hash)" };
  }
  // Every anchor on this record must agree: a checkpoint and the head can both sit on the last one.
  const anchor = anchors.find((a) => a.seq === record.seq && a.hash !== record.hash);
  if (anchor) {
    return {
      seq: record.seq,
      reason: `its hash differs from ${anchor.name}'s (${anchor.mismatch})`,
    };
  }
  return undefined;
}

/**
 * The chain's current end: the last record's seq and hash ({ seq: 0, hash: 64 zeros } when empty).
 * Kept outside the database (a log shipper, a WORM store), it is a checkpoint for verifyAuditChain.
 */
export async function auditHead(db: Queryable): Promise<AuditHead> {
  const [head] = await db.query<{ seq: number | string; hash: string }>("SELECT seq, hash FROM audit_head");
  if (!head) throw new Error("The audit log has no head row: were the migrations applied?");
  return { seq: Number(head.seq), hash: head.hash };
}

/** The hash of record `seq` (already verified by the walk), or the genesis hash for 0. */
async function hashAt(db: Queryable, seq: number): Promise<string> {
  if (seq === 0) return genesisHash;
  const [row] = await db.query<{ hash: string }>("SELECT hash FROM audit_log WHERE seq = $1", [seq]);
  if (!row) throw new Error(`Audit record ${seq} disappeared while the chain was being verified`);
  return row.hash;
}
