// The retraction benchmark: a generated tenant of N mailboxes that all received one message, sim with
// Graph-like latency and limits and an app-wide rate R, the API on PostgreSQL; the message is retracted
// (hard) from every mailbox through the API, timed from the submit to the job's recorded check. The
// figures say how close that comes to the least time the limits allow (docs/benchmarks.md).
import { targetMessageId } from "../../sim/src/generator/generateTenant.js";
import { expectApi, signInAdminAndApprover, submitRetraction } from "../support/apiSession.js";
import {
  generatedRetraction,
  retractableMailboxes,
  withBenchRun,
  type BenchRun,
} from "../support/benchRun.js";
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
  // Enough side by side to keep twice the R requests per second in flight at this latency; a worker's
  // turn on a mailbox also waits for two database transactions (its claim and its finish), so workers
  // get twice that again.
  const inFlightAtRate = Math.ceil((rate * options.latencyMs) / 1000);
  const sideBySide = String(Math.min(512, inFlightAtRate * 2));
  const workers = String(Math.min(512, inFlightAtRate * 4));
  log(`retraction-bench: a tenant of ${recipients} mailboxes`);
  const apiEnv = {
    GRAPH_REQUESTS_PER_SECOND: String(rate),
    RETRACTION_WORKERS: workers,
    MAILBOXES_AT_ONCE: sideBySide,
    RETRACTION_POLL_MS: "200",
  };
  const measured = await withBenchRun(
    { tenant: { mailboxes: recipients }, sim: simEnv, api: apiEnv },
    (run) => retractEverywhere(run, options)
  );
  log(`retraction-bench: timing ${sequentialSample} recipients the naive way`);
  const perRecipient = await sequentialSecondsPerRecipient(sequentialSample, simEnv);
  return {
    ...measured,
    bound: boundSeconds(measured.requests, rate, measured.recipients, options.latencyMs),
    sequential: perRecipient * measured.recipients,
  };
}

/** Previews (not timed), then times the submit, approval, work and check; counts what was left or repeated. */
async function retractEverywhere(
  { sim, api, schema }: BenchRun,
  { recipients, log }: RetractionBenchOptions
): Promise<Omit<RetractionFigures, "bound" | "sequential">> {
  const { admin, approver } = await signInAdminAndApprover(sim);
  const request = generatedRetraction(recipients, "hard");
  log("retraction-bench: previewing (not timed)");
  const include = await retractableMailboxes(api, admin, request);
  log(
    `retraction-bench: ${include.length} retractable mailboxes (API peak ${api.peakRssMb()} MB); submitting`
  );

  const before = await sim.stats();
  const started = performance.now();
  const since = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const job = await submitRetraction(api.base, admin, {
    ...request,
    include,
    reason: "Benchmark: phishing retracted from every mailbox",
  });
  // Each phase's time and requests, to tell which one falls short of R.
  const answeredSince = async () =>
    (await sim.stats()).graphRequests.answered - before.graphRequests.answered;
  log(
    `retraction-bench: submitted after ${since()}, ${await answeredSince()} requests ` +
      `(API peak ${api.peakRssMb()} MB); approving`
  );
  await expectApi(api.base, `/api/retractions/${job.id}/approve`, approver, { body: {} });
  const finished = await waitForJob(schema, job.id, {
    onFinal: () => {
      const at = since();
      void answeredSince().then((n) =>
        log(`retraction-bench: every target final after ${at}, ${n} requests; the check follows`)
      );
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const after = await sim.stats();
  const peakRssMb = api.peakRssMb();
  log(`retraction-bench: job ${finished.status} in ${seconds.toFixed(1)} s (checked: ${finished.checked})`);

  const statuses = await targetStatusCounts(schema, job.id);
  const visible = await sim.call<{ value: { mailbox: string; recoverable: boolean }[] }>(
    `/_sim/copies?internetMessageId=${encodeURIComponent(targetMessageId)}`
  );
  const included = new Set(include.map((m) => m.toLowerCase()));
  const stillThere = visible.value.filter((c) => !c.recoverable && included.has(c.mailbox.toLowerCase()));
  const notDone = include.length - (statuses.done ?? 0);
  const requests = after.graphRequests.answered - before.graphRequests.answered;
  const throttled = after.graphRequests.throttled - before.graphRequests.throttled;
  log(`retraction-bench: targets ${JSON.stringify(statuses)}; copies still visible: ${stillThere.length}`);
  log(`retraction-bench: ${requests} Graph requests answered, ${throttled} refused with 429`);
  return {
    recipients: include.length,
    requests,
    seconds,
    peakRssMb,
    lost: Math.max(notDone, stillThere.length),
    duplicates: after.writes.repeatedCount,
  };
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
