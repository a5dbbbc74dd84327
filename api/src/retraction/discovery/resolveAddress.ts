// From an address on a message to the mailboxes it delivered to: the tenant's domains decide whether it
// can be internal at all; the directory (mail and proxyAddresses) says which user or group it is; a
// group is expanded to its transitive members, a page at a time. Each address is looked up once per
// discovery; a group's members are read again each time it is met, rather than held for the whole
// discovery (a list of 100,000 would be held for minutes).
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

/** Where an address leads, a page at a time: one page for a user or a refusal, a group's members page by page. */
export type ResolveAddress = (address: string) => AsyncIterable<Reach[]>;

/** What an address is, once looked up: where it leads, or the group whose members it leads to. */
type Resolved =
  { reaches: Reach[] } | { groupId: string; via: string; address: string; domain: string | null };

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
 * group deleted before or while it is expanded counts as unresolved (after the members already read).
 * @example const resolve = createResolver(graph, (await graph.listDomains()).value);
 *          for await (const page of resolve("finance-team@contoso.com")) ...
 *          // → [{ kind: "mailbox", mailbox: lynne, via: "Finance Team" }, ...]
 */
export function createResolver(graph: GraphGateway, domains: readonly TenantDomain[]): ResolveAddress {
  const known = new Map<string, Promise<Resolved>>();

  async function lookUp(address: string): Promise<Resolved> {
    const { kind, domain } = classifyAddress(address, domains);
    if (kind === "malformed") return { reaches: [refused(address, "unresolved", null)] };
    if (kind === "external") return { reaches: [refused(address, "external", domain)] };
    if (kind === "unverified") return { reaches: [refused(address, "unverifiedDomain", domain)] };
    const { value: found } = await graph.findRecipientByAddress(address);
    if (!found) return { reaches: [refused(address, "unresolved", domain)] };
    if (found.kind === "user")
      return { reaches: [{ kind: "mailbox", mailbox: mailboxOfUser(found), via: null }] };
    return { groupId: found.id, via: found.displayName ?? found.mail ?? address, address, domain };
  }

  async function* reachesOf(address: string): AsyncGenerator<Reach[]> {
    const key = address.trim().toLowerCase();
    let resolved = known.get(key);
    if (!resolved) {
      resolved = lookUp(address.trim());
      known.set(key, resolved);
    }
    const found = await resolved;
    if ("reaches" in found) {
      yield found.reaches;
      return;
    }
    try {
      for await (const { value: members } of graph.transitiveMembers(found.groupId))
        yield members.flatMap((m) => memberReach(m, found.via, domains));
    } catch (err) {
      if (!(err instanceof AppError && err.code === "GROUP_NOT_FOUND")) throw err;
      yield [refused(found.address, "unresolved", found.domain, { objectId: found.groupId })];
    }
  }

  return reachesOf;
}
