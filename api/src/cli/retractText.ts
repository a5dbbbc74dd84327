// The pure half of `npm run retract`: its arguments, which mailboxes it includes, the text it prints for
// a plan, a job and its progress, and the reading of the progress stream's events. No I/O, so each piece
// is tested on its own; retract.ts does the talking to the API.
import { parseArgs } from "node:util";
import { ConfigError } from "../../../lib/config.js";
import type { JobDetailView, JobSummaryView, Progress, TargetView } from "../retraction/jobView.js";
import type { Plan, PlanTarget } from "../retraction/plan/buildPlan.js";
import {
  maxConversationDepth,
  retractionModes,
  type RetractionMode,
} from "../retraction/retractionRequest.js";

export const retractUsage = `Usage: npm run retract -- --message-id ID --mailbox UPN --reason TEXT [options]
  --message-id ID       the message's Internet Message-ID, such as <demo-phish-0001@fabrikam.com>
  --mailbox UPN         a mailbox holding the message (where it was reported)
  --depth N             also follow forwards and replies N steps, 0-${maxConversationDepth} (default 0)
  --mode soft|hard      soft: to Recoverable Items, undoable (default); hard: purged, needs approval
  --preview             print the plan and stop; nothing is changed and --reason is not needed
  --reason TEXT         why the message is retracted (kept in the audit log)
  --include UPN,UPN...  only these mailboxes (default: every retractable one)
  --yes                 do not ask before retracting (required when not interactive)
  --json                print the plan (--preview) or the final job as JSON instead of text
  --as UPN              with sim only: sign in as this user when API_TOKEN is not set
Environment: API_TOKEN (a token for the API, e.g. from \`npm run token -- UPN\`), API_URL (default http://localhost:API_PORT)`;

/** Wrong arguments: printed with the usage, exit code 2 (as a bad setting). */
export class UsageError extends ConfigError {}

export type RetractArgs = {
  internetMessageId: string;
  mailbox: string;
  conversationDepth: number;
  mode: RetractionMode;
  preview: boolean;
  reason?: string;
  /** The mailboxes to act on; every retractable target when absent. */
  include?: string[];
  yes: boolean;
  json: boolean;
  as?: string;
};

const options = {
  "message-id": { type: "string" },
  mailbox: { type: "string" },
  depth: { type: "string" },
  mode: { type: "string" },
  preview: { type: "boolean" },
  reason: { type: "string" },
  include: { type: "string", multiple: true },
  yes: { type: "boolean" },
  json: { type: "boolean" },
  as: { type: "string" },
} as const;

const usageError = (problem: string) => new UsageError(`${problem}\n${retractUsage}`);

export function wantsHelp(argv: string[]): boolean {
  return argv.includes("--help") || argv.includes("-h");
}

function readOptions(argv: string[]) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    const first = (err as Error).message.split("\n")[0]!;
    throw usageError(/[.?]$/.test(first) ? first : `${first}.`);
  }
}

/**
 * Reads the command line; throws a UsageError naming the first problem.
 * @example parseRetractArgs(["--message-id", "<a@b>", "--mailbox", "x@contoso.com", "--preview"]).conversationDepth // 0
 */
export function parseRetractArgs(argv: string[]): RetractArgs {
  const values = readOptions(argv);
  const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  const internetMessageId = text(values["message-id"]);
  const mailbox = text(values.mailbox);
  if (!internetMessageId) throw usageError("--message-id is required.");
  if (!mailbox) throw usageError("--mailbox is required.");
  const depth = values.depth ?? "0";
  if (!/^\d+$/.test(depth) || Number(depth) > maxConversationDepth)
    throw usageError(`--depth must be a whole number from 0 to ${maxConversationDepth} (got "${depth}").`);
  const mode = values.mode ?? "soft";
  if (!(retractionModes as readonly string[]).includes(mode))
    throw usageError(`--mode must be soft or hard (got "${mode}").`);
  const preview = values.preview ?? false;
  const reason = text(values.reason);
  if (!reason && !preview)
    throw usageError("--reason is required (why, for the audit log) unless --preview.");
  let include: string[] | undefined;
  if (values.include) {
    include = values.include
      .flatMap((list) => list.split(","))
      .map((m) => m.trim())
      .filter(Boolean);
    if (include.length === 0) throw usageError("--include needs mailboxes separated by commas.");
  }
  return {
    internetMessageId,
    mailbox,
    conversationDepth: Number(depth),
    mode: mode as RetractionMode,
    preview,
    reason,
    include,
    yes: values.yes ?? false,
    json: values.json ?? false,
    as: text(values.as),
  };
}

