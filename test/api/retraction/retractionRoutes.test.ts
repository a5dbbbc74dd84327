// Retraction jobs end to end through real HTTP against sim's demo tenant: submit, run by the API's own
// workers, progress streamed, undo; approval of hard retractions by a second person; the message's
// history; and bad requests refused before anything is written.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { JobDetailView, JobSummaryView } from "../../../api/src/retraction/jobView.js";
import { startApi, userToken, type RunningApi } from "../../support/apiServer.js";
import {
  callApi,
  copyFolders,
  finishedJob,
  followJob,
  headline,
  retractableMailboxes,
  submit,
} from "../../support/retractions.js";
import { demo, startSim, type RunningSim } from "../../support/simServer.js";

const quickWorkers = { RETRACTION_POLL_MS: "50" };

/** A fresh demo tenant and API per suite, with the signed-in admin and approver. */
function demoTenant() {
  const t = {} as { sim: RunningSim; api: RunningApi; admin: string; approver: string };
  before(async () => {
    t.sim = await startSim();
    t.api = await startApi(t.sim, { env: quickWorkers });
    t.admin = await userToken(t.sim, "admin@contoso.com");
    t.approver = await userToken(t.sim, "approver@contoso.com");
  });
  after(async () => {
    await t.api?.close();
    await t.sim?.close();
  });
  return t;
}

type Accepted = { id: string; status: string; links: { self: string; events: string } };

