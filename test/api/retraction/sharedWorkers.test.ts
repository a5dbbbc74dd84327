// Retraction jobs across API processes on one PostgreSQL: an instance killed mid-job (SIGKILL, as in a
// crash) is taken over by a restarted one, and two running instances share one job. Either way every
// target ends in exactly one final state, no copy is acted on twice, and the audit chain verifies.
import assert from "node:assert/strict";
import type { JobDetailView } from "../../../api/src/retraction/jobView.js";
import { startApiProcess, type ApiProcess } from "../../support/apiProcess.js";
import { callApi, finishedJob, followJob, retractableMailboxes, submit } from "../../support/retractions.js";
import { userToken } from "../../support/apiServer.js";
import { startSim, type RunningSim } from "../../support/simServer.js";
import { throwawayPostgres, type TestDatabase } from "../../support/testDatabases.js";

type Activity = { mailbox: string; operation: string; internetMessageId: string };

describe("retraction/sharedWorkers → API processes on one PostgreSQL", function () {
  this.timeout(120_000);
  let database: { target: TestDatabase; dispose: () => Promise<void> } | undefined;
  let sim: RunningSim;
  const running: ApiProcess[] = [];
  let admin: string;
  let approver: string;

  const start = async (workers: number) => {
    const api = await startApiProcess(sim, {
      DATABASE_URL: database!.target.env.DATABASE_URL!,
      RETRACTION_WORKERS: String(workers),
      RETRACTION_LEASE_SECONDS: "1",
      RETRACTION_POLL_MS: "50",
      // Every job waits for approval: the test sets sim's latency before any worker acts.
      APPROVAL_THRESHOLD: "0",
    });
    running.push(api);
    return api;
  };

  /** Submits a soft retraction at depth 2 of every retractable mailbox; returns the job id, approved. */
  const approvedJob = async (api: ApiProcess, latencyMs: number) => {
    const include = await retractableMailboxes(api, admin, 2, "soft");
    const reply = await submit(api, admin, { mode: "soft", conversationDepth: 2, include });
    assert.equal(reply.status, 202, reply.text);
    const id = (reply.body as { id: string }).id;
    await sim.call("/_sim/settings", { method: "PUT", body: { latencyMs, latencyJitter: 0 } });
    const approved = await callApi(api, `/api/retractions/${id}/approve`, approver, { method: "POST" });
    assert.equal(approved.status, 200, approved.text);
    return id;
  };

  before(async function () {
    database = await throwawayPostgres(this);
  });
  // Each test retracts the headline message from a tenant of its own.
  beforeEach(async () => {
    sim = await startSim();
    admin = await userToken(sim, "admin@contoso.com");
    approver = await userToken(sim, "approver@contoso.com");
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((api) => api.stop()));
    await sim?.close();
  });
  after(async () => {
    await database?.target.db.close();
    await database?.dispose();
  });

  it("killed mid-job and restarted → every target ends once, no copy moved twice, the audit chain verifies", async () => {
    const first = await start(1);
    const id = await approvedJob(first, 120);
    let done = 0;
    const third = (e: { event: string; data: unknown }) =>
      e.event === "target" && (e.data as { status: string }).status === "done" && ++done === 3;
    await followJob(first, admin, id, third);
    await first.kill();

    const second = await start(2);
    const job = await finishedJob(second, admin, id);
    assertSettledOnce(job, await activity(sim));
    assert.ok(
      job.targets.some((t) => t.attempts > 1),
      "the restarted instance took over the target the killed one held"
    );
    await assertAudit(second, job);
  });

  it("two instances at once → they share the job without double work", async () => {
    const [one, two] = [await start(2), await start(2)];
    const id = await approvedJob(one, 80);
    const job = await finishedJob(two, admin, id);
    assertSettledOnce(job, await activity(sim));
    const workers = await assertAudit(one, job);
    const instances = new Set(workers.map((w) => w.split(":").slice(0, -1).join(":")));
    assert.equal(instances.size, 2, `targets finished by: ${workers.join(", ")}`);
  });

  async function activity(from: RunningSim): Promise<Activity[]> {
    return ((await from.call("/_sim/activity")).body as { value: Activity[] }).value;
  }

  function assertSettledOnce(job: JobDetailView, log: Activity[]): void {
    assert.equal(
      job.status,
      "completed",
      JSON.stringify(job.targets.map((t) => [t.mailbox, t.status, t.lastError]))
    );
    for (const target of job.targets) assert.equal(target.status, "done", target.mailbox);
    const moved = log
      .filter((a) => a.operation === "move")
      .map((a) => `${a.mailbox.toLowerCase()}|${a.internetMessageId}`)
      .sort();
    const copies = job.targets
      .flatMap((t) => t.copies.map((c) => `${t.mailbox}|${c.internetMessageId}`))
      .sort();
    assert.deepEqual(moved, copies, "each copy moved exactly once");
  }

  async function assertAudit(api: ApiProcess, job: JobDetailView): Promise<string[]> {
    const verify = await callApi(api, "/api/audit/verify", admin);
    assert.equal(verify.status, 200, verify.text);
    assert.equal((verify.body as { ok: boolean }).ok, true, verify.text);
    const rows = await database!.target.db.query<{ mailbox: string; worker: string }>(
      `SELECT subject ->> 'mailbox' AS mailbox, details ->> 'worker' AS worker FROM audit_log
       WHERE action = 'retraction.target.done' AND subject ->> 'jobId' = $1`,
      [job.id]
    );
    assert.deepEqual(
      rows.map((r) => r.mailbox).sort(),
      job.targets.map((t) => t.mailbox).sort(),
      "one record per target"
    );
    return rows.map((r) => r.worker);
  }
});
