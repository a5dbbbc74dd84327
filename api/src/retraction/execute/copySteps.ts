// The Graph calls for one copy: retracting it (soft: a move to Recoverable Items\Deletions, keeping its
// new id for undo; hard: a permanent delete, which leaves it in Recoverable Items\Purges) and restoring
// it. A copy whose earlier call may or may not have happened (left in flight by a crash or a lost
// answer) is looked up first, so it is never acted on twice; a copy that is no longer where it was is
// looked for where the earlier call would have put it. Only a copy with the job's exact Internet
// Message-ID is ever touched.
import type { GraphGateway } from "../../graph/graphClient.js";
import type { MessageCopy } from "../../graph/graphTypes.js";
import type { RetractionMode } from "../retractionRequest.js";
import type { CopyResult } from "../store/jobStates.js";
import type { RetractionCopy } from "../store/jobTypes.js";
import { classifyCopyFailure } from "./copyFailure.js";

/** What became of a copy, or that the target must be tried again later. */
export type CopyStep =
  | {
      result: CopyResult;
      /** Retracted softly: its id in Recoverable Items; restored: its id back in its folder. */
      newId?: string;
      requestIds: string[];
      error?: string;
      /** Something the admin should know about a copy that did not fail, e.g. where it was restored to. */
      note?: string;
    }
  | { result: "retry"; retryAfterMs: number | undefined; requestIds: string[]; error: string };

export type CopyContext = {
  graph: GraphGateway;
  mailbox: string;
  mode: RetractionMode;
  /**
   * Ids in this mailbox that belong to the target's copies (their original ids, and the ids they were
   * moved to). A copy looked for by Internet Message-ID never takes one of them: two copies of one
   * message in one mailbox stay two copies. Filled in as copies move.
   */
  claimedIds: Set<string>;
};

const deletions = "recoverableitemsdeletions";

/** Retracts one copy (its state: pending, failed, or acting when it must be checked first). */
export function retractCopy(ctx: CopyContext, copy: RetractionCopy): Promise<CopyStep> {
  return guarded("failed", async (ids) => {
    // A copy that failed before may have failed because its id held another message: check it again.
    if (copy.needsRecheck || copy.state === "failed") {
      const found = await lookUp(ctx, copy.copyId, copy, ids, "failed");
      if (found === "missing") return afterRetractMissing(ctx, copy, ids);
      if (found !== "same") return found;
    }
    try {
      if (ctx.mode === "soft") {
        const moved = await ctx.graph.moveMessage(ctx.mailbox, copy.copyId, deletions);
        ids.push(moved.requestId);
        ctx.claimedIds.add(moved.id);
        return { result: "done", newId: moved.id, requestIds: ids };
      }
      const purged = await ctx.graph.permanentDelete(ctx.mailbox, copy.copyId);
      ids.push(purged.requestId);
      return { result: purged.gone ? "gone" : "done", requestIds: ids };
    } catch (err) {
      if (classifyCopyFailure(err).kind !== "missing") throw err;
      noteRequestId(err, ids);
      return afterRetractMissing(ctx, copy, ids);
    }
  });
}

/** Moves one softly retracted copy back to its original folder (Inbox when that folder is gone). */
export function restoreCopy(ctx: CopyContext, copy: RetractionCopy): Promise<CopyStep> {
  const from = copy.newId;
  if (from === null) {
    return Promise.resolve({
      result: "restoreFailed",
      requestIds: [],
      error: "The copy has no id in Recoverable Items to restore it from.",
    });
  }
  return guarded("restoreFailed", async (ids) => {
    if (copy.needsRecheck || copy.state === "restoreFailed") {
      const found = await lookUp(ctx, from, copy, ids, "restoreFailed");
      if (found === "missing") return afterRestoreMissing(ctx, copy, ids);
      if (found !== "same") return found;
    }
    try {
      return await moveBack(ctx, from, copy.originalFolderId, ids);
    } catch (err) {
      if (classifyCopyFailure(err).kind !== "missing") throw err;
      noteRequestId(err, ids);
    }
    // Either the copy left Recoverable Items, or its original folder no longer exists.
    const source = await lookUp(ctx, from, copy, ids, "restoreFailed");
    if (source === "missing") return afterRestoreMissing(ctx, copy, ids);
    if (source !== "same") return source;
    const step = await moveBack(ctx, from, "inbox", ids);
    return { ...step, note: "Its original folder no longer exists, so it was restored to the Inbox." };
  });
}

