// Submitting a retraction: the request is checked, recipients are discovered again (the preview may be
// minutes old) and the plan recomputed for the included mailboxes, so the job acts on copies found by
// exact Internet Message-ID just now, and stores what was predicted for each. Nothing is written
// unless everything checks out; a repeated Idempotency-Key returns its job without discovering again.
import type { Principal } from "../auth/principal.js";
import { AppError } from "../errors.js";
import { parseInput } from "../http/validate.js";
import type { Services } from "../services.js";
import { approvalFor } from "./approvalRule.js";
import { discoverRecipients } from "./discovery/discoverRecipients.js";
import type { Discovery } from "./discovery/discoveryTypes.js";
import { buildPlan } from "./plan/buildPlan.js";
import { submitRequestSchema } from "./retractionRequest.js";
import { createJob, findJobByKey } from "./store/createJob.js";
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
  const discovery = await discoverRecipients({ graph: services.graph, concurrency }, request);
  const included = includedTargets(discovery, request.include);
  const plan = await buildPlan(services, { ...discovery, targets: included, notRetractable: [] }, request, {
    concurrency,
  });
  const predicted = new Map(plan.targets.map((t) => [t.mailbox, t.predictedOutcome]));
  const approval = approvalFor(request.mode, included.length, services.config.APPROVAL_THRESHOLD);
  const now = services.now();
  const result = await createJob(services.db, {
    requester,
    idempotencyKey,
    request,
    targets: included.map((t) => ({
      mailbox: t.mailbox,
      objectId: t.objectId,
      displayName: t.displayName,
      copies: t.copies,
      why: t.why,
      predicted: predicted.get(t.mailbox) ?? null,
    })),
    approvalRequired: approval.required,
    approvalExpiresAt: approval.required
      ? new Date(now + services.config.APPROVAL_EXPIRY_HOURS * 3_600_000)
      : null,
    now: new Date(now),
  });
  if (result.created && result.job.status === "queued") services.retractions.wake();
  return result;
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
