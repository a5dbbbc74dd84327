// Plays an item's life forward: delivery, the scenario's events in time order, and what Exchange does by
// itself (MRM actions, the move of protected items to Purges or DiscoveryHolds, permanent removal), including
// what is still to come after `asOf`.
import { dayMs, type End } from "./exchangeValues.js";
import { holdName, type HoldState } from "./holds.js";
import { actionWindow, suspensionAt } from "./mrm.js";
import { removalAfterDeletion, type Removal } from "./removal.js";
import type { ItemEvent, Scenario } from "./scenario.js";
import {
  expiryOf,
  findPersonalTag,
  mrmMovesFrom,
  resolveTag,
  stampsExpiry,
  type ResolvedTag,
} from "./tags.js";

const DELETIONS = "recoverableitemsdeletions";
const PURGES = "recoverableitemspurges";
const DISCOVERY_HOLDS = "recoverableitemsdiscoveryholds";
const REMOVED = "removed";

const recoverable = new Set([DELETIONS, PURGES, DISCOVERY_HOLDS]);

/**
 * Whether a location is in the user's view (not Recoverable Items, not gone).
 * @example isVisible("recoverableitemsdeletions") // → false
 */
export function isVisible(location: string): boolean {
  return !recoverable.has(location) && location !== REMOVED;
}

export type Step = { at: number; location: string; why: string };

/** What the item looked like at a moment: where it was, the tag of its last visible folder, and its retention stamp. */
export type Snapshot = { location: string; tag: ResolvedTag | null; stampedAt: number | null };

export type LifeStory = {
  steps: Step[];
  asOf: Snapshot;
  /** The permanent removal still pending at the end ("indefinitely"/"unknown"), if the item is in Recoverable Items. */
  pendingRemoval: End | null;
};

type Due = { at: number; apply: () => void };

/** Why deleted-item retention no longer keeps an item. */
function retentionEnded(removal: Removal): string {
  if (removal.retainedForMs === 0) return "purged with Single Item Recovery off";
  return `deleted-item retention (${Math.round(removal.retainedForMs / dayMs)} days) ended`;
}

/**
 * Plays the item's life from delivery through every event and every step Exchange takes by itself, until
 * nothing more happens; also records where the item stood at `asOf`.
 * @example playLife(parseScenario(seed2), []).steps.map((s) => s.location)
 * // → ["inbox", "recoverableitemsdeletions", "removed"]
 */
