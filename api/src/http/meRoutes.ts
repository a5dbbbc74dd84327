// GET /api/me: who the API thinks the caller is and what they may do, so the add-in can show only the
// views the user can use.
import { Router } from "express";
import { z } from "zod";
import { principalOf } from "../auth/authorize.js";
import { accessRules, type Operation } from "../auth/accessRules.js";
import { appRoles } from "../auth/principal.js";
import type { RouteDoc } from "./openapi.js";

export const meSchema = z.object({
  tenantId: z.string(),
  objectId: z.string(),
  userPrincipalName: z.string(),
  name: z.string(),
  roles: z.array(z.enum(appRoles)),
  /** Operations the caller may use (owner-only operations included: they apply to their own mailbox). */
  allowed: z.array(z.string()),
});

export const meDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/api/me",
    summary: "The signed-in user, their roles and what they may do",
    response: meSchema,
  },
];

export function meRoutes(): Router {
  const router = Router();
  router.get("/api/me", (_req, res) => {
    const principal = principalOf(res);
    const allowed = (Object.keys(accessRules) as Operation[]).filter((operation) => {
      const rule = accessRules[operation];
      return (
        ("mailboxOwner" in rule && rule.mailboxOwner) || rule.roles.some((role) => principal.roles.has(role))
      );
    });
    res.json(
      meSchema.parse({
        tenantId: principal.tenantId,
        objectId: principal.objectId,
        userPrincipalName: principal.userPrincipalName,
        name: principal.name,
        roles: [...principal.roles],
        allowed,
      })
    );
  });
  return router;
}
