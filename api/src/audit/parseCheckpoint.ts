// Reads a checkpoint written as SEQ:HASH (a chain head recorded earlier), the one form the audit:verify
// command's --checkpoint and the verify endpoint's `checkpoint` parameter accept.
import type { AuditHead } from "./auditRecord.js";

/** What a checkpoint looks like, for messages. */
export const checkpointForm = "SEQ:HASH (seq from 1, a 64-digit hex hash)";

/**
 * The checkpoint in `text`, its hash in lower case (as stored), or undefined when it is not one.
 * @example parseCheckpoint(`1200:${"9F".repeat(32)}`) // { seq: 1200, hash: "9f9f...9f" }
 */
export function parseCheckpoint(text: string): AuditHead | undefined {
  const match = /^(\d+):([0-9a-f]{64})$/i.exec(text);
  if (!match) return undefined;
  const seq = Number(match[1]);
  if (!Number.isSafeInteger(seq) || seq < 1) return undefined;
  return { seq, hash: match[2]!.toLowerCase() };
}
