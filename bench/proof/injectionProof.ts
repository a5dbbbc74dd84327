// Proof that hostile Message-IDs and UPNs cannot change a Graph query's structure, and that a real hard
// retraction among look-alike decoys writes to no message but the target.
import { anyEq, eq, graphQuery, or, pathSegment } from "../../api/src/graph/odataFilter.js";
import type { JobDetailView } from "../../api/src/retraction/jobView.js";
import type { Plan } from "../../api/src/retraction/plan/buildPlan.js";
import { generateTenant, targetMessageId } from "../../sim/src/generator/generateTenant.js";
import { parseFilter, type Expr } from "../../sim/src/graph/odata/filterSyntax.js";
import { parseTarget } from "../../sim/src/graph/parseTarget.js";
import { seededRandom } from "../../sim/src/seededRandom.js";
import { expectApi, signInAdminAndApprover, submitRetraction } from "../support/apiSession.js";
import { withBenchRun } from "../support/benchRun.js";
import type { BenchApi, BenchSim } from "../support/benchStack.js";
import type { Proof, ProofOptions } from "./proofTypes.js";

/** What breaks naive escaping: quotes, URL delimiters, encodings, OData words and syntax, odd unicode. */
const tricky = [
  "'", "''", "+", "%", "%2B", "%27", "%%", "&", "#", "/", "?", "=", ";", ",", ":", "@", "<", ">", "(", ")",
  " ", "\t", "\n", "\\", '"', "$filter=", "&$filter=", "?$top=1", " or ", " eq ", " and ", "not ", " ne ''",
  "any(", "x:x", "') or ('", "' or internetMessageId ne '", "&$select=id", "#$filter=", "%26%24filter%3D",
  "é", "ß", "😀", "\u00a0", "\u200b", "中文", "𝒳", "\u202e",
]; // prettier-ignore

/** A string of random pieces: tricky ones, plain letters and digits, and any code point but surrogates. */
function hostilePart(random: () => number): string {
  let text = "";
  for (let n = Math.floor(random() * 7); n > 0; n--) {
    const roll = random();
    if (roll < 0.5) text += tricky[Math.floor(random() * tricky.length)];
    else if (roll < 0.8) text += Math.floor(random() * 36 ** 4).toString(36);
    else {
      const codePoint = 0x20 + Math.floor(random() * 0x10ffdf);
      text += codePoint >= 0xd800 && codePoint <= 0xdfff ? "x" : String.fromCodePoint(codePoint);
    }
  }
  return text;
}

const path = (segments: string[]): Expr => ({ kind: "path", segments });
const literal = (value: string): Expr => ({ kind: "literal", value });
const equals = (left: Expr, value: string): Expr => ({
  kind: "compare",
  op: "eq",
  left,
  right: literal(value),
});
const anyEquals = (collection: string, value: string): Expr => ({
  kind: "lambda",
  collection: [collection],
  quantifier: "any",
  variable: "x",
  body: equals(path(["x"]), value),
});

/**
 * Whether the Graph path and query `build` makes with the builder reads, as Graph and sim read it, as
 * exactly the intended request: these path segments, these query options once each, this $filter tree.
 */
function intact(build: () => string, segments: string[], options: string[], filter: Expr): boolean {
  try {
    const target = build();
    // As a client sends it: a "#" would cut the query short, and the URL parser re-encodes some bytes.
    const url = new URL(`https://graph.microsoft.com/v1.0${target}`);
    if (url.hash !== "") return false;
    const request = parseTarget("GET", `${url.pathname.slice("/v1.0".length)}${url.search}`, {}, undefined);
    if (JSON.stringify(request.segments) !== JSON.stringify(segments)) return false;
    if (JSON.stringify([...request.query.keys()]) !== JSON.stringify(options)) return false;
    // Strict percent-decoding agrees with form decoding: nothing depends on how a "+" is read.
    const raw = url.search.slice(1).split("&")[0]!.slice("$filter=".length);
    const text = request.query.get("$filter")!;
    if (decodeURIComponent(raw) !== text) return false;
    return JSON.stringify(parseFilter(text)) === JSON.stringify(filter);
  } catch {
    return false; // refused by the builder, or unparseable: the request is not the one meant either
  }
}

/** (a) Generated Message-IDs and UPNs through the filter builder, in the two queries the API sends. */
function structuralChanges(count: number, log: ProofOptions["log"]): number {
  const random = seededRandom(4242);
  let changes = 0;
  for (let i = 0; i < count; i++) {
    const messageId = `<${hostilePart(random)}@${hostilePart(random)}>`;
    const upn = `${hostilePart(random)}@${hostilePart(random) || "contoso.com"}`;
    // The copies of a message in a mailbox (findCopies).
    const copies = () =>
      `/users/${pathSegment(upn)}/messages${graphQuery({
        filter: eq("internetMessageId", messageId),
        select: ["id", "internetMessageId"],
        top: 100,
      })}`;
    if (
      !intact(
        copies,
        ["users", upn, "messages"],
        ["$filter", "$select", "$top"],
        equals(path(["internetMessageId"]), messageId)
      )
    )
      changes++;
    // A recipient by address (findRecipientByAddress); "or" binds to the left.
    const address = () =>
      `/users${graphQuery({
        filter: or(
          eq("mail", upn),
          anyEq("proxyAddresses", `SMTP:${upn}`),
          anyEq("proxyAddresses", `smtp:${upn}`)
        ),
        select: ["id", "mail"],
      })}`;
    const lookup: Expr = {
      kind: "logical",
      op: "or",
      left: {
        kind: "logical",
        op: "or",
        left: equals(path(["mail"]), upn),
        right: anyEquals("proxyAddresses", `SMTP:${upn}`),
      },
      right: anyEquals("proxyAddresses", `smtp:${upn}`),
    };
    if (!intact(address, ["users"], ["$filter", "$select"], lookup)) changes++;
  }
  log(`injection: ${count} Message-IDs and ${count} UPNs built into queries, ${changes} structural changes`);
  return changes;
}

