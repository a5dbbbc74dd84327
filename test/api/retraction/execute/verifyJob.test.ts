// The check after a retraction, against a hand-written $batch: each mailbox with a retracted copy is
// searched again; a copy found in a visible folder is reported with its id; a throttled search is sent
// again after its Retry-After; a refused one leaves the mailbox unchecked; only retracted copies are
// searched, in batches of at most 20; Message-IDs are matched exactly.
import assert from "node:assert/strict";
import type { BatchRequest, BatchResponse } from "../../../../api/src/graph/graphTypes.js";
import { verifyJob } from "../../../../api/src/retraction/execute/verifyJob.js";
import type { CopyState } from "../../../../api/src/retraction/store/jobStates.js";
import type {
  RetractionCopy,
  RetractionJobDetail,
  RetractionTarget,
} from "../../../../api/src/retraction/store/jobTypes.js";
import { fakeGraph } from "./fakeGraph.js";

const message = "<phish-0001@fabrikam.com>";
const forward = "<fwd-0002@contoso.com>";
const now = new Date("2025-06-02T10:00:00.000Z");
const created = new Date("2025-06-02T09:00:00.000Z");

type CopySpec = { state: CopyState; internetMessageId?: string };

function copyOf(mailbox: string, spec: CopySpec, i: number): RetractionCopy {
  return {
    copyId: `${mailbox}-copy-${i + 1}`,
    internetMessageId: spec.internetMessageId ?? message,
    originalFolderId: "inbox",
    newId: spec.state === "done" ? `RI-${i + 1}` : null,
    restoredId: null,
    state: spec.state,
    needsRecheck: false,
    requestIds: [],
    lastError: null,
    updatedAt: created,
  };
}

function target(mailbox: string, copies: CopySpec[]): RetractionTarget {
  return {
    jobId: "job-1",
    mailbox,
    objectId: `oid-${mailbox}`,
    displayName: null,
    why: [],
    predicted: null,
    status: "done",
    outcome: "softDeleted",
    requestIds: [],
    undoOutcome: null,
    undoRequestIds: [],
    attempts: 1,
    leaseOwner: null,
    leaseUntil: null,
    nextAttemptAt: null,
    lastError: null,
    finishedAt: created,
    updatedAt: created,
    copies: copies.map((c, i) => copyOf(mailbox, c, i)),
  };
}

function job(targets: RetractionTarget[]): RetractionJobDetail {
  return {
    id: "job-1",
    tenantId: "tenant-1",
    requester: { objectId: "oid-alice", upn: "alice@contoso.com" },
    idempotencyKey: "key-1",
    requestHash: "hash",
    internetMessageId: message,
    mailbox: "alice@contoso.com",
    mode: "soft",
    conversationDepth: 1,
    sweep: false,
    reason: "phishing",
    status: "completed",
    targetCount: targets.length,
    approval: {
      required: false,
      expiresAt: null,
      decision: null,
      decidedBy: null,
      decidedAt: null,
      comment: null,
    },
    createdAt: created,
    startedAt: created,
    finishedAt: created,
    undo: null,
    verification: null,
    counts: {
      pending: 0,
      running: 0,
      done: targets.length,
      failed: 0,
      skipped: 0,
      restoring: 0,
      restored: 0,
      restoreFailed: 0,
    },
    targets,
  };
}

/** The mailbox and Message-ID a search request asks for. */
function searchOf(request: BatchRequest): { mailbox: string; internetMessageId: string } {
  const url = new URL(`https://graph.invalid${request.url}`);
  const mailbox = decodeURIComponent(/^\/users\/([^/]+)\/messages$/.exec(url.pathname)![1]!);
  const filter = url.searchParams.get("$filter")!;
  const literal = /^internetMessageId eq '(.*)'$/.exec(filter)![1]!;
  return { mailbox, internetMessageId: literal.replaceAll("''", "'") };
}

const found = (id: string, internetMessageId: string, parentFolderId = "inbox") => ({
  id,
  parentFolderId,
  receivedDateTime: "2025-06-02T09:30:00Z",
  internetMessageId,
});

/**
 * A $batch answering each search with `answer` (by mailbox and Message-ID); records each batch's
 * searches, and each wait.
 */
function searching(
  answer: (search: { mailbox: string; internetMessageId: string }, round: number) => Omit<BatchResponse, "id">
) {
  const batches: { mailbox: string; internetMessageId: string }[][] = [];
  const requests: BatchRequest[][] = [];
  const sleeps: number[] = [];
  const { graph, calls } = fakeGraph({
    batch: async (sent) => {
      requests.push(sent);
      const searches = sent.map(searchOf);
      batches.push(searches);
      const round = batches.length - 1;
      return {
        responses: sent.map((r, i) => ({ id: r.id, ...answer(searches[i]!, round) })),
        requestId: `batch-${round + 1}`,
      };
    },
  });
  const deps = {
    graph,
    now: () => now.getTime(),
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
  };
  return { deps, batches, requests, sleeps, calls };
}

