// POST /api/retractions/preview: the plan for a retraction, without acting: every mailbox that would be
// touched, each copy's predicted fate under the chosen mode, every recipient that cannot be retracted and
// why, and whether a second person must approve. The plan (discovery's findings, then the planned
// targets) is staged in the database while it is built and streamed from there, so its size does not
// weigh on the API's memory.
import { Router } from "express";
import type { FeatureRoutes } from "../app.js";
import { authorize } from "../auth/authorize.js";
import type { RouteDoc } from "../http/openapi.js";
import { parseInput } from "../http/validate.js";
import type { Services } from "../services.js";
import { buildPlan, planSchema } from "./plan/buildPlan.js";
import { discoverIntoPlan } from "./plan/discoverIntoPlan.js";
import { streamPlan } from "./plan/streamPlan.js";
import { previewRequestSchema } from "./retractionRequest.js";
import { withPlan } from "./store/planEntries.js";

export const previewDocs: RouteDoc[] = [
  {
    method: "post",
    path: "/api/retractions/preview",
    summary:
      "The plan of a retraction: targets, copies, predicted outcome per copy, what cannot be retracted",
    operation: "retractions.preview",
    body: previewRequestSchema,
    response: planSchema,
  },
];

export function previewRoutes(services: Services): FeatureRoutes {
  const router = Router();
  router.post("/api/retractions/preview", authorize("retractions.preview"), async (req, res) => {
    const request = parseInput(previewRequestSchema, req.body, "body");
    const { db } = services;
    await withPlan(db, new Date(services.now()), async (planId) => {
      const { messages } = await discoverIntoPlan(services, request, planId);
      const summary = await buildPlan(services, planId, request, { messages });
      await streamPlan(res, db, planId, summary);
    });
  });
  return { router, docs: previewDocs };
}
