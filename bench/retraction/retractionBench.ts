// The retraction benchmark: a generated tenant of N mailboxes that all received one message, sim with
// Graph-like latency and limits and an app-wide rate R, the API on PostgreSQL; the message is retracted
// (hard) from every mailbox through the API, timed from the submit to the job's recorded check. The
// figures say how close that comes to the least time the limits allow (docs/benchmarks.md).
import { randomUUID } from "node:crypto";
import { targetMessageId } from "../../sim/src/generator/generateTenant.js";
import { expectApi, signIn } from "../support/apiSession.js";
import { throwawaySchema } from "../support/benchDatabase.js";
import { startBenchApi, startBenchSim } from "../support/benchStack.js";
import { writeTenant } from "../support/benchTenant.js";
import { targetStatusCounts, waitForJob } from "./jobOutcome.js";
import { sequentialSecondsPerRecipient } from "./sequentialSample.js";

export type RetractionBenchOptions = {
  recipients: number;
  /** sim's app-wide Graph rate R, requests per second. */
  rate: number;
  latencyMs: number;
  log: (text: string) => void;
};

export type RetractionFigures = {
  recipients: number;
  requests: number;
  seconds: number;
  bound: number;
  sequential: number;
  peakRssMb: number;
  lost: number;
  duplicates: number;
};

type PlanTarget = { mailbox: string; status: string };

/** Recipients done the naive way for the `sequential` extrapolation. */
const sequentialSample = 20;

/** Latency spread: sigma of a log-normal around the median (p95 ≈ 1.6 × median). */
const latencyJitter = "0.3";

