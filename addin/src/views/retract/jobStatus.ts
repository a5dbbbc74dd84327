// Job and mailbox statuses in the words the panel shows, and which statuses are still changing.
import type { JobSummaryView, TargetView } from "../../api/apiTypes";

export type JobStatus = JobSummaryView["status"];
export type TargetStatus = TargetView["status"];

const jobLabels: Record<JobStatus, string> = {
  awaitingApproval: "Waiting for approval",
  queued: "Queued",
  running: "Running",
  completed: "Completed",
  completedWithFailures: "Completed with failures",
  failed: "Failed",
  rejected: "Rejected",
  expired: "Expired",
  undoing: "Undoing",
  undone: "Undone",
  undoneWithFailures: "Undone with failures",
};

const targetLabels: Record<TargetStatus, string> = {
  pending: "Waiting",
  running: "Retracting",
  done: "Retracted",
  failed: "Failed",
  skipped: "Skipped",
  restoring: "Restoring",
  restored: "Restored",
  restoreFailed: "Restore failed",
};

/** @example jobStatusLabel("completedWithFailures") // → "Completed with failures" */
export function jobStatusLabel(status: JobStatus): string {
  return jobLabels[status];
}

/** @example targetStatusLabel("done") // → "Retracted" */
export function targetStatusLabel(status: TargetStatus): string {
  return targetLabels[status];
}

/** Statuses in which workers will still change the job (the API's stream stays open for these). */
const moving: readonly JobStatus[] = ["awaitingApproval", "queued", "running", "undoing"];

export function isMoving(status: JobStatus): boolean {
  return moving.includes(status);
}

/** How the job's status reads at a glance: a colour family for its badge. */
export function statusTone(status: JobStatus): "success" | "warning" | "danger" | "informative" {
  if (status === "completed" || status === "undone") return "success";
  if (status === "failed") return "danger";
  if (status === "completedWithFailures" || status === "undoneWithFailures" || status === "expired")
    return "warning";
  return "informative";
}

/**
 * The mailbox counts worth showing, in the order a job goes through them; statuses nobody is in are left out.
 * @example countsSummary({ done: 5, failed: 1, pending: 0, … }) // → [{ label: "Retracted", count: 5 }, { label: "Failed", count: 1 }]
 */
export function countsSummary(counts: Record<TargetStatus, number>): { label: string; count: number }[] {
  return (Object.keys(targetLabels) as TargetStatus[])
    .filter((status) => (counts[status] ?? 0) > 0)
    .map((status) => ({ label: targetLabels[status], count: counts[status] }));
}
