// Finds the mailbox a request names and checks the caller may look into it, before anything is read
// from it: role holders may read any mailbox in scope, everyone else only their own (by object id, never
// by address: an address can be reassigned, an object id cannot).
import type { Operation } from "../auth/accessRules.js";
import { requireOwnerOrRole } from "../auth/authorize.js";
import type { Principal } from "../auth/principal.js";
import type { GraphGateway } from "../graph/graphClient.js";

export type MailboxIdentity = { userPrincipalName: string; objectId: string; displayName: string | null };

/**
 * @example const mailbox = await openMailbox(graph, principal, "items.status", "adele.vance@contoso.com");
 * @throws AppError 404 MAILBOX_NOT_FOUND, 403 NOT_YOUR_MAILBOX
 */
export async function openMailbox(
  graph: GraphGateway,
  principal: Principal,
  operation: Operation,
  address: string
): Promise<MailboxIdentity> {
  const { value: user } = await graph.getUser(address);
  requireOwnerOrRole(principal, operation, user.id);
  return {
    userPrincipalName: user.userPrincipalName ?? address,
    objectId: user.id.toLowerCase(),
    displayName: user.displayName ?? null,
  };
}
