// GET /api/readiness for holders of Retract.Run: what the API holds and can reach in Microsoft 365, per
// domain whether retraction can work, and what an admin must grant or fix (with the consent link).
import { Router } from "express";
import type { FeatureRoutes } from "../app.js";
import { authorize } from "../auth/authorize.js";
import type { RouteDoc } from "../http/openapi.js";
import type { Services } from "../services.js";
import { assessReadiness } from "./assessReadiness.js";
import { gatherReadiness } from "./gatherReadiness.js";
import { readinessSchema } from "./readinessSchema.js";

export const readinessDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/api/readiness",
    summary:
      "Application permissions the API holds, verified domains, mailbox scope, per-domain retraction readiness and what is missing",
    operation: "readiness",
    response: readinessSchema,
  },
];

/**
 * The readiness feature. Each call asks Microsoft 365 afresh, so a grant an admin just made shows at once
 * (within the token's lifetime: permissions show in new tokens only).
 * @example app.use(readinessRoutes(services).router);
 */
export function readinessRoutes(services: Services): FeatureRoutes {
  const router = Router();
  router.get("/api/readiness", authorize("readiness"), async (_req, res) => {
    const report = assessReadiness(await gatherReadiness(services));
    res.setHeader("Cache-Control", "no-store");
    res.json(readinessSchema.parse(report));
  });
  return { router, docs: readinessDocs };
}
