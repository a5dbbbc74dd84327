// Liveness and self-description routes, open without sign-in.
import { Router } from "express";
import { z } from "zod";
import type { RouteDoc } from "./openapi.js";

const healthSchema = z.object({ status: z.literal("ok"), version: z.string() });

export const healthDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/healthz",
    summary: "Liveness: the process is up",
    public: true,
    response: healthSchema,
  },
  {
    method: "get",
    path: "/api/openapi.json",
    summary: "This document",
    public: true,
    response: z.record(z.string(), z.unknown()),
  },
];

export function healthRoutes(version: string, openApi: () => Record<string, unknown>): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json(healthSchema.parse({ status: "ok", version }));
  });
  router.get("/api/openapi.json", (_req, res) => {
    res.json(openApi());
  });
  return router;
}