async function moveBack(ctx: CopyContext, from: string, folder: string, ids: string[]): Promise<CopyStep> {
  const moved = await ctx.graph.moveMessage(ctx.mailbox, from, folder);
  ids.push(moved.requestId);
  ctx.claimedIds.add(moved.id);
  return { result: "restored", newId: moved.id, requestIds: ids };
}

/**
 * Reads the item at `id`: "same" when it is the copy, "missing" when Graph no longer finds it, and a
 * failed step when something else sits there (never touched).
 */
async function lookUp(
  ctx: CopyContext,
  id: string,
  copy: RetractionCopy,
  ids: string[],
  failedAs: "failed" | "restoreFailed"
): Promise<"same" | "missing" | CopyStep> {
  const found = await ctx.graph.getCopy(ctx.mailbox, id);
  ids.push(...found.requestIds);
  if (found.value === null) return "missing";
  if (found.value.internetMessageId === copy.internetMessageId) return "same";
  return {
    result: failedAs,
    requestIds: ids,
    error:
      `The item at this id has Internet Message-ID ${JSON.stringify(found.value.internetMessageId)}, ` +
      `not ${JSON.stringify(copy.internetMessageId)}; it was left untouched.`,
  };
}

/**
 * The copy is not where it was found. Soft: an earlier move whose answer was lost put it in
 * Recoverable Items\Deletions, where it is found again with its new id; otherwise (and always for hard,
 * whose purged copies Graph cannot read) it is gone, which counts as done.
 */
async function afterRetractMissing(ctx: CopyContext, copy: RetractionCopy, ids: string[]): Promise<CopyStep> {
  if (ctx.mode === "soft") {
    const moved = await unclaimedCopy(ctx, copy, deletions, ids);
    if (moved) return { result: "done", newId: moved.id, requestIds: ids };
  }
  return { result: "gone", requestIds: ids };
}

/**
 * The copy left Recoverable Items: back already (an answer lost) in its folder, or in the Inbox when
 * that folder is gone; or purged or moved away by someone else.
 */
async function afterRestoreMissing(ctx: CopyContext, copy: RetractionCopy, ids: string[]): Promise<CopyStep> {
  for (const folder of [copy.originalFolderId, "inbox"]) {
    try {
      const back = await unclaimedCopy(ctx, copy, folder, ids);
      if (back) return { result: "restored", newId: back.id, requestIds: ids };
    } catch (err) {
      // The original folder no longer exists: look in the Inbox.
      if (classifyCopyFailure(err).kind !== "missing") throw err;
      noteRequestId(err, ids);
    }
  }
  return {
    result: "restoreFailed",
    requestIds: ids,
    error:
      "The copy is no longer in Recoverable Items (purged, or moved by someone else), so it could not be restored.",
  };
}

async function unclaimedCopy(
  ctx: CopyContext,
  copy: RetractionCopy,
  folder: string,
  ids: string[]
): Promise<MessageCopy | undefined> {
  const found = await ctx.graph.findCopies(ctx.mailbox, copy.internetMessageId, { folder });
  ids.push(...found.requestIds);
  const mine = found.value.find((c) => !ctx.claimedIds.has(c.id));
  if (mine) ctx.claimedIds.add(mine.id);
  return mine;
}

/** Runs a copy's calls; a failure becomes a retry or a failed copy, with the request ids made so far. */
async function guarded(
  failedAs: "failed" | "restoreFailed",
  work: (requestIds: string[]) => Promise<CopyStep>
): Promise<CopyStep> {
  const ids: string[] = [];
  try {
    return await work(ids);
  } catch (err) {
    const failure = classifyCopyFailure(err);
    if (failure.requestId) ids.push(failure.requestId);
    if (failure.kind === "retry") {
      return { result: "retry", retryAfterMs: failure.retryAfterMs, requestIds: ids, error: failure.message };
    }
    return { result: failedAs, requestIds: ids, error: failure.message };
  }
}

function noteRequestId(err: unknown, ids: string[]): void {
  const requestId = classifyCopyFailure(err).requestId;
  if (requestId) ids.push(requestId);
}
