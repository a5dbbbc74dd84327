// When an item that entered Recoverable Items is permanently removed:
// max(deleted + RetainDeletedItemsFor, the latest end of protection among the holds that cover it).
import { laterEnd, type End } from "./exchangeValues.js";
import type { HoldState } from "./holds.js";

export type Removal = {
  /** When the item leaves the mailbox for good. */
  at: End;
  /** When deleted-item retention ends (and a protected item moves to Purges or DiscoveryHolds). */
  retentionEndsAt: number;
  /** How long deleted-item retention kept it: RetainDeletedItemsFor, or 0 when purged outright. */
  retainedForMs: number;
  /** The hold that keeps the item past its deleted-item retention, if any. */
  keptBy: HoldState | null;
  /** Whether Litigation Hold (rather than another hold) protects it when deleted-item retention ends. */
  litigationHoldAtRetentionEnd: boolean;
};

const outlasts = (end: End, instant: number) => typeof end !== "number" || end > instant;

/**
 * Computes the removal of an item deleted at `deletedAt`. `retainForMs` is RetainDeletedItemsFor, or 0 for
 * an item purged outright with Single Item Recovery off. A hold counts only if it was in place before the
 * item would otherwise have gone (holds with no known placement are assumed to have been).
 * @example removalAfterDeletion(d, [litigationHoldUntil(e)], 14 * dayMs) // → { at: max(d + 14 days, e), … }
 */
export function removalAfterDeletion(deletedAt: number, holds: HoldState[], retainForMs: number): Removal {
  const retentionEndsAt = deletedAt + retainForMs;
  const covering = holds.filter((hold) => hold.coversItem && hold.end !== null);
  const counted = new Set<HoldState>();
  let at: End = retentionEndsAt;
  // Fixed point: a hold placed later still counts if an earlier hold kept the item until then.
  for (let changed = true; changed;) {
    changed = false;
    for (const hold of covering) {
      if (counted.has(hold)) continue;
      if (hold.placedAt === null || typeof at !== "number" || hold.placedAt <= at) {
        counted.add(hold);
        at = laterEnd(at, hold.end!);
        changed = true;
      }
    }
  }
  const keptBy = at === retentionEndsAt ? null : ([...counted].find((hold) => hold.end === at) ?? null);
  const litigationHoldAtRetentionEnd = [...counted].some(
    (hold) => hold.kind === "LitigationHold" && outlasts(hold.end!, retentionEndsAt)
  );
  return { at, retentionEndsAt, retainedForMs: retainForMs, keptBy, litigationHoldAtRetentionEnd };
}
