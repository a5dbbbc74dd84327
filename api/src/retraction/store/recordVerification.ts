// Keeps what the check after a retraction found on the job, with an audit record, so the admin (and the
// audit log) see any copy that came back.
import type { Database, Queryable } from "../../db/database.js";
import type { CheckedJob } from "../execute/verifyJob.js";
import type { CopyState } from "./jobStates.js";
import { appendJobAudit, onBehalfOf } from "./jobAudit.js";
import { jobColumns, toJob, type JobRow } from "./jobRows.js";
import type { RetractionJob, Verification } from "./jobTypes.js";
import { lockJob } from "./lockJob.js";

/**
 * What the check after the job reads: every copy's mailbox, message and state, and nothing else, so a
 * job of 100,000 mailboxes is checked without loading the whole job.
 * @example await verifyJob(deps, await readCheckedCopies(db, jobId));
 */
export async function readCheckedCopies(q: Queryable, jobId: string): Promise<CheckedJob> {
  const rows = await q.query<{ mailbox: string; internet_message_id: string; state: CopyState }>(
    `SELECT mailbox, internet_message_id, state FROM retraction_copies WHERE job_id = $1
     ORDER BY mailbox, copy_id`,
    [jobId]
  );
  const targets = new Map<string, CheckedJob["targets"][number]>();
  for (const row of rows) {
    const target = targets.get(row.mailbox) ?? { mailbox: row.mailbox, copies: [] };
    target.copies.push({ state: row.state, internetMessageId: row.internet_message_id });
    targets.set(row.mailbox, target);
  }
  return { targets: [...targets.values()] };
}

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
