// GET /api/items/status: what will happen to one message in one mailbox. The copy is found by its
// Internet Message-ID; its retention stamp and folder (Graph), the mailbox's holds and policy (Exchange)
// become the rules' scenario, and the rules' explanation comes back with the mailbox's holds.
import { Router } from "express";
import { z } from "zod";
import type { FeatureRoutes } from "../app.js";
import { authorize, principalOf } from "../auth/authorize.js";
import { AppError } from "../errors.js";
import type { RouteDoc } from "../http/openapi.js";
import { parseInput } from "../http/validate.js";
import { mailboxAddress, internetMessageId } from "../http/inputFields.js";
import { createFolderNamer } from "../mailboxes/folderNames.js";
import { openMailbox } from "../mailboxes/mailboxAccess.js";
import { holdsRoleFor } from "../auth/authorize.js";
import { auditMailboxRead } from "../mailboxes/mailboxReadAudit.js";
import { mailboxHoldsSchema } from "../rules/mailboxHoldsSchema.js";
import { explanationSchema } from "../rules/explanation.js";
import { explainRulesInput, holdsAsOf } from "../mailboxes/rulesInput.js";
import type { Services } from "../services.js";
import { readCopyFacts, readMailboxFacts } from "./copyFacts.js";
import { buildItemScenario } from "./itemScenario.js";

export const itemStatusQuerySchema = z.object({
  mailbox: mailboxAddress.describe("The mailbox (UPN or SMTP address) whose copy to explain"),
  internetMessageId: internetMessageId.describe("The message's Internet Message-ID, angle brackets included"),
});

const mailboxSchema = z.object({
  userPrincipalName: z.string(),
  objectId: z.string(),
  displayName: z.string().nullable(),
});

export const itemStatusSchema = z.object({
  asOf: z.iso.datetime(),
  mailbox: mailboxSchema,
  item: z.object({
    internetMessageId: z.string(),
    subject: z.string(),
    receivedDateTime: z.string().nullable(),
    /** The folder as the rules name it: a well-known name ("inbox") or the user folder's name. */
    folder: z.string(),
    /** How many copies of the message this mailbox holds outside Recoverable Items (the first is explained). */
    copiesInMailbox: z.number().int().min(1),
  }),
  explanation: explanationSchema,
  /** The same copy if the user deleted it now (Delete, then what retention and holds do with it). */
  ifDeletedToday: explanationSchema,
  holds: mailboxHoldsSchema,
  /** What could not be read, in words; the explanation then takes the safe reading. */
  problems: z.array(z.string()),
  /** The rules' input for this answer: save it and run `npm run explain -- FILE` to reproduce it. */
  scenario: z.record(z.string(), z.unknown()),
});

export const itemStatusDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/api/items/status",
    summary: "One message in one mailbox: its retention tag, expiry, the holds that keep it and its timeline",
    operation: "items.status",
    query: itemStatusQuerySchema,
    response: itemStatusSchema,
  },
];

export function itemStatusRoutes(services: Services): FeatureRoutes {
  const { graph, db, now } = services;
  const folderName = createFolderNamer(graph, now);
  const router = Router();

  router.get("/api/items/status", authorize("items.status"), async (req, res) => {
    const query = parseInput(itemStatusQuerySchema, req.query, "query");
    const principal = principalOf(res);
    // The reads start alongside the mailbox check, not after it (a Graph round trip less): a role holder
    // may read any mailbox in scope, and anyone else reads by their own object id, so nothing of another
    // person's mailbox is read for someone who may not see it. Nothing is used before the check passes.
    const readFrom = holdsRoleFor(principal, "items.status") ? query.mailbox : principal.objectId;
    const reading = Promise.all([
      graph.findCopies(readFrom, query.internetMessageId, { retentionProperties: true }),
      readMailboxFacts(services, readFrom),
    ]);
    reading.catch(() => undefined); // a failed check answers first; the reads' own failure is awaited below
    const mailbox = await openMailbox(graph, principal, "items.status", query.mailbox);
    const address = mailbox.userPrincipalName;
    const [copies, facts] = await reading;
    const copy = copies.value[0];
    if (!copy)
      throw new AppError(
        404,
        "ITEM_NOT_FOUND",
        `${address} holds no message with Internet Message-ID ${query.internetMessageId} outside Recoverable Items: it was never delivered there, or it has been deleted or retracted.`
      );
    const asOf = new Date(now()).toISOString();
    const item = await readCopyFacts(graph, folderName, address, facts, copy, asOf);
    const { scenario, problems } = buildItemScenario(item);
    const explanation = explainRulesInput(scenario);
    const ifDeletedToday = explainRulesInput({ ...scenario, events: [{ at: asOf, action: "softDelete" }] });
    await auditMailboxRead(db, principal, {
      action: "item.status.read",
      mailbox,
      internetMessageId: query.internetMessageId,
    });
    res.json(
      itemStatusSchema.parse({
        asOf,
        mailbox,
        item: {
          internetMessageId: query.internetMessageId,
          subject: copy.subject ?? "",
          receivedDateTime: copy.receivedDateTime ?? null,
          folder: item.folder,
          copiesInMailbox: copies.value.length,
        },
        explanation,
        ifDeletedToday,
        holds: holdsAsOf(facts.state, asOf, null),
        problems: [...facts.problems, ...problems],
        scenario,
      })
    );
  });

  return { router, docs: itemStatusDocs };
}