export function playLife(scenario: Scenario, holds: HoldState[]): LifeStory {
  const { mailbox, item } = scenario;
  const personalTag = findPersonalTag(scenario.retentionTags, item.personalTag);
  const tagAt = (folder: string): ResolvedTag | null =>
    resolveTag(scenario.retentionTags, folder, personalTag);
  const retainMs = mailbox.RetainDeletedItemsFor.ms;
  // Without MFA runs in the scenario, MRM is assumed to act at the end of its expected window.
  const mfaRunsGiven = scenario.events.some((event) => event.action === "mfaRun");

  const steps: Step[] = [{ at: item.receivedAt, location: item.folder, why: "delivered" }];
  let location = item.folder;
  let visibleFolder = item.folder;
  let since = item.receivedAt;
  const deliveredTag = tagAt(item.folder);
  let stampedAt: number | null = deliveredTag && stampsExpiry(deliveredTag.tag) ? item.receivedAt : null;
  let removal: Removal | null = null;
  let movedToHoldFolder = false;
  let asOf: Snapshot | null = null;

  const moveTo = (at: number, to: string, why: string) => {
    location = to;
    since = at;
    steps.push({ at, location: to, why });
    if (isVisible(to)) {
      visibleFolder = to;
      const tag = tagAt(to);
      if (!mfaRunsGiven && stampedAt === null && tag && stampsExpiry(tag.tag)) stampedAt = at;
    }
  };
  const enterRecoverable = (at: number, to: string, why: string) => {
    moveTo(at, to, why);
    const outright = to === PURGES && !mailbox.SingleItemRecoveryEnabled;
    removal = removalAfterDeletion(at, holds, outright ? 0 : retainMs);
  };

  const mrmDueAt = (): number | null => {
    const resolved = tagAt(location);
    if (!isVisible(location) || !resolved || stampedAt === null || !mrmMovesFrom(resolved.tag, location))
      return null;
    const expiresAt = expiryOf(resolved.tag, stampedAt);
    if (expiresAt === null) return null;
    const window = actionWindow(mailbox, Math.max(expiresAt, since));
    return window ? window.to : null;
  };
  const mrmAct = (at: number) => {
    const { tag } = tagAt(location)!;
    const why = `by the ${tag.Name} tag`;
    if (tag.RetentionAction === "PermanentlyDelete") enterRecoverable(at, PURGES, why);
    else if (tag.RetentionAction === "MoveToDeletedItems") moveTo(at, "deleteditems", why);
    else enterRecoverable(at, DELETIONS, why);
  };

  const nextDue = (): Due | null => {
    if (location === REMOVED) return null;
    if (isVisible(location)) {
      const at = mfaRunsGiven ? null : mrmDueAt();
      return at === null ? null : { at, apply: () => mrmAct(at) };
    }
    const current = removal!;
    const protectedPast = typeof current.at !== "number" || current.at > current.retentionEndsAt;
    if (location === DELETIONS && protectedPast && !movedToHoldFolder) {
      const to = current.litigationHoldAtRetentionEnd ? PURGES : DISCOVERY_HOLDS;
      const keeper = current.keptBy ? `; kept by ${holdName(current.keptBy.kind)}` : "";
      return {
        at: current.retentionEndsAt,
        apply: () => {
          movedToHoldFolder = true;
          moveTo(current.retentionEndsAt, to, `${retentionEnded(current)}${keeper}`);
        },
      };
    }
    if (typeof current.at !== "number") return null;
    const at = current.at;
    const why = current.keptBy
      ? `protection by ${holdName(current.keptBy.kind)} ended`
      : retentionEnded(current);
    return { at, apply: () => moveTo(at, REMOVED, why) };
  };

  const applyEvent = (event: ItemEvent) => {
    const { at, action } = event;
    if (location === REMOVED) return;
    const visible = isVisible(location);
    switch (action) {
      case "softDelete":
        if (visible && location !== "deleteditems") moveTo(at, "deleteditems", "deleted by the user");
        else if (visible) enterRecoverable(at, DELETIONS, "deleted from Deleted Items by the user");
        break;
      case "hardDelete":
        if (visible) enterRecoverable(at, DELETIONS, "hard-deleted by the user (Shift+Delete)");
        else if (location === DELETIONS) purgeByUser(at);
        break;
      case "retractSoft":
        if (visible) enterRecoverable(at, DELETIONS, "retracted (soft) by an administrator");
        break;
      case "retractHard":
        if (visible) enterRecoverable(at, PURGES, "retracted (hard) by an administrator");
        else if (location === DELETIONS) moveTo(at, PURGES, "retracted (hard) by an administrator");
        break;
      case "mfaRun":
        mfaRun(at);
        break;
      case "holdRemoved":
        break; // its effect on protection is part of the holds
    }
  };
  const purgeByUser = (at: number) => {
    if (!mailbox.SingleItemRecoveryEnabled) removal = removalAfterDeletion(at, holds, 0);
    moveTo(at, PURGES, "purged from Recoverable Items by the user");
  };
  const mfaRun = (at: number) => {
    if (!isVisible(location) || mailbox.ElcProcessingDisabled) return;
    const resolved = tagAt(location);
    if (!resolved || !stampsExpiry(resolved.tag)) return;
    if (stampedAt === null) {
      stampedAt = at; // the MFA stamps an item when it first finds it under a tag
      return;
    }
    const expiresAt = expiryOf(resolved.tag, stampedAt)!;
    if (at >= expiresAt && suspensionAt(mailbox, at) === null && mrmMovesFrom(resolved.tag, location))
      mrmAct(at);
  };

  const snapshot = (): Snapshot => ({ location, tag: tagAt(visibleFolder), stampedAt });
  const events = [...scenario.events];
  for (;;) {
    const due = nextDue();
    const event = events[0];
    const nextAt = Math.min(due?.at ?? Infinity, event?.at ?? Infinity);
    if (nextAt === Infinity) break;
    if (!asOf && nextAt > scenario.asOf) asOf = snapshot();
    // Exchange's own step first when it falls before (or with) the next event.
    if (due && due.at <= (event?.at ?? Infinity)) due.apply();
    else applyEvent(events.shift()!);
  }
  const pendingRemoval = removal && location !== REMOVED ? (removal as Removal).at : null;
  return { steps, asOf: asOf ?? snapshot(), pendingRemoval };
}
