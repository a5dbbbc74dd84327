// Reads what Exchange knows about a mailbox's retention: its Get-Mailbox data, the organization's holds,
// its retention policy's tags and the definition of every hold that names it. Calls that do not depend
// on each other run together; tenant-wide definitions come from the cache.
import type { ExchangeMailbox, ExchangeRetentionPolicyTag } from "../exchange/exchangeTypes.js";
import { AppError } from "../errors.js";
import { RulesInputError } from "../rules/exchangeValues.js";
import { decodeInPlaceHold, type DecodedHold } from "../rules/inPlaceHolds.js";
import { definitionKey, type HoldDefinition, type TenantDefinitions } from "./tenantDefinitions.js";
import type { ExchangeClient } from "../exchange/exchangeClient.js";

export type MailboxState = {
  mailbox: ExchangeMailbox;
  /** Get-OrganizationConfig's InPlaceHolds. */
  organizationHolds: string[];
  /** The retention policy in force (the tenant's default when the mailbox names none). */
  retentionPolicy: string | null;
  retentionTags: ExchangeRetentionPolicyTag[];
  holdDetails: HoldDefinition[];
  /** Definitions that could not be read, in words; the rules then assume the hold covers everything. */
  problems: string[];
};

/**
 * Decodes InPlaceHolds entries; one in a format Exchange has not used before is reported, not guessed.
 * @throws AppError 502 UPSTREAM_UNEXPECTED naming the entry
 */
export function decodeHolds(entries: readonly string[], field: string): DecodedHold[] {
  return entries.map((entry, index) => {
    try {
      return decodeInPlaceHold(entry, `${field}[${index}]`);
    } catch (err) {
      if (!(err instanceof RulesInputError)) throw err;
      throw new AppError(
        502,
        "UPSTREAM_UNEXPECTED",
        `Exchange listed a hold this product does not recognise (${field}: "${entry}"), so it cannot say what the hold keeps.`
      );
    }
  });
}

/**
 * @example const state = await readMailboxState({ exchange, definitions }, "alex.wilber@contoso.com");
 */
export async function readMailboxState(
  deps: { exchange: ExchangeClient; definitions: TenantDefinitions },
  mailboxIdentity: string
): Promise<MailboxState> {
  const { exchange, definitions } = deps;
  const [mailbox, organizationHolds] = await Promise.all([
    exchange.getMailbox(mailboxIdentity),
    definitions.organizationHolds(),
  ]);
  const holds = [
    ...decodeHolds(mailbox.InPlaceHolds ?? [], "Get-Mailbox InPlaceHolds"),
    ...decodeHolds(organizationHolds, "Get-OrganizationConfig InPlaceHolds"),
  ];
  const unique = [...new Map(holds.map((hold) => [definitionKey(hold), hold])).values()];
  const [policy, lookups] = await Promise.all([
    definitions.retentionPolicyTags(mailbox.RetentionPolicy),
    Promise.all(unique.map(async (hold) => ({ hold, lookup: await definitions.holdDefinition(hold) }))),
  ]);
  const problems = lookups
    .filter(({ lookup }) => lookup.problem)
    .map(({ hold, lookup }) => `Hold ${hold.raw}: ${lookup.problem}; it is assumed to keep every item.`);
  if (mailbox.RetentionPolicy && policy.tags.length === 0)
    problems.push(`The retention policy "${mailbox.RetentionPolicy}" was not found or has no tags.`);
  return {
    mailbox,
    organizationHolds,
    retentionPolicy: policy.policy,
    retentionTags: policy.tags,
    holdDetails: lookups.flatMap(({ lookup }) => (lookup.value ? [lookup.value] : [])),
    problems,
  };
}
