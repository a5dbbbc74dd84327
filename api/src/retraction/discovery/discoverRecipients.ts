// Recipient discovery for a retraction: from the copy in the mailbox the admin opened the message in, its
// To, Cc (and Bcc, when that copy is the sender's) recipients, groups expanded, each resolved to a mailbox
// and looked in for a copy; then, to the chosen depth, the forwards and replies those mailboxes' owners
// sent, and their recipients in turn. What it finds is recorded as it is found: every mailbox holding a
// copy (each copy matched exactly on Internet Message-ID) with why it is included, and every recipient
// that cannot be retracted with the reason. Findings about the same mailbox are merged afterwards
// (mergeFindings), so discovery holds only what it needs to go on, however many mailboxes it reaches.
//
// The sender's own copy is never a target. Retraction takes a message back from its recipients; the
// sender's copy (usually in Sent Items) is the record of what was sent, which the investigation and the
// sender need; Outlook's own message recall leaves it alone too. It is not listed among the recipients
// that cannot be retracted either: nothing failed there. This holds at every depth: a forwarder keeps the
// forward in their own Sent Items, though their copy of the message they forwarded is a target. A sender
// who also addressed themselves keeps that copy as well.
import { AppError } from "../../errors.js";
import type { GraphGateway } from "../../graph/graphClient.js";
import type { MessageCopy } from "../../graph/graphTypes.js";
import type { PreviewRequest } from "../retractionRequest.js";
import type { Inclusion, PlanMessage } from "./discoveryTypes.js";
import {
  followLevel,
  startWalk,
  threadMessageOf,
  type Addressee,
  type Listing,
  type ThreadMessage,
} from "./followThread.js";
import { openedInInclusion, recipientInclusion, refusalText, type Origin } from "./inclusionText.js";
import { lookInMailbox, lookupOf, type MailboxLookup } from "./lookInMailbox.js";
import { mailboxOfUser, type MailboxRef } from "./mailboxRef.js";
import { mapWithConcurrency } from "../../mapWithConcurrency.js";
import { sweepTenant } from "./sweepTenant.js";
import type { Finding } from "./mergeFindings.js";
import { createResolver, type Reach, type ResolveAddress } from "./resolveAddress.js";

export type DiscoveryDeps = {
  graph: GraphGateway;
  /** How many mailboxes (or addresses) are looked up side by side; 8 unless given. */
  concurrency?: number;
};

export const defaultDiscoveryConcurrency = 8;

/** Where discovery puts what it finds, as it finds it: staged for the plan, or collected by a test. */
export type RecordFindings = (findings: Finding[]) => Promise<void>;

type Context = {
  graph: GraphGateway;
  resolve: ResolveAddress;
  limit: number;
  record: RecordFindings;
  /** The mailboxes found holding copies (object ids), which the sweep need not look in again. */
  reached: Set<string>;
};

/** A mailbox holding copies, and the conversations they belong to there. */
type Holder = { mailbox: MailboxRef; conversationIds: string[] };

/** One mailbox's listed conversations, its messages by Message-ID. */
type OwnedListing = { owner: MailboxRef; messages: Map<string, ThreadMessage> };

async function openedInMailbox(graph: GraphGateway, address: string): Promise<MailboxRef> {
  const { value: found } = await graph.findRecipientByAddress(address);
  if (found?.kind === "user") return mailboxOfUser(found);
  const what = found
    ? `the group ${found.displayName ?? address}, not a mailbox`
    : "not a mailbox of the tenant";
  throw new AppError(
    404,
    "MAILBOX_NOT_FOUND",
    `${address} is ${what}; open the message in a mailbox that holds it.`
  );
}

