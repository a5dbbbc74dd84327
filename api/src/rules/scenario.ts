// The input of the rules: Exchange's own data about a mailbox, its retention tags and holds, one item,
// events and a time (the `npm run explain` scenario format; field names and value formats as Exchange
// prints them). Parsing validates every field and names the first bad one.
import { z } from "zod";
import { decodeInPlaceHold, type DecodedHold } from "./inPlaceHolds.js";
import { parseDuration, parseInstant, RulesInputError, type Duration } from "./exchangeValues.js";

/** A zod field validated by one of exchangeValues.ts's parsers (one parser per value format). */
export function withParser<T>(parse: (value: unknown, field: string) => T) {
  return z.unknown().transform((value, ctx): T => {
    try {
      return parse(value, "");
    } catch (err) {
      ctx.addIssue({ code: "custom", message: err instanceof RulesInputError ? err.problem : String(err) });
      return z.NEVER;
    }
  });
}

export const duration = withParser(parseDuration);
export const instant = withParser(parseInstant);
export const holdEntry = withParser((value, field): DecodedHold => decodeInPlaceHold(String(value), field));
/** PowerShell output sometimes carries booleans as "True"/"False". */
export const bool = z.union([
  z.boolean(),
  z.enum(["True", "False", "true", "false"]).transform((v) => v.toLowerCase() === "true"),
]);
const text = z.string();

export const retentionActions = [
  "DeleteAndAllowRecovery",
  "PermanentlyDelete",
  "MoveToArchive",
  "MarkAsPastRetentionLimit",
  "MoveToDeletedItems",
] as const;
export type RetentionAction = (typeof retentionActions)[number];

/** The Get-Mailbox properties the rules read; Get-Mailbox's many others are accepted and dropped. */
export const mailboxSchema = z.object({
  LitigationHoldEnabled: bool.default(false),
  LitigationHoldDate: instant.nullish(),
  LitigationHoldDuration: duration.nullish(),
  LitigationHoldOwner: text.nullish(),
  InPlaceHolds: z.array(holdEntry).default([]),
  DelayHoldApplied: bool.default(false),
  ComplianceTagHoldApplied: bool.default(false),
  RetentionHoldEnabled: bool.default(false),
  StartDateForRetentionHold: instant.nullish(),
  EndDateForRetentionHold: instant.nullish(),
  ElcProcessingDisabled: bool.default(false),
  SingleItemRecoveryEnabled: bool.default(true),
  RetainDeletedItemsFor: duration.nullish(),
  RetentionPolicy: text.nullish(),
});

const tagSchema = z.object({
  Name: text.min(1),
  RetentionId: text.nullish(),
  Type: text.min(1),
  AgeLimitForRetention: duration.nullish(),
  RetentionAction: z.enum(retentionActions),
  RetentionEnabled: bool.default(true),
});

export const holdDetailSchema = z.object({
  Identity: text.min(1),
  Name: text.nullish(),
  Query: text.nullish(),
  /** In-Place and eDiscovery holds: how long each item is held, from its receipt. */
  ItemHoldPeriod: duration.nullish(),
  /** Purview retention policies and labels: their retention period, from the item's receipt. */
  RetentionDuration: duration.nullish(),
});

const labelSchema = z.object({
  Name: text.min(1),
  RetentionDuration: duration.nullish(),
  RetentionAction: text.nullish(),
});

export const eventActions = [
  "softDelete",
  "hardDelete",
  "mfaRun",
  "retractSoft",
  "retractHard",
  "holdRemoved",
] as const;
export type EventAction = (typeof eventActions)[number];

const itemSchema = z.object({
  receivedDateTime: instant.nullish(),
  createdDateTime: instant.nullish(),
  folder: text.min(1).default("inbox"),
  subject: text.default(""),
  body: text.default(""),
  personalTag: text.nullish(),
  retentionLabel: text.nullish(),
});

