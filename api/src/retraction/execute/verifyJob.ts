// The check after a retraction: every mailbox where a copy was retracted is searched again for the
// message's Internet Message-ID, in $batch requests of 20 (several batches at once), and any copy found back in the visible
// folders (its user recovered it, it was delivered again, or it slipped through) is reported.
import type { GraphGateway } from "../../graph/graphClient.js";
import { maxBatchRequests } from "../../graph/graphClient.js";
import { graphFailure } from "../../graph/graphErrors.js";
import type { BatchRequest, BatchResponse } from "../../graph/graphTypes.js";
import { eq, graphQuery, pathSegment } from "../../graph/odataFilter.js";
import { mapWithConcurrency } from "../../mapWithConcurrency.js";
import { parseRetryAfter } from "../../outbound/upstreamError.js";
import type { RetractionCopy, Verification } from "../store/jobTypes.js";

/** What the check needs of a job: each target's mailbox and its copies' states (readCheckedCopies). */
export type CheckedJob = {
  targets: { mailbox: string; copies: Pick<RetractionCopy, "state" | "internetMessageId">[] }[];
};

export type VerifyDeps = {
  graph: GraphGateway;
  now: () => number;
  /** Waits before a throttled search is sent again (a timer; tests may shorten it). */
  sleep: (ms: number) => Promise<void>;
  /** Batches sent side by side (default 1). */
  batchesAtOnce?: number;
};

type Search = { mailbox: string; internetMessageId: string };
type FoundCopy = {
  id: string;
  parentFolderId?: string | null;
  receivedDateTime?: string | null;
  internetMessageId?: string;
};

/** Searches sent again after Graph throttled them, before the mailbox is reported unchecked. */
const throttledRetries = 2;

/**
 * Searches the job's retracted mailboxes again and returns what it found. Graph's `/messages` lists
 * only a mailbox's visible folders, so a retracted copy (in Recoverable Items) is not found: any copy
 * that is found is one the user can read.
 * @example const verification = await verifyJob({ graph, now: Date.now, sleep }, await readCheckedCopies(db, jobId));
 */
export async function verifyJob(deps: VerifyDeps, job: CheckedJob): Promise<Verification> {
  const searches = searchesOf(job);
  const reappeared: Verification["reappeared"] = [];
  const unchecked = new Map<string, string>();
  const batches = Array.from({ length: Math.ceil(searches.length / maxBatchRequests) }, (_, i) =>
    searches.slice(i * maxBatchRequests, (i + 1) * maxBatchRequests)
  );
  await mapWithConcurrency(batches, deps.batchesAtOnce ?? 1, async (batch) => {
    let pending = batch;
    for (let round = 0; pending.length > 0; round++) {
      const { responses } = await deps.graph.batch(pending.map(searchRequest));
      const throttled: Search[] = [];
      let waitMs = 0;
      responses.forEach((response, i) => {
        const search = pending[i]!;
        if (response.status === 200) {
          const copies = exactMatches(response, search.internetMessageId);
          if (copies.length) reappeared.push({ ...search, copies });
        } else if (response.status === 429 && round < throttledRetries) {
          throttled.push(search);
          waitMs = Math.max(waitMs, 1000 * (parseRetryAfter(response.headers["retry-after"]) ?? 1));
        } else {
          const failure = graphFailure(response, {
            operation: "search the mailbox again",
            mailbox: search.mailbox,
          });
          unchecked.set(search.mailbox, failure.message);
        }
      });
      if (throttled.length) await deps.sleep(waitMs);
      pending = throttled;
    }
  });
  const mailboxes = new Set(searches.map((s) => s.mailbox));
  return {
    checkedAt: new Date(deps.now()).toISOString(),
    mailboxesChecked: [...mailboxes].filter((m) => !unchecked.has(m)).length,
    reappeared,
    unchecked: [...unchecked].map(([mailbox, error]) => ({ mailbox, error })),
  };
}

/** One search per mailbox and Internet Message-ID with a copy that was retracted (or already gone). */
function searchesOf(job: CheckedJob): Search[] {
  const searches = new Map<string, Search>();
  for (const target of job.targets) {
    for (const copy of target.copies) {
      if (copy.state !== "done" && copy.state !== "gone") continue;
      const search = { mailbox: target.mailbox, internetMessageId: copy.internetMessageId };
      searches.set(JSON.stringify(search), search);
    }
  }
  return [...searches.values()];
}

function searchRequest(search: Search, index: number): BatchRequest {
  const query = graphQuery({
    filter: eq("internetMessageId", search.internetMessageId),
    select: ["id", "parentFolderId", "receivedDateTime", "internetMessageId"],
    top: 25,
  });
  return {
    id: String(index + 1),
    method: "GET",
    url: `/users/${pathSegment(search.mailbox)}/messages${query}`,
  };
}

function exactMatches(
  response: BatchResponse,
  internetMessageId: string
): Verification["reappeared"][number]["copies"] {
  const found = ((response.body as { value?: FoundCopy[] } | undefined)?.value ?? []).filter(
    // Graph's filter ignores case; a Message-ID is matched exactly.
    (c) => c.internetMessageId === internetMessageId
  );
  return found.map((c) => ({
    id: c.id,
    parentFolderId: c.parentFolderId ?? null,
    receivedDateTime: c.receivedDateTime ?? null,
  }));
}
