// One entry per mailbox and per refused address, however many ways discovery reached it: a member of two
// nested lists, a To recipient who also got a forward. Their reasons (`why`) and copies are merged.
import type {
  FoundCopy,
  Inclusion,
  NotRetractable,
  NotRetractableReason,
  RetractableTarget,
} from "./discoveryTypes.js";
import type { MailboxRef } from "./mailboxRef.js";

/** One thing a lookup found: copies in a mailbox, or a recipient that cannot be retracted. */
export type Finding =
  | { kind: "target"; mailbox: MailboxRef; copies: FoundCopy[]; why: Inclusion }
  | {
      kind: "refused";
      address: string;
      /** The directory object, when the address resolved to one (merges a user's aliases). */
      objectId: string | null;
      reason: NotRetractableReason;
      text: string;
      why: Inclusion;
    };

/**
 * What makes findings about the same thing: a mailbox's directory object; for a refusal, the directory
 * object (or the address) with the reason.
 * @example mergeKeyOf({ kind: "refused", address: "X@fabrikam.com", objectId: null, reason: "external", ... }) // → "external:x@fabrikam.com"
 */
export function mergeKeyOf(finding: Finding): string {
  if (finding.kind === "target") return finding.mailbox.objectId;
  return `${finding.reason}:${finding.objectId ?? finding.address.toLowerCase()}`;
}

/** Names in code order, as the database sorts them (COLLATE "C"), so a plan's order is the same either way. */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const whyKey = (w: Inclusion) => `${w.depth}\u0000${w.internetMessageId}\u0000${w.text}`;

function addWhy(list: Inclusion[], why: Inclusion): void {
  if (!list.some((w) => whyKey(w) === whyKey(why))) list.push(why);
}

/** Nearest depth first; within a depth, in the order discovery met them (sort is stable). */
const byDepth = (a: Inclusion, b: Inclusion) => a.depth - b.depth;

const firstDepth = (why: Inclusion[]) => Math.min(...why.map((w) => w.depth));

/**
 * Targets merged by mailbox (copies by id, reasons without repeats) and refusals merged by recipient
 * and reason. A mailbox that holds a copy of one plan message but not of another stays a target only:
 * its missing copy is not a refusal. Both lists come nearest depth first, then by address.
 * @example mergeFindings([{ kind: "target", mailbox: megan, copies: [c], why: viaFinanceTeam },
 *                         { kind: "target", mailbox: megan, copies: [c], why: viaFinanceLeads }]).targets.length // → 1
 */
export function mergeFindings(findings: readonly Finding[]): {
  targets: RetractableTarget[];
  notRetractable: NotRetractable[];
} {
  const targets = new Map<string, RetractableTarget>();
  for (const f of findings) {
    if (f.kind !== "target") continue;
    const target = targets.get(mergeKeyOf(f)) ?? {
      mailbox: f.mailbox.upn,
      objectId: f.mailbox.objectId,
      displayName: f.mailbox.displayName,
      copies: [],
      why: [],
    };
    for (const copy of f.copies) if (!target.copies.some((c) => c.id === copy.id)) target.copies.push(copy);
    addWhy(target.why, f.why);
    targets.set(mergeKeyOf(f), target);
  }
  const refused = new Map<string, NotRetractable>();
  for (const f of findings) {
    if (f.kind !== "refused") continue;
    if (f.reason === "copyNotFound" && f.objectId !== null && targets.has(f.objectId)) continue;
    const key = mergeKeyOf(f);
    const entry = refused.get(key) ?? { address: f.address, reason: f.reason, text: f.text, why: [] };
    addWhy(entry.why, f.why);
    refused.set(key, entry);
  }
  const order = <T extends { why: Inclusion[] }>(list: T[], name: (t: T) => string) => {
    for (const t of list) t.why.sort(byDepth);
    return list.sort((a, b) => firstDepth(a.why) - firstDepth(b.why) || byName(name(a), name(b)));
  };
  return {
    targets: order([...targets.values()], (t) => t.mailbox),
    notRetractable: order([...refused.values()], (r) => r.address.toLowerCase()),
  };
}
