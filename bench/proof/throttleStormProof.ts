// Proof that a retraction survives a throttle storm: sim answers ~30% of Graph requests with 429 on top of
// Graph's per-mailbox limits; the job must complete, never come back before a Retry-After, and never
// have more than 4 requests in flight for one mailbox.
import { setTimeout as delay } from "node:timers/promises";
import { expectApi, signInAdminAndApprover, submitRetraction } from "../support/apiSession.js";
import type { ThrowawaySchema } from "../support/benchDatabase.js";
import { generatedRetraction, retractableMailboxes, withBenchRun } from "../support/benchRun.js";
import type { BenchSim } from "../support/benchStack.js";
import type { Proof } from "./proofTypes.js";

const faultRate = 0.3;
const retryAfterSeconds = 1;
/** How long the job may take before the proof gives up on it. */
const jobTimeoutMs = 15 * 60_000;

type GraphCounts = { answered: number; throttled: number; earlyRetries: number };

export const throttleStormProof: Proof = {
  name: "throttle-storm",
  async run({ quick, log }) {
    const mailboxes = quick ? 200 : 500;
    const problems: string[] = [];
    const setup = {
      tenant: { mailboxes },
      sim: {
        SIM_LATENCY_MS: "20",
        SIM_LATENCY_JITTER: "0.3",
        SIM_FAULT_KINDS: "429",
        SIM_FAULT_RETRY_AFTER: String(retryAfterSeconds),
      },
      api: {
        RETRACTION_WORKERS: "32",
        RETRACTION_POLL_MS: "200",
        // The job waits for approval, so the storm can start after the submit and before any work.
        APPROVAL_THRESHOLD: "0",
      },
    };
    return withBenchRun(setup, async ({ sim, api, schema }) => {
      const { admin, approver } = await signInAdminAndApprover(sim);
      const request = generatedRetraction(mailboxes, "soft");
      // Preview and submit run in calm weather: sim's faults hit Exchange too, and a preview refused for
      // throttling (503 UPSTREAM_THROTTLED) is the API's documented answer, not what is proved here.
      log(`throttle-storm: previewing ${mailboxes} mailboxes`);
      const include = await retractableMailboxes(api, admin, request);
      log(`throttle-storm: ${include.length} retractable mailboxes; submitting`);
      const job = await submitRetraction(api.base, admin, {
        ...request,
        include,
        reason: "Proof: retraction under a throttle storm",
      });
      const before = await graphCounts(sim);
      await sim.call("/_sim/settings", { faultRate });
      log(
        `throttle-storm: ${faultRate * 100}% of Graph requests now answered 429 (Retry-After ${retryAfterSeconds} s); approving`
      );
      await expectApi(api.base, `/api/retractions/${job.id}/approve`, approver, { body: {} });
      const started = Date.now();
      const finished = await waitForJob(schema, job.id, log);
      log(`throttle-storm: job ${finished.status} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

      const targets = await schema.query<{ status: string; n: number }>(
        "SELECT status, count(*)::int AS n FROM retraction_targets WHERE job_id = $1 GROUP BY status",
        [job.id]
      );
      const byStatus = Object.fromEntries(targets.map((t) => [t.status, t.n]));
      log(`throttle-storm: targets by status ${JSON.stringify(byStatus)}`);
      const completed =
        finished.status === "completed" && byStatus.done === include.length && targets.length === 1;
      if (!completed)
        problems.push(
          `the job ended ${finished.status} with targets ${JSON.stringify(byStatus)} of ${include.length}`
        );
      if (!finished.checked) problems.push("the job's check after the work was not recorded in time");

      const after = await graphCounts(sim);
      const counts = {
        answered: after.answered - before.answered,
        throttled: after.throttled - before.throttled,
        earlyRetries: after.earlyRetries - before.earlyRetries,
      };
      const all = counts.answered + counts.throttled;
      const rate429 = all === 0 ? 0 : (100 * counts.throttled) / all;
      // sim admits at most 4 per mailbox (Graph's limit), so this peak is the admitted requests'; a fifth
      // sent at once is refused with 429 MailboxConcurrency and a Retry-After of 10 s, which shows as 429s
      // above the injected share and, if sent again too soon, as early retries.
      const peak = (await sim.call<{ peakInFlightPerMailbox: number }>("/_sim/settings"))
        .peakInFlightPerMailbox;
      log(
        `throttle-storm: during the storm sim answered ${counts.answered} Graph requests and throttled ${counts.throttled}; ` +
          `${counts.earlyRetries} came back before their Retry-After`
      );
      if (counts.earlyRetries > 0)
        problems.push(`${counts.earlyRetries} requests came back before their Retry-After`);
      if (peak > 4) problems.push(`${peak} requests were in flight at once for one mailbox (Graph allows 4)`);
      // 30% are injected: far below, the storm did not blow; far above, sim's own limits refused the client.
      if (rate429 < 20 || rate429 > 40)
        problems.push(`${rate429.toFixed(1)}% of Graph requests were throttled, not 20-40%`);

      return {
        line: [
          "throttle-storm",
          `rate429=${rate429.toFixed(1)}`,
          `completed=${completed}`,
          `early_retries=${counts.earlyRetries}`,
          `max_inflight_per_mailbox=${peak}`,
        ].join(" "),
        ok: problems.length === 0,
        problems,
      };
    });
  },
};

/** sim's Graph request counts (GET /_sim/stats), early retries included. */
async function graphCounts(sim: BenchSim): Promise<GraphCounts> {
  return (await sim.call<{ graphRequests: GraphCounts }>("/_sim/stats")).graphRequests;
}

const finalStatuses = ["completed", "completedWithFailures", "failed", "rejected", "expired"];

/**
 * Reads the job's row until it is final and its check after the work is recorded (or a minute after it
 * is final without one); from the database, so the proof adds no load to the API it measures.
 */
async function waitForJob(
  schema: ThrowawaySchema,
  jobId: string,
  log: (text: string) => void
): Promise<{ status: string; checked: boolean }> {
  const deadline = Date.now() + jobTimeoutMs;
  let finalSince: number | undefined;
  let lastNote = Date.now();
  for (;;) {
    const [row] = await schema.query<{ status: string; checked: boolean; left: number }>(
      `SELECT status, verification IS NOT NULL AS checked,
         (SELECT count(*)::int FROM retraction_targets t WHERE t.job_id = j.id
            AND t.status IN ('pending', 'running')) AS left
       FROM retraction_jobs j WHERE id = $1`,
      [jobId]
    );
    if (!row) throw new Error(`The job ${jobId} is not in the database.`);
    if (finalStatuses.includes(row.status)) {
      finalSince ??= Date.now();
      if (row.checked || Date.now() - finalSince > 60_000) return row;
    }
    if (Date.now() > deadline)
      throw new Error(`The job ${jobId} is still ${row.status} after ${jobTimeoutMs / 1000} s.`);
    if (Date.now() - lastNote > 5000) {
      log(`throttle-storm: job ${row.status}, ${row.left} targets left`);
      lastNote = Date.now();
    }
    await delay(250);
  }
}
