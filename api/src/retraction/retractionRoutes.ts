// The retraction job routes: submit (202 with the job id), a message's history, one job with every
// target, its progress as Server-Sent Events, approve and reject by a second person, and undo of a soft
// retraction. Work happens in the workers (execute/); these routes write requests and read state.
import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { FeatureRoutes } from "../app.js";
import { authorize, principalOf } from "../auth/authorize.js";
import { internetMessageId } from "../http/inputFields.js";
import type { RouteDoc } from "../http/openapi.js";
import { parseInput } from "../http/validate.js";
import type { Services } from "../services.js";
import { streamJobEvents } from "./jobEvents.js";
import { jobDetailSchema, jobDetailView, jobSummarySchema, jobSummaryView } from "./jobView.js";
import { submitRequestSchema } from "./retractionRequest.js";
import { decide } from "./store/decide.js";
import { getJob } from "./store/getJob.js";
import { getJobSummary } from "./store/jobSummary.js";
import type { RetractionJob } from "./store/jobTypes.js";
import { listJobs } from "./store/listJobs.js";
import { startUndo } from "./store/startUndo.js";
import { submitRetraction } from "./submitRetraction.js";

const idParams = z.object({ id: z.string().describe("The retraction's id (from POST /api/retractions)") });
const historyQuery = z.object({
  internetMessageId: internetMessageId.describe("The message whose retractions to list"),
});
const decisionBody = z
  .object({ comment: z.string().trim().max(1000).optional().describe("Why, in the approver's words") })
  .strict();
export const acceptedSchema = z.object({
  id: z.string(),
  status: jobSummarySchema.shape.status,
  statusText: z.string(),
  approval: jobSummarySchema.shape.approval,
  targetCount: z.number().int(),
  /** Where to follow the job. */
  links: z.object({ self: z.string(), events: z.string() }),
});

export const retractionDocs: RouteDoc[] = [
  {
    method: "post",
    path: "/api/retractions",
    summary: "Submits a retraction of the included mailboxes; it runs, or waits for approval",
    operation: "retractions.submit",
    headers: z.object({
      "Idempotency-Key": z
        .string()
        .describe("Required: a new unique value per retraction; the same key and body return the same job"),
    }),
    body: submitRequestSchema,
    response: acceptedSchema,
    status: 202,
  },
  {
    method: "get",
    path: "/api/retractions",
    summary: "Every retraction of a message (or of a forward or reply of it), newest first",
    operation: "retractions.read",
    query: historyQuery,
    response: z.object({ value: z.array(jobSummarySchema) }),
  },
  {
    method: "get",
    path: "/api/retractions/{id}",
    summary: "A retraction with every target's status, outcome, copies and Graph request ids",
    operation: "retractions.read",
    params: idParams,
    response: jobDetailSchema,
  },
  {
    method: "get",
    path: "/api/retractions/{id}/events",
    summary: "Progress as Server-Sent Events: snapshot, target, progress (with time left) and end",
    operation: "retractions.events",
    params: idParams,
    response: z.string().describe("text/event-stream"),
    contentType: "text/event-stream",
  },
  {
    method: "post",
    path: "/api/retractions/{id}/approve",
    summary: "Approves a retraction waiting for approval (not by its requester)",
    operation: "retractions.approve",
    params: idParams,
    body: decisionBody,
    response: jobSummarySchema,
  },
  {
    method: "post",
    path: "/api/retractions/{id}/reject",
    summary: "Rejects a retraction waiting for approval (not by its requester); nothing is retracted",
    operation: "retractions.approve",
    params: idParams,
    body: decisionBody,
    response: jobSummarySchema,
  },
  {
    method: "post",
    path: "/api/retractions/{id}/undo",
    summary: "Moves every copy of a finished soft retraction back to its original folder",
    operation: "retractions.undo",
    params: idParams,
    response: acceptedSchema,
    status: 202,
  },
];

const jobIdOf = (req: Request) => parseInput(idParams, req.params, "path").id;

export function retractionRoutes(services: Services): FeatureRoutes {
  const { db } = services;
  const router = Router();
  const now = () => new Date(services.now());
  const accepted = async (res: Response, job: RetractionJob) => {
    const view = jobSummaryView(await getJobSummary(db, job.id), now());
    const self = `/api/retractions/${job.id}`;
    res
      .status(202)
      .location(self)
      .json({
        id: view.id,
        status: view.status,
        statusText: view.statusText,
        approval: view.approval,
        targetCount: view.targetCount,
        links: { self, events: `${self}/events` },
      });
  };

  router.post("/api/retractions", authorize("retractions.submit"), async (req, res) => {
    const { job } = await submitRetraction(services, principalOf(res), req.get("Idempotency-Key"), req.body);
    await accepted(res, job);
  });

  router.get("/api/retractions", authorize("retractions.read"), async (req, res) => {
    const query = parseInput(historyQuery, req.query, "query");
    const jobs = await listJobs(db, query);
    res.json({ value: jobs.map((job) => jobSummaryView(job, now())) });
  });

  router.get("/api/retractions/:id", authorize("retractions.read"), async (req, res) => {
    res.json(jobDetailView(await getJob(db, jobIdOf(req)), now()));
  });

  router.get("/api/retractions/:id/events", authorize("retractions.events"), async (req, res) => {
    await streamJobEvents(
      { db, now: services.now, pollMs: services.config.RETRACTION_POLL_MS },
      jobIdOf(req),
      req,
      res
    );
  });

  for (const decision of ["approve", "reject"] as const) {
    router.post(`/api/retractions/:id/${decision}`, authorize("retractions.approve"), async (req, res) => {
      const { comment } = parseInput(decisionBody, req.body ?? {}, "body");
      const job = await decide(db, {
        jobId: jobIdOf(req),
        approver: principalOf(res),
        decision,
        comment,
        now: now(),
      });
      if (job.status === "queued") services.retractions.wake();
      res.json(jobSummaryView(await getJobSummary(db, job.id), now()));
    });
  }

  router.post("/api/retractions/:id/undo", authorize("retractions.undo"), async (req, res) => {
    const job = await startUndo(db, { jobId: jobIdOf(req), requester: principalOf(res), now: now() });
    services.retractions.wake();
    await accepted(res, job);
  });

  return { router, docs: retractionDocs };
}
