// The retraction plan an admin reviews before acting: for every mailbox discovery found, each copy with
// its folder and predicted fate under the chosen mode, and every recipient that cannot be retracted with
// the reason; plus the totals and whether a second person must approve.
import { z } from "zod";
import type { ApiConfig } from "../../config.js";
import type { GraphGateway } from "../../graph/graphClient.js";
import { createFolderNamer, type FolderNamer } from "../../mailboxes/folderNames.js";
import { readCopyFacts, readMailboxFacts } from "../../items/copyFacts.js";
import type { Services } from "../../services.js";
import { mapWithConcurrency } from "../../mapWithConcurrency.js";
import {
  notRetractableReasons,
  type Discovery,
  type RetractableTarget,
} from "../discovery/discoveryTypes.js";
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
  const copies = [];
  for (const copy of target.copies) {
    const item = await readCopyFacts(services.graph, nameEarly, target.mailbox, facts, copy, asOf);
    const predicted = predictCopy(item, mode);
    problems.push(...predicted.problems);
    copies.push({ ...copy, folder: item.folder, predictedOutcome: predicted.outcome });
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

/**
 * @example const plan = await buildPlan(services, discovery, request); plan.targets[0].predictedOutcome.text
 */
export async function buildPlan(
  services: Pick<Services, "exchange" | "definitions" | "graph" | "now"> & {
    config: Pick<ApiConfig, "APPROVAL_THRESHOLD">;
  },
  discovery: Discovery,
  request: PreviewRequest,
  options: { folderName?: FolderNamer; concurrency?: number } = {}
): Promise<Plan> {
  const asOf = new Date(services.now()).toISOString();
  const folderName = options.folderName ?? createFolderNamer(services.graph as GraphGateway, services.now);
  const retractable = await mapWithConcurrency(discovery.targets, options.concurrency ?? 8, (target) =>
    planMailbox(services, folderName, target, request.mode, asOf)
  );
  const notRetractable: PlanTarget[] = discovery.notRetractable.map((entry) => ({
    mailbox: entry.address,
    objectId: null,
    displayName: null,
    status: entry.reason,
    statusText: entry.text,
    copies: [],
    predictedOutcome: null,
    why: entry.why,
    problems: [],
  }));
  const allCopies = retractable.flatMap((target) => target.copies);
  return planSchema.parse({
    asOf,
    internetMessageId: request.internetMessageId,
    mode: request.mode,
    conversationDepth: request.conversationDepth,
    messages: discovery.messages,
    targets: [...retractable, ...notRetractable],
    totals: {
      retractableMailboxes: retractable.length,
      copies: allCopies.length,
      notRetractable: notRetractable.length,
      destroyed: allCopies.filter((copy) => copy.predictedOutcome.fate === "destroyed").length,
      keptByHold: allCopies.filter((copy) => copy.predictedOutcome.fate === "keptByHold").length,
    },
    approval: approvalFor(request.mode, retractable.length, services.config.APPROVAL_THRESHOLD),
  });
}
