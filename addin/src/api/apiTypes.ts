// The API's request and response shapes, taken from the API's own schemas (types only: nothing of the
// API's code reaches the bundle).
import type { z } from "zod";
import type { meSchema } from "../../../api/src/http/meRoutes";
import type { itemStatusSchema } from "../../../api/src/items/itemStatusRoutes";
import type { mailboxHoldsResponseSchema } from "../../../api/src/mailboxes/holdsRoutes";
import type {
  previewRequestSchema,
  submitRequestSchema,
} from "../../../api/src/retraction/retractionRequest";
import type { acceptedSchema } from "../../../api/src/retraction/retractionRoutes";
import type { auditPageSchema, auditVerificationSchema } from "../../../api/src/audit/auditRouteSchemas";

export type { Plan, PlanTarget } from "../../../api/src/retraction/plan/buildPlan";
export type { PredictedOutcome } from "../../../api/src/retraction/plan/predictOutcome";
export type {
  JobDetailView,
  JobSummaryView,
  TargetView,
  Progress,
} from "../../../api/src/retraction/jobView";
export type { Explanation, HoldExplanation, TimelineEntry } from "../../../api/src/rules/explanation";

export type Me = z.infer<typeof meSchema>;
export type AppRole = Me["roles"][number];
export type ItemStatus = z.infer<typeof itemStatusSchema>;
export type MailboxHoldsResponse = z.infer<typeof mailboxHoldsResponseSchema>;
export type MailboxHolds = MailboxHoldsResponse["holds"];
export type MailboxHold = MailboxHolds["holds"][number];
export type PreviewRequest = z.input<typeof previewRequestSchema>;
export type SubmitRequest = z.input<typeof submitRequestSchema>;
export type Accepted = z.infer<typeof acceptedSchema>;
export type AuditPage = z.infer<typeof auditPageSchema>;
export type AuditRecord = AuditPage["records"][number];
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
export type AuditFilters = { messageId?: string; actorObjectId?: string };
