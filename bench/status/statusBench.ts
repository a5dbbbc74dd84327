// The item status benchmark: GET /api/items/status as each demo user opening the messages in their own
// mailbox, one request at a time, with sim at Graph-like latency; p50 and p95 of the answer times. The
// first round is a warm-up (tokens, connections, tenant-wide definitions), not counted.
import { demoIdentity } from "../../lib/demoIdentity.js";
import { demoTenantPath } from "../../sim/src/fixtures/loadFixture.js";
import { callApi } from "../../lib/callApi.js";
import { signIn } from "../support/apiSession.js";
import { withBenchRun } from "../support/benchRun.js";

export type StatusFigures = { requests: number; p50Ms: number; p95Ms: number };

type MailboxSummary = { userPrincipalName: string; messages?: number };
type MessageSummary = { internetMessageId: string | null };

/** The value below which `share` of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(share * sorted.length)));
  return sorted[rank - 1]!;
}

export async function runStatusBench(options: {
  latencyMs: number;
  rounds: number;
  log: (text: string) => void;
}): Promise<StatusFigures> {
  const setup = {
    tenant: { fixtureFile: demoTenantPath },
    sim: { SIM_LATENCY_MS: String(options.latencyMs), SIM_LATENCY_JITTER: "0.3" },
  };
  return withBenchRun(setup, async ({ sim, api }) => {
    const { value: mailboxes } = await sim.call<{ value: MailboxSummary[] }>("/_sim/mailboxes");
    const opened: { upn: string; token: string; internetMessageId: string }[] = [];
    for (const { userPrincipalName: upn } of mailboxes) {
      const { value: messages } = await sim.call<{ value: MessageSummary[] }>(
        `/_sim/mailboxes/${encodeURIComponent(upn)}/messages`
      );
      const ids = [...new Set(messages.flatMap((m) => (m.internetMessageId ? [m.internetMessageId] : [])))];
      if (ids.length === 0) continue;
      const token = await signIn(sim, upn).catch(() => undefined);
      if (token) for (const internetMessageId of ids) opened.push({ upn, token, internetMessageId });
    }
    if (opened.length === 0)
      throw new Error(`No demo user of ${demoIdentity.tenantId} could be signed in with a message.`);
    options.log(
      `status-bench: ${opened.length} messages in ${new Set(opened.map((o) => o.upn)).size} mailboxes, ${options.rounds} rounds`
    );
    const times: number[] = [];
    let measured = opened;
    for (let round = 0; round <= options.rounds; round++) {
      const answered: typeof opened = [];
      for (const entry of measured) {
        const { upn, token, internetMessageId } = entry;
        const query = new URLSearchParams({ mailbox: upn, internetMessageId });
        const started = performance.now();
        const reply = await callApi(api.base, `/api/items/status?${query}`, token);
        const ms = performance.now() - started;
        // The warm-up leaves out what the API refuses on purpose (a mailbox outside the app's scope).
        if (reply.status === 403 && round === 0) continue;
        if (reply.status !== 200)
          throw new Error(
            `status of ${internetMessageId} in ${upn}: ${reply.status} ${reply.text.slice(0, 300)}`
          );
        answered.push(entry);
        if (round > 0) times.push(ms);
      }
      measured = answered;
    }
    times.sort((a, b) => a - b);
    return { requests: times.length, p50Ms: percentile(times, 0.5), p95Ms: percentile(times, 0.95) };
  });
}

export function statusLine(f: StatusFigures): string {
  return `status-bench p50_ms=${Math.round(f.p50Ms)} p95_ms=${Math.round(f.p95Ms)}`;
}
