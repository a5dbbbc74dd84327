// The Graph calls for one copy, against a hand-written gateway: soft retraction moves to Recoverable
// Items\Deletions and keeps the new id, hard purges; a copy left in flight is looked up first and never
// acted on twice; a copy no longer where it was is looked for where the earlier call would have put it;
// an item with another Message-ID is never touched; failures become retries or failed copies; restores
// go back to the original folder, or to the Inbox when that folder is gone.
import assert from "node:assert/strict";
import type { GraphGateway } from "../../../../api/src/graph/graphClient.js";
import {
  restoreCopy,
  retractCopy,
  type CopyContext,
} from "../../../../api/src/retraction/execute/copySteps.js";
import type { RetractionCopy } from "../../../../api/src/retraction/store/jobTypes.js";
import { callRows, fakeGraph, graphCopy, graphError } from "./fakeGraph.js";

const mailbox = "user1@contoso.com";
const message = "<phish-0001@fabrikam.com>";
const deletions = "recoverableitemsdeletions";

function copy(overrides: Partial<RetractionCopy> = {}): RetractionCopy {
  return {
    copyId: "AAMk-1",
    internetMessageId: message,
    originalFolderId: "inbox-1",
    newId: null,
    restoredId: null,
    state: "pending",
    needsRecheck: false,
    requestIds: [],
    lastError: null,
    updatedAt: new Date("2025-06-02T09:00:00.000Z"),
    ...overrides,
  };
}

/** A copy retracted softly, waiting in Recoverable Items to be restored. */
const retracted = (overrides: Partial<RetractionCopy> = {}) =>
  copy({ state: "done", newId: "RI-1", ...overrides });

function context(graph: GraphGateway, mode: "soft" | "hard" = "soft", claimed: string[] = []): CopyContext {
  return { graph, mailbox, mode, claimedIds: new Set(["AAMk-1", ...claimed]) };
}

