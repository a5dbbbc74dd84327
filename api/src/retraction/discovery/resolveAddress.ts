// From an address on a message to the mailboxes it delivered to: the tenant's domains decide whether it
// can be internal at all; the directory (mail and proxyAddresses) says which user or group it is; a
// group is expanded to its transitive members. Each address is looked up once per discovery.
import { AppError } from "../../errors.js";
import type { GraphGateway } from "../../graph/graphClient.js";
import type { GroupMember } from "../../graph/graphTypes.js";
import { classifyAddress, type TenantDomain } from "./classifyAddress.js";
import type { NotRetractableReason } from "./discoveryTypes.js";
import { mailboxOfMember, mailboxOfUser, type MailboxRef } from "./mailboxRef.js";

/** Where an address leads: a mailbox (directly or as a group's member), or a reason it leads nowhere. */
export type Reach =
  | { kind: "mailbox"; mailbox: MailboxRef; via: string | null }
  | {
      kind: "refused";
      address: string;
      objectId: string | null;
      domain: string | null;
      reason: NotRetractableReason;
      via: string | null;
    };

export type ResolveAddress = (address: string) => Promise<Reach[]>;

const refused = (
  address: string,
  reason: NotRetractableReason,
  domain: string | null,
  extra: { objectId?: string | null; via?: string | null } = {}
): Reach => ({
  kind: "refused",
  address,
  reason,
  domain,
  objectId: extra.objectId ?? null,
  via: extra.via ?? null,
});

/** A group member: a user is a mailbox to look in; a contact is judged by its address; a nested group was flattened already. */
function memberReach(member: GroupMember, via: string, domains: readonly TenantDomain[]): Reach[] {
  if (member.kind === "user") return [{ kind: "mailbox", mailbox: mailboxOfMember(member), via }];
  if (member.kind === "group" || !member.mail) return [];
  const { kind, domain } = classifyAddress(member.mail, domains);
  const reason = kind === "external" ? "external" : kind === "unverified" ? "unverifiedDomain" : "noMailbox";
  return [refused(member.mail, reason, domain, { objectId: member.id, via })];
}

/**
 * A memoized resolver over the tenant's domains. Throttling and other upstream failures propagate; a
 * group deleted between lookup and expansion counts as unresolved.
 * @example const resolve = createResolver(graph, (await graph.listDomains()).value);
 *          await resolve("finance-team@contoso.com") // → [{ kind: "mailbox", mailbox: lynne, via: "Finance Team" }, ...]
 */
export function createResolver(graph: GraphGateway, domains: readonly TenantDomain[]): ResolveAddress {
  const known = new Map<string, Promise<Reach[]>>();

  async function resolve(address: string): Promise<Reach[]> {
    const { kind, domain } = classifyAddress(address, domains);
    if (kind === "malformed") return [refused(address, "unresolved", null)];
    if (kind === "external") return [refused(address, "external", domain)];
    if (kind === "unverified") return [refused(address, "unverifiedDomain", domain)];
    const { value: found } = await graph.findRecipientByAddress(address);
    if (!found) return [refused(address, "unresolved", domain)];
    if (found.kind === "user") return [{ kind: "mailbox", mailbox: mailboxOfUser(found), via: null }];
    const via = found.displayName ?? found.mail ?? address;
    try {
      const { value: members } = await graph.transitiveMembers(found.id);
      return members.flatMap((m) => memberReach(m, via, domains));
    } catch (err) {
      if (err instanceof AppError && err.code === "GROUP_NOT_FOUND")
        return [refused(address, "unresolved", domain, { objectId: found.id })];
      throw err;
    }
  }

  return (address) => {
    const key = address.trim().toLowerCase();
    let reach = known.get(key);
    if (!reach) {
      reach = resolve(address.trim());
      known.set(key, reach);
    }
    return reach;
  };
}
