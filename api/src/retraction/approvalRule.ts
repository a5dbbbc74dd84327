// When a retraction waits for a second person: every hard retraction (it cannot be undone) and any that
// reaches more mailboxes than the approval threshold (APPROVAL_THRESHOLD). The one place this is decided.
import { z } from "zod";
import type { RetractionMode } from "./retractionRequest.js";

export const approvalSchema = z.object({
  required: z.boolean(),
  /** Why, in words. */
  reasons: z.array(z.string()),
});
export type Approval = z.infer<typeof approvalSchema>;

/**
 * @example approvalFor("soft", 51, 50) // → { required: true, reasons: ["it reaches 51 mailboxes, more than the approval threshold of 50"] }
 */
export function approvalFor(mode: RetractionMode, targetCount: number, threshold: number): Approval {
  const reasons = [
    ...(mode === "hard" ? ["a hard retraction cannot be undone"] : []),
    ...(targetCount > threshold
      ? [`it reaches ${targetCount} mailboxes, more than the approval threshold of ${threshold}`]
      : []),
  ];
  return { required: reasons.length > 0, reasons };
}
