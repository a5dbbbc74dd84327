// The tenant-wide sweep: every mailbox of the directory searched for the message, to find those it
// reached without naming them (Bcc, a list's member since removed). Mailboxes the app may not open or
// without a copy are left out: they are not recipients, and listing thousands would bury the plan.
import type { GraphGateway } from "../../graph/graphClient.js";
import { mapWithConcurrency } from "../../mapWithConcurrency.js";
import type { Inclusion } from "./discoveryTypes.js";
import { lookInMailbox } from "./lookInMailbox.js";
import { mailboxOfUser } from "./mailboxRef.js";
import type { Finding } from "./mergeFindings.js";

/**
 * Targets for every mailbox holding the message that discovery did not already reach (`skip`: object
 * ids of those, and of the sender, whose own copies are never retracted).
 * @example await sweepTenant({ graph, limit: 8 }, "<demo-phish-0001@fabrikam.com>", new Set([senderId]))
 *          // → [{ kind: "target", mailbox: diego, copies: [...], why: sweepInclusion(...) }]
 */
export async function sweepTenant(
  ctx: { graph: GraphGateway; limit: number },
  internetMessageId: string,
  skip: ReadonlySet<string>
): Promise<Finding[]> {
  const { value: users } = await ctx.graph.listUsers();
  const candidates = users.filter((u) => !skip.has(u.id)).map(mailboxOfUser);
  const lookups = await mapWithConcurrency(candidates, ctx.limit, (mailbox) =>
    lookInMailbox(ctx.graph, mailbox, internetMessageId)
  );
  const why: Inclusion = {
    depth: 0,
    internetMessageId,
    text: "found by the tenant-wide sweep (not named among the recipients: Bcc, or a list's former member)",
  };
  return lookups.flatMap((lookup, i): Finding[] =>
    lookup.kind === "copies" ? [{ kind: "target", mailbox: candidates[i]!, copies: lookup.copies, why }] : []
  );
}
