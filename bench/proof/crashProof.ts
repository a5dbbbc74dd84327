// Proof that crashes lose and repeat nothing: a large hard retraction through the API process on
// PostgreSQL, the API killed (SIGKILL) at random moments mid-job and restarted each time; afterwards every
// target must be settled once, every copy purged once, nothing else written, and the audit chain intact.
import { setTimeout as delay } from "node:timers/promises";
import { targetMessageId } from "../../sim/src/generator/generateTenant.js";
import { callApi } from "../../lib/callApi.js";
import { expectApi, signInAdminAndApprover, submitRetraction } from "../support/apiSession.js";
import type { ThrowawaySchema } from "../support/benchDatabase.js";
import { generatedRetraction, retractableMailboxes, withBenchRun } from "../support/benchRun.js";
import type { BenchSim } from "../support/benchStack.js";
import type { Proof } from "./proofTypes.js";

/**
 * Per mode: the tenant, the kills, and the API's Graph rate. The rate keeps the job running for about
 * twice the time the kills need (a kill every 0.3-2 s of work), and is still hundreds of requests per
 * second, so a kill nearly always finds requests in flight and results not yet committed.
 */
const modes = {
  full: { recipients: 10_000, kills: 20, requestsPerSecond: 250 },
  quick: { recipients: 1000, kills: 5, requestsPerSecond: 100 },
};
const finalJobStatuses = ["completed", "completedWithFailures", "failed", "rejected", "expired"];
const finalTargetStatuses = ["done", "failed", "skipped"];
const jobTimeoutMs = 20 * 60_000;

type Copy = { mailbox: string; folder: string; recoverable: boolean };

export const crashProof: Proof = {
  name: "crash-test",
  async run({ quick, log }) {
    const mode = quick ? modes.quick : modes.full;
    const problems: string[] = [];
    log(`crash-test: a tenant of ${mode.recipients} mailboxes`);
    const setup = {
      tenant: { mailboxes: mode.recipients },
      sim: { SIM_LATENCY_MS: "30", SIM_LATENCY_JITTER: "0.2" },
      api: {
        GRAPH_REQUESTS_PER_SECOND: String(mode.requestsPerSecond),
        RETRACTION_WORKERS: "64",
        MAILBOXES_AT_ONCE: "256",
        // A killed instance's targets are taken over once their lease runs out: by the time the next
        // instance is up (~2-3 s), so no kill leaves work stranded for long.
        RETRACTION_LEASE_SECONDS: "2",
        RETRACTION_POLL_MS: "100",
      },
    };
    return withBenchRun(setup, async ({ sim, api, schema }) => {
      const { admin, approver } = await signInAdminAndApprover(sim);
      const request = generatedRetraction(mode.recipients, "hard");
      log("crash-test: previewing");
      const include = (await retractableMailboxes(api, admin, request)).map((m) => m.toLowerCase());
      log(`crash-test: ${include.length} retractable mailboxes; submitting (hard)`);
      const job = await submitRetraction(api.base, admin, {
        ...request,
        include,
        reason: "Proof: crash test",
      });
      const jobIds = [job.id];
      for (const id of jobIds)
        await expectApi(api.base, `/api/retractions/${id}/approve`, approver, { body: {} });
      log(`crash-test: approved ${jobIds.length} job(s); killing the API ${mode.kills} times while they run`);

      let kills = 0;
      while (kills < mode.kills) {
        const waitMs = 300 + Math.random() * 1700;
        await delay(waitMs);
        const left = await unfinished(schema, jobIds);
        if (left.jobs === 0) break;
        await api.kill();
        kills++;
        const acting = await inFlightCopies(schema, jobIds);
        log(
          `crash-test: kill ${kills} after ${Math.round(waitMs)} ms of work: ${left.targets} targets left, ` +
            `${acting} copies left acting (claimed, Graph call maybe sent, result not recorded)`
        );
        await api.restart();
      }
      if (kills < mode.kills) log(`crash-test: the jobs ended after only ${kills} kills`);
      log("crash-test: letting the jobs finish");
      await waitForJobs(schema, jobIds, log);

      const lost = await lostTargets(schema, jobIds, include, log);
      const { visible, duplicated, untargeted } = await copyChecks(sim, include, log);
      const lostMailboxes = new Set([...lost, ...visible]);
      const auditOk = await auditVerifies(api.base, admin, log);
      problems.push(...(await auditRecordProblems(schema, jobIds)));

      if (kills < mode.kills)
        problems.push(`only ${kills} kills landed while the jobs ran (wanted ${mode.kills})`);
      if (lostMailboxes.size > 0)
        problems.push(`${lostMailboxes.size} targets lost: ${[...lostMailboxes].slice(0, 10).join(", ")}`);
      if (duplicated > 0) problems.push(`${duplicated} copies were written more than once`);
      if (untargeted > 0) problems.push(`${untargeted} writes on copies outside the job's targets`);
      if (!auditOk) problems.push("the audit chain does not verify");
      return {
        line: [
          "crash-test",
          `kills=${kills}`,
          `recipients=${include.length}`,
          `lost=${lostMailboxes.size}`,
          `duplicated=${duplicated}`,
          `untargeted=${untargeted}`,
          `audit_ok=${auditOk}`,
        ].join(" "),
        ok: problems.length === 0,
        problems,
      };
    });
  },
};