type Copy = { mailbox: string; recoverable: boolean };
type Activity = { mailbox: string; internetMessageId: string; operation: string };
const finalStatuses = new Set(["completed", "completedWithFailures", "failed", "rejected", "expired"]);

/** Polls the job until its status is final. */
async function finished(api: BenchApi, token: string, id: string): Promise<JobDetailView> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const job = await expectApi<JobDetailView>(api.base, `/api/retractions/${id}`, token);
    if (finalStatuses.has(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** (b) A hard retraction of the target among decoys: writes to anything else, and mailboxes missed. */
async function retraction(
  sim: BenchSim,
  api: BenchApi,
  decoyIds: string[],
  reported: string,
  log: ProofOptions["log"]
) {
  const { admin, approver } = await signInAdminAndApprover(sim);
  const request = {
    internetMessageId: targetMessageId,
    mailbox: reported,
    conversationDepth: 0,
    mode: "hard",
  };
  const plan = await expectApi<Plan>(api.base, "/api/retractions/preview", admin, { body: request });
  const include = plan.targets.filter((t) => t.status === "retractable").map((t) => t.mailbox.toLowerCase());
  const { id } = await submitRetraction(api.base, admin, { ...request, reason: "Injection proof", include });
  await expectApi(api.base, `/api/retractions/${id}/approve`, approver, { method: "POST" });
  log(`injection: hard retraction ${id} of ${include.length} mailboxes approved`);
  const job = await finished(api, admin, id);
  log(`injection: job ${job.status}, ${job.targets.filter((t) => t.status === "done").length} targets done`);

  // Every write sim made, by Message-ID; the activity list keeps the last 500, so check it is complete.
  const stats = await sim.stats();
  const activity = (await sim.call<{ value: Activity[] }>("/_sim/activity")).value;
  const problems: string[] = [];
  const writesElsewhere = activity.filter((a) => a.internetMessageId !== targetMessageId).length;
  log(
    `injection: sim recorded ${stats.writes.total} writes, ${activity.length - writesElsewhere} of them to the target`
  );
  if (activity.length !== stats.writes.total)
    log(
      `injection: sim's activity holds only ${activity.length} of ${stats.writes.total} writes; decoys are checked one by one`
    );
  // Each decoy's copies must still be where they were delivered, never in Recoverable Items.
  let decoysGone = 0;
  for (const decoy of decoyIds) {
    const copies = (
      await sim.call<{ value: Copy[] }>(`/_sim/copies?internetMessageId=${encodeURIComponent(decoy)}`)
    ).value;
    decoysGone += copies.filter((c) => c.recoverable).length;
  }
  // And the target must be gone from every included mailbox.
  const targetCopies = (
    await sim.call<{ value: Copy[] }>(`/_sim/copies?internetMessageId=${encodeURIComponent(targetMessageId)}`)
  ).value;
  const missed = include.filter((m) =>
    targetCopies.some((c) => c.mailbox.toLowerCase() === m && !c.recoverable)
  );
  if (job.status !== "completed") problems.push(`the job ended ${job.status}`);
  if (missed.length)
    problems.push(`the target is still visible in ${missed.length} mailboxes, e.g. ${missed[0]}`);
  return { unintended: Math.max(writesElsewhere, decoysGone), problems };
}

export const injectionProof: Proof = {
  name: "injection",
  async run({ quick, log }) {
    const cases = quick ? 1000 : 10_000;
    const changes = structuralChanges(cases, log);

    const tenant = { mailboxes: quick ? 50 : 200, decoys: 1000 };
    // The generator is seeded, so this is the tenant sim is given below.
    const fixture = generateTenant(tenant);
    const decoyIds = fixture.messages.map((m) => m.internetMessageId).filter((id) => id !== targetMessageId);
    const setup = {
      tenant,
      sim: { SIM_LATENCY_MS: "5" },
      api: { RETRACTION_WORKERS: "16", RETRACTION_POLL_MS: "100", RATE_LIMIT_PER_MINUTE: "100000" },
    };
    return withBenchRun(setup, async ({ sim, api }) => {
      log(`injection: tenant with ${decoyIds.length} decoys; sim ${sim.origin}, API ${api.base}`);
      const reported = fixture.groups[0]!.members![0]!;
      const { unintended, problems } = await retraction(sim, api, decoyIds, reported, log);
      if (changes > 0) problems.push(`${changes} built queries read differently from what was meant`);
      return {
        line: `injection cases=${cases * 2} structural_changes=${changes} unintended_deletions=${unintended}`,
        ok: changes === 0 && unintended === 0 && problems.length === 0,
        problems,
      };
    });
  },
};
