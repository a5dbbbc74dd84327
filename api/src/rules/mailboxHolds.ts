// Decodes every hold on one mailbox into plain words for the helpdesk (GET /api/mailboxes/{upn}/holds):
// Litigation Hold, In-Place and eDiscovery holds, Purview retention policies (on the mailbox and org-wide,
// with exclusions), retention labels and delay holds; beside them the retention hold (MRM suspended, which
// keeps nothing), deleted-item retention and Recoverable Items usage. Pure: the time is the input's asOf.
import { z } from "zod";
import { dayMs, formatDay, formatInstant, parseByteQuantity, type Duration } from "./exchangeValues.js";
import { delayHoldMs, findDetail, holdName } from "./holds.js";
import { policyRetains, type DecodedHold } from "./inPlaceHolds.js";
import { mailboxHoldsSchema, type MailboxHold, type MailboxHolds } from "./mailboxHoldsSchema.js";
import { suspensionAt } from "./mrm.js";
import { recoverableFolderSchema, recoverableItemsUsage } from "./recoverableItems.js";
import {
  bool,
  holdDetailSchema,
  holdEntry,
  instant,
  mailboxSchema,
  parseInput,
  withMailboxDefaults,
  withParser,
  type HoldDetail,
  type MailboxSettings,
} from "./scenario.js";

const bytes = withParser(parseByteQuantity);

const inputSchema = z.object({
  asOf: instant,
  // Get-Mailbox returns many more properties; z.object drops what the rules do not read.
  mailbox: mailboxSchema.extend({
    DelayReleaseHoldApplied: bool.default(false),
    RetentionComment: z.string().nullish(),
    RecoverableItemsQuota: bytes.nullish(),
    RecoverableItemsWarningQuota: bytes.nullish(),
  }),
  organization: z.object({ InPlaceHolds: z.array(holdEntry).default([]) }).default({ InPlaceHolds: [] }),
  inPlaceHoldDetails: z.array(holdDetailSchema).default([]),
  /** null: the folders were not read (the rest of the answer does not depend on them). */
  recoverableItemsFolders: z.array(recoverableFolderSchema).nullable().default(null),
});

/** What the route gathers from Exchange, with Exchange's property names and value formats. */
export type MailboxHoldsInput = z.input<typeof inputSchema>;
type Input = z.output<typeof inputSchema>;
type Mailbox = MailboxSettings<Input["mailbox"]>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const quoted = (name: string | null | undefined, fallback: string) => (name ? `"${name}"` : fallback);
const everyItem = "every item in the mailbox";

type Period = Pick<MailboxHold, "keepsItemsFor" | "periodDays" | "keepsItemsReceivedSince"> & {
  /** How long, as the end of a sentence: "for 365 days after receipt (…)", "indefinitely". */
  phrase: string;
};

/** A hold period counted from each item's receipt; a missing period is unknown, and `why` says why. */
function periodFrom(period: Duration | null | undefined, asOf: number, why: string): Period {
  if (!period) {
    return {
      keepsItemsFor: `unknown (${why})`,
      periodDays: "unknown",
      keepsItemsReceivedSince: null,
      phrase: "for a period not known here",
    };
  }
  if (period.kind === "unlimited") {
    return {
      keepsItemsFor: "indefinitely",
      periodDays: "unlimited",
      keepsItemsReceivedSince: null,
      phrase: "indefinitely",
    };
  }
  const days = Math.round(period.ms / dayMs);
  const since = asOf - period.ms;
  return {
    keepsItemsFor: `${plural(days, "day")} after each item's receipt`,
    periodDays: days,
    keepsItemsReceivedSince: formatInstant(since),
    phrase: `for ${plural(days, "day")} after receipt (today: items received since ${formatDay(since)})`,
  };
}

const keepsNothing = { keepsItemsFor: "nothing", periodDays: null, keepsItemsReceivedSince: null };

type HoldFields = Omit<MailboxHold, "id" | "raw" | "name" | "owner" | "since" | "policyAction">;

/** A hold with the fields most kinds leave empty. */
function hold(fields: HoldFields & Partial<MailboxHold>): MailboxHold {
  return { id: null, raw: null, name: null, owner: null, since: null, policyAction: null, ...fields };
}

