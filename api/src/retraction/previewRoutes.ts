// POST /api/retractions/preview: the plan for a retraction, without acting: every mailbox that would be
// touched, each copy's predicted fate under the chosen mode, every recipient that cannot be retracted and
// why, and whether a second person must approve.
import { Router } from "express";
import type { FeatureRoutes } from "../app.js";
import { authorize } from "../auth/authorize.js";
import type { RouteDoc } from "../http/openapi.js";
import { parseInput } from "../http/validate.js";
import type { Services } from "../services.js";
import { discoverRecipients } from "./discovery/discoverRecipients.js";
import { buildPlan, planSchema } from "./plan/buildPlan.js";
import { previewRequestSchema } from "./retractionRequest.js";

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
    const concurrency = services.config.MAILBOXES_AT_ONCE;
    const discovery = await discoverRecipients({ graph: services.graph, concurrency }, request);
    res.json(await buildPlan(services, discovery, request, { concurrency }));
  });
  return { router, docs: previewDocs };
}