const ok = (value: unknown[]) => ({ status: 200, headers: {}, body: { value } });

describe("verifyJob", () => {
  it("a copy found back in a mailbox → reported with its id and folder; the other mailbox checked clean", async () => {
    const { deps, requests } = searching(({ mailbox }) =>
      mailbox === "user2@contoso.com" ? ok([found("AAMk-back", message, "inbox-2")]) : ok([])
    );
    const verification = await verifyJob(
      deps,
      job([
        target("user1@contoso.com", [{ state: "done" }]),
        target("user2@contoso.com", [{ state: "done" }]),
      ])
    );
    assert.deepEqual(verification, {
      checkedAt: now.toISOString(),
      mailboxesChecked: 2,
      reappeared: [
        {
          mailbox: "user2@contoso.com",
          internetMessageId: message,
          copies: [{ id: "AAMk-back", parentFolderId: "inbox-2", receivedDateTime: "2025-06-02T09:30:00Z" }],
        },
      ],
      unchecked: [],
    });
    assert.equal(requests.length, 1);
    assert.deepEqual(
      requests[0]!.map((r) => [r.id, r.method]),
      [
        ["1", "GET"],
        ["2", "GET"],
      ]
    );
  });

  it("a found copy without folder or date → reported with nulls", async () => {
    const { deps } = searching(() => ok([{ id: "AAMk-x", internetMessageId: message }]));
    const verification = await verifyJob(deps, job([target("user1@contoso.com", [{ state: "gone" }])]));
    assert.deepEqual(verification.reappeared[0]!.copies, [
      { id: "AAMk-x", parentFolderId: null, receivedDateTime: null },
    ]);
  });

  it("a 429 with Retry-After 3 → waits 3000 ms through sleep, sends only that search again, then reports it", async () => {
    const { deps, batches, sleeps } = searching(({ mailbox }, round) => {
      if (mailbox === "user1@contoso.com" && round === 0)
        return { status: 429, headers: { "retry-after": "3" }, body: { error: { code: "TooManyRequests" } } };
      return mailbox === "user1@contoso.com" ? ok([found("AAMk-again", message)]) : ok([]);
    });
    const verification = await verifyJob(
      deps,
      job([
        target("user1@contoso.com", [{ state: "done" }]),
        target("user2@contoso.com", [{ state: "done" }]),
      ])
    );
    assert.deepEqual(sleeps, [3000]);
    assert.deepEqual(
      batches.map((b) => b.map((s) => s.mailbox)),
      [["user1@contoso.com", "user2@contoso.com"], ["user1@contoso.com"]]
    );
    assert.deepEqual(
      verification.reappeared.map((r) => [r.mailbox, r.copies.map((c) => c.id)]),
      [["user1@contoso.com", ["AAMk-again"]]]
    );
    assert.equal(verification.mailboxesChecked, 2);
    assert.deepEqual(verification.unchecked, []);
  });

  it("a 429 without Retry-After → waits 1000 ms; the longest Retry-After of a batch is the wait", async () => {
    const { deps, sleeps } = searching(({ mailbox }, round): Omit<BatchResponse, "id"> => {
      if (round > 0) return ok([]);
      if (mailbox === "user1@contoso.com") return { status: 429, headers: {} };
      return { status: 429, headers: { "retry-after": "0.5" } };
    });
    await verifyJob(
      deps,
      job([
        target("user1@contoso.com", [{ state: "done" }]),
        target("user2@contoso.com", [{ state: "done" }]),
      ])
    );
    assert.deepEqual(sleeps, [1000]);
  });

  it("throttled every time → sent again twice, then the mailbox is unchecked with the throttling message", async () => {
    const { deps, batches, sleeps } = searching(() => ({ status: 429, headers: { "retry-after": "2" } }));
    const verification = await verifyJob(deps, job([target("user1@contoso.com", [{ state: "done" }])]));
    assert.equal(batches.length, 3);
    assert.deepEqual(sleeps, [2000, 2000]);
    assert.equal(verification.mailboxesChecked, 0);
    assert.equal(verification.unchecked.length, 1);
    assert.equal(verification.unchecked[0]!.mailbox, "user1@contoso.com");
    assert.match(verification.unchecked[0]!.error, /throttling/);
  });

  it("a 403 → that mailbox unchecked with a message naming it; the others still checked", async () => {
    const { deps, sleeps } = searching(({ mailbox }) =>
      mailbox === "user2@contoso.com"
        ? {
            status: 403,
            headers: {},
            body: { error: { code: "ErrorAccessDenied", message: "Access is denied." } },
          }
        : ok([])
    );
    const verification = await verifyJob(
      deps,
      job([
        target("user1@contoso.com", [{ state: "done" }]),
        target("user2@contoso.com", [{ state: "done" }]),
      ])
    );
    assert.deepEqual(sleeps, []);
    assert.equal(verification.mailboxesChecked, 1);
    assert.deepEqual(verification.reappeared, []);
    assert.equal(verification.unchecked.length, 1);
    assert.equal(verification.unchecked[0]!.mailbox, "user2@contoso.com");
    assert.match(
      verification.unchecked[0]!.error,
      /^The API app may not open the mailbox user2@contoso\.com/
    );
  });

  it("copies in every state → only done and gone ones searched, each mailbox and Message-ID once", async () => {
    const { deps, batches } = searching(() => ok([]));
    const verification = await verifyJob(
      deps,
      job([
        target("user1@contoso.com", [
          { state: "done" },
          { state: "done" }, // a second copy of the same message: one search
          { state: "gone", internetMessageId: forward },
        ]),
        target("user2@contoso.com", [{ state: "failed" }, { state: "pending" }, { state: "acting" }]),
        target("user3@contoso.com", [
          { state: "restored" },
          { state: "restoreFailed" },
          { state: "restoring" },
        ]),
        target("user4@contoso.com", [{ state: "failed" }, { state: "gone" }]),
      ])
    );
    assert.deepEqual(batches, [
      [
        { mailbox: "user1@contoso.com", internetMessageId: message },
        { mailbox: "user1@contoso.com", internetMessageId: forward },
        { mailbox: "user4@contoso.com", internetMessageId: message },
      ],
    ]);
    assert.equal(verification.mailboxesChecked, 2);
  });

  it("nothing retracted → no Graph call, nothing checked", async () => {
    const { deps, calls } = searching(() => ok([]));
    const verification = await verifyJob(deps, job([target("user1@contoso.com", [{ state: "failed" }])]));
    assert.deepEqual(calls, []);
    assert.deepEqual(verification, {
      checkedAt: now.toISOString(),
      mailboxesChecked: 0,
      reappeared: [],
      unchecked: [],
    });
  });

  it("45 searches → batches of 20, 20 and 5, request ids from 1 in each", async () => {
    const { deps, requests } = searching(() => ok([]));
    const mailboxes = Array.from({ length: 45 }, (_, i) => `user${i + 1}@contoso.com`);
    const verification = await verifyJob(deps, job(mailboxes.map((m) => target(m, [{ state: "done" }]))));
    assert.deepEqual(
      requests.map((r) => r.length),
      [20, 20, 5]
    );
    assert.ok(requests.every((batch) => batch.every((r, i) => r.id === String(i + 1))));
    assert.deepEqual(
      requests.flat().map((r) => searchOf(r).mailbox),
      mailboxes
    );
    assert.equal(verification.mailboxesChecked, 45);
  });

  it("batchesAtOnce 3, 200 searches → never more than 3 batches out at once, and several together; every mailbox checked", async () => {
    let out = 0;
    let most = 0;
    const { deps } = searching(() => ok([]));
    const slow = {
      ...deps,
      batchesAtOnce: 3,
      graph: {
        ...deps.graph,
        batch: async (sent: BatchRequest[]) => {
          most = Math.max(most, ++out);
          await new Promise((resolve) => setImmediate(resolve));
          out--;
          return deps.graph.batch(sent);
        },
      },
    };
    const mailboxes = Array.from({ length: 200 }, (_, i) => `user${i + 1}@contoso.com`);

    const verification = await verifyJob(slow, job(mailboxes.map((m) => target(m, [{ state: "done" }]))));

    assert.equal(most, 3);
    assert.equal(verification.mailboxesChecked, 200);
  });

  it("Graph returns a copy whose Message-ID differs only in case → not counted; the exact one is", async () => {
    const { deps } = searching(() =>
      ok([found("AAMk-upper", message.toUpperCase()), found("AAMk-exact", message)])
    );
    const verification = await verifyJob(deps, job([target("user1@contoso.com", [{ state: "done" }])]));
    assert.deepEqual(
      verification.reappeared.map((r) => r.copies.map((c) => c.id)),
      [["AAMk-exact"]]
    );
  });

  it("only a case-different copy found → nothing reappeared, the mailbox checked", async () => {
    const { deps } = searching(() => ok([found("AAMk-upper", message.toUpperCase())]));
    const verification = await verifyJob(deps, job([target("user1@contoso.com", [{ state: "done" }])]));
    assert.deepEqual(verification.reappeared, []);
    assert.equal(verification.mailboxesChecked, 1);
  });
});