function litigationHold(mailbox: Mailbox, asOf: number): MailboxHold[] {
  if (!mailbox.LitigationHoldEnabled) return [];
  const { phrase, ...period } = periodFrom(mailbox.LitigationHoldDuration, asOf, "");
  const since = mailbox.LitigationHoldDate ?? null;
  const owner = mailbox.LitigationHoldOwner?.trim() || null;
  const placed = [since === null ? "" : `placed on ${formatDay(since)}`, owner ? `by ${owner}` : ""]
    .filter(Boolean)
    .join(" ");
  return [
    hold({
      kind: "LitigationHold",
      source: "mailbox.LitigationHoldEnabled",
      owner,
      since: since === null ? null : formatInstant(since),
      scope: "mailbox",
      covers: everyItem,
      ...period,
      retains: true,
      summary: `Litigation Hold${placed ? ` (${placed})` : ""} keeps ${everyItem} ${phrase}, even after deletion.`,
    }),
  ];
}

/** Legacy In-Place holds (`cld…` or a bare GUID) and eDiscovery case holds (`UniH…`). */
function queryHold(entry: DecodedHold, detail: HoldDetail | undefined, asOf: number): MailboxHold {
  const query = detail?.Query?.trim();
  // Without its details the hold is assumed to cover everything, as the item rules (holds.ts) assume.
  const covers = !detail
    ? "items matching its query, which is not known here (so possibly every item)"
    : query
      ? `items matching the query "${query}"`
      : everyItem;
  // A case hold keeps items for as long as it is in place; an In-Place hold sets a period per item.
  const holdPeriod =
    detail?.ItemHoldPeriod ?? (entry.kind === "eDiscoveryHold" ? { kind: "unlimited" } : null);
  const why = detail ? "the hold's item hold period is not recorded" : "the hold's details were not found";
  const { phrase, ...period } = periodFrom(holdPeriod, asOf, why);
  // holdName gives "In-Place Hold" / "eDiscovery case hold", which start a sentence as they are.
  const title = `${holdName(entry.kind)} ${quoted(detail?.Name, entry.id)}`;
  return hold({
    kind: entry.kind,
    source: "mailbox.InPlaceHolds",
    id: entry.id,
    raw: entry.raw,
    name: detail?.Name ?? null,
    scope: "mailbox",
    covers,
    ...period,
    retains: true,
    summary: `${title} keeps ${covers} ${phrase}, even after deletion.`,
  });
}

const workloadCovers = {
  exchange: everyItem,
  skype: "Skype for Business conversations (Conversation History)",
  groups: "Microsoft 365 Groups content, not this mailbox's own mail",
};

function retentionPolicy(
  entry: DecodedHold,
  detail: HoldDetail | undefined,
  scope: MailboxHold["scope"],
  asOf: number
): MailboxHold {
  const covers = workloadCovers[entry.workload ?? "exchange"];
  const retains = policyRetains(entry) && entry.workload !== "groups";
  const periodValue = detail?.RetentionDuration ?? detail?.ItemHoldPeriod;
  const why = detail
    ? "the policy's retention period is not recorded"
    : "the policy's details were not found";
  const { phrase, ...period } = periodFrom(periodValue, asOf, why);
  const title = `${scope === "organization" ? "The organization-wide" : "The"} retention policy ${quoted(detail?.Name, entry.id)}`;
  const base = {
    kind: "RetentionPolicy" as const,
    source:
      scope === "organization" ? ("organization.InPlaceHolds" as const) : ("mailbox.InPlaceHolds" as const),
    id: entry.id,
    raw: entry.raw,
    name: detail?.Name ?? null,
    scope,
    policyAction: entry.action ?? null,
    covers,
  };
  if (!retains) {
    const what =
      entry.workload === "groups"
        ? "applies to Microsoft 365 Groups content, not to this mailbox's mail, so it keeps nothing here"
        : `deletes ${covers} ${typeof period.periodDays === "number" ? `${plural(period.periodDays, "day")} after receipt` : "after its retention period"} but keeps nothing, so it is not a hold`;
    return hold({ ...base, ...keepsNothing, retains, summary: `${title} ${what}.` });
  }
  const then = entry.action === "retainThenDelete" ? ", and deletes items once their period ends" : "";
  return hold({
    ...base,
    ...period,
    retains,
    summary: `${title} keeps ${covers} ${phrase}, even after deletion${then}.`,
  });
}

function exclusion(entry: DecodedHold, detail: HoldDetail | undefined, orgWide: Set<string>): MailboxHold {
  const policy = quoted(detail?.Name, entry.id);
  const summary = orgWide.has(entry.guid)
    ? `This mailbox is excluded from the organization-wide retention policy ${policy}, so that policy neither keeps nor deletes its items.`
    : `This mailbox is excluded from the retention policy ${policy}, which the organization does not apply at present; the exclusion changes nothing.`;
  return hold({
    kind: "RetentionPolicyExclusion",
    source: "mailbox.InPlaceHolds",
    id: entry.id,
    raw: entry.raw,
    name: detail?.Name ?? null,
    scope: "mailbox",
    covers: "nothing",
    ...keepsNothing,
    retains: false,
    summary,
  });
}

