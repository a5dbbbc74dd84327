// `npm run retract`: its argument checks, plan text and event reading as pure functions, then the CLI
// run as its own process against sim and the API started in this process.
import assert from "node:assert/strict";
import { ConfigError } from "../../../lib/config.js";
import {
  apiErrorText,
  durationText,
  includedMailboxes,
  parseRetractArgs,
  planText,
  progressLine,
  UsageError,
} from "../../../api/src/cli/retractText.js";
import type { JobDetailView } from "../../../api/src/retraction/jobView.js";
import type { Plan, PlanTarget } from "../../../api/src/retraction/plan/buildPlan.js";
import { startApi, userToken, type RunningApi } from "../../support/apiServer.js";
import { freePort } from "../../../lib/freePort.js";
import { copyFolders, headline } from "../../support/retractions.js";
import { runCli, tenantSettings, type CliRun } from "../../support/runCli.js";
import { demo, startSim, type RunningSim } from "../../support/simServer.js";

const required = ["--message-id", demo.phishId, "--mailbox", "adele.vance@contoso.com"];

function usageProblem(argv: string[]): string {
  try {
    parseRetractArgs(argv);
  } catch (err) {
    assert.ok(err instanceof UsageError && err instanceof ConfigError, "a usage error exits with code 2");
    assert.match(err.message, /\nUsage: npm run retract -- /);
    return err.message.split("\n")[0]!;
  }
  assert.fail(`${argv.join(" ")} was accepted`);
}

const outcome = (text: string) => ({
  fate: "destroyed" as const,
  userCanRecoverUntil: null,
  destroyedAt: null,
  keptBy: [],
  text,
});

function target(mailbox: string, status: PlanTarget["status"], folders: string[] = []): PlanTarget {
  return {
    mailbox,
    objectId: status === "retractable" ? "oid" : null,
    displayName: null,
    status,
    statusText: status === "retractable" ? null : `${mailbox} is outside the tenant.`,
    copies: folders.map((folder, i) => ({
      id: `c${i}`,
      internetMessageId: demo.phishId,
      parentFolderId: "f",
      folder,
      isRead: false,
      receivedDateTime: null,
      subject: "Hello",
      predictedOutcome: outcome("Removed from the mailbox; the user can recover it, then it is destroyed."),
    })),
    predictedOutcome: folders.length ? outcome("first") : null,
    why: [],
    problems: [],
  };
}

const plan: Plan = {
  asOf: "2026-11-21T08:00:00.000Z",
  internetMessageId: demo.phishId,
  mode: "soft",
  conversationDepth: 0,
  messages: [
    {
      internetMessageId: demo.phishId,
      depth: 0,
      subject: "Pay",
      from: "payroll@fabrikam.com",
      sentDateTime: null,
    },
  ],
  targets: [
    target("lee.gu@contoso.com", "retractable", ["junkemail"]),
    target("megan.bowen@contoso.com", "retractable", ["inbox", "deleteditems"]),
    target("auditor@tailspintoys.com", "external"),
  ],
  totals: { retractableMailboxes: 2, copies: 3, notRetractable: 1, destroyed: 3, keptByHold: 0 },
  approval: { required: true, reasons: ["a hard retraction cannot be undone"] },
};

