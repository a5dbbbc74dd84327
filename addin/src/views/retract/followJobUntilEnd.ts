// Keeps a job's view current until the job stops changing: its live event stream while the user may
// read it, the job read again whenever the stream drops (then a reconnection, sooner at first, later if
// it keeps failing), reading every few seconds instead for users who may read jobs but not stream them,
// and, once a retraction finished, a short wait for the API's check of the mailboxes.
import type { ApiClient } from "../../api/apiClient";
import { ApiError } from "../../api/apiError";
import type { JobDetailView } from "../../api/apiTypes";
import { applyJobEvent } from "./applyJobEvent";
import { isMoving } from "./jobStatus";
import { awaitsVerification } from "./verification";

export type Connection =
  /** Opening the stream (the first time). */
  | "connecting"
  /** Events arrive. */
  | "live"
  /** The stream dropped; it is opened again after a pause. */
  | "reconnecting"
  /** No stream for this user: the job is read again every few seconds. */
  | "polling"
  /** The job finished; the API is still checking the mailboxes again. */
  | "checking"
  /** The job no longer changes. */
  | "ended"
  /** Following stopped on an error that trying again will not fix (see `error`). */
  | "stopped";

export type FollowState = { job: JobDetailView | null; connection: Connection; error: unknown };

export type FollowDeps = {
  api: Pick<ApiClient, "followJob" | "retraction">;
  /** Whether the user may open the event stream; without it the job is read again on an interval. */
  stream: boolean;
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
  now?: () => number;
  pollMs?: number;
  /** The longest pause between reconnections. */
  maxBackoffMs?: number;
};

/** Resolves after `ms`, or at once when `signal` aborts. */
export function abortableWait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

const retryable = (err: unknown) => !(err instanceof ApiError) || err.retryable;

/**
 * Follows job `jobId` until it stops changing or `signal` aborts, reporting each change to `report`.
 * @example await followJobUntilEnd({ api, stream: true }, id, controller.signal, (patch) => setState(…))
 */
export async function followJobUntilEnd(
  deps: FollowDeps,
  jobId: string,
  signal: AbortSignal,
  report: (patch: Partial<FollowState>) => void
): Promise<void> {
  const wait = deps.wait ?? abortableWait;
  const now = deps.now ?? Date.now;
  const pollMs = deps.pollMs ?? 3000;
  const maxBackoffMs = deps.maxBackoffMs ?? 30_000;
  const say = (patch: Partial<FollowState>) => {
    if (!signal.aborted) report(patch);
  };
  let job: JobDetailView | null = null;
  let stream = deps.stream;
  let drops = 0;
  for (;;) {
    let ended = false;
    let problem: unknown = null;
    if (stream) {
      say({ connection: drops > 0 ? "reconnecting" : "connecting" });
      try {
        await deps.api.followJob(
          jobId,
          (event) => {
            job = applyJobEvent(job, event);
            ended ||= event.event === "end";
            drops = 0;
            if (job) say({ job, connection: "live", error: null });
          },
          signal
        );
      } catch (err) {
        problem = err;
        // Refused (no permission to stream, say): read the job on an interval instead.
        if (!retryable(err)) stream = false;
      }
      if (signal.aborted) return;
    }
    // The stream ended or dropped, or there is none: the job as it is now.
    try {
      job = await deps.api.retraction(jobId);
      say({ job });
    } catch (err) {
      if (signal.aborted) return;
      if (!retryable(err)) return say({ connection: "stopped", error: err });
      problem = err;
    }
    if (ended || (job && !isMoving(job.status))) return awaitCheck();
    drops += 1;
    say({ connection: stream ? "reconnecting" : "polling", error: problem });
    await wait(stream ? Math.min(maxBackoffMs, 500 * 2 ** drops) : pollMs, signal);
    if (signal.aborted) return;
  }

  async function awaitCheck(): Promise<void> {
    for (let reads = 0; job && awaitsVerification(job, now()) && reads < 10; reads += 1) {
      say({ connection: "checking", error: null });
      await wait(pollMs, signal);
      if (signal.aborted) return;
      try {
        job = await deps.api.retraction(jobId);
        say({ job });
      } catch {
        break; // the result stands without the check; the panel says it is missing
      }
    }
    say({ connection: "ended", error: null });
  }
}