describe("retraction/retractionRoutes → jobs on the headline message", function () {
  this.timeout(60_000);

  describe("soft retraction at depth 2, then undo", () => {
    const t = demoTenant();

    it("runs without approval, empties every included mailbox, verifies, and undo puts every copy back", async () => {
      const include = await retractableMailboxes(t.api, t.admin, 2, "soft");
      const before = await copyFolders(t.sim, demo.phishId);
      const reply = await submit(t.api, t.admin, { mode: "soft", conversationDepth: 2, include });
      assert.equal(reply.status, 202, reply.text);
      const accepted = reply.body as Accepted;
      assert.equal(accepted.links.events, `/api/retractions/${accepted.id}/events`);
      // The job was created from a staged plan, removed once the job existed.
      const [staged] = await t.api.services.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM retraction_plan_entries"
      );
      assert.equal(staged!.n, 0);

      const job = await finishedJob(t.api, t.admin, accepted.id);
      assert.equal(job.status, "completed", JSON.stringify(job.targets.map((t) => [t.mailbox, t.lastError])));
      assert.deepEqual(job.targets.map((t) => t.mailbox).sort(), include);
      for (const target of job.targets) {
        assert.equal(target.status, "done");
        assert.equal(target.outcome, "softDeleted");
        for (const copy of target.copies) {
          assert.equal(copy.state, "done");
          assert.ok(copy.newId, "a soft-retracted copy keeps its id in Recoverable Items");
          assert.ok(copy.requestIds.length > 0, "the Graph request ids are kept");
        }
        const ids = new Set(target.copies.map((c) => c.internetMessageId));
        for (const id of ids) {
          const folders = (await copyFolders(t.sim, id)).get(target.mailbox) ?? [];
          assert.ok(folders.length > 0, `${target.mailbox} still has its copies of ${id} somewhere`);
          assert.deepEqual(
            folders.filter((f) => !f.startsWith("Recoverable Items\\Deletions")),
            [],
            `${target.mailbox}: every copy of ${id} is in Recoverable Items\\Deletions`
          );
        }
      }

      const verified = await eventually(async () => {
        const current = (await callApi(t.api, `/api/retractions/${accepted.id}`, t.admin))
          .body as JobDetailView;
        return current.verification ?? undefined;
      });
      assert.equal(verified.mailboxesChecked, include.length);
      assert.deepEqual(verified.reappeared, []);

      const undo = await callApi(t.api, `/api/retractions/${accepted.id}/undo`, t.admin, { method: "POST" });
      assert.equal(undo.status, 202, undo.text);
      const undone = await finishedJob(t.api, t.admin, accepted.id);
      assert.equal(undone.status, "undone");
      assert.ok(undone.targets.every((t) => t.status === "restored"));
      const after = await copyFolders(t.sim, demo.phishId);
      for (const mailbox of include) assert.deepEqual(after.get(mailbox), before.get(mailbox), mailbox);
    });

    it("the message's history lists the job: who, mode, mailboxes, outcome", async () => {
      const query = new URLSearchParams({ internetMessageId: demo.phishId });
      const reply = await callApi(t.api, `/api/retractions?${query}`, t.admin);
      assert.equal(reply.status, 200, reply.text);
      const [job] = (reply.body as { value: JobSummaryView[] }).value;
      assert.equal(job?.requester.upn, "admin@contoso.com");
      assert.equal(job?.mode, "soft");
      assert.equal(job?.status, "undone");
      assert.ok((job?.counts.restored ?? 0) > 0);
    });

    it("the same Idempotency-Key and body → the same job; another body → 422", async () => {
      const key = randomUUID();
      const body = { mode: "soft" as const, include: ["megan.bowen@contoso.com"] };
      const first = await submit(t.api, t.admin, body, key);
      const again = await submit(t.api, t.admin, body, key);
      assert.equal(first.status, 202, first.text);
      assert.equal((again.body as Accepted).id, (first.body as Accepted).id);
      const other = await submit(t.api, t.admin, { ...body, reason: "Another reason entirely" }, key);
      assert.equal(other.status, 422, other.text);
      assert.equal((other.body as { error: { code: string } }).error.code, "IDEMPOTENCY_KEY_REUSED");
      await finishedJob(t.api, t.admin, (first.body as Accepted).id);
    });

    it("progress events: a snapshot first, per-target changes, progress with counts, then end", async () => {
      const reply = await submit(t.api, t.admin, { mode: "soft", include: ["lee.gu@contoso.com"] });
      const events = await followJob(t.api, t.admin, (reply.body as Accepted).id);
      assert.equal(events[0]?.event, "snapshot");
      assert.equal(events.at(-1)?.event, "end");
      const end = events.at(-1)!.data as JobSummaryView;
      assert.equal(end.progress.phase, "finished");
      assert.equal(end.progress.percent, 100);
      // A job that ended before the stream's first look has nothing between snapshot and end.
      if (events.length > 2) assert.ok(events.some((e) => e.event === "target" || e.event === "progress"));
    });
  });

  describe("hard retraction", () => {
    const t = demoTenant();

    it("the requester cannot approve their own hard retraction → 403 SELF_APPROVAL", async () => {
      const reply = await submit(t.api, t.approver, { mode: "hard", include: ["lee.gu@contoso.com"] });
      assert.equal(reply.status, 202, reply.text);
      const id = (reply.body as Accepted).id;
      assert.equal((reply.body as Accepted).status, "awaitingApproval");
      const self = await callApi(t.api, `/api/retractions/${id}/approve`, t.approver, { method: "POST" });
      assert.equal(self.status, 403, self.text);
      assert.equal((self.body as { error: { code: string } }).error.code, "SELF_APPROVAL");
      const rejected = await callApi(t.api, `/api/retractions/${id}/reject`, t.admin, { method: "POST" });
      assert.equal(rejected.status, 403, "rejecting needs Retract.Approve too");
    });

    it("waits for a second person; once approved, the copies end in Recoverable Items\\Purges; undo → 409", async () => {
      const include = await retractableMailboxes(t.api, t.admin, 0, "hard");
      const reply = await submit(t.api, t.admin, { mode: "hard", include });
      assert.equal(reply.status, 202, reply.text);
      const id = (reply.body as Accepted).id;
      assert.equal((reply.body as Accepted).status, "awaitingApproval");
      assert.deepEqual(
        await copyFolders(t.sim, demo.phishId).then((f) => f.has("adele.vance@contoso.com")),
        true
      );

      const approved = await callApi(t.api, `/api/retractions/${id}/approve`, t.approver, {
        body: { comment: "Confirmed phishing" },
      });
      assert.equal(approved.status, 200, approved.text);
      const job = await finishedJob(t.api, t.admin, id);
      assert.equal(job.status, "completed");
      assert.equal(job.approval.decidedBy?.upn, "approver@contoso.com");
      const folders = await copyFolders(t.sim, demo.phishId);
      for (const mailbox of include) {
        assert.ok(
          (folders.get(mailbox) ?? []).every((f) => f === "Recoverable Items\\Purges"),
          `${mailbox}: ${folders.get(mailbox)?.join(", ")}`
        );
      }
      const undo = await callApi(t.api, `/api/retractions/${id}/undo`, t.admin, { method: "POST" });
      assert.equal(undo.status, 409, undo.text);
      assert.match((undo.body as { error: { message: string } }).error.message, /cannot be undone/);
    });
  });

  describe("bad requests → 400 with a clear code, nothing written", () => {
    const t = demoTenant();

    const cases: [string, Parameters<typeof submit>[2], string | null, string][] = [
      [
        "missing Idempotency-Key",
        { mode: "soft", include: ["lee.gu@contoso.com"] },
        null,
        "IDEMPOTENCY_KEY_REQUIRED",
      ],
      [
        "unknown message",
        { mode: "soft", include: ["lee.gu@contoso.com"], internetMessageId: "<nope@contoso.com>" },
        randomUUID(),
        "MESSAGE_NOT_FOUND",
      ],
      [
        "depth 4",
        { mode: "soft", include: ["lee.gu@contoso.com"], conversationDepth: 4 },
        randomUUID(),
        "INVALID_INPUT",
      ],
      ["empty include list", { mode: "soft", include: [] }, randomUUID(), "INVALID_INPUT"],
      [
        "missing reason",
        { mode: "soft", include: ["lee.gu@contoso.com"], reason: undefined },
        randomUUID(),
        "INVALID_INPUT",
      ],
      [
        "an external recipient included",
        { mode: "soft", include: ["auditor@tailspintoys.com"] },
        randomUUID(),
        "INCLUDE_NOT_RETRACTABLE",
      ],
    ];
    for (const [label, body, key, code] of cases) {
      it(`${label} → 400 ${code}`, async () => {
        const auditBefore = await t.api.services.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_log"
        );
        const reply = await callApi(t.api, "/api/retractions", t.admin, {
          body: { ...headline, reason: "Phishing reported by the security team", ...body },
          headers: key === null ? {} : { "Idempotency-Key": key },
        });
        assert.equal(reply.status, 400, reply.text);
        assert.equal((reply.body as { error: { code: string } }).error.code, code);
        const jobs = await t.api.services.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM retraction_jobs"
        );
        assert.equal(jobs[0]!.n, 0, "no job written");
        const auditAfter = await t.api.services.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_log"
        );
        assert.equal(auditAfter[0]!.n, auditBefore[0]!.n, "no audit record written");
      });
    }

    it("a submit naming 20,000 mailboxes (about 600 KB) → read in full: 400 INCLUDE_NOT_RETRACTABLE, not 413", async () => {
      const include = Array.from({ length: 20_000 }, (_, i) => `someone.${i}@contoso.com`);
      const reply = await callApi(t.api, "/api/retractions", t.admin, {
        body: { ...headline, mode: "soft", reason: "Phishing reported by the security team", include },
        headers: { "Idempotency-Key": randomUUID() },
      });
      assert.equal(reply.status, 400, reply.text.slice(0, 300));
      assert.equal((reply.body as { error: { code: string } }).error.code, "INCLUDE_NOT_RETRACTABLE");
    });

    it("a large submit body without a token → 401, and over 10 MB with one → 413 PAYLOAD_TOO_LARGE", async () => {
      const big = { include: Array.from({ length: 20_000 }, (_, i) => `someone.${i}@contoso.com`) };
      const anonymous = await fetch(`${t.api.base}/api/retractions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(big),
      });
      assert.equal(anonymous.status, 401);
      const huge = await callApi(t.api, "/api/retractions", t.admin, {
        body: { padding: "x".repeat(11 * 1024 * 1024) },
        headers: { "Idempotency-Key": randomUUID() },
      });
      assert.equal(huge.status, 413);
      assert.equal((huge.body as { error: { code: string } }).error.code, "PAYLOAD_TOO_LARGE");
    });

    it("an unknown job id → 404 RETRACTION_NOT_FOUND", async () => {
      const reply = await callApi(t.api, `/api/retractions/${randomUUID()}`, t.admin);
      assert.equal(reply.status, 404, reply.text);
      assert.equal((reply.body as { error: { code: string } }).error.code, "RETRACTION_NOT_FOUND");
    });
  });
});

/** Reads until `probe` gives a value; the job's check runs just after its last target ends. */
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("gave up waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
