// The plan's sentences: why a mailbox or address is part of a retraction ("forwarded by Patti Fernandez
// at depth 2 (To recipient)") and why a recipient cannot be retracted, in words an admin can act on.
import type { Inclusion, NotRetractableReason } from "./discoveryTypes.js";

export type RecipientField = "to" | "cc" | "bcc";

/** What a message of the plan is, judged from its subject's prefix. */
export type MessageKind = "original" | "forward" | "reply" | "message";

/** The message that brought a recipient in. */
export type Origin = {
  internetMessageId: string;
  depth: number;
  kind: MessageKind;
  /** Who sent it (display name, else address): named for every message after the original. */
  by: string | null;
};

/** How an address came to be on the message: its field and, for a member of a group, the group. */
export type Route = { field: RecipientField; via?: string | null };

const fieldNames: Record<RecipientField, string> = { to: "To", cc: "Cc", bcc: "Bcc" };

/**
 * A forward or a reply by its subject's first prefix (FW:, Fwd:, RE:); any other message of the
 * conversation is just a message.
 * @example messageKind("FW: FW: Action required") // → "forward"
 */
export function messageKind(subject: string | null | undefined): Exclude<MessageKind, "original"> {
  const prefix = /^\s*(fwd?|re)\s*:/i.exec(subject ?? "")?.[1]?.toLowerCase();
  return prefix === "re" ? "reply" : prefix ? "forward" : "message";
}

function routeText(route: Route): string {
  const via = route.via ? ` via ${route.via}` : "";
  const bcc = route.field === "bcc" ? ", seen on the sender's copy" : "";
  return `${fieldNames[route.field]} recipient${via}${bcc}`;
}

function originText(origin: Origin): string {
  const by = origin.by ?? "an unknown sender";
  const at = `at depth ${origin.depth}`;
  if (origin.kind === "forward") return `forwarded by ${by} ${at}`;
  if (origin.kind === "reply") return `in a reply by ${by} ${at}`;
  return `in a message by ${by} in the same conversation ${at}`;
}

/**
 * Why a recipient of a plan message is included.
 * @example recipientInclusion({ internetMessageId: "<m@x>", depth: 0, kind: "original", by: null }, { field: "cc", via: "Finance Team" }).text
 *          // → "Cc recipient via Finance Team"
 * @example recipientInclusion({ internetMessageId: "<f@x>", depth: 2, kind: "forward", by: "Patti Fernandez" }, { field: "to" }).text
 *          // → "forwarded by Patti Fernandez at depth 2 (To recipient)"
 */
export function recipientInclusion(origin: Origin, route: Route): Inclusion {
  const text = origin.depth === 0 ? routeText(route) : `${originText(origin)} (${routeText(route)})`;
  return { depth: origin.depth, internetMessageId: origin.internetMessageId, text };
}

/**
 * Why the mailbox the admin opened the message in is included.
 * @example openedInInclusion("<m@x>") // → { depth: 0, internetMessageId: "<m@x>", text: "the message was opened in this mailbox" }
 */
export function openedInInclusion(internetMessageId: string): Inclusion {
  return { depth: 0, internetMessageId, text: "the message was opened in this mailbox" };
}

/**
 * Why a recipient cannot be retracted, naming the address (and its domain where that is the reason).
 * @example refusalText("external", "auditor@tailspintoys.com", "tailspintoys.com")
 *          // → "auditor@tailspintoys.com is outside the tenant (tailspintoys.com is not one of its domains); the API cannot reach that copy."
 */
export function refusalText(reason: NotRetractableReason, address: string, domain?: string | null): string {
  switch (reason) {
    case "external":
      return `${address} is outside the tenant (${domain ?? "its domain"} is not one of its domains); the API cannot reach that copy.`;
    case "unverifiedDomain":
      return `${domain ?? "The domain of " + address} is added to the tenant but not verified, so ${address} is not treated as a tenant mailbox; verify the domain to retract there.`;
    case "noMailbox":
      return `${address} has no Exchange Online mailbox (a contact, a guest, an unlicensed or on-premises user), so there is no copy to retract.`;
    case "outOfScope":
      return `The API app's mailbox scope (an application access policy or RBAC for Applications) excludes ${address}; widen the scope to retract there.`;
    case "copyNotFound":
      return `${address} holds no copy: it was deleted or moved out of reach already, or never delivered.`;
    case "unresolved":
      return domain
        ? `${address} is at a domain of the tenant but matches no user or group in the directory.`
        : `${address} is not an email address the directory can resolve.`;
  }
}
