// The decoded holds of one mailbox (GET /api/mailboxes/{upn}/holds): every hold in plain words, the
// retention hold (MRM suspended, not a hold), deleted-item retention and Recoverable Items usage. This
// schema is its one definition, used for the OpenAPI document and to check the rules' output.
import { z } from "zod";
import { holdKinds } from "./explanation.js";

const instant = z.iso.datetime({ precision: 3 });

/** The Exchange property that reports a hold (Get-Mailbox, or Get-OrganizationConfig for org-wide ones). */
export const holdSources = [
  "mailbox.LitigationHoldEnabled",
  "mailbox.InPlaceHolds",
  "organization.InPlaceHolds",
  "mailbox.ComplianceTagHoldApplied",
  "mailbox.DelayHoldApplied",
  "mailbox.DelayReleaseHoldApplied",
] as const;

export const mailboxHoldSchema = z.object({
  kind: z.enum(holdKinds),
  source: z.enum(holdSources).describe("The Exchange property that reports this hold"),
  id: z
    .string()
    .nullable()
    .describe(
      "The hold's identity as Exchange's lookup cmdlets take it (cld<guid> for Get-MailboxSearch, the GUID otherwise); null for holds reported by a flag"
    ),
  raw: z.string().nullable().describe("The InPlaceHolds entry as Exchange printed it; null for flags"),
  name: z.string().nullable().describe("The hold's or policy's name, when its details are known"),
  owner: z.string().nullable().describe("Who placed it, where Exchange records it (LitigationHoldOwner)"),
  scope: z.enum(["mailbox", "organization"]).describe("Set on this mailbox, or org-wide"),
  policyAction: z
    .enum(["deleteOnly", "retainOnly", "retainThenDelete"])
    .nullable()
    .describe("A retention policy's :1 / :2 / :3 meaning; null for other kinds"),
  covers: z.string().describe('Which items, in words: "every item in the mailbox", "items matching …"'),
  since: instant.nullable().describe("When it was placed, where Exchange records it (LitigationHoldDate)"),
  keepsItemsFor: z.string().describe('How long, in words: "2555 days after receipt", "indefinitely"…'),
  periodDays: z
    .union([z.number().nonnegative(), z.literal("unlimited"), z.literal("unknown")])
    .nullable()
    .describe(
      "The period in days, from each item's receipt (a delay hold: from the removal of the hold it follows); null when it keeps nothing"
    ),
  keepsItemsReceivedSince: instant
    .nullable()
    .describe(
      "For a period counted from receipt: items received before this (asOf minus the period) are past it; null otherwise"
    ),
  retains: z
    .boolean()
    .describe("Whether it keeps items; false for a delete-only (:1) policy or an exclusion"),
  summary: z.string().describe("One plain sentence a helpdesk person can read to the user"),
});

export const folderUsageSchema = z.object({
  name: z.string(),
  path: z.string().nullable(),
  type: z.string().nullable().describe('Exchange\'s FolderType, e.g. "RecoverableItemsPurges"'),
  items: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});

export const mailboxHoldsSchema = z.object({
  asOf: instant,
  onHold: z.boolean().describe("Whether anything keeps deleted items past the normal deleted-item window"),
  summary: z.string(),
  holds: z.array(mailboxHoldSchema),
  retentionPolicy: z.string().nullable().describe("The MRM retention policy (Get-Mailbox RetentionPolicy)"),
  mrmProcessingDisabled: z.boolean().describe("ElcProcessingDisabled: MRM does not process the mailbox"),
  retentionHold: z.object({
    enabled: z.boolean(),
    state: z.enum(["off", "scheduled", "inEffect", "ended"]),
    inEffect: z.boolean().describe("Whether MRM is suspended by it at asOf"),
    startsAt: instant.nullable(),
    endsAt: instant.nullable(),
    comment: z.string().nullable(),
    summary: z.string(),
  }),
  deletedItems: z.object({
    singleItemRecovery: z.boolean(),
    retainDeletedItemsForDays: z.number().nonnegative(),
    summary: z.string(),
  }),
  recoverableItems: z
    .object({
      items: z.number().int().nonnegative(),
      usedBytes: z.number().int().nonnegative(),
      quotaBytes: z.number().int().nonnegative().nullable().describe("null when unlimited or not reported"),
      warningQuotaBytes: z.number().int().nonnegative().nullable(),
      percentOfQuota: z.number().nonnegative().nullable().describe("Rounded to one decimal"),
      quotaState: z.enum(["ok", "warning", "full", "noQuota"]),
      folders: z.array(folderUsageSchema),
      summary: z.string(),
    })
    .nullable()
    .describe("null when the Recoverable Items folders were not read"),
});

export type MailboxHolds = z.infer<typeof mailboxHoldsSchema>;
export type MailboxHold = MailboxHolds["holds"][number];