/** The original as its copies in the opened-in mailbox show it: their recipients together (a Sent Items copy adds Bcc). */
function originalOf(copies: readonly MessageCopy[]): ThreadMessage {
  const [first, ...rest] = copies.map(threadMessageOf).filter((m): m is ThreadMessage => m !== null);
  const seen = new Set<string>();
  const recipients = [first!, ...rest]
    .flatMap((m) => m.recipients)
    .filter((r) => {
      const key = `${r.field}:${r.address.toLowerCase()}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  return { ...first!, recipients };
}

const planMessage = (m: ThreadMessage, depth: number): PlanMessage => ({
  internetMessageId: m.internetMessageId,
  depth,
  subject: m.subject,
  from: m.from,
  sentDateTime: m.sentDateTime,
});

/** The sender's mailbox when the sender is a user of the tenant; null for anyone else. */
async function senderMailbox(resolve: ResolveAddress, from: string | null): Promise<MailboxRef | null> {
  if (!from) return null;
  const direct = (await resolve(from)).find((r) => r.kind === "mailbox" && r.via === null);
  return direct?.kind === "mailbox" ? direct.mailbox : null;
}

function refusedFinding(reach: Extract<Reach, { kind: "refused" }>, why: Inclusion): Finding {
  return {
    kind: "refused",
    address: reach.address,
    objectId: reach.objectId,
    reason: reach.reason,
    text: refusalText(reach.reason, reach.address, reach.domain),
    why,
  };
}

/**
 * One message's recipients: resolved (groups expanded), then each mailbox looked in once for the message,
 * its findings recorded as soon as it has been. `known` gives lookups already made (the opened-in
 * mailbox's); the sender's mailbox is left out. Returns the mailboxes holding copies when `follow`
 * asks for them (their conversations lead to the next depth).
 */
async function gatherMessage(
  ctx: Context,
  message: ThreadMessage,
  origin: Origin,
  sender: MailboxRef | null,
  follow: boolean,
  known: ReadonlyMap<string, MailboxLookup> = new Map()
): Promise<Holder[]> {
  const refused: Finding[] = [];
  const reaches = await mapWithConcurrency(message.recipients, ctx.limit, (r: Addressee) =>
    ctx.resolve(r.address)
  );
  const candidates = new Map<string, { mailbox: MailboxRef; why: Inclusion[] }>();
  message.recipients.forEach((recipient, i) => {
    for (const reach of reaches[i]!) {
      const why = recipientInclusion(origin, { field: recipient.field, via: reach.via });
      if (reach.kind === "refused") refused.push(refusedFinding(reach, why));
      else if (reach.mailbox.objectId !== sender?.objectId) {
        const entry = candidates.get(reach.mailbox.objectId) ?? { mailbox: reach.mailbox, why: [] };
        entry.why.push(why);
        candidates.set(reach.mailbox.objectId, entry);
      }
    }
  });
  await ctx.record(refused);
  const holders: Holder[] = [];
  await mapWithConcurrency([...candidates.values()], ctx.limit, async ({ mailbox, why }) => {
    const lookup =
      known.get(mailbox.objectId) ?? (await lookInMailbox(ctx.graph, mailbox, message.internetMessageId));
    if (lookup.kind === "copies") {
      ctx.reached.add(mailbox.objectId);
      if (follow) holders.push({ mailbox, conversationIds: lookup.conversationIds });
      await ctx.record(why.map((w) => ({ kind: "target", mailbox, copies: lookup.copies, why: w })));
    } else {
      const text = refusalText(lookup.reason, mailbox.upn);
      await ctx.record(
        why.map((w) => ({
          kind: "refused",
          address: mailbox.upn,
          objectId: mailbox.objectId,
          reason: lookup.reason,
          text,
          why: w,
        }))
      );
    }
  });
  return holders;
}

/**
 * Lists, once each, the conversations the new holders' copies belong to, adding them to `listings`.
 * An owner known only as a group member is read first, for every address they may send from.
 */
async function listConversations(
  ctx: Context,
  holders: readonly Holder[],
  listings: Map<string, OwnedListing>,
  listed: Set<string>
): Promise<void> {
  const byMailbox = new Map<string, Holder>();
  for (const h of holders) {
    const entry = byMailbox.get(h.mailbox.objectId) ?? { mailbox: h.mailbox, conversationIds: [] };
    entry.conversationIds.push(...h.conversationIds);
    byMailbox.set(h.mailbox.objectId, entry);
  }
  await mapWithConcurrency([...byMailbox.values()], ctx.limit, async ({ mailbox, conversationIds }) => {
    const fresh = [...new Set(conversationIds)].filter((c) => !listed.has(`${mailbox.objectId} ${c}`));
    if (fresh.length === 0) return;
    let listing = listings.get(mailbox.objectId);
    if (!listing) {
      const owner = mailbox.addressesComplete
        ? mailbox
        : mailboxOfUser((await ctx.graph.getUser(mailbox.upn)).value);
      listing = { owner, messages: new Map() };
      listings.set(mailbox.objectId, listing);
    }
    // One conversation after another: a mailbox never has more than one of discovery's requests in flight.
    for (const conversationId of fresh) {
      listed.add(`${mailbox.objectId} ${conversationId}`);
      const { value } = await ctx.graph.listConversation(mailbox.upn, conversationId);
      for (const m of value.map(threadMessageOf))
        if (m && !listing.messages.has(m.internetMessageId)) listing.messages.set(m.internetMessageId, m);
    }
  });
}

/**
 * Records everyone holding a copy of the message (and, to `conversationDepth`, of the forwards and
 * replies its recipients sent), and everyone it reached that cannot be retracted, with reasons in words;
 * returns the plan's messages.
 *
 * Fails with 404 MAILBOX_NOT_FOUND when `mailbox` is not a user of the tenant, 400 MESSAGE_NOT_FOUND when
 * the message is not in it (the request names a message that is not there), and with the gateway's error when Graph
 * throttles or fails; a recipient's mailbox out of the app's scope, without a mailbox or without a copy
 * is an answer, not a failure.
 * @example await discoverRecipients({ graph }, { internetMessageId: "<demo-phish-0001@fabrikam.com>",
 *          mailbox: "adele.vance@contoso.com", conversationDepth: 1, mode: "soft", sweep: false }, record)
 *          // → { messages: [phish, adele's forward, alex's reply] }, each finding passed to record
 */
export async function discoverRecipients(
  deps: DiscoveryDeps,
  request: PreviewRequest,
  record: RecordFindings
): Promise<{ messages: PlanMessage[] }> {
  const { graph } = deps;
  const id = request.internetMessageId;
  const ctx: Context = {
    graph,
    resolve: createResolver(graph, (await graph.listDomains()).value),
    limit: deps.concurrency ?? defaultDiscoveryConcurrency,
    record,
    reached: new Set(),
  };

  const openedIn = await openedInMailbox(graph, request.mailbox);
  const { value: listed } = await graph.findCopies(openedIn.upn, id, { retentionProperties: true });
  const opened = lookupOf(listed, id);
  if (opened.kind !== "copies")
    throw new AppError(
      400,
      "MESSAGE_NOT_FOUND",
      `The message ${id} is not in the mailbox ${openedIn.upn}: no item there has exactly that Internet Message-ID.`
    );
  const original = originalOf(listed.filter((c) => c.internetMessageId === id));
  const sender = await senderMailbox(ctx.resolve, original.from);

  const messages: PlanMessage[] = [planMessage(original, 0)];
  const known = new Map<string, MailboxLookup>();
  const isSender = openedIn.objectId === sender?.objectId;
  if (!isSender) known.set(openedIn.objectId, opened);
  let walk = startWalk(id, request.conversationDepth);
  const follow = () => walk.depth < walk.maxDepth;
  const origin: Origin = { internetMessageId: id, depth: 0, kind: "original", by: null };
  let holders = await gatherMessage(ctx, original, origin, sender, follow(), known);
  // The mailbox the admin opened the message in holds it, named on the message or not (Bcc, a list
  // whose members changed since).
  if (!isSender) {
    ctx.reached.add(openedIn.objectId);
    await record([{ kind: "target", mailbox: openedIn, copies: opened.copies, why: openedInInclusion(id) }]);
    holders.push({ mailbox: openedIn, conversationIds: opened.conversationIds });
  }

  const listings = new Map<string, OwnedListing>();
  const listedConversations = new Set<string>();
  while (follow()) {
    await listConversations(ctx, holders, listings, listedConversations);
    const all: Listing[] = [...listings.values()].map((l) => ({
      owner: l.owner,
      messages: [...l.messages.values()],
    }));
    const level = followLevel(walk, all);
    walk = level.walk;
    if (level.found.length === 0) break;
    holders = [];
    for (const f of level.found) {
      messages.push(planMessage(f.message, f.depth));
      const by = f.sender.displayName ?? f.message.fromName ?? f.message.from;
      const origin: Origin = {
        internetMessageId: f.message.internetMessageId,
        depth: f.depth,
        kind: f.kind,
        by,
      };
      holders.push(...(await gatherMessage(ctx, f.message, origin, f.sender, follow())));
    }
  }
  if (request.sweep) {
    const skip = new Set([...ctx.reached, ...(sender ? [sender.objectId] : [])]);
    await record(await sweepTenant(ctx, id, skip));
  }
  return { messages };
}
