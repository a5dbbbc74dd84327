// Submitting a retraction: the request is checked, recipients are discovered again (the preview may be
// minutes old) and the plan recomputed for the included mailboxes, so the job acts on copies found by
// exact Internet Message-ID just now, and stores what was predicted for each. The plan is staged in the
// database and the job created from it in one transaction: no job exists unless everything checks out,
// and the staged plan is removed either way. A repeated Idempotency-Key returns its job without
// discovering again.
import { randomUUID } from "node:crypto";
import type { Principal } from "../auth/principal.js";
import { AppError } from "../errors.js";
import { parseInput } from "../http/validate.js";
import type { Services } from "../services.js";
import { approvalFor } from "./approvalRule.js";
import { discoverRecipients } from "./discovery/discoverRecipients.js";
import type { Discovery } from "./discovery/discoveryTypes.js";
import { buildPlan } from "./plan/buildPlan.js";
import { submitRequestSchema, type SubmitRequest } from "./retractionRequest.js";
import { createJob, findJobByKey } from "./store/createJob.js";
import { dropAbandonedPlans, dropPlan, stagePlanEntries } from "./store/planEntries.js";
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

  const concurrency = services.config.MAILBOXES_AT_ONCE;
  const discovery = await discoverIncluded(services, request);
  const approval = approvalFor(request.mode, discovery.targets.length, services.config.APPROVAL_THRESHOLD);
  const now = new Date(services.now());
  const planId = randomUUID();
  await dropAbandonedPlans(services.db, now);
  try {
    await buildPlan(services, discovery, request, {
      concurrency,
      stage: (entries) => stagePlanEntries(services.db, planId, entries, now),
    });
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
    if (result.created && result.job.status === "queued") services.retractions.wake();
    return result;
  } finally {
    await dropPlan(services.db, planId);
  }
}

/** Discovery's answer narrowed to the mailboxes the admin included; only those are planned again. */
async function discoverIncluded(services: Services, request: SubmitRequest): Promise<Discovery> {
  const concurrency = services.config.MAILBOXES_AT_ONCE;
  const discovery = await discoverRecipients({ graph: services.graph, concurrency }, request);
  return {
    messages: discovery.messages,
    targets: includedTargets(discovery, request.include),
    notRetractable: [],
  };
}

/** The discovered targets the admin included; 400 naming every included mailbox that is not one. */
function includedTargets(discovery: Discovery, include: string[]): Discovery["targets"] {
  const wanted = [...new Set(include.map((m) => m.toLowerCase()))];
  const targets = new Map(discovery.targets.map((t) => [t.mailbox.toLowerCase(), t]));
  const refused = wanted
    .filter((mailbox) => !targets.has(mailbox))
    .map((mailbox) => {
      const known = discovery.notRetractable.find((n) => n.address.toLowerCase() === mailbox);
      return `${mailbox} (${known ? known.text : "not among the recipients found at this conversation depth"})`;
    });
  if (refused.length > 0) {
    throw new AppError(
      400,
      "INCLUDE_NOT_RETRACTABLE",
      `These mailboxes cannot be included: ${refused.join("; ")}. Preview again and include only retractable targets.`
    );
  }
  return wanted.map((mailbox) => targets.get(mailbox)!);
}
