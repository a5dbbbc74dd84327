// The Graph client's per-mailbox cap at its HTTP layer: many concurrent calls on one mailbox reach the
// fetch at most the allowed number at a time. The fetch answers only when the test says so.
import assert from "node:assert/strict";
import type { TokenCredential } from "@azure/identity";
import { Response } from "undici";
import { createGraphSdkClient, type GraphConfig } from "../../../api/src/graph/graphTransport.js";
import type { OutboundFetch } from "../../../api/src/outbound/outboundHttp.js";

const config: GraphConfig = {
  GRAPH_BASE_URL: "https://graph.microsoft.com/v1.0",
  GRAPH_SCOPE: "https://graph.microsoft.com/.default",
};
const credential: TokenCredential = {
  getToken: async () => ({ token: "test-token", expiresOnTimestamp: Date.now() + 3_600_000 }),
};

/** A fetch whose requests stay open until the test answers them, counting how many are open at once. */
function heldFetch() {
  const open: (() => void)[] = [];
  let arrived: (() => void) | undefined;
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch: OutboundFetch = (url) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise((resolve) => {
      open.push(() => {
        inFlight--;
        const body = JSON.stringify({ id: "inbox", url });
        resolve(new Response(body, { status: 200, headers: { "content-type": "application/json" } }));
      });
      arrived?.();
    });
  };
  /** Resolves once at least `count` requests are open. */
  const untilOpen = async (count: number) => {
    while (open.length < count) await new Promise<void>((resolve) => (arrived = resolve));
  };
  return { fetch, open, untilOpen, maxInFlight: () => maxInFlight };
}

/** Sends `calls` concurrent GETs to one mailbox and answers them one at a time; the most seen at once. */
async function mostAtOnce(calls: number, expectedLimit: number, mailboxConcurrency?: number) {
  const held = heldFetch();
  const client = createGraphSdkClient(config, credential, { fetch: held.fetch, mailboxConcurrency });

  const all = Promise.all(
    Array.from({ length: calls }, () =>
      client.api("/users/adele.vance%40contoso.com/mailFolders/inbox").get()
    )
  );
  for (let answered = 0; answered < calls; answered++) {
    await held.untilOpen(Math.min(expectedLimit, calls - answered));
    held.open.shift()!();
  }

  assert.equal((await all).length, calls);
  return held.maxInFlight();
}

describe("graphTransport mailbox gate", () => {
  it("ten concurrent GETs on one mailbox → at most 4 at the fetch by default, at most 2 when set to 2", async () => {
    assert.equal(await mostAtOnce(10, 4), 4);
    assert.equal(await mostAtOnce(10, 2, 2), 2);
  });
});
