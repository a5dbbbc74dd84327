// The explanation of one item: what retention tag applies and when it expires, which holds keep it, where
// it is and will be, and when it is destroyed. `npm run explain` prints it and the API returns it for an
// item's status; this schema is its one definition, used wherever it crosses a boundary.
import { z } from "zod";

const instant = z.iso.datetime({ precision: 3 });
/** An instant, or the honest "indefinitely" / "unknown" where no date exists. */
const end = z.union([instant, z.literal("indefinitely"), z.literal("unknown")]);

export const locations = [
  "inbox",
  "sentitems",
  "deleteditems",
  "junkemail",
  "drafts",
  "outbox",
  "archive",
  "conversationhistory",
  "recoverableitemsdeletions",
  "recoverableitemspurges",
  "recoverableitemsdiscoveryholds",
  "removed",
] as const;

export const holdKinds = [
  "LitigationHold",
  "InPlaceHold",
  "eDiscoveryHold",
  "RetentionPolicy",
  "RetentionPolicyExclusion",
  "RetentionLabel",
  "DelayHold",
] as const;

export const explanationSchema = z.object({
  retention: z.object({
    tag: z
      .object({
        name: z.string(),
        source: z.enum(["personal", "folder", "default"]),
        action: z.string(),
        ageLimitDays: z.number().nullable(),
      })
      .nullable(),
    startsAt: instant.nullable(),
    expiresAt: instant.nullable(),
    actionWindow: z.object({ from: instant, to: instant }).nullable(),
    suspendedUntil: z.union([instant, z.literal("indefinitely")]).nullable(),
  }),
  holds: z.array(
    z.object({
      kind: z.enum(holdKinds),
      id: z.string().nullable(),
      coversItem: z.boolean(),
      protectedUntil: end.nullable(),
      detail: z.string(),
    })
  ),
  protectedUntil: end.nullable(),
  // A user folder's name is also a valid location, hence string beside the well-known names.
  timeline: z.array(z.object({ at: instant, location: z.string(), why: z.string() })),
  locationAsOf: z.string(),
  permanentRemovalAt: end.nullable(),
});

export type Explanation = z.infer<typeof explanationSchema>;
export type HoldExplanation = Explanation["holds"][number];
export type TimelineEntry = Explanation["timeline"][number];