const scenarioSchema = z.object({
  asOf: instant,
  mailbox: mailboxSchema.default(() => mailboxSchema.parse({})),
  organization: z.object({ InPlaceHolds: z.array(holdEntry).default([]) }).default({ InPlaceHolds: [] }),
  retentionTags: z.array(tagSchema).default([]),
  inPlaceHoldDetails: z.array(holdDetailSchema).default([]),
  retentionLabels: z.array(labelSchema).default([]),
  item: itemSchema,
  events: z.array(z.object({ at: instant, action: z.enum(eventActions) })).default([]),
});

type Parsed = z.infer<typeof scenarioSchema>;
export type RetentionTag = Parsed["retentionTags"][number];
export type HoldDetail = Parsed["inPlaceHoldDetails"][number];
export type RetentionLabel = Parsed["retentionLabels"][number];
export type ItemEvent = Parsed["events"][number];

/** A validated mailbox with Exchange Online's defaults applied (see `withMailboxDefaults`). */
export type MailboxSettings<M extends z.infer<typeof mailboxSchema> = z.infer<typeof mailboxSchema>> = Omit<
  M,
  "LitigationHoldDuration" | "RetainDeletedItemsFor"
> & {
  LitigationHoldDuration: Duration;
  RetainDeletedItemsFor: Duration & { kind: "finite" };
};

/** A validated scenario; instants are epoch milliseconds, events are in time order. */
export type Scenario = Omit<Parsed, "mailbox" | "item"> & {
  mailbox: MailboxSettings<Parsed["mailbox"]>;
  item: Parsed["item"] & { receivedAt: number };
};

const fourteenDays: Duration & { kind: "finite" } = { kind: "finite", ms: 14 * 24 * 60 * 60 * 1000 };

function fieldPath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (out, part) =>
      typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part),
    ""
  );
}

/**
 * Validates input against a schema; the first issue becomes a RulesInputError naming its field (or
 * `whole` when the input itself is wrong).
 * @example parseInput(scenarioSchema, {}, "(scenario)") // throws "asOf: expected an ISO 8601 instant …"
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, whole: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new RulesInputError(fieldPath(issue.path) || whole, issue.message.replace(/^Invalid input: /, ""));
}

/**
 * Applies Exchange Online's defaults to a validated mailbox: 14 days of deleted-item retention and an
 * unlimited Litigation Hold duration (Single Item Recovery defaults to on in the schema).
 * @example withMailboxDefaults(mailboxSchema.parse({})).RetainDeletedItemsFor // → { kind: "finite", ms: 14 days }
 * @throws RulesInputError for an "Unlimited" RetainDeletedItemsFor, which Exchange does not allow
 */
export function withMailboxDefaults<M extends z.infer<typeof mailboxSchema>>(mailbox: M): MailboxSettings<M> {
  const retainFor = mailbox.RetainDeletedItemsFor ?? fourteenDays;
  if (retainFor.kind !== "finite") {
    throw new RulesInputError(
      "mailbox.RetainDeletedItemsFor",
      'expected a TimeSpan such as "14.00:00:00", got "Unlimited"'
    );
  }
  return {
    ...mailbox,
    LitigationHoldDuration: mailbox.LitigationHoldDuration ?? { kind: "unlimited" },
    RetainDeletedItemsFor: retainFor,
  };
}

/**
 * Validates a scenario and applies Exchange Online's defaults (Single Item Recovery on, 14 days of
 * deleted-item retention, unlimited Litigation Hold duration).
 * @example parseScenario({ asOf: "2012-04-20T00:00:00Z", item: { receivedDateTime: "2012-03-01T15:37:16.714Z" } })
 * @throws RulesInputError naming the first field that is wrong
 */
export function parseScenario(input: unknown): Scenario {
  const parsed = parseInput(scenarioSchema, input, "(scenario)");
  const { mailbox, item, events } = parsed;
  const receivedAt = item.receivedDateTime ?? item.createdDateTime;
  if (receivedAt == null)
    throw new RulesInputError("item.receivedDateTime", "required (or item.createdDateTime)");
  return {
    ...parsed,
    mailbox: withMailboxDefaults(mailbox),
    item: { ...item, receivedAt },
    // Stable sort: events at the same instant keep their given order.
    events: events
      .map((event, index) => ({ event, index }))
      .sort((a, b) => a.event.at - b.event.at || a.index - b.index)
      .map(({ event }) => event),
  };
}
