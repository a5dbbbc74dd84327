// Keeps what the check after a retraction found on the job, with an audit record, so the admin (and the
// audit log) see any copy that came back.
import type { Database } from "../../db/database.js";
import { appendJobAudit, onBehalfOf } from "./jobAudit.js";
import { jobColumns, toJob, type JobRow } from "./jobRows.js";
import type { RetractionJob, Verification } from "./jobTypes.js";
import { lockJob } from "./lockJob.js";

/**
 * Stores `verification` on the job (replacing an earlier check) and audits it as "retraction.verified".
 * @example await recordVerification(db, { jobId, verification });
 */
export async function recordVerification(
  db: Database,
  input: { jobId: string; verification: Verification }
): Promise<RetractionJob> {
  return db.transaction(async (tx) => {
    const job = await lockJob(tx, input.jobId);
    const [row] = await tx.query<JobRow>(
      `UPDATE retraction_jobs SET verification = $2::jsonb WHERE id = $1 RETURNING ${jobColumns}`,
      [job.id, JSON.stringify(input.verification)]
    );
    const { reappeared, unchecked, mailboxesChecked } = input.verification;
    await appendJobAudit(tx, job, {
      actor: onBehalfOf(job),
      action: "retraction.verified",
      details: {
        mailboxesChecked,
        reappeared: reappeared.map((r) => ({
          mailbox: r.mailbox,
          internetMessageId: r.internetMessageId,
          copies: r.copies.length,
        })),
        unchecked,
      },
    });
    return toJob(row!);
  });
}
