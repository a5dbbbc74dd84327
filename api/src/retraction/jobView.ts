// A retraction job as the API shows it (GET /api/retractions/{id}, the history list, the progress
// stream and the CLI): its people, status and approval, each target's status and copies, the check
// after it finished, and its progress with an estimate of the time left. The zod schemas document it.
import { z } from "zod";
import { copyStates, jobStatuses, targetStatuses } from "./store/jobStates.js";
import type { RetractionJobDetail, RetractionJobSummary, RetractionTarget } from "./store/jobTypes.js";

const person = z.object({ objectId: z.string(), upn: z.string() });
const instant = z.iso.datetime().nullable();
const counts = z.record(z.enum(targetStatuses), z.number().int());

export const progressSchema = z.object({
  /** What workers are doing: retracting, undoing, or nothing (waiting for approval, or finished). */
  phase: z.enum(["waitingForApproval", "queued", "retracting", "undoing", "finished"]),
  /** Targets of the current phase, and how many of them have ended. */
  total: z.number().int(),
  finished: z.number().int(),
  percent: z.number(),
  /** Seconds left at the pace so far; null before the first target ends or once all have. */
  etaSeconds: z.number().nullable(),
});
export type Progress = z.infer<typeof progressSchema>;

export const jobSummarySchema = z.object({
  id: z.string(),
  requester: person,
  internetMessageId: z.string(),
  mailbox: z.string().describe("Where the admin opened the message"),
  mode: z.enum(["soft", "hard"]),
  conversationDepth: z.number().int(),
  reason: z.string(),
  status: z.enum(jobStatuses),
  statusText: z.string(),
  targetCount: z.number().int(),
  counts,
  approval: z.object({
    required: z.boolean(),
    expiresAt: instant,
    decision: z.enum(["approved", "rejected"]).nullable(),
    decidedBy: person.nullable(),
    decidedAt: instant,
    comment: z.string().nullable(),
  }),
  createdAt: z.iso.datetime(),
  startedAt: instant,
  finishedAt: instant,
  undo: z.object({ requestedBy: person, startedAt: z.iso.datetime(), finishedAt: instant }).nullable(),
  /** Whether POST /undo would be accepted, or why not. */
  undoable: z.object({ possible: z.boolean(), text: z.string() }),
  verification: z
    .object({
      checkedAt: z.iso.datetime(),
      mailboxesChecked: z.number().int(),
      reappeared: z.array(
        z.object({
          mailbox: z.string(),
          internetMessageId: z.string(),
          copies: z.array(
            z.object({
              id: z.string(),
              parentFolderId: z.string().nullable(),
              receivedDateTime: z.string().nullable(),
            })
          ),
        })
      ),
      unchecked: z.array(z.object({ mailbox: z.string(), error: z.string() })),
    })
    .nullable(),
  progress: progressSchema,
});
export type JobSummaryView = z.infer<typeof jobSummarySchema>;

export const targetViewSchema = z.object({
  mailbox: z.string(),
  displayName: z.string().nullable(),
  status: z.enum(targetStatuses),
  outcome: z.string().nullable(),
  undoOutcome: z.string().nullable(),
  lastError: z.string().nullable(),
  attempts: z.number().int(),
  nextAttemptAt: instant,
  finishedAt: instant,
  why: z.array(z.object({ depth: z.number().int(), internetMessageId: z.string(), text: z.string() })),
  /** The preview's predicted outcome for the mailbox, as it was when the job was submitted. */
  predicted: z.unknown(),
  requestIds: z.array(z.string()),
  undoRequestIds: z.array(z.string()),
  copies: z.array(
    z.object({
      copyId: z.string(),
      internetMessageId: z.string(),
      originalFolderId: z.string(),
      newId: z.string().nullable(),
      restoredId: z.string().nullable(),
      state: z.enum(copyStates),
      requestIds: z.array(z.string()),
      lastError: z.string().nullable(),
    })
  ),
});
export type TargetView = z.infer<typeof targetViewSchema>;