describe("retract CLI → arguments and text", () => {
  it("defaults: depth 0, soft, every retractable mailbox; --include takes commas and repeats", () => {
    const args = parseRetractArgs([...required, "--reason", "Phishing"]);
    assert.equal(args.conversationDepth, 0);
    assert.equal(args.mode, "soft");
    assert.equal(args.include, undefined);
    assert.equal(args.yes, false);
    const more = parseRetractArgs([
      ...required,
      "--preview",
      "--depth",
      "3",
      "--mode",
      "hard",
      "--include",
      "a@x.com, b@x.com",
      "--include",
      "c@x.com",
    ]);
    assert.deepEqual(more.include, ["a@x.com", "b@x.com", "c@x.com"]);
    assert.equal(more.conversationDepth, 3);
    assert.equal(more.mode, "hard");
    assert.equal(more.reason, undefined, "--preview needs no reason");
  });

  it("bad arguments → one line naming the problem, then the usage (exit 2)", () => {
    assert.equal(usageProblem(["--mailbox", "a@x.com", "--preview"]), "--message-id is required.");
    assert.equal(usageProblem(["--message-id", "<a@b>", "--preview"]), "--mailbox is required.");
    assert.match(usageProblem(required), /^--reason is required/);
    assert.match(usageProblem([...required, "--reason", "   "]), /^--reason is required/);
    assert.match(
      usageProblem([...required, "--preview", "--depth", "4"]),
      /^--depth must be .* 0 to 3 \(got "4"\)/
    );
    assert.match(usageProblem([...required, "--preview", "--depth", "one"]), /^--depth must be/);
    assert.match(usageProblem([...required, "--preview", "--mode", "purge"]), /^--mode must be soft or hard/);
    assert.equal(usageProblem([...required, "--preview", "--force"]), "Unknown option '--force'.");
    assert.match(usageProblem([...required, "--preview", "extra"]), /^Unexpected argument 'extra'/);
    assert.match(usageProblem([...required, "--preview", "--include", " , "]), /^--include needs mailboxes/);
  });

  it("the plan as text: one line per target with status or reason, copies with folders, outcome; totals; approval", () => {
    const lines = planText(plan).split("\n");
    assert.match(
      lines[0]!,
      /^Plan: soft retraction of <demo-phish-0001@fabrikam\.com>, conversation depth 0/
    );
    assert.ok(lines.includes(`  depth 0: ${demo.phishId} "Pay" from payroll@fabrikam.com`), lines.join("\n"));
    assert.equal(
      lines.find((l) => l.includes("lee.gu")),
      "  lee.gu@contoso.com        retractable  1 copy in junkemail: Removed from the mailbox; the user can recover it, then it is destroyed."
    );
    assert.match(
      lines.find((l) => l.includes("megan.bowen"))!,
      /retractable {2}2 copies in inbox, deleteditems: Removed/
    );
    assert.match(
      lines.find((l) => l.includes("auditor"))!,
      /^ {2}auditor@tailspintoys\.com {2}external {5}auditor@tailspintoys\.com is outside the tenant\.$/
    );
    assert.equal(
      lines.at(-2),
      "Totals: 2 retractable mailboxes, 3 copies (3 destroyed, 0 kept by a hold), 1 not retractable."
    );
    assert.equal(lines.at(-1), "Approval: required (a hard retraction cannot be undone).");
  });

  it("included mailboxes: every retractable one, or --include (any case); a mailbox that is not → its reason", () => {
    assert.deepEqual(includedMailboxes(plan), ["lee.gu@contoso.com", "megan.bowen@contoso.com"]);
    assert.deepEqual(includedMailboxes(plan, ["Lee.Gu@contoso.com"]), ["lee.gu@contoso.com"]);
    assert.throws(
      () => includedMailboxes(plan, ["lee.gu@contoso.com", "auditor@tailspintoys.com", "x@contoso.com"]),
      {
        message:
          "Cannot include auditor@tailspintoys.com: auditor@tailspintoys.com is outside the tenant. " +
          "Cannot include x@contoso.com: not among the recipients found at conversation depth 0.",
      }
    );
    assert.throws(
      () => includedMailboxes({ ...plan, targets: [plan.targets[2]!] }),
      /^Error: Nothing to retract/
    );
  });

  it("progress with percent and time left; API errors as CODE: message", () => {
    const progress = { phase: "retracting" as const, total: 8, finished: 2, percent: 25, etaSeconds: 75 };
    assert.equal(
      progressLine({ status: "running", progress }),
      "  running: 2/8 mailboxes (25%), about 1m 15s left"
    );
    assert.equal(
      progressLine({ status: "running", progress: { ...progress, etaSeconds: null } }),
      "  running: 2/8 mailboxes (25%)"
    );
    assert.equal(durationText(7200 + 180), "2h 03m");
    assert.equal(apiErrorText(403, '{"error":{"code":"FORBIDDEN","message":"No."}}'), "FORBIDDEN: No.");
    assert.equal(apiErrorText(502, "<html>Bad gateway</html>"), "HTTP 502: <html>Bad gateway</html>");
  });
});

