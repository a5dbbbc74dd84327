// The retraction plan an admin reviews before acting: for every mailbox discovery found, each copy with
// its folder and predicted fate under the chosen mode, and every recipient that cannot be retracted with
// the reason; plus the totals and whether a second person must approve.
import { z } from "zod";
import type { ApiConfig } from "../../config.js";
import type { GraphGateway } from "../../graph/graphClient.js";
import { createFolderNamer, type FolderNamer } from "../../mailboxes/folderNames.js";
import { readCopyFacts, readMailboxFacts } from "../../items/copyFacts.js";
import type { Services } from "../../services.js";
import type { Queryable } from "../../db/database.js";
import { groupedWriter } from "../../groupedWriter.js";
import { forEachWithConcurrency } from "../../mapWithConcurrency.js";
import {
  notRetractableReasons,
  type NotRetractable,
  type PlanMessage,
  type RetractableTarget,
} from "../discovery/discoveryTypes.js";
import { mergeFindings } from "../discovery/mergeFindings.js";
import { stagePlanEntries, type PlanEntry } from "../store/planEntries.js";
import { readPlacedFindings } from "../store/planFindings.js";
import type { PreviewRequest, RetractionMode } from "../retractionRequest.js";
import { approvalFor } from "../approvalRule.js";
import { predictCopy } from "./predictCopy.js";
import { predictedOutcomeSchema } from "./predictOutcome.js";
import { approvalSchema } from "../approvalRule.js";

const inclusionSchema = z.object({
  depth: z.number().int(),
  internetMessageId: z.string(),
  text: z.string(),
});

export const plannedCopySchema = z.object({
  id: z.string(),
  internetMessageId: z.string(),
  parentFolderId: z.string(),
  /** The folder as the rules name it ("inbox", "deleteditems", or a user folder's name). */
  folder: z.string(),
  isRead: z.boolean(),
  receivedDateTime: z.string().nullable(),
  subject: z.string(),
  predictedOutcome: predictedOutcomeSchema,
});

export const planTargetSchema = z.object({
  mailbox: z.string(),
  objectId: z.string().nullable(),
  displayName: z.string().nullable(),
  /** "retractable", or why not. */
  status: z.enum(["retractable", ...notRetractableReasons]),
  /** Why not, in words (null when retractable). */
  statusText: z.string().nullable(),
  copies: z.array(plannedCopySchema),
  /** The copies' fate in one sentence (the first copy's when they differ). */
  predictedOutcome: predictedOutcomeSchema.nullable(),
  why: z.array(inclusionSchema),
  /** What could not be read for this mailbox, in words. */
  problems: z.array(z.string()),
});
export type PlanTarget = z.infer<typeof planTargetSchema>;

export const planSchema = z.object({
  asOf: z.iso.datetime(),
  internetMessageId: z.string(),
  mode: z.enum(["soft", "hard"]),
  conversationDepth: z.number().int(),
  messages: z.array(
    z.object({
      internetMessageId: z.string(),
      depth: z.number().int(),
      subject: z.string(),
      from: z.string().nullable(),
      sentDateTime: z.string().nullable(),
    })
  ),
  targets: z.array(planTargetSchema),
  totals: z.object({
    retractableMailboxes: z.number().int(),
    copies: z.number().int(),
    notRetractable: z.number().int(),
    destroyed: z.number().int(),
    keptByHold: z.number().int(),
  }),
  approval: approvalSchema,
});
export type Plan = z.infer<typeof planSchema>;
/** The plan without its targets: what is known once every target is planned and staged. */
export type PlanSummary = Omit<Plan, "targets">;

/** Planned targets staged per write, and places read per page: few round trips, little held at once. */
const targetsPerStage = 250;
const placesPerPage = 500;

