// GET /api/retractions/{id}/events: a job's progress as Server-Sent Events. The job is read from the
// database on a short interval (workers of any instance write there), and only what changed is sent:
// "snapshot" (the whole job, first), "target" (one mailbox's new status), "progress" (counts, percent and
// the estimated time left), and "end" once the job is finished. Comments keep proxies from closing an
// idle stream.
import type { Request, Response } from "express";
import type { Database } from "../db/database.js";
import { jobDetailView, jobSummaryView, targetView } from "./jobView.js";
import { getJob } from "./store/getJob.js";
import type { RetractionJobDetail } from "./store/jobTypes.js";

export type JobEventOptions = { db: Database; now: () => number; pollMs: number; heartbeatMs?: number };

/** Statuses in which workers are (or will be) changing the job; any other ends the stream. */
const moving = new Set(["awaitingApproval", "queued", "running", "undoing"]);

/**
 * Streams the job's events to `res` until it finishes or the client goes away. Throws 404
 * RETRACTION_NOT_FOUND before anything is sent when there is no such job.
 * @example router.get("/api/retractions/:id/events", (req, res) => streamJobEvents(options, req.params.id, req, res));
 */
export async function streamJobEvents(
  options: JobEventOptions,
  jobId: string,
  req: Request,
  res: Response
): Promise<void> {
  let job = await getJob(options.db, jobId);
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  let sequence = 0;
  const send = (event: string, data: unknown) =>
    res.write(`id: ${++sequence}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const now = () => new Date(options.now());
  send("snapshot", jobDetailView(job, now()));

  let closed = false;
  req.on("close", () => (closed = true));
  let lastBeat = Date.now();
  while (!closed && moving.has(job.status)) {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
    if (closed) break;
    const next = await getJob(options.db, jobId);
    for (const target of changedTargets(job, next)) send("target", targetView(target));
    if (next.status !== job.status || JSON.stringify(next.counts) !== JSON.stringify(job.counts)) {
      const summary = jobSummaryView(next, now());
      send("progress", {
        status: summary.status,
        statusText: summary.statusText,
        counts: summary.counts,
        progress: summary.progress,
      });
      lastBeat = Date.now();
    } else if (Date.now() - lastBeat >= (options.heartbeatMs ?? 15_000)) {
      res.write(": still working\n\n");
      lastBeat = Date.now();
    }
    job = next;
  }
  if (!closed) {
    send("end", jobSummaryView(job, now()));
    res.end();
  }
}

function changedTargets(before: RetractionJobDetail, after: RetractionJobDetail) {
  const seen = new Map(before.targets.map((t) => [t.mailbox, t.updatedAt.getTime()]));
  return after.targets.filter((t) => seen.get(t.mailbox) !== t.updatedAt.getTime());
}