/**
 * The mailboxes to submit: every retractable target, or those of `include`. Throws (exit 1) naming each
 * included mailbox that cannot be retracted, with the plan's reason.
 */
export function includedMailboxes(plan: Plan, include?: string[]): string[] {
  const retractable = plan.targets.filter((t) => t.status === "retractable").map((t) => t.mailbox);
  if (!include) {
    if (retractable.length === 0)
      throw new Error(
        `Nothing to retract: no mailbox in the plan is retractable (${plural(plan.targets.length, "target")} found).`
      );
    return retractable;
  }
  const byMailbox = new Map(plan.targets.map((t) => [t.mailbox.toLowerCase(), t]));
  const wanted = [...new Set(include.map((m) => m.toLowerCase()))];
  const refused = wanted.flatMap((mailbox) => {
    const target = byMailbox.get(mailbox);
    if (target?.status === "retractable") return [];
    const why = target
      ? (target.statusText ?? `${target.status}.`)
      : `not among the recipients found at conversation depth ${plan.conversationDepth}.`;
    return [`Cannot include ${mailbox}: ${why}`];
  });
  if (refused.length > 0) throw new Error(refused.join(" "));
  return wanted.map((mailbox) => byMailbox.get(mailbox)!.mailbox);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const padTo = (values: string[]) => {
  const width = Math.max(0, ...values.map((v) => v.length));
  return (value: string) => value.padEnd(width);
};

function targetDetail(target: PlanTarget): string {
  const problems = target.problems.length > 0 ? ` Problems: ${target.problems.join("; ")}.` : "";
  if (target.status !== "retractable") return `${target.statusText ?? ""}${problems}`;
  const folders = [...new Set(target.copies.map((c) => c.folder))].join(", ");
  const outcomes = [...new Set(target.copies.map((c) => c.predictedOutcome.text))].join(" / ");
  return `${plural(target.copies.length, "copy", "copies")} in ${folders}: ${outcomes}${problems}`;
}

/** The plan as text: the messages, one line per target, the totals and whether approval is needed. */
export function planText(plan: Plan): string {
  const lines = [
    `Plan: ${plan.mode} retraction of ${plan.internetMessageId}, conversation depth ${plan.conversationDepth} (as of ${plan.asOf})`,
  ];
  for (const m of plan.messages)
    lines.push(
      `  depth ${m.depth}: ${m.internetMessageId} "${m.subject}" from ${m.from ?? "an unknown sender"}`
    );
  lines.push(plan.targets.length > 0 ? "Targets:" : "Targets: none found.");
  const mailbox = padTo(plan.targets.map((t) => t.mailbox));
  const status = padTo(plan.targets.map((t) => t.status));
  for (const t of plan.targets)
    lines.push(`  ${mailbox(t.mailbox)}  ${status(t.status)}  ${targetDetail(t)}`);
  const { totals } = plan;
  lines.push(
    `Totals: ${plural(totals.retractableMailboxes, "retractable mailbox", "retractable mailboxes")}, ` +
      `${plural(totals.copies, "copy", "copies")} (${totals.destroyed} destroyed, ${totals.keptByHold} kept by a hold), ` +
      `${totals.notRetractable} not retractable.`
  );
  lines.push(
    plan.approval.required
      ? `Approval: required (${plan.approval.reasons.join("; ")}).`
      : "Approval: not required."
  );
  return lines.join("\n");
}

export function confirmQuestion(count: number, mode: RetractionMode): string {
  return `Retract ${plural(count, "mailbox", "mailboxes")} (${mode})? [y/N] `;
}

/** What POST /api/retractions answers (202). */
export type Accepted = Pick<JobSummaryView, "id" | "status" | "statusText" | "approval" | "targetCount"> & {
  links: { self: string; events: string };
};

export function acceptedText(accepted: Accepted): string {
  return `Retraction ${accepted.id}: ${accepted.status} (${plural(accepted.targetCount, "mailbox", "mailboxes")}). ${accepted.statusText}`;
}

/** Who must approve a job waiting for approval, why, by when, and how. */
export function approvalText(job: JobSummaryView): string {
  const why =
    job.mode === "hard"
      ? "a hard retraction cannot be undone"
      : `it reaches ${plural(job.targetCount, "mailbox", "mailboxes")}, more than the approval threshold`;
  return [
    `Approval needed (${why}): a second person with the Retract.Approve role (not ${job.requester.upn}) must approve it by ${job.approval.expiresAt ?? "its expiry"}; until then nothing is retracted.`,
    `They approve or reject it with POST /api/retractions/${job.id}/approve or /reject.`,
  ].join("\n");
}

/** One target's new state, as the progress stream reports it. */
export function targetLine(target: TargetView): string {
  let detail: string = target.status;
  if (target.status === "done" || target.status === "restored") detail += ` (${target.outcome ?? "ok"})`;
  else if (target.lastError && target.status === "pending")
    detail += `, attempt ${target.attempts} failed (${target.lastError}); trying again${target.nextAttemptAt ? ` at ${target.nextAttemptAt}` : ""}`;
  else if (target.lastError) detail += `: ${target.lastError}`;
  else if (target.outcome) detail += ` (${target.outcome})`;
  return `  ${target.mailbox}: ${detail}`;
}

export function durationText(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (seconds < 3600)
    return `${Math.floor(seconds / 60)}m ${String(Math.round(seconds % 60)).padStart(2, "0")}s`;
  return `${Math.floor(seconds / 3600)}h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, "0")}m`;
}

/** The progress event's line: status, mailboxes finished, percent and the time left. */
export function progressLine(event: { status: string; progress: Progress }): string {
  const p = event.progress;
  const eta = p.etaSeconds === null ? "" : `, about ${durationText(p.etaSeconds)} left`;
  return `  ${event.status}: ${p.finished}/${plural(p.total, "mailbox", "mailboxes")} (${p.percent}%)${eta}`;
}

/** The finished job: its status and each target's outcome. */
export function finalText(job: JobDetailView): string {
  const lines = [`Retraction ${job.id} ${job.status}: ${job.statusText}`];
  const mailbox = padTo(job.targets.map((t) => t.mailbox));
  const status = padTo(job.targets.map((t) => t.status));
  for (const t of job.targets) {
    const what = [t.outcome, t.lastError].filter(Boolean).join(": ");
    const copies = plural(t.copies.length, "copy", "copies");
    lines.push(`  ${mailbox(t.mailbox)}  ${status(t.status)}  ${what ? `${what}, ` : ""}${copies}`);
  }
  if (job.undoable.possible) lines.push(`Undo: ${job.undoable.text} POST /api/retractions/${job.id}/undo`);
  return lines.join("\n");
}

/** 0 when every included mailbox was retracted, 1 otherwise. */
export function exitCodeFor(status: JobSummaryView["status"]): number {
  return status === "completed" ? 0 : 1;
}

/** A JSON error body as `code: message`, or the status and the start of whatever came back. */
export function apiErrorText(status: number, body: string): string {
  try {
    const error = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof error?.code === "string" && typeof error.message === "string")
      return `${error.code}: ${error.message}`;
  } catch {
    // not JSON: shown as it is below
  }
  return `HTTP ${status}${body.trim() ? `: ${body.trim().slice(0, 200)}` : ""}`;
}
