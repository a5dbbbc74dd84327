import { readFileSync } from "node:fs";
import { startSim } from "../test/support/simServer.js";
import { startApi, userToken } from "../test/support/apiServer.js";
import type { GraphAttempt } from "../api/src/graph/graphTransport.js";
const fixture = JSON.parse(readFileSync("/tmp/t10k.json", "utf8"));
const sim = await startSim({ fixture, settings: { latencyMs: 80, latencyJitter: 0.3, appRequestsPerSecond: 1000 } });
const attempts: GraphAttempt[] = [];
const api = await startApi(sim, { env: { GRAPH_REQUESTS_PER_SECOND: "1000", MAILBOXES_AT_ONCE: "128", RETRACTION_WORKERS: "0" }, graph: { onAttempt: (a) => attempts.push(a) } });
const token = await userToken(sim, "admin@contoso.com");
const t0 = Date.now();
const reply = await api.call("/api/retractions/preview", token, { body: { internetMessageId: "<bench-target-0001@fabrikam.com>", mailbox: "user00001@bench.contoso.com", conversationDepth: 0, mode: "hard" } });
console.log("status", reply.status, "ms", Date.now() - t0, "attempts", attempts.length);
const kinds = new Map<string, { n: number; first: number; last: number }>();
for (const a of attempts) {
  const path = new URL(a.url).pathname.replace(/users\/[^/]+/, "users/X").replace(/messages\/[^/]+/, "messages/Y").replace(/mailFolders\/[^/]+/, "mailFolders/F").replace(/groups\/[^/]+/, "groups/G");
  const k = `${a.method} ${path} ${a.status}`;
  const e = kinds.get(k) ?? { n: 0, first: a.startedAt - t0, last: 0 };
  e.n++; e.last = a.endedAt - t0; kinds.set(k, e);
}
for (const [k, e] of kinds) console.log(k, e);
await api.close(); await sim.close();