describe("retractCopy", () => {
  it("soft → moved to recoverableitemsdeletions; done with the new id, which is claimed", async () => {
    const { graph, calls } = fakeGraph({
      moveMessage: async () => ({ id: "RI-1", parentFolderId: "deletions-folder", requestId: "req-move" }),
    });
    const ctx = context(graph);
    const step = await retractCopy(ctx, copy());
    assert.deepEqual(step, { result: "done", newId: "RI-1", requestIds: ["req-move"] });
    assert.deepEqual(callRows(calls), [["moveMessage", mailbox, "AAMk-1", deletions]]);
    assert.ok(ctx.claimedIds.has("RI-1"));
  });

  it("soft, a copy that failed before (not in flight) → looked up again, then moved", async () => {
    const { graph, calls } = fakeGraph({
      getCopy: async () => ({ value: graphCopy("AAMk-1", message, "inbox-1"), requestIds: ["req-get"] }),
      moveMessage: async () => ({ id: "RI-2", requestId: "req-move" }),
    });
    const step = await retractCopy(context(graph), copy({ state: "failed", lastError: "earlier" }));
    assert.deepEqual(step, { result: "done", newId: "RI-2", requestIds: ["req-get", "req-move"] });
    assert.deepEqual(
      calls.map((c) => c.method),
      ["getCopy", "moveMessage"]
    );
  });

  it("hard → permanentDelete; done without a new id", async () => {
    const { graph, calls } = fakeGraph({
      permanentDelete: async () => ({ gone: false, requestId: "req-purge" }),
    });
    const ctx = context(graph, "hard");
    const step = await retractCopy(ctx, copy());
    assert.deepEqual(step, { result: "done", requestIds: ["req-purge"] });
    assert.deepEqual(callRows(calls), [["permanentDelete", mailbox, "AAMk-1"]]);
    assert.deepEqual([...ctx.claimedIds], ["AAMk-1"]);
  });

  it("hard, Graph answers gone: true → gone", async () => {
    const { graph } = fakeGraph({
      permanentDelete: async () => ({ gone: true, requestId: "req-purge-404" }),
    });
    const step = await retractCopy(context(graph, "hard"), copy());
    assert.deepEqual(step, { result: "gone", requestIds: ["req-purge-404"] });
  });

  it("in flight, getCopy finds the same message → acted on once (looked up, then moved)", async () => {
    const { graph, calls } = fakeGraph({
      getCopy: async () => ({ value: graphCopy("AAMk-1", message), requestIds: ["req-get"] }),
      moveMessage: async () => ({ id: "RI-1", requestId: "req-move" }),
    });
    const step = await retractCopy(context(graph), copy({ state: "acting", needsRecheck: true }));
    assert.deepEqual(step, { result: "done", newId: "RI-1", requestIds: ["req-get", "req-move"] });
    assert.deepEqual(callRows(calls), [
      ["getCopy", mailbox, "AAMk-1"],
      ["moveMessage", mailbox, "AAMk-1", deletions],
    ]);
  });

  it("hard, in flight, getCopy finds the same message → purged once", async () => {
    const { graph, calls } = fakeGraph({
      getCopy: async () => ({ value: graphCopy("AAMk-1", message), requestIds: ["req-get"] }),
      permanentDelete: async () => ({ gone: false, requestId: "req-purge" }),
    });
    const step = await retractCopy(context(graph, "hard"), copy({ state: "acting", needsRecheck: true }));
    assert.deepEqual(step, { result: "done", requestIds: ["req-get", "req-purge"] });
    assert.deepEqual(
      calls.map((c) => c.method),
      ["getCopy", "permanentDelete"]
    );
  });

  it("soft, in flight, getCopy null → found in recoverableitemsdeletions by Message-ID; done with that id, no move", async () => {
    const { graph, calls } = fakeGraph({
      getCopy: async () => ({ value: null, requestIds: ["req-get"] }),
      findCopies: async () => ({
        value: [graphCopy("RI-9", message, "deletions")],
        requestIds: ["req-find"],
      }),
    });
    const ctx = context(graph);
    const step = await retractCopy(ctx, copy({ state: "acting", needsRecheck: true }));
    assert.deepEqual(step, { result: "done", newId: "RI-9", requestIds: ["req-get", "req-find"] });
    assert.deepEqual(callRows(calls), [
      ["getCopy", mailbox, "AAMk-1"],
      ["findCopies", mailbox, message, { folder: deletions }],
    ]);
    assert.ok(ctx.claimedIds.has("RI-9"));
  });

  it("soft, in flight, the only copy in deletions is claimed by another copy of the target → not taken; gone", async () => {
    const { graph, calls } = fakeGraph({
      getCopy: async () => ({ value: null, requestIds: ["req-get"] }),
      findCopies: async () => ({ value: [graphCopy("RI-other", message)], requestIds: ["req-find"] }),
    });
    const ctx = context(graph, "soft", ["RI-other"]);
    const step = await retractCopy(ctx, copy({ state: "acting", needsRecheck: true }));
    assert.deepEqual(step, { result: "gone", requestIds: ["req-get", "req-find"] });
    assert.ok(!calls.some((c) => c.method === "moveMessage"));
  });

  it("soft, in flight, deletions holds a claimed and an unclaimed copy → the unclaimed one is taken", async () => {
    const { graph } = fakeGraph({
      getCopy: async () => ({ value: null, requestIds: ["req-get"] }),
      findCopies: async () => ({
        value: [graphCopy("RI-other", message), graphCopy("RI-mine", message)],
        requestIds: ["req-find"],
      }),
    });
    const step = await retractCopy(
      context(graph, "soft", ["RI-other"]),
      copy({ state: "acting", needsRecheck: true })
    );
    assert.deepEqual(step, { result: "done", newId: "RI-mine", requestIds: ["req-get", "req-find"] });
  });

  it("hard, in flight, getCopy null → gone without searching (purged copies cannot be read)", async () => {
    const { graph, calls } = fakeGraph({
      getCopy: async () => ({ value: null, requestIds: ["req-get"] }),
    });
    const step = await retractCopy(context(graph, "hard"), copy({ state: "acting", needsRecheck: true }));
    assert.deepEqual(step, { result: "gone", requestIds: ["req-get"] });
    assert.deepEqual(
      calls.map((c) => c.method),
      ["getCopy"]
    );
  });

  it("in flight, the item at the id has another Message-ID → failed, left untouched (no move, no delete)", async () => {
    for (const mode of ["soft", "hard"] as const) {
      const { graph, calls } = fakeGraph({
        getCopy: async () => ({ value: graphCopy("AAMk-1", "<other@contoso.com>"), requestIds: ["req-get"] }),
      });
      const step = await retractCopy(context(graph, mode), copy({ state: "acting", needsRecheck: true }));
      assert.deepEqual(
        step,
        {
          result: "failed",
          requestIds: ["req-get"],
          error:
            'The item at this id has Internet Message-ID "<other@contoso.com>", not "<phish-0001@fabrikam.com>"; it was left untouched.',
        },
        mode
      );
      assert.deepEqual(
        calls.map((c) => c.method),
        ["getCopy"],
        mode
      );
    }
  });

  it("soft, move answers ITEM_NOT_FOUND → looked for in deletions; found → done with that id", async () => {
    const { graph, calls } = fakeGraph({
      moveMessage: async () => {
        throw graphError.notFound("req-move-404");
      },
      findCopies: async () => ({ value: [graphCopy("RI-5", message)], requestIds: ["req-find"] }),
    });
    const step = await retractCopy(context(graph), copy());
    assert.deepEqual(step, { result: "done", newId: "RI-5", requestIds: ["req-move-404", "req-find"] });
    assert.deepEqual(callRows(calls), [
      ["moveMessage", mailbox, "AAMk-1", deletions],
      ["findCopies", mailbox, message, { folder: deletions }],
    ]);
  });

  it("soft, move answers ITEM_NOT_FOUND and deletions has no copy → gone", async () => {
    const { graph } = fakeGraph({
      moveMessage: async () => {
        throw graphError.notFound("req-move-404");
      },
      findCopies: async () => ({ value: [], requestIds: ["req-find"] }),
    });
    const step = await retractCopy(context(graph), copy());
    assert.deepEqual(step, { result: "gone", requestIds: ["req-move-404", "req-find"] });
  });

  it("move throttled (Retry-After 5 s) → retry after 5000 ms with the request id and Graph's message", async () => {
    const { graph } = fakeGraph({
      moveMessage: async () => {
        throw graphError.throttled("req-429", 5);
      },
    });
    const step = await retractCopy(context(graph), copy());
    assert.deepEqual(step, {
      result: "retry",
      retryAfterMs: 5000,
      requestIds: ["req-429"],
      error: "Microsoft Graph is throttling the API's requests.",
    });
  });

  it("in flight, the lookup is throttled → retry, nothing moved", async () => {
    const { graph, calls } = fakeGraph({
      getCopy: async () => {
        throw graphError.throttled("req-get-429", 2);
      },
    });
    const step = await retractCopy(context(graph), copy({ state: "acting", needsRecheck: true }));
    assert.equal(step.result, "retry");
    assert.deepEqual(step.requestIds, ["req-get-429"]);
    assert.equal(step.result === "retry" && step.retryAfterMs, 2000);
    assert.deepEqual(
      calls.map((c) => c.method),
      ["getCopy"]
    );
  });

  it("move ITEM_NOT_FOUND, then the search of deletions unavailable → retry with both request ids", async () => {
    const { graph } = fakeGraph({
      moveMessage: async () => {
        throw graphError.notFound("req-move-404");
      },
      findCopies: async () => {
        throw graphError.unavailable("req-find-500");
      },
    });
    const step = await retractCopy(context(graph), copy());
    assert.deepEqual(step, {
      result: "retry",
      retryAfterMs: undefined,
      requestIds: ["req-move-404", "req-find-500"],
      error: "Microsoft Graph could not move the message (HTTP 500).",
    });
  });

  it("move refused (mailbox out of scope) → failed with Graph's message and request id", async () => {
    const { graph } = fakeGraph({
      moveMessage: async () => {
        throw graphError.outOfScope("req-403");
      },
    });
    const step = await retractCopy(context(graph), copy());
    assert.deepEqual(step, {
      result: "failed",
      requestIds: ["req-403"],
      error: "The API app may not open the mailbox.",
    });
  });

  it("hard, purge refused (not deletable) → failed", async () => {
    const { graph } = fakeGraph({
      permanentDelete: async () => {
        throw graphError.notDeletable("req-409");
      },
    });
    const step = await retractCopy(context(graph, "hard"), copy());
    assert.deepEqual(step, {
      result: "failed",
      requestIds: ["req-409"],
      error: "The message cannot be deleted from where it is.",
    });
  });

  it("an unexpected error (not the API's own) → retry with its text", async () => {
    const { graph } = fakeGraph({
      moveMessage: async () => {
        throw new TypeError("fetch failed");
      },
    });
    const step = await retractCopy(context(graph), copy());
    assert.deepEqual(step, {
      result: "retry",
      retryAfterMs: undefined,
      requestIds: [],
      error: "TypeError: fetch failed",
    });
  });
});

