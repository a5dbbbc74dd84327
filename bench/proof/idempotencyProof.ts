// Proof that one Idempotency-Key makes one job: many identical submissions sent at once to the API process
// on PostgreSQL, counted afterwards in the database; every reply must name that one job.
import { randomUUID } from "node:crypto";
import { targetMessageId } from "../../sim/src/generator/generateTenant.js";
import { callApi, expectApi, signIn } from "../support/apiSession.js";
import { throwawaySchema } from "../support/benchDatabase.js";
import { startBenchApi, startBenchSim, type BenchApi, type BenchSim } from "../support/benchStack.js";
import { writeTenant } from "../support/benchTenant.js";
import type { Proof } from "./proofTypes.js";

const concurrent = 100;
const mailboxes = 50;

type PlanTarget = { mailbox: string; status: string };

export const idempotencyProof: Proof = {
  name: "idempotency",
  async run({ log }) {
    const problems: string[] = [];
    const tenant = writeTenant({ mailboxes });
    const schema = await throwawaySchema();
    let sim: BenchSim | undefined;
    let api: BenchApi | undefined;
    try {
      sim = await startBenchSim(tenant.path, { SIM_LATENCY_MS: "20", SIM_LATENCY_JITTER: "0.3" });
      // No workers: the job is only created, so the proof measures the submit path alone. The per-user rate
      // limit is raised so that none of the submissions is refused before it reaches the route.
      api = await startBenchApi(sim, {
        DATABASE_URL: schema.url,
        RETRACTION_WORKERS: "0",
        RATE_LIMIT_PER_MINUTE: "10000",
      });
      const admin = await signIn(sim, "admin@contoso.com");
      const request = {
        internetMessageId: targetMessageId,
        mailbox: `user${"1".padStart(String(mailboxes).length, "0")}@bench.contoso.com`,
        conversationDepth: 0,
        mode: "soft" as const,
      };
      const plan = await expectApi<{ targets: PlanTarget[] }>(api.base, "/api/retractions/preview", admin, {
        body: request,
      });
      const include = plan.targets.filter((t) => t.status === "retractable").map((t) => t.mailbox);
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
    } finally {
      await api?.stop();
      await sim?.stop();
      await schema.drop();
      tenant.remove();
    }
  },
};