describe("retract CLI → against sim and the API", function () {
  this.timeout(60_000);
  let sim: RunningSim;
  let api: RunningApi;

  /** Runs the CLI as `npm run retract` does, with stdin not a terminal; asynchronously, as sim is here. */
  function runRetract(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      API_URL: api.base,
      SIM_PORT: new URL(sim.origin).port,
      ...env,
    };
    for (const name of tenantSettings) delete childEnv[name];
    if (!env.API_TOKEN) delete childEnv.API_TOKEN;
    return runCli("api/src/cli/retract.ts", args, childEnv);
  }

  const message = ["--message-id", headline.internetMessageId, "--mailbox", headline.mailbox];
  const asAdmin = ["--as", "admin@contoso.com"];
  const jobCount = async () =>
    (await api.services.db.query<{ n: number }>("SELECT count(*)::int AS n FROM retraction_jobs"))[0]!.n;
  const oneLine = (run: CliRun) => {
    assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  };

  before(async () => {
    sim = await startSim();
    api = await startApi(sim, { env: { RETRACTION_POLL_MS: "50" } });
  });
  after(async () => {
    await api?.close();
    await sim?.close();
  });

  it("--preview with API_TOKEN → every target with its status or reason, totals, approval; exit 0, nothing written", async () => {
    const token = await userToken(sim, "admin@contoso.com");
    const run = await runRetract([...message, "--preview"], { API_TOKEN: token });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, "");
    assert.match(
      run.stdout,
      /^ {2}lee\.gu@contoso\.com +retractable +1 copy in junkemail: Removed from the mailbox/m
    );
    assert.match(run.stdout, /^ {2}pradeep\.gupta@contoso\.com +outOfScope +The API app's mailbox scope/m);
    assert.match(run.stdout, /^Totals: 8 retractable mailboxes, 8 copies .*, 5 not retractable\.$/m);
    assert.match(run.stdout, /^Approval: not required\.$/m);
    assert.equal(await jobCount(), 0);
  });

  it("--preview --json --as admin → the plan as JSON", async () => {
    const run = await runRetract([...message, "--preview", "--json", "--depth", "1", ...asAdmin]);
    assert.equal(run.code, 0, run.stderr);
    const printed = JSON.parse(run.stdout) as Plan;
    assert.equal(printed.conversationDepth, 1);
    assert.ok(
      printed.targets.some((t) => t.mailbox === "isaiah.langer@contoso.com"),
      "a forward's recipient"
    );
    assert.equal(await jobCount(), 0);
  });

  it("soft --yes --include lee.gu → submitted, followed to completed, exit 0; the copy is in Recoverable Items\\Deletions", async () => {
    const run = await runRetract([
      ...message,
      ...asAdmin,
      "--reason",
      "Phishing reported by the security team",
      "--include",
      "lee.gu@contoso.com",
      "--yes",
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, "");
    assert.match(run.stdout, /^Submitting a soft retraction of 1 mailbox\.$/m);
    assert.match(run.stdout, /^Retraction [0-9a-f-]{36}: \w+ \(1 mailbox\)\./m);
    assert.match(run.stdout, /^Retraction [0-9a-f-]{36} completed: Every included mailbox was retracted\.$/m);
    assert.match(run.stdout, /^ {2}lee\.gu@contoso\.com {2}done {2}softDeleted, 1 copy$/m);
    assert.match(run.stdout, /^Undo: /m);
    const folders = (await copyFolders(sim, demo.phishId)).get("lee.gu@contoso.com") ?? [];
    assert.equal(folders.length, 1);
    assert.match(folders[0]!, /^Recoverable Items\\Deletions/);
  });

  it("soft --yes --json → only the finished job as JSON", async () => {
    const run = await runRetract([
      ...message,
      ...asAdmin,
      "--reason=Phishing reported",
      "--include=emily.braun@contoso.com",
      "--yes",
      "--json",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const job = JSON.parse(run.stdout) as JobDetailView;
    assert.equal(job.status, "completed");
    assert.deepEqual(
      job.targets.map((t) => [t.mailbox, t.status, t.outcome]),
      [["emily.braun@contoso.com", "done", "softDeleted"]]
    );
  });

  it("hard --yes → waits for approval: who must approve and by when, exit 0", async () => {
    const before = await jobCount();
    const run = await runRetract([
      ...message,
      ...asAdmin,
      "--mode",
      "hard",
      "--reason",
      "Malware attachment",
      "--include",
      "megan.bowen@contoso.com",
      "--yes",
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Approval: required \(a hard retraction cannot be undone\)\.$/m);
    assert.match(run.stdout, /^Retraction [0-9a-f-]{36}: awaitingApproval \(1 mailbox\)\./m);
    assert.match(
      run.stdout,
      /^Approval needed \(a hard retraction cannot be undone\): a second person with the Retract\.Approve role \(not admin@contoso\.com\) must approve it by \d{4}-\d\d-\d\dT/m
    );
    assert.equal(await jobCount(), before + 1);
  });

  it("no --reason → exit 2 with the usage, before anything is called", async () => {
    const run = await runRetract([...message, ...asAdmin, "--yes"]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /^--reason is required .*\nUsage: npm run retract -- /);
  });

  it("stdin not a terminal and no --yes → exit 2: pass --yes", async () => {
    const run = await runRetract([...message, ...asAdmin, "--reason", "Phishing"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /pass --yes to confirm when not interactive/);
    oneLine(run);
  });

  it("a helpdesk user → the API's 403 as 'FORBIDDEN: message' on stderr, exit 1", async () => {
    const run = await runRetract([
      ...message,
      "--as",
      "helpdesk@contoso.com",
      "--reason",
      "Phishing",
      "--yes",
    ]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /^FORBIDDEN: This needs one of these roles: Retract\.Run\.\n$/);
  });

  it("--include of a mailbox that is not retractable → its reason from the plan, exit 1, nothing written", async () => {
    const before = await jobCount();
    const include = "lynne.robbins@contoso.com,pradeep.gupta@contoso.com";
    const run = await runRetract([
      ...message,
      ...asAdmin,
      "--reason",
      "Phishing",
      "--include",
      include,
      "--yes",
    ]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^Cannot include pradeep\.gupta@contoso\.com: The API app's mailbox scope/);
    oneLine(run);
    assert.equal(await jobCount(), before);
  });

  it("no API_TOKEN and no --as → exit 2 saying how to get a token", async () => {
    const run = await runRetract([...message, "--preview"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /API_TOKEN=\$\(npm run -s token -- admin@contoso\.com\)/);
    assert.match(run.stderr, /--as UPN/);
    oneLine(run);
  });

  it("no API at API_URL → exit 1 and a sentence saying to run npm start, no stack trace", async () => {
    const run = await runRetract([...message, "--preview"], {
      API_URL: `http://127.0.0.1:${await freePort()}`,
      API_TOKEN: "not-used",
    });
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /^Cannot reach the API at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\): start it with `npm start`/
    );
    oneLine(run);
  });
});
