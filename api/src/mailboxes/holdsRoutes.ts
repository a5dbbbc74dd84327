// GET /api/mailboxes/{upn}/holds: every hold on a mailbox in plain words, with Single Item Recovery, the
// deleted-item retention and how full Recoverable Items is: what helpdesk needs to answer "why is this
// still here?" and "why is my mailbox full?".
import { Router } from "express";
import { z } from "zod";
import type { FeatureRoutes } from "../app.js";
import { authorize, principalOf } from "../auth/authorize.js";
import { mailboxAddress } from "../http/inputFields.js";
import type { RouteDoc } from "../http/openapi.js";
import { parseInput } from "../http/validate.js";
import { mailboxHoldsSchema } from "../rules/mailboxHoldsSchema.js";
import type { Services } from "../services.js";
import { openMailbox } from "./mailboxAccess.js";
import { auditMailboxRead } from "./mailboxReadAudit.js";
import { readMailboxState } from "./mailboxState.js";
import { holdsAsOf } from "./rulesInput.js";

export const holdsParamsSchema = z.object({
  upn: mailboxAddress.describe("The mailbox (UPN or SMTP address)"),
});

export const mailboxHoldsResponseSchema = z.object({
  mailbox: z.object({
    userPrincipalName: z.string(),
    objectId: z.string(),
    displayName: z.string().nullable(),
  }),
  retentionPolicy: z.string().nullable(),
  holds: mailboxHoldsSchema,
  /** What could not be read, in words. */
  problems: z.array(z.string()),
});

export const holdsDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/api/mailboxes/{upn}/holds",
    summary: "Every hold on a mailbox decoded, with deleted-item retention and Recoverable Items usage",
    operation: "mailboxes.holds",
    params: holdsParamsSchema,
    response: mailboxHoldsResponseSchema,
  },
];

export function holdsRoutes(services: Services): FeatureRoutes {
  const { graph, exchange, db, now } = services;
  const router = Router();

  router.get("/api/mailboxes/:upn/holds", authorize("mailboxes.holds"), async (req, res) => {
    const { upn } = parseInput(holdsParamsSchema, req.params, "path");
    const principal = principalOf(res);
    const mailbox = await openMailbox(graph, principal, "mailboxes.holds", upn);
    const [state, recoverable] = await Promise.all([
      readMailboxState(services, mailbox.userPrincipalName),
      exchange.getMailboxFolderStatistics(mailbox.userPrincipalName, "RecoverableItems"),
    ]);
    const holds = holdsAsOf(state, new Date(now()).toISOString(), recoverable);
    await auditMailboxRead(db, principal, { action: "mailbox.holds.read", mailbox });
    res.json(
      mailboxHoldsResponseSchema.parse({
        mailbox,
        retentionPolicy: state.retentionPolicy,
        holds,
        problems: state.problems,
      })
    );
  });

  return { router, docs: holdsDocs };
}
