// Folds one event of a job's progress stream into the job the panel shows, so the view is a pure
// function of the events received: the snapshot replaces everything, the others patch it.
import type { StreamEvent } from "../../../../lib/serverSentEvents";
import type { JobDetailView, JobSummaryView, Progress, TargetView } from "../../api/apiTypes";

/** The body of a "progress" event: what changed in the job as a whole. */
export type ProgressEvent = Pick<JobSummaryView, "status" | "statusText" | "counts"> & { progress: Progress };

/**
 * The job after `event`. Events that cannot apply yet (a patch before the first snapshot) or that the
 * add-in does not know leave the job as it was.
 * @example applyJobEvent(job, { event: "target", data: { mailbox: "lee.gu@contoso.com", status: "done", … } })
 */
export function applyJobEvent(job: JobDetailView | null, event: StreamEvent): JobDetailView | null {
  switch (event.event) {
    case "snapshot":
      return event.data as JobDetailView;
    case "target":
      return job ? withTarget(job, event.data as TargetView) : job;
    case "progress": {
      if (!job) return job;
      const { status, statusText, counts, progress } = event.data as ProgressEvent;
      return { ...job, status, statusText, counts, progress };
    }
    case "end":
      // The final summary: everything but the targets, which arrived one by one before it.
      return job ? { ...job, ...(event.data as JobSummaryView), targets: job.targets } : job;
    default:
      return job;
  }
}

function withTarget(job: JobDetailView, target: TargetView): JobDetailView {
  const known = job.targets.some((t) => t.mailbox === target.mailbox);
  return {
    ...job,
    targets: known
      ? job.targets.map((t) => (t.mailbox === target.mailbox ? target : t))
      : [...job.targets, target],
  };
}
