// What an audit record is about, as short labelled parts: the message, the mailbox, the job. Object ids
// are left out: the UPN beside them says the same to a reader.
import type { AuditRecord } from "../../api/apiTypes";

export type SubjectPart = { label: string; value: string };

const labels: [key: string, label: string][] = [
  ["internetMessageId", "Message"],
  ["mailbox", "Mailbox"],
  ["jobId", "Job"],
];

/**
 * @example subjectParts({ internetMessageId: "<a@b>", jobId: "550c…" })
 * // → [{ label: "Message", value: "<a@b>" }, { label: "Job", value: "550c…" }]
 */
export function subjectParts(subject: AuditRecord["subject"]): SubjectPart[] {
  return labels.flatMap(([key, label]) => {
    const value = subject[key];
    return typeof value === "string" && value !== "" ? [{ label, value }] : [];
  });
}