export const jobDetailSchema = jobSummarySchema.extend({ targets: z.array(targetViewSchema) });
export type JobDetailView = z.infer<typeof jobDetailSchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const statusTexts: Record<RetractionJobSummary["status"], string> = {
  awaitingApproval: "Waiting for a second person with Retract.Approve to approve or reject it.",
  queued: "Approved or accepted; waiting for a worker.",
  running: "Retracting.",
  completed: "Every included mailbox was retracted.",
  completedWithFailures: "Finished; some mailboxes could not be retracted (see their errors).",
  failed: "No mailbox could be retracted (see the errors).",
  rejected: "Rejected by the approver; nothing was retracted.",
  expired: "Nobody approved it in time; nothing was retracted.",
  undoing: "Moving the copies back to their folders.",
  undone: "Undone: every copy is back in its folder.",
  undoneWithFailures: "Undone, except for copies that could not be restored (see their errors).",
};

/**
 * The job as the API shows it, at `now`.
 * @example res.json(jobDetailView(await getJob(db, id), new Date()))
 */
export function jobSummaryView(job: RetractionJobSummary, now: Date): JobSummaryView {
  return {
    id: job.id,
    requester: job.requester,
    internetMessageId: job.internetMessageId,
    mailbox: job.mailbox,
    mode: job.mode,
    conversationDepth: job.conversationDepth,
    reason: job.reason,
    status: job.status,
    statusText: statusTexts[job.status],
    targetCount: job.targetCount,
    counts: job.counts,
    approval: {
      ...job.approval,
      expiresAt: iso(job.approval.expiresAt),
      decidedAt: iso(job.approval.decidedAt),
    },
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    undo: job.undo
      ? { ...job.undo, startedAt: job.undo.startedAt.toISOString(), finishedAt: iso(job.undo.finishedAt) }
      : null,
    undoable: undoable(job),
    verification: job.verification,
    progress: progressOf(job, now),
  };
}

export function jobDetailView(job: RetractionJobDetail, now: Date): JobDetailView {
  return { ...jobSummaryView(job, now), targets: job.targets.map(targetView) };
}

export function targetView(target: RetractionTarget): TargetView {
  return {
    mailbox: target.mailbox,
    displayName: target.displayName,
    status: target.status,
    outcome: target.outcome,
    undoOutcome: target.undoOutcome,
    lastError: target.lastError,
    attempts: target.attempts,
    nextAttemptAt: iso(target.nextAttemptAt),
    finishedAt: iso(target.finishedAt),
    why: target.why,
    predicted: target.predicted,
    requestIds: target.requestIds,
    undoRequestIds: target.undoRequestIds,
    copies: target.copies.map((c) => ({
      copyId: c.copyId,
      internetMessageId: c.internetMessageId,
      originalFolderId: c.originalFolderId,
      newId: c.newId,
      restoredId: c.restoredId,
      state: c.state,
      requestIds: c.requestIds,
      lastError: c.lastError,
    })),
  };
}

function undoable(job: RetractionJobSummary): { possible: boolean; text: string } {
  if (job.mode === "hard") {
    return { possible: false, text: "A hard retraction cannot be undone: its copies were purged." };
  }
  const finished = ["completed", "completedWithFailures", "failed", "undoneWithFailures"].includes(
    job.status
  );
  if (!finished) return { possible: false, text: "Only a finished soft retraction can be undone." };
  return { possible: true, text: "Undo moves every retracted copy back to the folder it was in." };
}

/**
 * How far the current phase is, with the time left at the pace of the targets finished so far.
 * @example progressOf(job, now) // → { phase: "retracting", total: 8, finished: 2, percent: 25, etaSeconds: 12 }
 */
export function progressOf(job: RetractionJobSummary, now: Date): Progress {
  const c = job.counts;
  if (job.status === "awaitingApproval") return idle("waitingForApproval", job.targetCount);
  if (job.status === "queued") return idle("queued", job.targetCount);
  const undoing = job.status === "undoing";
  const phase = undoing ? "undoing" : job.status === "running" ? "retracting" : "finished";
  const finished = undoing ? c.restored + c.restoreFailed : c.done + c.failed + c.skipped;
  const total = undoing ? finished + c.restoring : job.targetCount;
  const since = undoing ? job.undo?.startedAt : job.startedAt;
  const left = total - finished;
  const etaSeconds =
    phase !== "finished" && since && finished > 0 && left > 0
      ? Math.round((((now.getTime() - since.getTime()) / finished) * left) / 1000)
      : null;
  return {
    phase,
    total,
    finished: phase === "finished" ? total : finished,
    percent: total === 0 || phase === "finished" ? 100 : Math.floor((finished / total) * 100),
    etaSeconds,
  };
}

function idle(phase: "waitingForApproval" | "queued", total: number): Progress {
  return { phase, total, finished: 0, percent: 0, etaSeconds: null };
}