/**
 * What sim's mailboxes show: target mailboxes whose copy is still in a visible folder, copies written
 * more than once, and writes on copies that are not the targets'.
 */
async function copyChecks(
  sim: BenchSim,
  include: string[],
  log: (text: string) => void
): Promise<{ visible: string[]; duplicated: number; untargeted: number }> {
  const path = `/_sim/copies?internetMessageId=${encodeURIComponent(targetMessageId)}`;
  const copies = (await sim.call<{ value: Copy[] }>(path)).value;
  const targets = new Set(include);
  const isTarget = (c: Copy) => targets.has(c.mailbox.toLowerCase());
  const visible = copies.filter((c) => !c.recoverable && isTarget(c));
  for (const c of visible.slice(0, 10)) log(`crash-test: still visible: ${c.mailbox} in ${c.folder}`);

  const { writes } = await sim.stats();
  for (const r of writes.repeated.slice(0, 10)) log(`crash-test: written ${r.writes} times: ${r.key}`);
  // Every write leaves a copy in Recoverable Items, where nothing else puts one in this tenant: the
  // copies written, less the targets' copies found there, were written outside the targets.
  const distinctWrites = writes.total - writes.repeated.reduce((sum, r) => sum + r.writes - 1, 0);
  const targetsWritten = copies.filter((c) => c.recoverable && isTarget(c)).length;
  for (const c of copies.filter((c) => c.recoverable && !isTarget(c)).slice(0, 10))
    log(`crash-test: written outside the targets: ${c.mailbox} (${c.folder})`);
  return {
    visible: visible.map((c) => c.mailbox.toLowerCase()),
    duplicated: writes.repeatedCount,
    untargeted: Math.max(0, distinctWrites - targetsWritten),
  };
}

/** How many of the jobs are not final yet, and their targets not yet settled. */
async function unfinished(
  schema: ThrowawaySchema,
  jobIds: string[]
): Promise<{ jobs: number; targets: number }> {
  const [row] = await schema.query<{ jobs: number; targets: number }>(
    `SELECT (SELECT count(*)::int FROM retraction_jobs WHERE id = ANY($1::uuid[]) AND NOT status = ANY($2)) AS jobs,
       (SELECT count(*)::int FROM retraction_targets WHERE job_id = ANY($1::uuid[]) AND NOT status = ANY($3)) AS targets`,
    [jobIds, finalJobStatuses, finalTargetStatuses]
  );
  return row!;
}

/** Copies marked in flight: each one's Graph call may or may not have been sent and acted on. */
async function inFlightCopies(schema: ThrowawaySchema, jobIds: string[]): Promise<number> {
  const [row] = await schema.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM retraction_copies WHERE job_id = ANY($1::uuid[]) AND state = 'acting'",
    [jobIds]
  );
  return row!.n;
}