function inPlaceHolds(input: Input, asOf: number): MailboxHold[] {
  const { mailbox, organization, inPlaceHoldDetails: details } = input;
  const excluded = new Set(
    mailbox.InPlaceHolds.filter((entry) => entry.kind === "RetentionPolicyExclusion").map(
      (entry) => entry.guid
    )
  );
  // Org-wide Groups (grp) and Skype (skp) policies hold that content, not this mailbox's mail; the item
  // rules (holds.ts) ignore them too, so both views agree.
  const orgPolicies = organization.InPlaceHolds.filter(
    (entry) => entry.kind === "RetentionPolicy" && entry.workload === "exchange"
  );
  const orgWide = new Set(orgPolicies.map((entry) => entry.guid));
  const onMailbox = mailbox.InPlaceHolds.map((entry) => {
    const detail = findDetail(details, entry);
    if (entry.kind === "RetentionPolicyExclusion") return exclusion(entry, detail, orgWide);
    if (entry.kind === "RetentionPolicy") return retentionPolicy(entry, detail, "mailbox", asOf);
    return queryHold(entry, detail, asOf);
  });
  // An excluded org-wide policy does not apply at all: its exclusion (above) is what the helpdesk sees.
  const fromOrganization = orgPolicies
    .filter((entry) => !excluded.has(entry.guid))
    .map((entry) => retentionPolicy(entry, findDetail(details, entry), "organization", asOf));
  return [...onMailbox, ...fromOrganization];
}

function labelAndDelayHolds(mailbox: Mailbox): MailboxHold[] {
  const holds: MailboxHold[] = [];
  if (mailbox.ComplianceTagHoldApplied) {
    const covers = "items with a retention label that retains them";
    holds.push(
      hold({
        kind: "RetentionLabel",
        source: "mailbox.ComplianceTagHoldApplied",
        scope: "mailbox",
        covers,
        keepsItemsFor: "as long as each item's label says",
        periodDays: "unknown",
        keepsItemsReceivedSince: null,
        retains: true,
        summary: `Retention labels keep ${covers} for as long as each label says, even after deletion.`,
      })
    );
  }
  // Exchange sets a delay hold when a hold is removed, but does not record when; it lifts by itself.
  const delays = [
    { applied: mailbox.DelayHoldApplied, source: "mailbox.DelayHoldApplied", covers: everyItem },
    {
      applied: mailbox.DelayReleaseHoldApplied,
      source: "mailbox.DelayReleaseHoldApplied",
      covers: "data that other Microsoft 365 apps (such as Teams) store in the mailbox",
    },
  ] as const;
  const days = delayHoldMs / dayMs;
  for (const { source, covers } of delays.filter((delay) => delay.applied)) {
    holds.push(
      hold({
        kind: "DelayHold",
        source,
        scope: "mailbox",
        covers,
        keepsItemsFor: `${plural(days, "day")} after the hold it follows was removed`,
        periodDays: days,
        keepsItemsReceivedSince: null,
        retains: true,
        summary: `A delay hold keeps ${covers} for ${plural(days, "day")} after a hold was removed (Exchange does not record when), even after deletion; then it lifts by itself.`,
      })
    );
  }
  return holds;
}

type RetentionHoldState = MailboxHolds["retentionHold"]["state"];

/** The retention hold in words; `mrmOff` (ElcProcessingDisabled) means MRM does not run whatever its state. */
function retentionHoldSentence(
  state: RetentionHoldState,
  start: number | null,
  end: number | null,
  mrmOff: boolean
): string {
  const byAge = (clause: string) => (mrmOff ? "" : clause);
  const policiesAct = "retention policies move and delete items by age";
  const ending = end === null ? "" : ` and ends on ${formatDay(end)}`;
  const sentence = {
    off: `Retention hold is off${byAge(`: ${policiesAct} as usual`)}.`,
    scheduled: `Retention hold starts on ${formatDay(start ?? 0)}${ending}${byAge(`; until then ${policiesAct} as usual`)}.`,
    ended: `Retention hold ended on ${formatDay(end ?? 0)} (the setting is still on)${byAge(`: ${policiesAct} again`)}.`,
    // Helpdesk staff often take a retention hold for a hold; it keeps nothing that is deleted.
    inEffect: `Retention hold is in effect ${end === null ? "with no end date" : `until ${formatDay(end)}`}: retention policies do not move or delete items by age. It is not a hold: deleted items are not kept any longer because of it.`,
  }[state];
  const off =
    " Retention policy processing is switched off for this mailbox altogether (ElcProcessingDisabled), so nothing is moved or deleted by age.";
  return sentence + (mrmOff ? off : "");
}

