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
import { createMailboxGate } from "../../graph/mailboxGate.js";
import type { MessageCopy } from "../../graph/graphTypes.js";
import type { PreviewRequest } from "../retractionRequest.js";
import type { Inclusion, NotRetractableReason, PlanMessage } from "./discoveryTypes.js";
import { followLevel, startWalk, threadMessageOf, type Listing, type ThreadMessage } from "./followThread.js";
import { openedInInclusion, recipientInclusion, refusalText, type Origin } from "./inclusionText.js";
import { lookInMailbox, lookupOf, type MailboxLookup } from "./lookInMailbox.js";
import { mailboxOfUser, type MailboxRef } from "./mailboxRef.js";
import { forEachWithConcurrency, mapWithConcurrency } from "../../mapWithConcurrency.js";
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
  // The first page says it: a user is one reach of its own; a group's members come with the group as `via`.
  for await (const page of resolve(from)) {
    const direct = page.find((r) => r.kind === "mailbox" && r.via === null);
    return direct?.kind === "mailbox" ? direct.mailbox : null;
  }
  return null;
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

/** A recipient as resolution reached it, with why it is part of the plan. */
type Reached = { reach: Reach; why: Inclusion };

/** Runs a Graph call of one message's gathering in its turn: at most `ctx.limit` are out at once. */
type Turn = <T>(call: () => Promise<T>) => Promise<T>;

/**
 * The message's recipients resolved in order, a group's members as their pages arrive. The next
 * `ctx.limit` recipients are being resolved meanwhile: one after another, each would wait a round trip.
 * Every member of one group reached through one recipient shares one reason object.
 */
async function* reachesOf(
  ctx: Context,
  message: ThreadMessage,
  origin: Origin,
  turn: Turn
): AsyncGenerator<Reached> {
  const { recipients } = message;
  const ahead = new Map<number, { pages: AsyncIterator<Reach[]>; first: Promise<IteratorResult<Reach[]>> }>();
  const askAhead = (i: number) => {
    if (i >= recipients.length) return;
    const pages = ctx.resolve(recipients[i]!.address)[Symbol.asyncIterator]();
    const first = turn(() => pages.next());
    // Awaited in its turn below; until then its failure must not count as unhandled.
    first.catch(() => undefined);
    ahead.set(i, { pages, first });
  };
  for (let i = 0; i < ctx.limit; i++) askAhead(i);
  for (let i = 0; i < recipients.length; i++) {
    askAhead(i + ctx.limit);
    const { pages, first } = ahead.get(i)!;
    ahead.delete(i);
    const reasons = new Map<string | null, Inclusion>();
    for (let page = await first; !page.done; page = await turn(() => pages.next())) {
      for (const reach of page.value) {
        let why = reasons.get(reach.via);
        if (!why) {
          why = recipientInclusion(origin, { field: recipients[i]!.field, via: reach.via });
          reasons.set(reach.via, why);
        }
        yield { reach, why };
      }
    }
  }
}

/** What looking in a mailbox came to, kept per mailbox while a message's recipients are gathered. */
type Outcome = { kind: "copies" } | { kind: "refused"; reason: NotRetractableReason };

/**
 * One message's recipients: each resolved (groups expanded page by page) and each mailbox looked in once
 * for the message, the findings recorded as soon as it has been. A mailbox reached again (named and a
 * list's member, or on two lists) has only its further reason recorded: the findings are merged by
 * mailbox afterwards. `known` gives lookups already made (the opened-in mailbox's); the sender's mailbox
 * is left out. Returns the mailboxes holding copies when `follow` asks for them (their conversations
 * lead to the next depth).
 */
async function gatherMessage(
  ctx: Context,
  message: ThreadMessage,
  origin: Origin,
  sender: MailboxRef | null,
  follow: boolean,
  known: ReadonlyMap<string, MailboxLookup> = new Map()
): Promise<Holder[]> {
  const holders: Holder[] = [];
  const outcomes = new Map<string, Promise<Outcome>>();
  // One lane of the gate is a plain limit: resolving ahead and looking in mailboxes share it.
  const gate = createMailboxGate(ctx.limit);
  const turn: Turn = (call) => gate.run("graph", call);

  async function lookIn(mailbox: MailboxRef, why: Inclusion): Promise<Outcome> {
    const lookup =
      known.get(mailbox.objectId) ??
      (await turn(() => lookInMailbox(ctx.graph, mailbox, message.internetMessageId)));
    if (lookup.kind === "refused") {
      await ctx.record([refusedOf(mailbox, lookup.reason, why)]);
      return { kind: "refused", reason: lookup.reason };
    }
    ctx.reached.add(mailbox.objectId);
    if (follow) holders.push({ mailbox, conversationIds: lookup.conversationIds });
    await ctx.record([{ kind: "target", mailbox, copies: lookup.copies, why }]);
    return { kind: "copies" };
  }

  await forEachWithConcurrency(reachesOf(ctx, message, origin, turn), ctx.limit, async ({ reach, why }) => {
    if (reach.kind === "refused") return ctx.record([refusedFinding(reach, why)]);
    const { mailbox } = reach;
    if (mailbox.objectId === sender?.objectId) return;
    const earlier = outcomes.get(mailbox.objectId);
    if (!earlier) {
      const outcome = lookIn(mailbox, why);
      outcomes.set(mailbox.objectId, outcome);
      await outcome;
      return;
    }
    // Recorded once the first lookup has been, so the reasons keep the order they were met in.
    const outcome = await earlier;
    await ctx.record([
      outcome.kind === "copies"
        ? { kind: "target", mailbox, copies: [], why }
        : refusedOf(mailbox, outcome.reason, why),
    ]);
  });
  return holders;
}

function refusedOf(mailbox: MailboxRef, reason: NotRetractableReason, why: Inclusion): Finding {
  const text = refusalText(reason, mailbox.upn);
  return { kind: "refused", address: mailbox.upn, objectId: mailbox.objectId, reason, text, why };
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
