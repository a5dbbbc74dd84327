// Turns what Exchange and Graph said about one copy of a message and its mailbox into the rules'
// scenario (the `npm run explain` format), so the API's answer and the command line's are the same
// computation on the same facts. Pure: the caller gathers the data.
import type { ExchangeMailbox, ExchangeRetentionPolicyTag } from "../exchange/exchangeTypes.js";
import type { MessageCopy } from "../graph/graphTypes.js";
import type { MailboxState } from "../mailboxes/mailboxState.js";
import type { LabelDefinition } from "../mailboxes/tenantDefinitions.js";
import { mailboxSchema } from "../rules/scenario.js";

/** The Get-Mailbox properties the rules read (scenario.ts's mailbox section). */
export const ruleMailboxProperties = Object.keys(mailboxSchema.shape) as (keyof typeof mailboxSchema.shape)[];

export type ItemFacts = {
  /** The instant the answer is for (ISO 8601). */
  asOf: string;
  state: MailboxState;
  copy: Pick<MessageCopy, "receivedDateTime" | "subject" | "retention">;
  /** The copy's folder as the rules name it (folderNames.ts). */
  folder: string;
  /** The body as text, when a hold's query needs it. */
  body: string;
  labels: LabelDefinition[];
};

export type ItemScenario = {
  scenario: Record<string, unknown>;
  /** Facts that did not fit, in words (a stamp from a tag the policy no longer has...). */
  problems: string[];
};

function pick(mailbox: ExchangeMailbox): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ruleMailboxProperties) if (mailbox[key] !== undefined) out[key] = mailbox[key];
  return out;
}

function tagOf(tag: ExchangeRetentionPolicyTag): Record<string, unknown> {
  return {
    Name: tag.Name,
    RetentionId: tag.RetentionId ?? null,
    Type: tag.Type,
    AgeLimitForRetention: tag.AgeLimitForRetention ?? null,
    RetentionAction: tag.RetentionAction,
    RetentionEnabled: tag.RetentionEnabled ?? true,
  };
}

/**
 * The item's personal tag, from the tag id Exchange stamped on it: a stamp of the default or a folder
 * tag is not personal (the rules find those from the folder themselves).
 */
function personalTagOf(facts: ItemFacts, problems: string[]): string | null {
  const stamped = facts.copy.retention?.policyTagId?.toLowerCase();
  if (!stamped) return null;
  const tag = facts.state.retentionTags.find((t) => t.RetentionId?.toLowerCase() === stamped);
  if (!tag) {
    problems.push(
      `The item carries retention tag ${stamped}, which is not in the mailbox's policy; Exchange re-stamps it with the policy's tags at its next run.`
    );
    return null;
  }
  return tag.Type?.toLowerCase() === "personal" ? (tag.Name ?? null) : null;
}

/**
 * @example buildItemScenario({ asOf, state, copy, folder: "inbox", body: "", labels: [] }).scenario
 * // → { asOf, mailbox: { LitigationHoldEnabled: true, … }, retentionTags: [...], item: { folder: "inbox", … } }
 */
export function buildItemScenario(facts: ItemFacts): ItemScenario {
  const problems: string[] = [];
  const { state, copy } = facts;
  const labelName = copy.retention?.complianceTag ?? null;
  const label = labelName
    ? facts.labels.find((l) => l.Name.toLowerCase() === labelName.toLowerCase())
    : undefined;
  if (labelName && !label)
    problems.push(
      `The definition of retention label "${labelName}" could not be read; its period is unknown.`
    );
  const scenario = {
    asOf: facts.asOf,
    mailbox: pick(state.mailbox),
    organization: { InPlaceHolds: state.organizationHolds },
    retentionTags: state.retentionTags.map(tagOf),
    inPlaceHoldDetails: state.holdDetails,
    retentionLabels: label ? [label] : [],
    item: {
      receivedDateTime: copy.receivedDateTime,
      folder: facts.folder,
      subject: copy.subject ?? "",
      body: facts.body,
      personalTag: personalTagOf(facts, problems),
      retentionLabel: labelName,
    },
  };
  return { scenario, problems };
}
