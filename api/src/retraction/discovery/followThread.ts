// Following a message through forwards and replies, one depth at a time: in each mailbox holding a copy,
// the messages of the same conversation that the mailbox's owner sent, answering (In-Reply-To or
// References) a message already in the plan, become the plan's next messages; their recipients are the
// next depth. Every message enters the plan once (the visited set), so a thread that loops between
// mailboxes ends, and nothing is followed past the chosen depth.
import type { InternetMessageHeader } from "@microsoft/microsoft-graph-types";
import type { MessageCopy } from "../../graph/graphTypes.js";
import { messageKind, type MessageKind, type RecipientField } from "./inclusionText.js";
import { ownsAddress, type MailboxRef } from "./mailboxRef.js";

/** A recipient as a message lists it. */
export type Addressee = { address: string; name: string | null; field: RecipientField };

/** What following needs of a message, whichever way Graph gave its threading headers. */
export type ThreadMessage = {
  internetMessageId: string;
  subject: string;
  from: string | null;
  fromName: string | null;
  sentDateTime: string | null;
  recipients: Addressee[];
  /** The Message-IDs in In-Reply-To and References. */
  answers: string[];
};

/** One mailbox's messages of the conversations its copies belong to. */
export type Listing = { owner: MailboxRef; messages: readonly ThreadMessage[] };

/** A message the owner of a listing sent in answer to the plan. */
export type FollowedMessage = {
  message: ThreadMessage;
  depth: number;
  kind: Exclude<MessageKind, "original">;
  sender: MailboxRef;
};

/** Where the walk stands: the plan's Message-IDs so far and the depth they reach. */
export type ThreadWalk = { depth: number; maxDepth: number; visited: ReadonlySet<string> };

/**
 * The Message-IDs in a header value (In-Reply-To, References), in order, however the value is folded.
 * @example messageIdsIn("<a@x>\r\n <b@y> (comment)") // → ["<a@x>", "<b@y>"]
 */
export function messageIdsIn(value: string | null | undefined): string[] {
  return (value ?? "").match(/<[^<>\s]+>/g) ?? [];
}

/** A copy as Graph lists it: a conversation's messages come with their headers, a found copy without. */
export type ListedMessage = MessageCopy & {
  internetMessageHeaders?: InternetMessageHeader[] | null;
  isDraft?: boolean | null;
};

function addressees(m: ListedMessage): Addressee[] {
  const fields: [RecipientField, ListedMessage["toRecipients"]][] = [
    ["to", m.toRecipients],
    ["cc", m.ccRecipients],
    ["bcc", m.bccRecipients],
  ];
  return fields.flatMap(([field, list]) =>
    (list ?? []).flatMap((r) =>
      r.emailAddress?.address
        ? [{ address: r.emailAddress.address, name: r.emailAddress.name ?? null, field }]
        : []
    )
  );
}

/**
 * A listed message as following needs it; null for a draft or a message without a Message-ID (never sent).
 * @example threadMessageOf(forward)?.answers // → ["<demo-phish-0001@fabrikam.com>"]
 */
export function threadMessageOf(m: ListedMessage): ThreadMessage | null {
  if (!m.internetMessageId || m.isDraft === true) return null;
  const header = (name: string) =>
    (m.internetMessageHeaders ?? [])
      .filter((h) => h.name?.toLowerCase() === name)
      .map((h) => h.value ?? "")
      .join(" ");
  return {
    internetMessageId: m.internetMessageId,
    subject: m.subject ?? "",
    from: m.from?.emailAddress?.address ?? null,
    fromName: m.from?.emailAddress?.name ?? null,
    sentDateTime: m.sentDateTime ?? null,
    recipients: addressees(m),
    answers: [...new Set([...messageIdsIn(header("in-reply-to")), ...messageIdsIn(header("references"))])],
  };
}

/**
 * A walk from the original message that will follow forwards and replies up to `maxDepth` steps.
 * @example startWalk("<demo-phish-0001@fabrikam.com>", 2) // → { depth: 0, maxDepth: 2, visited: Set { "<demo-phish-0001@fabrikam.com>" } }
 */
export function startWalk(internetMessageId: string, maxDepth: number): ThreadWalk {
  return { depth: 0, maxDepth, visited: new Set([internetMessageId]) };
}

/**
 * The next depth: every message a listing's owner sent (its From is one of the owner's addresses, in
 * whichever folder it is) that answers a message of the plan and is not in the plan yet. Message-IDs
 * are compared exactly. Found messages come oldest first. Nothing is found once the walk is at its
 * maximum depth.
 * @example followLevel(startWalk("<phish@x>", 3), [{ owner: adele, messages: [phish, adelesForward] }])
 *          // → { walk: { depth: 1, ... }, found: [{ message: adelesForward, depth: 1, kind: "forward", sender: adele }] }
 */
export function followLevel(
  walk: ThreadWalk,
  listings: readonly Listing[]
): { walk: ThreadWalk; found: FollowedMessage[] } {
  if (walk.depth >= walk.maxDepth) return { walk, found: [] };
  const depth = walk.depth + 1;
  const found: FollowedMessage[] = [];
  const taken = new Set<string>();
  for (const { owner, messages } of listings)
    for (const message of messages) {
      const id = message.internetMessageId;
      if (walk.visited.has(id) || taken.has(id)) continue;
      if (!ownsAddress(owner, message.from)) continue;
      if (!message.answers.some((answered) => walk.visited.has(answered))) continue;
      taken.add(id);
      found.push({ message, depth, kind: messageKind(message.subject), sender: owner });
    }
  // Oldest first, whatever order the mailboxes were listed in, so the plan reads the same every time.
  found.sort(
    (a, b) =>
      (a.message.sentDateTime ?? "\uffff").localeCompare(b.message.sentDateTime ?? "\uffff") ||
      a.message.internetMessageId.localeCompare(b.message.internetMessageId)
  );
  return { walk: { ...walk, depth, visited: new Set([...walk.visited, ...taken]) }, found };
}
