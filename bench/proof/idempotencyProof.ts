// Proof that one Idempotency-Key makes one job: many identical submissions sent at once to the API process
// on PostgreSQL, counted afterwards in the database; every reply must name that one job.
import { randomUUID } from "node:crypto";
import { callApi } from "../../lib/callApi.js";
import { signIn } from "../support/apiSession.js";
import { generatedRetraction, retractableMailboxes, withBenchRun } from "../support/benchRun.js";
import type { Proof } from "./proofTypes.js";

const concurrent = 100;
const mailboxes = 50;

export const idempotencyProof: Proof = {
  name: "idempotency",
  async run({ log }) {
    const problems: string[] = [];
    const setup = {
      tenant: { mailboxes },
      sim: { SIM_LATENCY_MS: "20", SIM_LATENCY_JITTER: "0.3" },
      // No workers: the job is only created, so the proof measures the submit path alone. The per-user
      // rate limit is raised so that none of the submissions is refused before it reaches the route.
      api: { RETRACTION_WORKERS: "0", RATE_LIMIT_PER_MINUTE: "10000" },
    };
    return withBenchRun(setup, async ({ sim, api, schema }) => {
      const admin = await signIn(sim, "admin@contoso.com");
      const request = generatedRetraction(mailboxes, "soft");
      const include = await retractableMailboxes(api, admin, request);
      log(
        `idempotency: ${include.length} retractable mailboxes; ${concurrent} identical submissions at once`
      );

      const key = randomUUID();
      const body = { ...request, include, reason: "Proof: one key, one job" };
      const base = api.base;
      // All requests are built first and released together, so they overlap inside the API: each one
      // finds no job for the key, discovers recipients, and races to insert.
      const replies = await Promise.all(
        Array.from({ length: concurrent }, () =>
          callApi<{ id?: string }>(base, "/api/retractions", admin, {
            body,
            headers: { "Idempotency-Key": key },
          })
        )
      );

      const statuses = new Map<number, number>();
      for (const reply of replies) statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      log(`idempotency: replies by status ${JSON.stringify(Object.fromEntries(statuses))}`);
      for (const [status, count] of statuses)
        if (status !== 202 && status !== 200) {
          const example = replies.find((r) => r.status === status)!;
          problems.push(`${count} submissions answered ${status}: ${example.text.slice(0, 300)}`);
        }
      const ids = new Set(replies.filter((r) => r.status === 202 || r.status === 200).map((r) => r.body.id));
      if (ids.size > 1) problems.push(`the replies name ${ids.size} different jobs: ${[...ids].join(", ")}`);

      const [row] = await schema.query<{ jobs: number }>("SELECT count(*)::int AS jobs FROM retraction_jobs");
      const jobsCreated = row!.jobs;
      const [requested] = await schema.query<{ records: number }>(
        "SELECT count(*)::int AS records FROM audit_log WHERE action = 'retraction.requested'"
      );
      log(
        `idempotency: ${jobsCreated} job row(s), ${requested!.records} "retraction.requested" audit record(s)`
      );
      if (jobsCreated !== 1) problems.push(`${jobsCreated} jobs in retraction_jobs, expected 1`);
      if (requested!.records !== jobsCreated)
        problems.push(`${requested!.records} "retraction.requested" audit records for ${jobsCreated} job(s)`);

      return {
        line: `idempotency concurrent=${concurrent} jobs_created=${jobsCreated}`,
        ok: problems.length === 0,
        problems,
      };
    });
  },
};
