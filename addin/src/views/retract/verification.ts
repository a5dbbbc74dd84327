// The check after a retraction in words: how many mailboxes were searched again, and any copy that came
// back (recovered by its user, delivered again) or any mailbox that could not be searched.
import type { JobSummaryView } from "../../api/apiTypes";
import { formatDateTime } from "../../format/dates";
import { copies, mailboxes } from "../../format/counting";

type Verification = NonNullable<JobSummaryView["verification"]>;

export type VerificationSummary = {
  /** One sentence for the result. */
  text: string;
  /** "mailbox: 2 copies" for each mailbox where the message is visible again. */
  reappeared: string[];
  /** "mailbox: error" for each mailbox that could not be searched. */
  unchecked: string[];
  clean: boolean;
};

/**
 * @example verificationSummary({ checkedAt, mailboxesChecked: 6, reappeared: [], unchecked: [] }).text
 * // → "Checked 6 mailboxes again on 21 Nov 2026, 09:50: no copy is back."
 */
export function verificationSummary(
  verification: Verification,
  format = formatDateTime
): VerificationSummary {
  const reappeared = verification.reappeared.map((r) => `${r.mailbox}: ${copies(r.copies.length)}`);
  const unchecked = verification.unchecked.map((u) => `${u.mailbox}: ${u.error}`);
  const found =
    reappeared.length === 0 ? "no copy is back" : `the message is back in ${mailboxes(reappeared.length)}`;
  return {
    text: `Checked ${mailboxes(verification.mailboxesChecked)} again on ${format(verification.checkedAt)}: ${found}.`,
    reappeared,
    unchecked,
    clean: reappeared.length === 0 && unchecked.length === 0,
  };
}

const checkedAfter: readonly JobSummaryView["status"][] = ["completed", "completedWithFailures", "failed"];

/** Whether the API searches the mailboxes again after a job ends with `status` (a retraction, not an undo). */
export function isCheckedAfter(status: JobSummaryView["status"]): boolean {
  return checkedAfter.includes(status);
}

/**
 * Whether the check is probably still running: the job finished its retraction moments ago and has no
 * result yet. A job that finished long ago without one never got it (the check failed), so nobody waits.
 */
export function awaitsVerification(
  job: Pick<JobSummaryView, "status" | "verification" | "finishedAt">,
  now: number,
  withinMs = 2 * 60_000
): boolean {
  if (!isCheckedAfter(job.status) || job.verification !== null || !job.finishedAt) return false;
  return now - Date.parse(job.finishedAt) < withinMs;
}