describe("restoreCopy", () => {
  it("moved back to its original folder → restored with the new id, which is claimed", async () => {
    const { graph, calls } = fakeGraph({
      moveMessage: async () => ({ id: "back-1", parentFolderId: "inbox-1", requestId: "req-back" }),
    });
    const ctx = context(graph, "soft", ["RI-1"]);
    const step = await restoreCopy(ctx, retracted());
    assert.deepEqual(step, { result: "restored", newId: "back-1", requestIds: ["req-back"] });
    assert.deepEqual(callRows(calls), [["moveMessage", mailbox, "RI-1", "inbox-1"]]);
    assert.ok(ctx.claimedIds.has("back-1"));
  });

  it("move back ITEM_NOT_FOUND, the copy still in Recoverable Items → moved to the Inbox, with a note", async () => {
    let moves = 0;
    const { graph, calls } = fakeGraph({
      moveMessage: async () => {
        if (++moves === 1) throw graphError.notFound("req-back-404");
        return { id: "inbox-copy", requestId: "req-inbox" };
      },
      getCopy: async () => ({ value: graphCopy("RI-1", message, "deletions"), requestIds: ["req-get"] }),
    });
    const step = await restoreCopy(context(graph, "soft", ["RI-1"]), retracted());
    assert.deepEqual(step, {
      result: "restored",
      newId: "inbox-copy",
      requestIds: ["req-back-404", "req-get", "req-inbox"],
      note: "Its original folder no longer exists, so it was restored to the Inbox.",
    });
    assert.deepEqual(callRows(calls), [
      ["moveMessage", mailbox, "RI-1", "inbox-1"],
      ["getCopy", mailbox, "RI-1"],
      ["moveMessage", mailbox, "RI-1", "inbox"],
    ]);
  });

  it("move back ITEM_NOT_FOUND, the copy gone from Recoverable Items and not in its folder → restoreFailed", async () => {
    const { graph, calls } = fakeGraph({
      moveMessage: async () => {
        throw graphError.notFound("req-back-404");
      },
      getCopy: async () => ({ value: null, requestIds: ["req-get"] }),
      findCopies: async () => ({ value: [], requestIds: ["req-find"] }),
    });
    const step = await restoreCopy(context(graph, "soft", ["RI-1"]), retracted());
    assert.deepEqual(step, {
      result: "restoreFailed",
      requestIds: ["req-back-404", "req-get", "req-find", "req-find"],
      error:
        "The copy is no longer in Recoverable Items (purged, or moved by someone else), so it could not be restored.",
    });
    assert.deepEqual(callRows(calls), [
      ["moveMessage", mailbox, "RI-1", "inbox-1"],
      ["getCopy", mailbox, "RI-1"],
      ["findCopies", mailbox, message, { folder: "inbox-1" }],
      ["findCopies", mailbox, message, { folder: "inbox" }],
    ]);
  });

  it("in flight, getCopy null, the copy found back in its original folder → restored with that id, no move", async () => {
    const { graph, calls } = fakeGraph({
      getCopy: async () => ({ value: null, requestIds: ["req-get"] }),
      findCopies: async () => ({
        value: [graphCopy("back-7", message, "inbox-1")],
        requestIds: ["req-find"],
      }),
    });
    const ctx = context(graph, "soft", ["RI-1"]);
    const step = await restoreCopy(ctx, retracted({ state: "restoring", needsRecheck: true }));
    assert.deepEqual(step, { result: "restored", newId: "back-7", requestIds: ["req-get", "req-find"] });
    assert.deepEqual(callRows(calls), [
      ["getCopy", mailbox, "RI-1"],
      ["findCopies", mailbox, message, { folder: "inbox-1" }],
    ]);
    assert.ok(ctx.claimedIds.has("back-7"));
  });

  it("in flight, getCopy finds it still in Recoverable Items → moved back once", async () => {
    const { graph, calls } = fakeGraph({
      getCopy: async () => ({ value: graphCopy("RI-1", message, "deletions"), requestIds: ["req-get"] }),
      moveMessage: async () => ({ id: "back-1", requestId: "req-back" }),
    });
    const step = await restoreCopy(
      context(graph, "soft", ["RI-1"]),
      retracted({ state: "restoring", needsRecheck: true })
    );
    assert.deepEqual(step, { result: "restored", newId: "back-1", requestIds: ["req-get", "req-back"] });
    assert.deepEqual(
      calls.map((c) => c.method),
      ["getCopy", "moveMessage"]
    );
  });

  it("in flight, the item at the Recoverable Items id has another Message-ID → restoreFailed, untouched", async () => {
    const { graph, calls } = fakeGraph({
      getCopy: async () => ({ value: graphCopy("RI-1", "<other@contoso.com>"), requestIds: ["req-get"] }),
    });
    const step = await restoreCopy(
      context(graph, "soft", ["RI-1"]),
      retracted({ state: "restoring", needsRecheck: true })
    );
    assert.equal(step.result, "restoreFailed");
    assert.match(step.error ?? "", /has Internet Message-ID "<other@contoso\.com>".*left untouched/);
    assert.deepEqual(
      calls.map((c) => c.method),
      ["getCopy"]
    );
  });

  it("in flight after a move to the Inbox whose answer was lost (original folder gone) → found in the Inbox, restored", async () => {
    // The earlier attempt: the move to inbox-1 answered ITEM_NOT_FOUND (folder deleted), the copy was
    // still in Recoverable Items, and the move to the Inbox went through but its answer was lost.
    const { graph } = fakeGraph({
      getCopy: async () => ({ value: null, requestIds: ["req-get"] }),
      findCopies: async (_mailbox, _id, options) => {
        if (options?.folder === "inbox-1") throw graphError.notFound("req-find-404");
        return {
          value: options?.folder === "inbox" ? [graphCopy("inbox-copy", message, "inbox")] : [],
          requestIds: ["req-find"],
        };
      },
    });
    const step = await restoreCopy(
      context(graph, "soft", ["RI-1"]),
      retracted({ state: "restoring", needsRecheck: true })
    );
    assert.equal(step.result, "restored");
    assert.equal(step.result === "restored" && step.newId, "inbox-copy");
  });

  it("no id in Recoverable Items (newId null) → restoreFailed without any Graph call", async () => {
    const { graph, calls } = fakeGraph({});
    const step = await restoreCopy(context(graph), copy({ state: "done", newId: null }));
    assert.deepEqual(step, {
      result: "restoreFailed",
      requestIds: [],
      error: "The copy has no id in Recoverable Items to restore it from.",
    });
    assert.deepEqual(calls, []);
  });

  it("move back throttled → retry with Retry-After in ms", async () => {
    const { graph } = fakeGraph({
      moveMessage: async () => {
        throw graphError.throttled("req-429", 30);
      },
    });
    const step = await restoreCopy(context(graph, "soft", ["RI-1"]), retracted());
    assert.deepEqual(step, {
      result: "retry",
      retryAfterMs: 30_000,
      requestIds: ["req-429"],
      error: "Microsoft Graph is throttling the API's requests.",
    });
  });

  it("move back refused → restoreFailed with Graph's message", async () => {
    const { graph } = fakeGraph({
      moveMessage: async () => {
        throw graphError.outOfScope("req-403");
      },
    });
    const step = await restoreCopy(context(graph, "soft", ["RI-1"]), retracted());
    assert.deepEqual(step, {
      result: "restoreFailed",
      requestIds: ["req-403"],
      error: "The API app may not open the mailbox.",
    });
  });
});