export async function runRetractionBench(options: RetractionBenchOptions): Promise<RetractionFigures> {
  const { recipients, rate, log } = options;
  const simEnv = {
    SIM_LATENCY_MS: String(options.latencyMs),
    SIM_LATENCY_JITTER: latencyJitter,
    SIM_APP_REQUESTS_PER_SECOND: String(rate),
  };
  log(`retraction-bench: generating a tenant of ${recipients} mailboxes`);
  const tenant = writeTenant({ mailboxes: recipients });
  const schema = await throwawaySchema();
  const sim = await startBenchSim(tenant.path, simEnv);
  try {
    const api = await startBenchApi(sim, {
      DATABASE_URL: schema.url,
      GRAPH_REQUESTS_PER_SECOND: String(rate),
      // Enough side by side to keep R requests per second in flight at this latency.
      RETRACTION_WORKERS: String(Math.min(512, Math.ceil((rate * options.latencyMs) / 1000) * 2)),
      MAILBOXES_AT_ONCE: String(Math.min(512, Math.ceil((rate * options.latencyMs) / 1000) * 2)),
      RETRACTION_POLL_MS: "200",
      DATABASE_POOL_SIZE: process.env.BENCH_POOL ?? "30",
    });
    try {
      const [admin, approver] = await Promise.all([
        signIn(sim, "admin@contoso.com"),
        signIn(sim, "approver@contoso.com"),
      ]);
      const request = {
        internetMessageId: targetMessageId,
        mailbox: `user${"1".padStart(String(recipients).length, "0")}@bench.contoso.com`,
        conversationDepth: 0,
        mode: "hard" as const,
      };
      log("retraction-bench: previewing (not timed)");
      const plan = await expectApi<{ targets: PlanTarget[] }>(api.base, "/api/retractions/preview", admin, {
        body: request,
      });
      const include = plan.targets.filter((t) => t.status === "retractable").map((t) => t.mailbox);
      log(`retraction-bench: ${include.length} retractable mailboxes; submitting`);

      const before = await sim.stats();
      const started = performance.now();
      const job = await expectApi<{ id: string }>(
        api.base,
        "/api/retractions",
        admin,
        {
          body: { ...request, include, reason: "Benchmark: phishing retracted from every mailbox" },
          headers: { "Idempotency-Key": randomUUID() },
        },
        [202]
      );
      const since = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
      log(`retraction-bench: submitted after ${since()}; approving`);
      await expectApi(api.base, `/api/retractions/${job.id}/approve`, approver, { body: {} });
      const finished = await waitForJob(schema, job.id, {
        onFinal: () => log(`retraction-bench: every target final after ${since()}; the check follows`),
      });
      const seconds = (performance.now() - started) / 1000;
      const after = await sim.stats();
      const peakRssMb = api.peakRssMb();
      log(
        `retraction-bench: job ${finished.status} in ${seconds.toFixed(1)} s (checked: ${finished.checked})`
      );

      const statuses = await targetStatusCounts(schema, job.id);
      const visible = await sim.call<{ value: { mailbox: string; recoverable: boolean }[] }>(
        `/_sim/copies?internetMessageId=${encodeURIComponent(targetMessageId)}`
      );
      const included = new Set(include.map((m) => m.toLowerCase()));
      const stillThere = visible.value.filter((c) => !c.recoverable && included.has(c.mailbox.toLowerCase()));
      const notDone = include.length - (statuses.done ?? 0);
      log(
        `retraction-bench: targets ${JSON.stringify(statuses)}; copies still visible: ${stillThere.length}`
      );

      const requests = after.graphRequests.answered - before.graphRequests.answered;
      const throttled = after.graphRequests.throttled - before.graphRequests.throttled;
      const spread = await schema.query<{ attempts: number; n: number; first: Date; last: Date }>(
        `SELECT attempts, count(*)::int AS n, min(finished_at) AS first, max(finished_at) AS last
         FROM retraction_targets WHERE job_id = $1 GROUP BY attempts ORDER BY attempts`,
        [job.id]
      );
      log(`retraction-bench: ${requests} Graph requests answered, ${throttled} refused with 429`);
      for (const row of spread)
        log(
          `  ${row.n} targets took ${row.attempts} attempt(s), finished ${row.first.toISOString()} … ${row.last.toISOString()}`
        );
      log(`retraction-bench: timing ${sequentialSample} recipients the naive way`);
      const perRecipient = await sequentialSecondsPerRecipient(sequentialSample, simEnv);
      return {
        recipients: include.length,
        requests,
        seconds,
        bound: boundSeconds(requests, rate, include.length, options.latencyMs),
        sequential: perRecipient * include.length,
        peakRssMb,
        lost: Math.max(notDone, stillThere.length),
        duplicates: after.writes.repeatedCount,
      };
    } finally {
      await api.stop();
    }
  } finally {
    await sim.stop();
    await schema.drop();
    tenant.remove();
  }
}

/**
 * The least time the simulated limits allow: the requests at R per second, or, if longer, one
 * mailbox's requests one after another (its share of the requests, each taking the median latency).
 * @example boundSeconds(40_000, 1000, 10_000, 80) // → 40
 */
export function boundSeconds(requests: number, rate: number, mailboxes: number, latencyMs: number): number {
  const atRate = requests / rate;
  const chain = (Math.ceil(requests / Math.max(1, mailboxes)) * latencyMs) / 1000;
  return Math.max(atRate, chain);
}

/** The figure line, e.g. "retraction-bench recipients=10000 requests=40312 seconds=45.1 ...". */
export function retractionLine(f: RetractionFigures): string {
  return [
    "retraction-bench",
    `recipients=${f.recipients}`,
    `requests=${f.requests}`,
    `seconds=${f.seconds.toFixed(1)}`,
    `bound=${f.bound.toFixed(1)}`,
    `efficiency=${(f.bound / f.seconds).toFixed(2)}`,
    `sequential=${f.sequential.toFixed(0)}`,
    `speedup=${(f.sequential / f.seconds).toFixed(1)}`,
    `peak_rss_mb=${f.peakRssMb}`,
    `lost=${f.lost}`,
    `duplicates=${f.duplicates}`,
  ].join(" ");
}
