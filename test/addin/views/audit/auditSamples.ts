// Audit records shaped as GET /api/audit sends them, for the audit helpers' tests.
import type { AuditPage, AuditRecord } from "../../../../addin/src/api/apiTypes.js";

const hash = (n: number) => n.toString(16).padStart(64, "0");

/** A record numbered `seq`, by `upn` (object id derived from it), with the given parts. */
export function record(
  seq: number,
  upn = "admin@contoso.com",
  parts: Partial<AuditRecord> = {}
): AuditRecord {
  return {
    seq,
    at: "2026-11-21T09:33:05.529Z",
    actor: { tenantId: "tenant", objectId: `id-${upn}`, upn },
    action: "mailbox.holds.read",
    subject: {},
    details: {},
    prevHash: hash(seq - 1),
    hash: hash(seq),
    ...parts,
  };
}

export function page(seqs: number[], nextBeforeSeq: number | null): AuditPage {
  return { records: seqs.map((seq) => record(seq)), nextBeforeSeq };
}