async function planMailbox(
  services: Pick<Services, "exchange" | "definitions" | "graph">,
  folderName: FolderNamer,
  target: RetractableTarget,
  mode: RetractionMode,
  asOf: string
): Promise<PlanTarget> {
  // The copies' folders are named while the mailbox's holds are read: neither needs the other, and one
  // round trip per mailbox instead of two keeps a large plan at the app's request rate.
  const named = new Map<string, Promise<string>>();
  const nameEarly: FolderNamer = (mailbox, folderId) => {
    if (!named.has(folderId)) named.set(folderId, folderName(mailbox, folderId));
    return named.get(folderId)!;
  };
  for (const copy of target.copies) {
    // Handled here so a failure while the holds are still being read is not unhandled; awaited below.
    nameEarly(target.mailbox, copy.parentFolderId ?? "").catch(() => undefined);
  }
  const facts = await readMailboxFacts(services, target.mailbox);
  const problems = [...facts.problems];
  const copies: PlanTarget["copies"] = [];
  for (const copy of target.copies) {
    const item = await readCopyFacts(services.graph, nameEarly, target.mailbox, facts, copy, asOf);
    const predicted = predictCopy(item, mode);
    problems.push(...predicted.problems);
    copies.push({
      id: copy.id,
      internetMessageId: copy.internetMessageId,
      parentFolderId: copy.parentFolderId,
      folder: item.folder,
      isRead: copy.isRead,
      receivedDateTime: copy.receivedDateTime,
      subject: copy.subject,
      predictedOutcome: predicted.outcome,
    });
  }
  return {
    mailbox: target.mailbox,
    objectId: target.objectId,
    displayName: target.displayName,
    status: "retractable",
    statusText: null,
    copies,
    predictedOutcome: copies[0]?.predictedOutcome ?? null,
    why: target.why,
    problems: [...new Set(problems)],
  };
}

function refusedTarget(entry: NotRetractable): PlanTarget {
  return {
    mailbox: entry.address,
    objectId: null,
    displayName: null,
    status: entry.reason,
    statusText: entry.text,
    copies: [],
    predictedOutcome: null,
    why: entry.why,
    problems: [],
  };
}

/**
 * The plan's places in order, read a page at a time, the next page while this one is planned: waiting
 * for it only once this one is used up would leave planning with nothing to start for that read.
 */
async function* placesOf(db: Queryable, planId: string): AsyncGenerator<PlacedFindings> {
  let next = readPlacedFindings(db, planId, -1, placesPerPage);
  for (;;) {
    const page = await next;
    if (page.length === 0) return;
    next = readPlacedFindings(db, planId, page[page.length - 1]!.position, placesPerPage);
    // Awaited at the top of the loop; if planning stops first, its failure must not count as unhandled.
    next.catch(() => undefined);
    yield* page;
  }
}

type PlacedFindings = Awaited<ReturnType<typeof readPlacedFindings>>[number];

/**
 * Plans every place discoverIntoPlan gave plan `planId`: its findings merged, a mailbox's copies given
 * their folder and predicted fate, a refusal its reason; each staged as the plan's entry at its place,
 * in groups as they are planned. With `include`, only those mailboxes are planned (and no refusal).
 * Returns the rest of the plan: its messages, totals and approval.
 * @example const summary = await buildPlan(services, planId, request, { messages });
 *          summary.totals.retractableMailboxes // → 13
 */
export async function buildPlan(
  services: Pick<Services, "db" | "exchange" | "definitions" | "graph" | "now"> & {
    config: Pick<ApiConfig, "APPROVAL_THRESHOLD" | "MAILBOXES_AT_ONCE">;
  },
  planId: string,
  request: PreviewRequest,
  options: { messages: PlanMessage[]; include?: ReadonlySet<string> }
): Promise<PlanSummary> {
  const now = new Date(services.now());
  const asOf = now.toISOString();
  const folderName = createFolderNamer(services.graph as GraphGateway, services.now);
  const totals = { retractableMailboxes: 0, copies: 0, notRetractable: 0, destroyed: 0, keptByHold: 0 };
  const staged = groupedWriter<PlanEntry>(
    (entries) => stagePlanEntries(services.db, planId, entries, now),
    targetsPerStage
  );
  const planPlace = async ({ position, findings }: PlacedFindings): Promise<void> => {
    const { targets, notRetractable } = mergeFindings(findings);
    const [target] = targets;
    const [refused] = notRetractable;
    if (target && (!options.include || options.include.has(target.mailbox))) {
      const planned = await planMailbox(services, folderName, target, request.mode, asOf);
      totals.retractableMailboxes += 1;
      for (const copy of planned.copies) {
        totals.copies += 1;
        if (copy.predictedOutcome.fate === "destroyed") totals.destroyed += 1;
        if (copy.predictedOutcome.fate === "keptByHold") totals.keptByHold += 1;
      }
      await staged.add([{ position, target: planned }]);
    } else if (refused && !options.include) {
      totals.notRetractable += 1;
      await staged.add([{ position, target: refusedTarget(refused) }]);
    }
  };
  await forEachWithConcurrency(placesOf(services.db, planId), services.config.MAILBOXES_AT_ONCE, planPlace);
  await staged.flush();
  return {
    asOf,
    internetMessageId: request.internetMessageId,
    mode: request.mode,
    conversationDepth: request.conversationDepth,
    messages: options.messages,
    totals,
    approval: approvalFor(request.mode, totals.retractableMailboxes, services.config.APPROVAL_THRESHOLD),
  };
}
