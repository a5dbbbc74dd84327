// Looking for a plan message in one mailbox: its copies, each matched exactly on Internet Message-ID, or
// the reason the mailbox cannot be retracted. A mailbox the app may not open, a user without a mailbox
// and a missing copy are answers about that recipient, not failures of the discovery.
import { AppError } from "../../errors.js";
import type { GraphGateway } from "../../graph/graphClient.js";
import type { MessageCopy } from "../../graph/graphTypes.js";
import type { FoundCopy, NotRetractableReason } from "./discoveryTypes.js";
import type { MailboxRef } from "./mailboxRef.js";

export type MailboxLookup =
  | {
      kind: "copies";
      copies: FoundCopy[];
      /** The copies' conversations in this mailbox (conversationId is mailbox-specific), for following. */
      conversationIds: string[];
    }
  | { kind: "refused"; reason: NotRetractableReason };

const reasonsByCode: Record<string, NotRetractableReason> = {
  MAILBOX_OUT_OF_SCOPE: "outOfScope",
  NO_MAILBOX: "noMailbox",
  MAILBOX_NOT_FOUND: "noMailbox",
  ITEM_NOT_FOUND: "copyNotFound",
};

/**
 * The refusal a failed lookup means for its recipient; undefined for failures the caller must see
 * (throttling, Graph unavailable, missing permissions).
 * @example lookupRefusal(new AppError(403, "MAILBOX_OUT_OF_SCOPE", "...")) // → "outOfScope"
 */
export function lookupRefusal(err: unknown): NotRetractableReason | undefined {
  return err instanceof AppError ? reasonsByCode[err.code] : undefined;
}

/**
 * A Graph copy as the plan keeps it, or null unless its Internet Message-ID is exactly `internetMessageId`
 * (the gateway filters already; a copy reaches the plan only through an exact match).
 * @example foundCopy(copy, "<demo-phish-0001@fabrikam.com>")?.parentFolderId // → the inbox's id
 */
export function foundCopy(copy: MessageCopy, internetMessageId: string): FoundCopy | null {
  if (copy.internetMessageId !== internetMessageId) return null;
  return {
    id: copy.id,
    internetMessageId: copy.internetMessageId,
    parentFolderId: copy.parentFolderId ?? "",
    receivedDateTime: copy.receivedDateTime ?? null,
    isRead: copy.isRead ?? false,
    subject: copy.subject ?? "",
    from: copy.from?.emailAddress?.address ?? null,
    sentDateTime: copy.sentDateTime ?? null,
    ...(copy.retention ? { retention: copy.retention } : {}),
  };
}

/**
 * The mailbox's copies of the message, or why there are none to retract.
 * @example await lookInMailbox(graph, pradeep, "<demo-phish-0001@fabrikam.com>") // → { kind: "refused", reason: "outOfScope" }
 */
export async function lookInMailbox(
  graph: GraphGateway,
  mailbox: MailboxRef,
  internetMessageId: string
): Promise<MailboxLookup> {
  let listed: MessageCopy[];
  try {
    listed = (await graph.findCopies(mailbox.upn, internetMessageId, { retentionProperties: true })).value;
  } catch (err) {
    const reason = lookupRefusal(err);
    if (reason) return { kind: "refused", reason };
    throw err;
  }
  return lookupOf(listed, internetMessageId);
}

/**
 * What a mailbox's listed copies amount to: the exact matches and their conversations, or copyNotFound.
 * @example lookupOf([], "<m@x>") // → { kind: "refused", reason: "copyNotFound" }
 */
export function lookupOf(listed: readonly MessageCopy[], internetMessageId: string): MailboxLookup {
  const exact = listed.filter((c) => c.internetMessageId === internetMessageId);
  if (exact.length === 0) return { kind: "refused", reason: "copyNotFound" };
  return {
    kind: "copies",
    copies: exact.map((c) => foundCopy(c, internetMessageId)!),
    conversationIds: [...new Set(exact.flatMap((c) => (c.conversationId ? [c.conversationId] : [])))],
  };
}