function retentionHold(mailbox: Mailbox, asOf: number): MailboxHolds["retentionHold"] {
  const start = mailbox.StartDateForRetentionHold ?? null;
  const end = mailbox.EndDateForRetentionHold ?? null;
  // suspensionAt also counts ElcProcessingDisabled; here only the retention hold's own window matters.
  const suspended = suspensionAt({ ...mailbox, ElcProcessingDisabled: false }, asOf) !== null;
  // Not suspended while enabled: either before the start, or (start passed) at or after the end.
  const state: RetentionHoldState = !mailbox.RetentionHoldEnabled
    ? "off"
    : suspended
      ? "inEffect"
      : start !== null && asOf < start
        ? "scheduled"
        : "ended";
  return {
    enabled: mailbox.RetentionHoldEnabled,
    state,
    inEffect: state === "inEffect",
    startsAt: start === null ? null : formatInstant(start),
    endsAt: end === null ? null : formatInstant(end),
    comment: mailbox.RetentionComment?.trim() || null,
    summary: retentionHoldSentence(state, start, end, mailbox.ElcProcessingDisabled),
  };
}

function deletedItems(mailbox: Mailbox, onHold: boolean): MailboxHolds["deletedItems"] {
  const days = Math.round(mailbox.RetainDeletedItemsFor.ms / dayMs);
  const window = `Deleted items can be recovered for ${plural(days, "day")} after deletion`;
  const recovery = mailbox.SingleItemRecoveryEnabled
    ? "; Single Item Recovery is on, so they are kept that long even if the user purges them."
    : ", but Single Item Recovery is off: an item the user purges is gone at once unless a hold keeps it.";
  const holds = onHold ? " Holds keep the items they cover longer." : "";
  return {
    singleItemRecovery: mailbox.SingleItemRecoveryEnabled,
    retainDeletedItemsForDays: days,
    summary: window + recovery + holds,
  };
}

function overallSummary(holds: MailboxHold[], mailbox: Mailbox): string {
  const days = plural(Math.round(mailbox.RetainDeletedItemsFor.ms / dayMs), "day");
  const keeping = holds.filter((entry) => entry.retains);
  if (keeping.length === 0) {
    return `This mailbox is not on hold: deleted items can be recovered for ${days}, then they are gone for good.`;
  }
  const names = keeping.map((entry) =>
    entry.name ? `${holdName(entry.kind)} "${entry.name}"` : holdName(entry.kind)
  );
  return `This mailbox is on hold (${names.join("; ")}): deleted items it covers are kept past the usual ${days}.`;
}

/**
 * Decodes every hold on a mailbox into plain words, with its retention hold, deleted-item retention and
 * Recoverable Items usage. An org-wide retention policy applies unless the mailbox carries its `-mbx`
 * exclusion; `:1` policies and exclusions keep nothing.
 * @example describeMailboxHolds({
 *   asOf: "2026-11-21T10:00:00Z",
 *   mailbox: { LitigationHoldEnabled: true, LitigationHoldDuration: "2555.00:00:00", InPlaceHolds: [] },
 *   recoverableItemsFolders: null,
 * }).holds[0]
 * // → { kind: "LitigationHold", keepsItemsFor: "2555 days after each item's receipt", retains: true, … }
 * @throws RulesInputError naming the first invalid field
 */
export function describeMailboxHolds(input: unknown): MailboxHolds {
  const parsed = parseInput(inputSchema, input, "(input)");
  const mailbox = withMailboxDefaults(parsed.mailbox);
  const { asOf } = parsed;
  const holds = [
    ...litigationHold(mailbox, asOf),
    ...inPlaceHolds(parsed, asOf),
    ...labelAndDelayHolds(mailbox),
  ];
  const onHold = holds.some((entry) => entry.retains);
  return mailboxHoldsSchema.parse({
    asOf: formatInstant(asOf),
    onHold,
    summary: overallSummary(holds, mailbox),
    holds,
    retentionPolicy: mailbox.RetentionPolicy?.trim() || null,
    mrmProcessingDisabled: mailbox.ElcProcessingDisabled,
    retentionHold: retentionHold(mailbox, asOf),
    deletedItems: deletedItems(mailbox, onHold),
    recoverableItems: recoverableItemsUsage(parsed.recoverableItemsFolders, {
      quota: mailbox.RecoverableItemsQuota,
      warningQuota: mailbox.RecoverableItemsWarningQuota,
    }),
  } satisfies MailboxHolds);
}