/** Waits until every job is final and its check after the work recorded (a minute at most after final). */
async function waitForJobs(
  schema: ThrowawaySchema,
  jobIds: string[],
  log: (text: string) => void
): Promise<void> {
  const deadline = Date.now() + jobTimeoutMs;
  let finalSince: number | undefined;
  let lastNote = Date.now();
  for (;;) {
    const left = await unfinished(schema, jobIds);
    if (left.jobs === 0) {
      finalSince ??= Date.now();
      const [row] = await schema.query<{ unchecked: number }>(
        "SELECT count(*)::int AS unchecked FROM retraction_jobs WHERE id = ANY($1::uuid[]) AND verification IS NULL",
        [jobIds]
      );
      if (row!.unchecked === 0) return;
      if (Date.now() - finalSince > 60_000) {
        log(`crash-test: ${row!.unchecked} job(s) final without a recorded check`);
        return;
      }
    }
    if (Date.now() > deadline)
      throw new Error(`${left.jobs} job(s) still running after ${jobTimeoutMs / 1000} s.`);
    if (Date.now() - lastNote > 10_000) {
      log(`crash-test: ${left.targets} targets left`);
      lastNote = Date.now();
    }
    await delay(250);
  }
}

/**
 * Included mailboxes that did not end in exactly one final state: no target row in any job, a row still
 * open, or rows in more than one job. Logs the targets' statuses and how often a kill left a copy's
 * outcome unknown (its Graph call sent, its result not committed), settled on restart by looking again.
 */
async function lostTargets(
  schema: ThrowawaySchema,
  jobIds: string[],
  include: string[],
  log: (text: string) => void
): Promise<string[]> {
  const rows = await schema.query<{ mailbox: string; status: string; attempts: number }>(
    "SELECT mailbox, status, attempts FROM retraction_targets WHERE job_id = ANY($1::uuid[])",
    [jobIds]
  );
  const statuses = new Map<string, string[]>();
  for (const r of rows) statuses.set(r.mailbox, [...(statuses.get(r.mailbox) ?? []), r.status]);
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  log(
    `crash-test: targets by status ${JSON.stringify(counts)}; claimed more than once: ${rows.filter((r) => r.attempts > 1).length}`
  );
  const copies = await schema.query<{ state: string; n: number }>(
    "SELECT state, count(*)::int AS n FROM retraction_copies WHERE job_id = ANY($1::uuid[]) GROUP BY state",
    [jobIds]
  );
  // A hard retraction's copy is "gone" only when it was found already purged: by a call a kill cut off.
  log(`crash-test: copies by state ${JSON.stringify(Object.fromEntries(copies.map((c) => [c.state, c.n])))}`);
  const lost = include.filter((mailbox) => {
    const found = statuses.get(mailbox) ?? [];
    return found.length !== 1 || !finalTargetStatuses.includes(found[0]!);
  });
  for (const mailbox of lost.slice(0, 10))
    log(`crash-test: lost ${mailbox}: ${JSON.stringify(statuses.get(mailbox) ?? [])}`);
  return lost;
}

/** GET /api/audit/verify as the admin: whether the hash chain holds. */
async function auditVerifies(base: string, token: string, log: (text: string) => void): Promise<boolean> {
  const reply = await callApi<{ ok: boolean; count: number }>(base, "/api/audit/verify", token);
  log(`crash-test: audit verify ${reply.status} ${reply.text.slice(0, 200)}`);
  return reply.status === 200 && reply.body.ok;
}

/** Each target must have exactly one final audit record: none is a target settled unrecorded, two a repeat. */
async function auditRecordProblems(schema: ThrowawaySchema, jobIds: string[]): Promise<string[]> {
  const rows = await schema.query<{ mailbox: string; records: number }>(
    `SELECT t.mailbox, count(a.seq)::int AS records FROM retraction_targets t
     LEFT JOIN audit_log a ON a.action = ANY($2) AND a.subject ->> 'jobId' = t.job_id::text
       AND a.subject ->> 'mailbox' = t.mailbox
     WHERE t.job_id = ANY($1::uuid[]) GROUP BY t.job_id, t.mailbox HAVING count(a.seq) <> 1`,
    [jobIds, finalTargetStatuses.map((s) => `retraction.target.${s}`)]
  );
  if (rows.length === 0) return [];
  const shown = rows.slice(0, 10).map((r) => `${r.mailbox} (${r.records})`);
  return [`${rows.length} targets without exactly one final audit record: ${shown.join(", ")}`];
}
