// A second person's decision on a job that waits for approval: approved jobs are queued for the
// workers, rejected ones end with their targets skipped; both are audited under the approver's name.
import type { Principal } from "../../auth/principal.js";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { expireJob, skipPendingTargets } from "./expireAwaitingApproval.js";
import { actorOf, appendJobAudit } from "./jobAudit.js";
import { jobColumns, toJob, type JobRow } from "./jobRows.js";
import { assertJobTransition } from "./jobStates.js";
import type { RetractionJob } from "./jobTypes.js";
import { lockJob } from "./lockJob.js";

export type DecideInput = {
  jobId: string;
  approver: Principal;
  decision: "approve" | "reject";
  /** Why, in the approver's words (kept on the job and in the audit record). */
  comment?: string;
  now: Date;
};

/**
 * Approves or rejects a job awaiting approval and returns it as it now is. Refused: 403 FORBIDDEN
 * without Retract.Approve, 403 SELF_APPROVAL for the requester, 409 INVALID_STATE when the job is not
 * awaiting approval, 409 APPROVAL_EXPIRED when its window has ended (the job is then expired, and that
 * is committed and audited before the error).
 * @example const job = await decide(db, { jobId, approver: principal, decision: "approve", now: new Date() });
 */
export async function decide(db: Database, input: DecideInput): Promise<RetractionJob> {
  const { approver, now } = input;
  const result = await db.transaction(async (tx): Promise<{ expired: boolean; job: RetractionJob }> => {
    const job = await lockJob(tx, input.jobId);
    if (!approver.roles.has("Retract.Approve")) {
      throw new AppError(
        403,
        "FORBIDDEN",
        "Approving or rejecting a retraction needs the Retract.Approve role."
      );
    }
    if (approver.tenantId === job.tenantId && approver.objectId === job.requester.objectId) {
      throw new AppError(
        403,
        "SELF_APPROVAL",
        "A retraction must be approved or rejected by someone other than the person who requested it."
      );
    }
    if (job.status === "expired") return { expired: true, job };
    assertJobTransition(job, input.decision === "approve" ? "queued" : "rejected");
    if (job.approval.expiresAt && job.approval.expiresAt.getTime() <= now.getTime()) {
      return { expired: true, job: await expireJob(tx, job, now) };
    }
    const at = now.toISOString();
    const approved = input.decision === "approve";
    const [row] = await tx.query<JobRow>(
      `UPDATE retraction_jobs
       SET status = $2, decision = $3, decided_by_object_id = $4, decided_by_upn = $5, decided_at = $6,
           decision_comment = $7, finished_at = CASE WHEN $2::text = 'rejected' THEN $6::timestamptz END
       WHERE id = $1 RETURNING ${jobColumns}`,
      [
        job.id,
        approved ? "queued" : "rejected",
        approved ? "approved" : "rejected",
        approver.objectId,
        approver.userPrincipalName,
        at,
        input.comment ?? null,
      ]
    );
    if (approved) {
      // The targets become claimable now (they had no next_attempt_at while waiting).
      await tx.query(
        `UPDATE retraction_targets SET next_attempt_at = $2, updated_at = $2 WHERE job_id = $1 AND status = 'pending'`,
        [job.id, at]
      );
    } else {
      await skipPendingTargets(tx, job.id, "not run: the retraction was rejected", now);
    }
    const decided = toJob(row!);
    await appendJobAudit(tx, decided, {
      actor: actorOf(approver),
      action: approved ? "retraction.approved" : "retraction.rejected",
      details: {
        comment: input.comment,
        requestedBy: job.requester.upn,
        mode: job.mode,
        targetCount: job.targetCount,
      },
    });
    return { expired: false, job: decided };
  });
  if (result.expired) {
    // Thrown after the commit, so the job stays expired and audited.
    throw new AppError(
      409,
      "APPROVAL_EXPIRED",
      `Retraction ${result.job.id} expired at ${result.job.approval.expiresAt?.toISOString()}: nobody approved it in time. Submit it again if it is still needed.`
    );
  }
  return result.job;
}
