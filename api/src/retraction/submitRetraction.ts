// Submitting a retraction: the request is checked, recipients are discovered again (the preview may be
// minutes old) and the plan recomputed for the included mailboxes, so the job acts on copies found by
// exact Internet Message-ID just now, and stores what was predicted for each. The plan is staged in the
// database and the job created from it in one transaction: no job exists unless everything checks out,
// and the staged plan is removed either way. A repeated Idempotency-Key returns its job without
// discovering again.
import type { Principal } from "../auth/principal.js";
import { AppError } from "../errors.js";
import { parseInput } from "../http/validate.js";
import type { Services } from "../services.js";
import { approvalFor } from "./approvalRule.js";
import type { Queryable } from "../db/database.js";
import { buildPlan } from "./plan/buildPlan.js";
import { discoverIntoPlan } from "./plan/discoverIntoPlan.js";
import { submitRequestSchema } from "./retractionRequest.js";
import { createJob, findJobByKey, largeJobTargets, refreshJobStatistics } from "./store/createJob.js";
import { withPlan } from "./store/planEntries.js";
import { notFoundAmong } from "./store/planFindings.js";
import type { RetractionJob } from "./store/jobTypes.js";

/**
 * Creates the job (or finds the one this key already created) and wakes this instance's workers when
 * it may start at once. 400 IDEMPOTENCY_KEY_REQUIRED, 400 INVALID_INPUT, 400 MESSAGE_NOT_FOUND,
 * 400 INCLUDE_NOT_RETRACTABLE (a mailbox not among the retractable targets, with why), 422
 * IDEMPOTENCY_KEY_REUSED.
 * @example const { job, created } = await submitRetraction(services, principal, req.get("Idempotency-Key"), req.body);
 */
export async function submitRetraction(
  services: Services,
  requester: Principal,
  idempotencyKey: string | undefined,
  body: unknown
): Promise<{ job: RetractionJob; created: boolean }> {
  if (idempotencyKey === undefined || idempotencyKey.trim() === "") {
    throw new AppError(
      400,
      "IDEMPOTENCY_KEY_REQUIRED",
      "The Idempotency-Key header is required: a new unique value (such as a UUID) per retraction, so that sending the same request again cannot start a second job."
    );
  }
  const request = parseInput(submitRequestSchema, body, "body");
  const existing = await findJobByKey(services.db, { requester, idempotencyKey, request });
  if (existing) return { job: existing, created: false };

  const include = new Set(request.include.map((m) => m.toLowerCase()));
  const approval = approvalFor(request.mode, include.size, services.config.APPROVAL_THRESHOLD);
  const now = new Date(services.now());
  return withPlan(services.db, now, async (planId) => {
    const { messages } = await discoverIntoPlan(services, request, planId);
    await refuseNotRetractable(services.db, planId, [...include]);
    await buildPlan(services, planId, request, { messages, include });
    const result = await createJob(services.db, {
      requester,
      idempotencyKey,
      request,
      planId,
      approvalRequired: approval.required,
      approvalExpiresAt: approval.required
        ? new Date(now.getTime() + services.config.APPROVAL_EXPIRY_HOURS * 3_600_000)
        : null,
      now,
    });
    if (result.created && result.job.targetCount >= largeJobTargets) await refreshJobStatistics(services.db);
    if (result.created && result.job.status === "queued") services.retractions.wake();
    return result;
  });
}

/** 400 INCLUDE_NOT_RETRACTABLE naming every included mailbox discovery found no copies in, with why. */
async function refuseNotRetractable(db: Queryable, planId: string, include: string[]): Promise<void> {
  const refused = (await notFoundAmong(db, planId, include)).map(
    ({ mailbox, text }) =>
      `${mailbox} (${text ?? "not among the recipients found at this conversation depth"})`
  );
  if (refused.length > 0) {
    throw new AppError(
      400,
      "INCLUDE_NOT_RETRACTABLE",
      `These mailboxes cannot be included: ${refused.join("; ")}. Preview again and include only retractable targets.`
    );
  }
}
