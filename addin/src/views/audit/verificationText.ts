// The audit chain's verification in words for the status bar at the top of the audit view.
import type { AuditVerification } from "../../api/apiTypes";

export type VerificationText = { intent: "success" | "error"; title: string; detail: string };

/**
 * @example verificationText({ ok: true, count: 29, head: { seq: 29, hash } })
 * // → { intent: "success", title: "Audit log intact: 29 records, last #29", detail: "…" }
 */
export function verificationText(verification: AuditVerification): VerificationText {
  if (verification.ok)
    return {
      intent: "success",
      title: `Audit log intact: ${verification.count} ${verification.count === 1 ? "record" : "records"}, last #${verification.head.seq}`,
      detail:
        verification.count === 0
          ? "Nothing has been recorded yet."
          : `Every record's hash matches the one before it. Last hash ${verification.head.hash.slice(0, 12)}…`,
    };
  const { firstBad, count, head } = verification;
  return {
    intent: "error",
    title: `Audit log broken at record #${firstBad.seq}: ${firstBad.reason}`,
    detail:
      count === 0
        ? "No record before it is intact."
        : `The ${count} ${count === 1 ? "record" : "records"} up to #${head.seq} are intact.`,
  };
}
